"""A keychain in a JSON file, shared by a test and the child processes it kills.

The in-memory test keychain dies with its process; a SIGKILL test needs the keys to outlive the
process that wrote them, as the OS keychain does. Every write is atomic (temp file, fsync, rename)
under a file lock, so a process killed mid-write leaves the old file or the new one, never half.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import PasswordDeleteError

KEYRING_FILE_ENV = "SOCIALDESK_TEST_KEYRING_FILE"


class FileKeyring(KeyringBackend):
    """Never chosen by keyring's own detection (it is not viable there): only when handed in."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("the test file keychain is used only when handed in explicitly")

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        chosen = path or os.environ.get(KEYRING_FILE_ENV)
        if not chosen:
            raise ValueError(f"a FileKeyring needs a path (or {KEYRING_FILE_ENV})")
        self.path = Path(chosen)

    def get_password(self, service: str, username: str) -> str | None:
        with self._locked():
            return self._read().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._locked():
            items = self._read()
            items.setdefault(service, {})[username] = password
            self._write(items)

    def delete_password(self, service: str, username: str) -> None:
        with self._locked():
            items = self._read()
            if username not in items.get(service, {}):
                raise PasswordDeleteError("no such item")
            del items[service][username]
            self._write(items)

    def entries(self) -> dict[str, dict[str, str]]:
        with self._locked():
            return self._read()

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_suffix(".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return {str(s): {str(u): str(p) for u, p in users.items()} for s, users in loaded.items()}

    def _write(self, items: dict[str, dict[str, str]]) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".keyring-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(items, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
