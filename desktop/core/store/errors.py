"""Turning database failures into catalogue errors, and a transaction helper that does it.

SQLAlchemy's exception text holds the SQL statement; it is dropped (``from None``) so that nothing
from a row, not even ciphertext, reaches a log or a dialog.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import errors as pg_errors
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.errors import SocialdeskError

log = logging.getLogger(__name__)

# SQLite primary result codes (the low byte of an extended code).
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_NOTADB = 26


def _sqlite_code(error: BaseException) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def translate(error: BaseException) -> SocialdeskError | None:
    """The catalogue error for a database or file-system failure, or None if it is not one we know."""
    if isinstance(error, SocialdeskError):
        return error
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return SocialdeskError("disk_full")
    original: BaseException = error
    if isinstance(error, sa_exc.DBAPIError) and error.orig is not None:
        original = error.orig
    if isinstance(original, psycopg.Error):
        return _translate_postgresql(original, error)
    if not isinstance(original, sqlite3.Error):
        return None
    code = _sqlite_code(original)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return SocialdeskError("database_busy")
    if code == SQLITE_FULL:
        return SocialdeskError("disk_full")
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return SocialdeskError("database_corrupt")
    return None


#: SQLSTATEs of a wait that was refused or given up on: the same as SQLite's busy.
_PG_BUSY = (
    pg_errors.SerializationFailure,
    pg_errors.DeadlockDetected,
    pg_errors.LockNotAvailable,
    pg_errors.QueryCanceled,
)


def _translate_postgresql(original: psycopg.Error, error: BaseException) -> SocialdeskError | None:
    """PostgreSQL failures: a lost or refused server is ``database_unreachable``, never a retry loop."""
    if isinstance(original, _PG_BUSY):
        return SocialdeskError("database_busy")
    if isinstance(original, pg_errors.DiskFull):
        return SocialdeskError("disk_full")
    if isinstance(original, pg_errors.DataCorrupted | pg_errors.IndexCorrupted):
        return SocialdeskError("database_corrupt")
    refused_login = original.sqlstate in ("28P01", "28000") or "authentication failed" in str(original)
    if refused_login or isinstance(
        original, pg_errors.InvalidPassword | pg_errors.InvalidAuthorizationSpecification
    ):
        return SocialdeskError("database_unreachable", "the database refused the user name or password")
    if isinstance(original, psycopg.OperationalError | pg_errors.AdminShutdown | pg_errors.CannotConnectNow):
        return SocialdeskError("database_unreachable")
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return SocialdeskError("database_unreachable")
    return None


def _redacted_postgresql(error: BaseException) -> sa_exc.DBAPIError | None:
    """The same kind of error without PostgreSQL's DETAIL, which quotes the row (ciphertext included)."""
    if not isinstance(error, sa_exc.DBAPIError) or not isinstance(error.orig, psycopg.Error):
        return None
    original = error.orig
    constraint = original.diag.constraint_name
    summary = f"{type(original).__name__} (SQLSTATE {original.sqlstate or '?'})"
    if constraint:
        summary += f" on constraint {constraint}"
    return type(error)(None, None, _Summary(summary), hide_parameters=True)


class _Summary(Exception):
    """Stands in for the driver's exception: its class name and constraint, no row values."""


@contextmanager
def translated() -> Iterator[None]:
    """Re-raise known database failures as :class:`SocialdeskError` without the SQL text."""
    try:
        yield
    except (sa_exc.DBAPIError, sqlite3.Error, psycopg.Error, OSError) as error:
        mapped = translate(error)
        if mapped is None:
            redacted = _redacted_postgresql(error)
            if redacted is None:
                raise
            raise redacted from None
        log.warning("database error mapped to %s (%s)", mapped.code, type(error).__name__)
        raise mapped from None


@contextmanager
def transaction(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """One short write transaction: commit on success, roll back on any error.

    Sessions must not nest: every transaction takes SQLite's write lock at BEGIN, so an inner one
    would wait for the outer one and end in ``database_busy``.
    """
    with translated(), sessions.begin() as session:
        yield session
