"""Test-wide setup: offscreen Qt, a fresh base dir per test, and an in-memory keychain.

A guard fails any test that would reach the OS keychain unless it is marked ``real_keychain``;
those tests run against the Secret Service that the test command starts under dbus-run-session.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.SecretService
import pytest

from tests.support.memory_keyring import MemoryKeyring
from tests.support.postgres import PostgresCluster, running_cluster

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("SOCIALDESK_BASE_DIR", None)


@pytest.fixture(autouse=True)
def base_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own config, data, cache and log folders."""
    base = tmp_path / "base"
    base.mkdir()
    monkeypatch.setenv("SOCIALDESK_BASE_DIR", str(base))
    return base


@pytest.fixture(autouse=True)
def memory_keyring(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    if request.node.get_closest_marker("real_keychain") is None:

        def _refuse(*_args: object, **_kwargs: object) -> None:
            pytest.fail("this test reached the real OS keychain; mark it real_keychain or inject a backend")

        for name in ("get_password", "set_password", "delete_password", "get_credential"):
            monkeypatch.setattr(keyring.backends.SecretService.Keyring, name, _refuse)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """One throwaway PostgreSQL cluster for the whole run, stopped and deleted at the end."""
    with running_cluster() as cluster:
        yield cluster


@pytest.fixture
def postgres_url(postgres_cluster: PostgresCluster) -> Iterator[str]:
    """A fresh, empty database on the run's cluster (dropped after the test), as a SQLAlchemy URL."""
    name = postgres_cluster.create_database()
    try:
        yield postgres_cluster.url(name)
    finally:
        postgres_cluster.drop_database(name)


def real_secret_service_available() -> bool:
    """True when a Secret Service answers on the session bus (the CI test command starts one)."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False
    try:
        backend = keyring.backends.SecretService.Keyring()
        return backend.priority > 0
    except Exception:
        return False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if real_secret_service_available() or os.environ.get("SOCIALDESK_REQUIRE_REAL_KEYCHAIN") == "1":
        return
    skip = pytest.mark.skip(
        reason="no unlocked Secret Service on the session bus (run the README test command)"
    )
    for item in items:
        if item.get_closest_marker("real_keychain") is not None:
            item.add_marker(skip)
