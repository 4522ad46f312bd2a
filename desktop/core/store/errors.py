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
    if _from_psycopg(original):
        from desktop.core.store.pg_errors import translate_postgresql

        return translate_postgresql(original, error)
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


def _from_psycopg(error: BaseException) -> bool:
    """psycopg is imported only once one of its errors shows up (an embedded-only install may lack it)."""
    return type(error).__module__.split(".")[0] == "psycopg"


def _redacted(error: BaseException) -> sa_exc.DBAPIError | None:
    if isinstance(error, sa_exc.DBAPIError) and error.orig is not None and _from_psycopg(error.orig):
        from desktop.core.store.pg_errors import redacted

        return redacted(error)
    return None


@contextmanager
def translated() -> Iterator[None]:
    """Re-raise known database failures as :class:`SocialdeskError` without the SQL text."""
    try:
        yield
    except (sa_exc.DBAPIError, sqlite3.Error, OSError) as error:
        mapped = translate(error)
        if mapped is None:
            redacted = _redacted(error)
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
