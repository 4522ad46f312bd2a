"""Fixtures for vault tests: paths in the per-test base dir and a storage on the test keychain."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring.backends.SecretService
import pytest

from desktop.core.clock import ManualClock
from desktop.core.settings import Paths
from desktop.core.vault.bootstrap import Storage
from tests.core.vault.helpers import Keychain, open_test_storage
from tests.support.memory_keyring import MemoryKeyring


@pytest.fixture
def paths(base_dir: Path) -> Paths:
    return Paths.resolve(base_dir)


@pytest.fixture(
    params=["memory", pytest.param("secret_service", marks=pytest.mark.real_keychain)],
)
def keychain(
    request: pytest.FixtureRequest, memory_keyring: MemoryKeyring, paths: Paths
) -> Iterator[Keychain]:
    """The in-memory keychain, and (marked real_keychain) the Secret Service on the session bus."""
    if request.param == "memory":
        yield Keychain(memory_keyring, (MemoryKeyring,), "tests.support.memory_keyring.MemoryKeyring")
        return
    backend = keyring.backends.SecretService.Keyring()
    yield Keychain(backend, (), "keyring.backends.SecretService.Keyring")
    _forget_real_entries(backend, paths)


def _forget_real_entries(backend: keyring.backends.SecretService.Keyring, paths: Paths) -> None:
    """Delete every key this test's vaults put in the real keychain."""
    if not paths.database_file.exists():
        return
    connection = sqlite3.connect(paths.database_file)
    try:
        rows = connection.execute("SELECT service, kek_id FROM kek_registry").fetchall()
    except sqlite3.Error:
        rows = []
    finally:
        connection.close()
    for service, kek_id in rows:
        with contextlib.suppress(Exception):
            backend.delete_password(service, kek_id)


@pytest.fixture
def make_storage(paths: Paths, clock: ManualClock) -> Iterator[Callable[..., Storage]]:
    """Open storages that are closed at the end of the test."""
    opened: list[Storage] = []

    def _open(keychain: Keychain, **kwargs: object) -> Storage:
        storage = open_test_storage(paths, keychain.backend, allow=keychain.allow, clock=clock, **kwargs)  # type: ignore[arg-type]
        opened.append(storage)
        return storage

    yield _open
    for storage in opened:
        storage.close()


@pytest.fixture
def storage(make_storage: Callable[..., Storage], memory_keyring: MemoryKeyring) -> Storage:
    return make_storage(Keychain(memory_keyring, (MemoryKeyring,), "memory"))
