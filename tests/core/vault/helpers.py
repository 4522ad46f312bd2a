"""Shared helpers for store and vault tests: storage with a test keychain, and test keychains."""

from __future__ import annotations

import json
import os
import threading
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import KeyringLocked, PasswordDeleteError

from desktop.core.clock import Clock
from desktop.core.secrets import SecretStr
from desktop.core.settings import Paths, Settings
from desktop.core.store import connections, workspaces
from desktop.core.store.errors import transaction
from desktop.core.vault.bootstrap import Storage, open_storage
from tests.support.memory_keyring import MemoryKeyring

CONSENTED = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
SCOPES = ("instagram_business_basic", "instagram_business_content_publish")


def token_for(name: str) -> str:
    """A token-shaped test value that is unique per name."""
    return f"IGAAtest{name}Zq9xR2vWm7Lk4Jp8Hs3Nd6Fb1Gc5Tt0Yy"


@dataclass
class Keychain:
    """A keyring backend and the allow-list entry that admits it."""

    backend: KeyringBackend
    allow: tuple[type, ...]
    name: str


def open_test_storage(
    paths: Paths,
    backend: KeyringBackend,
    *,
    allow: tuple[type | str, ...] = (MemoryKeyring,),
    clock: Clock | None = None,
    keychain_timeout: float = 2.0,
    settings: Settings | None = None,
) -> Storage:
    return open_storage(
        paths,
        settings or Settings(),
        backend,
        allow_backends=allow,
        clock=clock,
        keychain_timeout=keychain_timeout,
    )


def add_connection(
    storage: Storage,
    username: str = "alice",
    *,
    ig_user_id: str | None = None,
    token: str | None = None,
    workspace_id: int | None = None,
) -> int:
    with transaction(storage.sessions) as session:
        if workspace_id is None:
            workspace_id = workspaces.ensure_default(session).id
        connection = connections.upsert_connection(
            session,
            storage.vault,
            workspace_id=workspace_id,
            ig_user_id=ig_user_id or f"1784140{zlib.crc32(username.encode()):010d}",
            username=username,
            account_type="BUSINESS",
            scopes=SCOPES,
            consented_at=CONSENTED,
            expires_at=CONSENTED + timedelta(days=60),
            token=SecretStr(token or token_for(username)),
        )
        return connection.id


def read_token(storage: Storage, connection_id: int) -> str:
    with transaction(storage.sessions) as session:
        connection = connections.get(session, connection_id)
        assert connection is not None
        return connections.read_token(session, storage.vault, connection).reveal()


def all_tokens(storage: Storage) -> dict[str, str]:
    with transaction(storage.sessions) as session:
        return {
            connection.username: connections.read_token(session, storage.vault, connection).reveal()
            for connection in connections.list_all(session)
        }


class ExplicitOnly:
    """Keeps a test keychain out of ``keyring``'s automatic backend detection."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("test keychains are passed in explicitly")


class OtherMemoryKeyring(ExplicitOnly, MemoryKeyring):
    """A second in-memory backend class, to play "the keychain backend changed"."""


class LockedKeyring(ExplicitOnly, MemoryKeyring):
    """Refuses every call while ``locked`` is set, as Secret Service does when unlock is dismissed."""

    def __init__(self) -> None:
        super().__init__()
        self.locked = False

    def _check(self) -> None:
        if self.locked:
            raise KeyringLocked("Failed to unlock the collection!")

    def get_password(self, service: str, username: str) -> str | None:
        self._check()
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self._check()
        super().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        self._check()
        super().delete_password(service, username)


class HangingKeyring(ExplicitOnly, MemoryKeyring):
    """Blocks every call until ``release`` is set, like a D-Bus call that never returns."""

    def __init__(self) -> None:
        super().__init__()
        self.hang = threading.Event()
        self.release = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        if self.hang.is_set():
            self.release.wait(30)
        return super().get_password(service, username)


class CountingKeyring(ExplicitOnly, MemoryKeyring):
    """Counts lookups, to prove a key is looked up by id exactly once."""

    def __init__(self) -> None:
        super().__init__()
        self.gets: list[tuple[str, str]] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.gets.append((service, username))
        return super().get_password(service, username)


class FileKeyring(ExplicitOnly, KeyringBackend):
    """A keychain shared by several test processes: a JSON file, replaced atomically."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self.path = Path(path or os.environ["SOCIALDESK_TEST_KEYRING_FILE"])

    def _read(self) -> dict[str, str]:
        try:
            data: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return data

    def _write(self, data: dict[str, str]) -> None:
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, self.path)

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._read()
        data[f"{service}\n{username}"] = password
        self._write(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._read()
        if data.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError("no such item")
        self._write(data)
