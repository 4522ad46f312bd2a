"""A lock shared by every desktop on one PostgreSQL database: a session-level advisory lock.

The counterpart of the file lock (:class:`desktop.core.store.instance_lock.InstanceLock`) that
guards key rotation on one machine: a file lock cannot reach another desktop, the database can.
The lock lives on one pooled connection held for as long as it is taken; if the desktop dies,
the server drops the connection and the lock with it.
"""

from __future__ import annotations

import threading
from typing import Protocol

from sqlalchemy import Connection, Engine, text

from desktop.core.store.dialect import lock_key
from desktop.core.store.errors import translated


class CrossProcessLock(Protocol):
    def try_acquire(self) -> bool: ...

    def release(self) -> None: ...


class AdvisoryLock:
    def __init__(self, engine: Engine, name: str) -> None:
        self._engine = engine
        self._key = lock_key(name)
        self._connection: Connection | None = None
        self._guard = threading.Lock()

    @property
    def held(self) -> bool:
        return self._connection is not None

    def try_acquire(self) -> bool:
        """Take the lock without waiting; False when another session (desktop) holds it."""
        with self._guard:
            if self._connection is not None:
                return True
            with translated():
                connection = self._engine.connect()
                try:
                    got = bool(
                        connection.execute(
                            text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key}
                        ).scalar()
                    )
                    connection.commit()
                except BaseException:
                    connection.close()
                    raise
            if not got:
                connection.close()
                return False
            self._connection = connection
            return True

    def release(self) -> None:
        with self._guard:
            connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            with translated():
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self._key})
                connection.commit()
        finally:
            # Closing returns the connection to the pool; a dead one is discarded (lock gone with it).
            connection.close()
