"""Opening the database file: settings, refusal of bad files without touching them, busy and full."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import sessionmaker

from desktop.core.errors import SocialdeskError
from desktop.core.store import migrate
from desktop.core.store.engine import checkpoint, integrity_check, open_engine, open_memory_engine
from desktop.core.store.errors import transaction
from desktop.core.store.models import Workspace
from desktop.core.store.workspaces import create, ensure_default, list_workspaces


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "nested" / "socialdesk.db"


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def _pragma(engine: Engine, name: str) -> object:
    with engine.connect() as connection:
        return connection.execute(text(f"PRAGMA {name}")).scalar()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_gets_private_folder_and_file_and_the_schema(db_path: Path) -> None:
    engine = open_engine(_url(db_path))
    try:
        assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
        with engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()
    finally:
        engine.dispose()


def test_connections_use_wal_foreign_keys_secure_delete_and_a_busy_timeout(db_path: Path) -> None:
    engine = open_engine(_url(db_path), busy_timeout=3.5)
    try:
        assert _pragma(engine, "journal_mode") == "wal"
        assert _pragma(engine, "foreign_keys") == 1
        assert _pragma(engine, "secure_delete") == 1
        assert _pragma(engine, "busy_timeout") == 3500
        assert _pragma(engine, "temp_store") == 2  # MEMORY
    finally:
        engine.dispose()


def test_every_transaction_takes_the_write_lock_at_begin(db_path: Path) -> None:
    """BEGIN IMMEDIATE: a second writer waits at BEGIN (and times out as database_busy)."""
    engine = open_engine(_url(db_path), busy_timeout=0.2)
    sessions = sessionmaker(engine)
    try:
        with sessions.begin() as first:
            first.execute(text("SELECT 1"))  # only a read, yet the write lock is held
            other = sqlite3.connect(db_path, timeout=0.1)
            try:
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    other.execute("BEGIN IMMEDIATE")
            finally:
                other.close()
    finally:
        engine.dispose()


def test_reopening_is_idempotent_and_keeps_data(db_path: Path) -> None:
    engine = open_engine(_url(db_path))
    with transaction(sessionmaker(engine)) as session:
        create(session, "Agency")
    engine.dispose()
    engine = open_engine(_url(db_path))
    try:
        with transaction(sessionmaker(engine)) as session:
            assert [w.name for w in list_workspaces(session)] == ["Agency"]
    finally:
        engine.dispose()


def _refused(path: Path) -> SocialdeskError:
    before = _digest(path)
    with pytest.raises(SocialdeskError) as caught:
        open_engine(_url(path))
    assert caught.value.code == "database_corrupt"
    assert _digest(path) == before, "a refused file must not be modified"
    assert not Path(f"{path}-wal").exists()
    return caught.value


def test_random_bytes_are_refused_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(bytes(range(256)) * 64)
    error = _refused(db_path)
    assert "not an SQLite database" in error.detail
    assert "move it aside" in error.info.action


def test_a_file_cut_inside_the_header_is_refused_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"SQLite format 3\x00\x10\x00")
    assert "truncated" in _refused(db_path).detail


def test_a_database_truncated_mid_file_is_refused_untouched(db_path: Path) -> None:
    engine = open_engine(_url(db_path))
    with transaction(sessionmaker(engine)) as session:
        for number in range(300):
            create(session, f"Workspace {number} " + "x" * 200)
    checkpoint(engine)
    engine.dispose()
    data = db_path.read_bytes()
    assert len(data) > 8192
    db_path.write_bytes(data[: len(data) // 2])
    _refused(db_path)


def test_a_damaged_page_is_refused_untouched(db_path: Path) -> None:
    engine = open_engine(_url(db_path))
    with transaction(sessionmaker(engine)) as session:
        for number in range(300):
            create(session, f"Workspace {number} " + "x" * 200)
    checkpoint(engine)
    engine.dispose()
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for offset in range(page_size * 3, page_size * 3 + 64):
        data[offset] = 0xFF
    db_path.write_bytes(bytes(data))
    _refused(db_path)


def test_another_programs_sqlite_database_is_refused_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    other = sqlite3.connect(db_path)
    other.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    other.execute("INSERT INTO notes (body) VALUES ('keep me')")
    other.commit()
    other.close()
    assert "not a Socialdesk database" in _refused(db_path).detail
    check = sqlite3.connect(db_path)
    assert check.execute("SELECT body FROM notes").fetchall() == [("keep me",)]
    check.close()


def test_a_database_from_a_newer_socialdesk_is_refused(db_path: Path) -> None:
    engine = open_engine(_url(db_path))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(SocialdeskError) as caught:
        open_engine(_url(db_path))
    assert caught.value.code == "database_corrupt"
    assert "newer Socialdesk" in caught.value.detail
    check = sqlite3.connect(db_path)
    assert check.execute("SELECT version_num FROM alembic_version").fetchall() == [("9999_future",)]
    check.close()


def test_a_writer_held_too_long_gives_database_busy(db_path: Path) -> None:
    engine = open_engine(_url(db_path), busy_timeout=0.2)
    blocker = sqlite3.connect(db_path, isolation_level=None)
    try:
        blocker.execute("BEGIN IMMEDIATE")
        with pytest.raises(SocialdeskError) as caught, transaction(sessionmaker(engine)) as session:
            create(session, "Blocked")
        assert caught.value.code == "database_busy"
        assert "INSERT" not in str(caught.value)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        engine.dispose()


def test_opening_while_another_process_holds_the_lock_gives_database_busy(db_path: Path) -> None:
    open_engine(_url(db_path)).dispose()
    with sqlite3.connect(db_path) as setup:  # an old schema, so opening must migrate (and write)
        setup.execute("UPDATE alembic_version SET version_num = ?", (migrate.revisions()[0],))
        for table in ("token_records", "revocation_outbox", "kek_registry"):
            setup.execute(f"DROP TABLE {table}")
    setup.close()
    blocker = sqlite3.connect(db_path, isolation_level=None)
    try:
        blocker.execute("BEGIN IMMEDIATE")
        with pytest.raises(SocialdeskError) as caught:
            open_engine(_url(db_path), busy_timeout=0.2)
        assert caught.value.code == "database_busy"
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_a_full_disk_gives_disk_full_and_keeps_what_was_saved(db_path: Path) -> None:
    engine = open_engine(_url(db_path))
    sessions = sessionmaker(engine)
    with transaction(sessions) as session:
        create(session, "Saved")
    with engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar()
    # SQLite's SQLITE_FULL, the same code a real ENOSPC produces, by capping the file's size.
    engine.dispose()

    from sqlalchemy import event

    engine = open_engine(_url(db_path))

    @event.listens_for(engine, "connect")
    def _cap(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    engine.dispose()  # drop pooled connections so the cap applies to new ones
    sessions = sessionmaker(engine)
    try:
        with pytest.raises(SocialdeskError) as caught, transaction(sessions) as session:
            for number in range(200):
                create(session, f"Overflow {number} " + "y" * 500)
        assert caught.value.code == "disk_full"
        with transaction(sessions) as session:
            assert [w.name for w in list_workspaces(session)] == ["Saved"]
    finally:
        engine.dispose()


def test_memory_engine_is_migrated_and_writes_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cwd"
    folder.mkdir()
    monkeypatch.chdir(folder)
    engine = open_memory_engine()
    try:
        with transaction(sessionmaker(engine)) as session:
            ensure_default(session)
        with transaction(sessionmaker(engine)) as session:
            assert session.query(Workspace).count() == 1
        assert _pragma(engine, "foreign_keys") == 1
    finally:
        engine.dispose()
    assert list(folder.iterdir()) == []


def test_integrity_check_of_a_healthy_database(db_path: Path) -> None:
    engine = open_engine(_url(db_path))
    try:
        assert integrity_check(engine) == ["ok"]
    finally:
        engine.dispose()


def test_checkpoint_empties_the_wal(db_path: Path) -> None:
    engine = open_engine(_url(db_path))
    try:
        with transaction(sessionmaker(engine)) as session:
            create(session, "Agency")
        assert Path(f"{db_path}-wal").stat().st_size > 0
        assert checkpoint(engine) is True
        assert Path(f"{db_path}-wal").stat().st_size == 0
    finally:
        engine.dispose()
