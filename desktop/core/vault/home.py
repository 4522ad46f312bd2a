"""Which database file a vault belongs to, so that a copied data folder is recognised as a copy.

The keychain entries of a vault are named by its vault id, which lives in the database. Copy the
data folder and both copies carry the same id, so both would use (and rotate away) the same keychain
entries. The vault therefore also records the identity of the file it lives in: device and inode
(file index on Windows), which a copy never shares with its original while both exist, and which a
move within one disk keeps. A file that finds another file's identity recorded is a copy: it takes a
vault id of its own and moves its records to a key of its own (``Vault`` does that at load), and it
never deletes a keychain entry outside its own vault id.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine


def file_identity(path: Path) -> str:
    """``dev:<device>/ino:<inode>`` of the file at ``path`` (which must exist)."""
    info = os.stat(path)
    return f"dev:{info.st_dev}/ino:{info.st_ino}"


def database_file(engine: Engine) -> Path | None:
    """The file of a SQLite file database; None for PostgreSQL or an in-memory database."""
    url = engine.url
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    return Path(database)
