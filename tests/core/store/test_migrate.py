"""Alembic migrations: from an empty database and from every earlier revision, to models' schema."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.orm import sessionmaker

from desktop.core.store import migrate
from desktop.core.store.engine import open_engine
from desktop.core.store.errors import transaction
from desktop.core.store.meta import SCHEMA_VERSION, ensure_meta, get_meta
from desktop.core.store.models import Base

EARLIER = migrate.revisions()[:-1]


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def test_revisions_form_one_line_ending_at_head() -> None:
    revisions = migrate.revisions()
    assert revisions[-1] == migrate.head_revision()
    assert len(revisions) == len(set(revisions)) == SCHEMA_VERSION
    script = migrate.script_directory()
    assert len(script.get_heads()) == 1


def test_upgrade_from_an_empty_database_matches_the_models(tmp_path: Path) -> None:
    engine = open_engine(_url(tmp_path / "fresh.db"))
    try:
        with engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert differences == []
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
    finally:
        engine.dispose()


@pytest.mark.parametrize("start", EARLIER)
def test_upgrade_from_every_earlier_revision_keeps_data(tmp_path: Path, start: str) -> None:
    path = tmp_path / f"from-{start}.db"
    plain = create_engine(_url(path))
    with plain.begin() as connection:
        migrate.upgrade(connection, start)
        now = datetime(2026, 1, 1, tzinfo=UTC).replace(tzinfo=None)
        connection.execute(
            text("INSERT INTO meta (id, vault_id, schema_version, created_at) VALUES (1, 'v-old', 1, :now)"),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO workspaces (id, name, is_default, created_at, updated_at) "
                "VALUES (1, 'My workspace', 1, :now, :now)"
            ),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO instagram_connections (workspace_id, ig_user_id, username, account_type, scopes, "
                "consented_at, status, created_at, updated_at) "
                "VALUES (1, '17841400000000001', 'alice', 'BUSINESS', '[\"instagram_business_basic\"]', "
                ":now, 'active', :now, :now)"
            ),
            {"now": now},
        )
    plain.dispose()

    engine = open_engine(_url(path))
    try:
        with engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
            assert connection.execute(text("SELECT username FROM instagram_connections")).scalar() == "alice"
        with transaction(sessionmaker(engine)) as session:
            meta = get_meta(session)
            assert meta.vault_id == "v-old"
            assert meta.schema_version == SCHEMA_VERSION
    finally:
        engine.dispose()


def test_a_failed_migration_leaves_the_database_at_its_old_revision(tmp_path: Path) -> None:
    """Migrations run in one transaction: a failure part-way (in 0002_vault) commits nothing."""
    path = tmp_path / "half.db"
    plain = create_engine(_url(path))
    with plain.begin() as connection:
        migrate.upgrade(connection, "0001_store")
    plain.dispose()
    blocker = sqlite3.connect(path)
    # A table the next revision wants to create is already there: its CREATE TABLE fails.
    blocker.execute("CREATE TABLE token_records (id INTEGER PRIMARY KEY)")
    blocker.commit()
    blocker.close()
    with pytest.raises(Exception, match="already exists"):
        open_engine(_url(path))
    check = sqlite3.connect(path)
    try:
        assert check.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001_store",)]
        tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "kek_registry" not in tables
    finally:
        check.close()


def test_meta_row_is_created_once_with_a_random_vault_id(tmp_path: Path) -> None:
    engine = open_engine(_url(tmp_path / "meta.db"))
    try:
        with transaction(sessionmaker(engine)) as session:
            first = ensure_meta(session).vault_id
        with transaction(sessionmaker(engine)) as session:
            assert ensure_meta(session).vault_id == first
            assert get_meta(session).schema_version == SCHEMA_VERSION
        assert len(first) == 32
        other = open_engine(_url(tmp_path / "other.db"))
        with transaction(sessionmaker(other)) as session:
            assert ensure_meta(session).vault_id != first
        other.dispose()
    finally:
        engine.dispose()


def test_migrations_do_not_need_an_alembic_ini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert not (tmp_path / "alembic.ini").exists()
    assert migrate.alembic_config().get_main_option("script_location") == str(migrate.MIGRATIONS_DIR)
    open_engine(_url(tmp_path / "x.db")).dispose()
