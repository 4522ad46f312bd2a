"""The store on a real PostgreSQL (the run's throwaway cluster): schema, failures, locking."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.orm import sessionmaker

from desktop.core.errors import SocialdeskError
from desktop.core.secrets import SecretStr
from desktop.core.settings import Paths, Settings
from desktop.core.store import connections, migrate, workspaces
from desktop.core.store.engine import open_engine
from desktop.core.store.errors import transaction
from desktop.core.store.meta import SCHEMA_VERSION, get_meta
from desktop.core.store.models import Base, KekEntry, TokenRecord
from desktop.core.vault import registry
from desktop.core.vault.bootstrap import Storage
from tests.core.vault.helpers import (
    CONSENTED,
    SCOPES,
    add_connection,
    open_test_storage,
    read_token,
    token_for,
)
from tests.support.memory_keyring import MemoryKeyring
from tests.support.postgres import PostgresCluster

EARLIER = migrate.revisions()[:-1]


@pytest.fixture
def engine(postgres_url: str) -> Iterator[Engine]:
    engine = open_engine(postgres_url)
    yield engine
    engine.dispose()


def test_upgrade_from_an_empty_database_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


@pytest.mark.parametrize("start", EARLIER)
def test_upgrade_from_every_earlier_revision_keeps_data(postgres_url: str, start: str) -> None:
    plain = create_engine(postgres_url)
    now = datetime(2026, 1, 1, tzinfo=UTC).replace(tzinfo=None)
    with plain.begin() as connection:
        migrate.upgrade(connection, start)
        connection.execute(
            text("INSERT INTO meta (id, vault_id, schema_version, created_at) VALUES (1, 'v-old', 1, :now)"),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO workspaces (id, name, is_default, created_at, updated_at) "
                "VALUES (1, 'My workspace', true, :now, :now)"
            ),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO instagram_connections (workspace_id, ig_user_id, username, account_type, scopes, "
                "consented_at, status, created_at, updated_at) VALUES (1, '17841400000000001', 'alice', "
                "'BUSINESS', '[\"instagram_business_basic\"]', :now, 'active', :now, :now)"
            ),
            {"now": now},
        )
    plain.dispose()
    engine = open_engine(postgres_url)
    try:
        with engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
            assert connection.execute(text("SELECT username FROM instagram_connections")).scalar() == "alice"
        with transaction(sessionmaker(engine)) as session:
            assert get_meta(session).vault_id == "v-old"
            assert get_meta(session).schema_version == SCHEMA_VERSION
    finally:
        engine.dispose()


def test_desktops_starting_together_migrate_once(postgres_url: str) -> None:
    """The second desktop waits for the first one's migration, then finds the schema at head."""
    results: list[object] = []

    def start() -> None:
        try:
            open_engine(postgres_url).dispose()
            results.append("ok")
        except Exception as error:  # recorded for the assertion below
            results.append(error)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results == ["ok"] * 4
    plain = create_engine(postgres_url)
    with plain.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
        assert migrate.current_revision(connection) == migrate.head_revision()
    plain.dispose()


def test_an_unreachable_database_has_its_own_code(postgres_cluster: PostgresCluster) -> None:
    url = postgres_cluster.url("postgres").replace(f":{postgres_cluster.port}/", ":1/")
    with pytest.raises(SocialdeskError) as caught:
        open_engine(url)
    assert caught.value.code == "database_unreachable"
    assert postgres_cluster.password not in str(caught.value)


def test_a_wrong_password_is_refused_without_echoing_it(postgres_cluster: PostgresCluster) -> None:
    wrong = "wrong-" + postgres_cluster.password[::-1]
    with pytest.raises(SocialdeskError) as caught:
        open_engine(postgres_cluster.url("postgres", password=wrong))
    assert caught.value.code == "database_unreachable"
    assert "password" in caught.value.detail
    assert wrong not in str(caught.value)
    assert postgres_cluster.password not in str(caught.value)


def test_the_server_log_never_holds_the_password(engine: Engine, postgres_cluster: PostgresCluster) -> None:
    log_text = (postgres_cluster.root / "server.log").read_text(encoding="utf-8", errors="replace")
    assert postgres_cluster.password not in log_text
    assert postgres_cluster.password not in repr(engine.url)


def _storage(paths: Paths, url: str, keyring: MemoryKeyring) -> Storage:
    return open_test_storage(paths, keyring, settings=Settings(database_url=url))


def test_a_constraint_error_quotes_no_row(
    paths: Paths, postgres_url: str, memory_keyring: MemoryKeyring
) -> None:
    """PostgreSQL's DETAIL would show the failing row, ciphertext included: it is dropped."""
    with _storage(paths, postgres_url, memory_keyring) as storage:
        add_connection(storage, "alice")
        with pytest.raises(Exception) as caught, transaction(storage.sessions) as session:
            session.execute(text("UPDATE token_records SET connection_id = NULL"))
        message = str(caught.value)
        assert "ck_token_records_one_owner" in message
        assert "\\x" not in message
        assert "Failing row" not in message


def _wait_for_lock_waiter(engine: Engine, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    with engine.connect() as connection:
        while time.monotonic() < deadline:
            waiting = connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
            ).scalar()
            connection.rollback()
            if waiting:
                return True
            time.sleep(0.05)
    return False


