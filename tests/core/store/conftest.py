"""Store tests share the vault tests' storage fixtures (connections need a vault to seal tokens).

``storage`` runs each test twice: on the embedded SQLite file and on a database of the run's
throwaway PostgreSQL cluster (a team database).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from desktop.core.clock import ManualClock
from desktop.core.settings import Paths, Settings
from desktop.core.vault.bootstrap import Storage
from tests.core.vault.conftest import keychain, paths
from tests.core.vault.helpers import Keychain, open_test_storage
from tests.support.memory_keyring import MemoryKeyring

__all__ = ["keychain", "paths"]


@pytest.fixture(params=["sqlite", "postgresql"])
def store_settings(request: pytest.FixtureRequest) -> Settings:
    if request.param == "sqlite":
        return Settings()
    url: str = request.getfixturevalue("postgres_url")
    return Settings(database_url=url)


@pytest.fixture
def make_storage(
    paths: Paths, clock: ManualClock, store_settings: Settings
) -> Iterator[Callable[..., Storage]]:
    opened: list[Storage] = []

    def _open(keychain: Keychain, **kwargs: object) -> Storage:
        kwargs.setdefault("settings", store_settings)
        storage = open_test_storage(paths, keychain.backend, allow=keychain.allow, clock=clock, **kwargs)  # type: ignore[arg-type]
        opened.append(storage)
        return storage

    yield _open
    for storage in opened:
        storage.close()


@pytest.fixture
def storage(make_storage: Callable[..., Storage], memory_keyring: MemoryKeyring) -> Storage:
    return make_storage(Keychain(memory_keyring, (MemoryKeyring,), "memory"))
