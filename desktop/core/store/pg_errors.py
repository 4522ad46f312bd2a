"""PostgreSQL failures as catalogue errors, and driver errors without the row values they quote.

Imported only when a psycopg error is being handled, so the embedded (SQLite-only) paths never
need the PostgreSQL driver.
"""

from __future__ import annotations

import psycopg
from psycopg import errors as pg_errors
from sqlalchemy import exc as sa_exc

from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_

#: SQLSTATEs of a wait that was refused or given up on: the same as SQLite's busy.
_PG_BUSY = (
    pg_errors.SerializationFailure,
    pg_errors.DeadlockDetected,
    pg_errors.LockNotAvailable,
    pg_errors.QueryCanceled,
)


def translate_postgresql(original: BaseException, error: BaseException) -> SocialdeskError | None:
    """PostgreSQL failures: a lost or refused server is ``database_unreachable``, never a retry loop."""
    if not isinstance(original, psycopg.Error):
        return None
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
        return SocialdeskError("database_unreachable", N_("the database refused the user name or password"))
    if isinstance(original, psycopg.OperationalError | pg_errors.AdminShutdown | pg_errors.CannotConnectNow):
        return SocialdeskError("database_unreachable")
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return SocialdeskError("database_unreachable")
    return None


def redacted(error: sa_exc.DBAPIError) -> sa_exc.DBAPIError | None:
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
