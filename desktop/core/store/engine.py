"""Opening the database: a checked SQLite file (or any SQLAlchemy URL), set up and migrated.

SQLite settings and why:
- WAL, so the CLI can read and write while the GUI has the file open;
- a busy timeout, so two writers wait for each other instead of failing;
- every transaction starts with ``BEGIN IMMEDIATE``: a WAL reader that later writes fails at once
  (``SQLITE_BUSY_SNAPSHOT``) when another process committed in between, and the busy timeout cannot
  help; taking the write lock up front turns that into an ordinary wait;
- ``foreign_keys=ON`` so deleting a connection deletes its token record; ``secure_delete=ON`` so
  freed pages are zeroed; ``temp_store=MEMORY`` so sorts and temporary tables never reach a temp file.

A file that is not a healthy Socialdesk database is never modified: it is probed with reads only
(header, ``quick_check``, table names) before anything writes to it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import ConnectionPoolEntry, QueuePool

from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_, Detail
from desktop.core.store import dialect, migrate
from desktop.core.store.errors import translate, translated

log = logging.getLogger(__name__)

DEFAULT_BUSY_TIMEOUT = 5.0
_SQLITE_HEADER = b"SQLite format 3\x00"
_SQLITE_HEADER_SIZE = 100


def open_engine(
    url: str | URL, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT, migrate_to_head: bool = True
) -> Engine:
    """An engine for ``url`` with the schema at head.

    Raises ``SocialdeskError`` with ``database_corrupt`` (damaged, truncated or foreign file; nothing
    is changed), ``database_busy`` (another process held the write lock past ``busy_timeout``) or
    ``disk_full``.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        engine = (
            dialect.create_postgresql_engine(parsed)
            if parsed.get_backend_name() == "postgresql"
            else create_engine(parsed, hide_parameters=True, pool_pre_ping=True)
        )
    elif not parsed.database or parsed.database == ":memory:":
        return open_memory_engine(busy_timeout=busy_timeout)
    else:
        path = Path(parsed.database).expanduser()
        _prepare_file(path)
        _probe(path, busy_timeout)
        engine = create_engine(
            parsed, hide_parameters=True, connect_args={"timeout": busy_timeout, "check_same_thread": False}
        )
        _install_sqlite_setup(engine, busy_timeout, wal=True)
    if migrate_to_head:
        try:
            migrate_engine(engine)
        except BaseException:
            engine.dispose()
            raise
    return engine


def open_memory_engine(*, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> Engine:
    """A migrated in-memory database: session-only mode, where nothing may reach the disk.

    A one-connection pool keeps the single in-memory database alive for the engine's life and makes
    threads take turns, as the WAL file's write lock does for a file.
    """
    engine = create_engine(
        "sqlite://",
        poolclass=QueuePool,
        pool_size=1,
        max_overflow=0,
        pool_timeout=busy_timeout,
        hide_parameters=True,
        connect_args={"check_same_thread": False},
    )
    _install_sqlite_setup(engine, busy_timeout, wal=False)
    migrate_engine(engine)
    return engine


def migrate_engine(engine: Engine) -> None:
    """Bring the schema to head in one transaction (concurrent starters take turns).

    A desktop that finds another one already migrated (it waited for its lock) does nothing.
    """
    head = migrate.head_revision()
    with translated(), engine.begin() as connection:
        dialect.serialize_migrations(connection)
        current = migrate.current_revision(connection)
        if current == head:
            return
        if current is not None and current not in migrate.revisions():
            raise SocialdeskError(
                "database_corrupt",
                Detail(
                    N_("it was written by a newer Socialdesk (schema {schema}); update Socialdesk"),
                    schema=current,
                ),
            )
        log.info("migrating database schema from %s to %s", current or "empty", head)
        migrate.upgrade(connection, head)


def checkpoint(engine: Engine) -> bool:
    """Fold the WAL into the database file and truncate it, so deleted rows' old pages are gone too.

    Returns False when a reader in another process kept the checkpoint from completing.
    """
    if engine.dialect.name != "sqlite":
        return True
    with translated():
        rows = _run_outside_transaction(engine, "PRAGMA wal_checkpoint(TRUNCATE)")
    return bool(rows) and rows[0][0] == 0


def _prepare_file(path: Path) -> None:
    """Create the folder (0700) and an empty database file (0600) if they are missing."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not path.exists():
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
    except FileExistsError:
        pass
    except OSError as error:
        mapped = translate(error)
        if mapped is not None:
            raise mapped from None
        raise


def _corrupt(path: Path, why: str) -> SocialdeskError:
    log.warning("database file %s refused: %s", path.name, why)
    return SocialdeskError("database_corrupt", f"{path}: {why}")


def _probe(path: Path, busy_timeout: float) -> None:
    """Refuse a damaged, truncated or foreign file before anything writes to it."""
    size = path.stat().st_size
    if size == 0:
        return
    if size < _SQLITE_HEADER_SIZE:
        raise _corrupt(path, "the file is truncated")
    with path.open("rb") as handle:
        if handle.read(len(_SQLITE_HEADER)) != _SQLITE_HEADER:
            raise _corrupt(path, "the file is not an SQLite database")
    try:
        # Read-write but read-only in practice: a mode=ro connection would leave -wal/-shm files behind.
        connection = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
    except sqlite3.Error as error:
        raise _corrupt(path, f"the file cannot be opened ({type(error).__name__})") from None
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
        if rows != [("ok",)]:
            raise _corrupt(path, "the integrity check failed")
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as error:
        mapped = translate(error)
        if mapped is not None and mapped.code != "database_corrupt":
            raise mapped from None
        raise _corrupt(path, "the file is damaged") from None
    finally:
        connection.close()
    if tables and "alembic_version" not in tables:
        raise _corrupt(path, "the file is not a Socialdesk database")


def _install_sqlite_setup(engine: Engine, busy_timeout: float, *, wal: bool) -> None:
    timeout_ms = max(0, int(busy_timeout * 1000))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN (sqlite3's implicit one is deferred).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {timeout_ms}")
            if wal:
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA secure_delete = ON")
            cursor.execute("PRAGMA temp_store = MEMORY")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def integrity_check(engine: Engine) -> list[str]:
    """``PRAGMA integrity_check`` rows; ``["ok"]`` for a healthy SQLite database."""
    with translated():
        return [str(row[0]) for row in _run_outside_transaction(engine, "PRAGMA integrity_check")]


def _run_outside_transaction(engine: Engine, sql: str) -> list[tuple[Any, ...]]:
    """Run a PRAGMA in autocommit mode, without the write lock every ORM transaction takes."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        try:
            cursor.execute(sql)
            return [tuple(row) for row in cursor.fetchall()]
        finally:
            cursor.close()
    finally:
        raw.close()
