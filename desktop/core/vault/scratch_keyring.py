"""A keychain that lives in memory for one process: for rendering screenshots and for tests.

Its priority is below keyring's fail backend, so keyring never picks it on its own; it is used only
where it is handed in explicitly (and allow-listed by the caller), never as a silent fallback.
"""

from __future__ import annotations

import threading

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class ScratchKeyring(KeyringBackend):
    priority = -1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._items: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            return self._items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            self._items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            if self._items.pop((service, username), None) is None:
                raise PasswordDeleteError("no such item")

    def items(self) -> dict[tuple[str, str], str]:
        with self._lock:
            return dict(self._items)