@pytest.mark.parametrize("row_locks", [True, False], ids=["with-row-locks", "without-row-locks"])
def test_a_connect_overlapping_a_rotation_on_another_desktop(
    paths: Paths,
    postgres_url: str,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    row_locks: bool,
) -> None:
    """Desktop A seals a token (not yet committed) while desktop B rotates the key.

    With the registry row locks, B's switch waits for A's commit and the record is rewrapped; without
    them (the review's reproduction) the key is destroyed under the uncommitted record.
    """
    if not row_locks:
        monkeypatch.setattr(registry, "_locked", lambda query, _lock: query)
    desktop_a = _storage(paths, postgres_url, memory_keyring)
    desktop_b = _storage(paths, postgres_url, memory_keyring)
    try:
        with transaction(desktop_a.sessions) as session:
            first_key = registry.active_entry(session)
            assert first_key is not None
            old_kek_id = first_key.kek_id
        rotation_error: list[BaseException] = []

        def rotate() -> None:
            try:
                desktop_b.vault.rotate()
            except BaseException as error:
                rotation_error.append(error)

        rotator = threading.Thread(target=rotate)
        with transaction(desktop_a.sessions) as session:
            workspace_id = workspaces.ensure_default(session).id
            connections.upsert_connection(
                session,
                desktop_a.vault,
                workspace_id=workspace_id,
                ig_user_id="1001",
                username="acme",
                account_type="BUSINESS",
                scopes=SCOPES,
                consented_at=CONSENTED,
                expires_at=None,
                token=SecretStr(token_for("acme")),
            )
            rotator.start()
            if row_locks:
                assert _wait_for_lock_waiter(desktop_a.engine), "the rotation did not wait for the seal"
            else:
                rotator.join(30)
        rotator.join(30)
        assert not rotator.is_alive()
        assert rotation_error == []
        with _storage(paths, postgres_url, memory_keyring) as desktop_c:
            with transaction(desktop_c.sessions) as session:
                [record] = session.scalars(select(TokenRecord)).all()
                old_state = session.get(KekEntry, old_kek_id)
                assert old_state is not None
            connection_id = record.connection_id
            assert connection_id is not None
            if row_locks:
                assert record.kek_id != old_kek_id
                assert old_state.state == "destroyed"
                assert read_token(desktop_c, connection_id) == token_for("acme")
            else:
                assert record.kek_id == old_kek_id
                assert old_state.state == "destroyed"
                with pytest.raises(SocialdeskError) as caught:
                    read_token(desktop_c, connection_id)
                assert caught.value.code == "vault_keys_unavailable"
    finally:
        desktop_a.close()
        desktop_b.close()


def _upsert(storage: Storage, token: str) -> int:
    with transaction(storage.sessions) as session:
        workspace_id = workspaces.ensure_default(session).id
        return connections.upsert_connection(
            session,
            storage.vault,
            workspace_id=workspace_id,
            ig_user_id="1001",
            username="acme",
            account_type="BUSINESS",
            scopes=SCOPES,
            consented_at=CONSENTED,
            expires_at=None,
            token=SecretStr(token),
        ).id


def test_two_desktops_connecting_the_same_account_at_once(
    paths: Paths, postgres_url: str, memory_keyring: MemoryKeyring
) -> None:
    """Both connects succeed, one after the other: one row, holding the later token, nothing lost."""
    desktops = [_storage(paths, postgres_url, memory_keyring) for _ in range(2)]
    try:
        start = threading.Barrier(2)
        results: dict[str, object] = {}

        def connect(storage: Storage, token: str) -> None:
            start.wait(10)
            try:
                results[token] = _upsert(storage, token)
            except Exception as error:  # recorded for the assertion below
                results[token] = error

        tokens = [token_for("first-desktop"), token_for("second-desktop")]
        threads = [
            threading.Thread(target=connect, args=(storage, token))
            for storage, token in zip(desktops, tokens, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert all(isinstance(value, int) for value in results.values()), results
        assert len(set(results.values())) == 1, "one connection row"
        [connection_id] = set(results.values())
        assert isinstance(connection_id, int)
        with transaction(desktops[0].sessions) as session:
            assert session.scalar(text("SELECT count(*) FROM token_records")) == 1
        assert read_token(desktops[0], connection_id) in tokens
    finally:
        for storage in desktops:
            storage.close()


def test_the_database_lost_mid_flow_has_its_own_code_and_nothing_half_written(
    paths: Paths, postgres_url: str, memory_keyring: MemoryKeyring
) -> None:
    with _storage(paths, postgres_url, memory_keyring) as storage:
        with pytest.raises(SocialdeskError) as caught, transaction(storage.sessions) as session:
            workspace_id = workspaces.ensure_default(session).id
            connections.upsert_connection(
                session,
                storage.vault,
                workspace_id=workspace_id,
                ig_user_id="1001",
                username="acme",
                account_type="BUSINESS",
                scopes=SCOPES,
                consented_at=CONSENTED,
                expires_at=None,
                token=SecretStr(token_for("acme")),
            )
            # The server drops this desktop's connection before the commit (a network cut, a restart).
            other = create_engine(postgres_url)
            with other.connect() as admin:
                admin.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                )
                admin.commit()
            other.dispose()
        assert caught.value.code == "database_unreachable"
        assert token_for("acme") not in str(caught.value)
        with transaction(storage.sessions) as session:  # a fresh connection from the pool
            assert session.scalar(text("SELECT count(*) FROM instagram_connections")) == 0
            assert session.scalar(text("SELECT count(*) FROM token_records")) == 0
        add_connection(storage, "acme")  # and the next attempt works
