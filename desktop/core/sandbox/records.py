"""The sandbox's memory on disk: a SQLite file of keyed JSON records, written row by row.

A request changes a handful of records (a code spent, a token issued), so persisting one costs a
small transaction, not a rewrite of everything ever issued. The file is in WAL mode: a commit
survives the process being killed right after it (as a provider's would), and readers never wait
for a writer. Callers serialise their own writes (each half of the sandbox holds one lock); the
connection may be used from any of the request threads.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)

K = TypeVar("K")
V = TypeVar("V")

#: How long a write waits for another process holding the file (a second sandbox on the same folder).
_BUSY_MS = 5000


class RecordFileDamaged(Exception):
    """The file is not a record store this sandbox can read."""


class RecordFile:
    """Named tables of ``key → JSON text`` in one SQLite file, readable by its owner only."""

    def __init__(self, path: Path, tables: Iterable[str]) -> None:
        self.path = path
        self.tables = tuple(_identifier(table) for table in tables)
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Created 0600 before SQLite opens it; its -wal and -shm siblings inherit the mode.
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        try:
            self._db = sqlite3.connect(
                path, timeout=_BUSY_MS / 1000, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            for table in self.tables:
                self._db.execute(
                    f'CREATE TABLE IF NOT EXISTS "{table}" (key TEXT PRIMARY KEY, value TEXT NOT NULL)'
                )
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(Exception):
                self._db.close()
            raise RecordFileDamaged(type(exc).__name__) from None

    def read(self, table: str) -> dict[str, str]:
        with self._lock:
            rows = self._db.execute(f'SELECT key, value FROM "{self._known(table)}"').fetchall()  # noqa: S608
        return {str(key): str(value) for key, value in rows}

    def write(self, changes: Mapping[str, Mapping[str, str | None]]) -> None:
        """Apply ``{table: {key: json or None (delete)}}`` in one transaction."""
        if not any(changes.values()):
            return
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for table, rows in changes.items():
                    upserts = [(key, value) for key, value in rows.items() if value is not None]
                    deletes = [(key,) for key, value in rows.items() if value is None]
                    if upserts:
                        self._db.executemany(
                            f'INSERT INTO "{self._known(table)}" (key, value) VALUES (?, ?) '  # noqa: S608
                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                            upserts,
                        )
                    if deletes:
                        self._db.executemany(f'DELETE FROM "{self._known(table)}" WHERE key = ?', deletes)  # noqa: S608
                self._db.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._db.close()

    def _known(self, table: str) -> str:
        """Table names come from the caller's fixed list, never from a request."""
        if table not in self.tables:
            raise ValueError(f"no table {table!r}")
        return table


def _identifier(name: str) -> str:
    if not name.isidentifier():
        raise ValueError(f"not a table name: {name!r}")
    return name


def read_tables(path: Path, tables: Iterable[str]) -> dict[str, dict[str, str]]:
    """What a record file holds, read without creating or changing it (for tests and tools)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            table: {str(k): str(v) for k, v in db.execute(f'SELECT key, value FROM "{_identifier(table)}"')}  # noqa: S608
            for table in tables
        }
    finally:
        db.close()


class Tracked(dict[K, V]):
    """A dict that remembers which keys were set or deleted since :meth:`take_touched`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.touched: set[K] = set()

    def __setitem__(self, key: K, value: V) -> None:
        super().__setitem__(key, value)
        self.touched.add(key)

    def __delitem__(self, key: K) -> None:
        super().__delitem__(key)
        self.touched.add(key)

    def pop(self, key: K, *default: Any) -> Any:
        self.touched.add(key)
        return super().pop(key, *default)

    def setdefault(self, key: K, default: V) -> V:
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def clear(self) -> None:
        self.touched.update(self.keys())
        super().clear()

    def popitem(self) -> tuple[K, V]:
        key, value = super().popitem()
        self.touched.add(key)
        return key, value

    def touch_all(self) -> None:
        self.touched.update(self.keys())

    def touched_items(self) -> list[tuple[K, V | None]]:
        """Each touched key with its value now (None when deleted)."""
        return [(key, self.get(key)) for key in self.touched]

    def untouch(self, keys: Iterable[K]) -> None:
        """Forget ``keys`` once they are on disk (a failed write leaves them for the next save)."""
        self.touched.difference_update(keys)


def dumps(value: Any) -> str:
    """A record's JSON text, the same for the same value, so an unchanged record is never rewritten."""
    return json.dumps(value, separators=(",", ":"), sort_keys=True)


def set_aside(path: Path) -> Path:
    """Move a damaged record file out of the way (as ``….damaged``), its WAL side files dropped."""
    aside = path.with_name(path.name + ".damaged")
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink()
    with contextlib.suppress(OSError):
        path.replace(aside)
    return aside


def retire_legacy(legacy: Path) -> None:
    """Rename a JSON state file that has been read into the record file, as ``….migrated``."""
    with contextlib.suppress(OSError):
        legacy.replace(legacy.with_name(legacy.name + ".migrated"))
