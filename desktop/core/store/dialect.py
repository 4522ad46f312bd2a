"""What differs between the embedded SQLite file and a shared PostgreSQL database, kept in one place.

- SQLite serialises writers with ``BEGIN IMMEDIATE`` (see :mod:`desktop.core.store.engine`); on
  PostgreSQL several desktops write at once, so code that must not interleave takes row locks
  (``SELECT … FOR UPDATE`` / ``FOR SHARE``, which SQLAlchemy leaves out on SQLite, where the write
  lock already covers them) or an advisory lock.
- Work queues claim rows with ``FOR UPDATE SKIP LOCKED`` so two desktops never take the same row.
- Schema migrations take a transaction-scoped advisory lock, so desktops starting together migrate
  once: the second waits, then finds the schema already at head.
"""

from __future__ import annotations

import zlib
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

#: How long a desktop waits for the team database to answer a new connection.
CONNECT_TIMEOUT_SECONDS = 10
#: A statement waiting for a row lock longer than this fails as ``database_busy``.
LOCK_TIMEOUT_MS = 15_000


def is_postgresql(bind: Engine | Connection) -> bool:
    return bind.dialect.name == "postgresql"


def lock_key(name: str) -> int:
    """A stable 63-bit advisory-lock key for ``name`` (the same on every desktop)."""
    return zlib.crc32(f"socialdesk:{name}".encode()) | (0x5D << 32)


def create_postgresql_engine(url: URL) -> Engine:
    """An engine for a team database: psycopg 3, checked connections, bounded waits.

    ``hide_parameters`` keeps row values (ciphertext included) out of exception text; the password
    stays inside the URL object, whose text form SQLAlchemy masks.
    """
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    connect_args: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT_SECONDS,
        "application_name": "socialdesk",
        "options": f"-c lock_timeout={LOCK_TIMEOUT_MS}",
    }
    return create_engine(
        url,
        hide_parameters=True,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=5,
        connect_args=connect_args,
    )


def serialize_migrations(connection: Connection) -> None:
    """Make concurrent migrators take turns, until the caller's transaction ends."""
    if is_postgresql(connection):
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key("migrate")})


def serialize_on(session: Session, name: str) -> None:
    """Until the transaction ends, make other desktops doing the same ``name`` wait (PostgreSQL).

    On SQLite every write transaction already holds the database's one write lock.
    """
    if is_postgresql(session.get_bind()):
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key(name)})
