"""A token decrypts only for the row that owns it: moving a token row to another account fails.

The threat: someone who can write the database file but cannot reach the keychain. Each case edits
the file with plain sqlite3 and foreign keys off, as such an attacker would, then reads through the
store as the app does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from sqlalchemy import select

from desktop.core.errors import SocialdeskError
from desktop.core.secrets import SecretStr
from desktop.core.store import connections, outbox, workspaces
from desktop.core.store.errors import transaction
from desktop.core.store.models import RevocationOutbox
from desktop.core.vault.bootstrap import Storage
from tests.core.vault.helpers import add_connection, read_token, token_for


class _Raw:
    """A DB-API connection that takes sqlite3's ``?`` placeholders on either engine."""

    def __init__(self, connection: Any, placeholder: str) -> None:
        self._connection, self._placeholder = connection, placeholder

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        cursor = self._connection.cursor()
        cursor.execute(sql.replace("?", self._placeholder), params)
        rows = cursor.fetchall() if cursor.description else []
        cursor.close()
        return [tuple(row) for row in rows]


@contextmanager
def _raw(storage: Storage) -> Iterator[_Raw]:
    """The database as an attacker with write access sees it: no foreign keys, no triggers of ours.

    On SQLite that is the file opened with plain sqlite3; on PostgreSQL a superuser session with
    ``session_replication_role = replica``, which switches foreign-key triggers off.
    """
    engine = storage.sessions.kw["bind"]
    if engine.dialect.name == "sqlite":
        connection: Any = sqlite3.connect(engine.url.database)
        connection.execute("PRAGMA foreign_keys = OFF")
        placeholder = "?"
    else:
        connection = psycopg.connect(
            engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        )
        connection.execute("SET session_replication_role = replica")
        placeholder = "%s"
    try:
        yield _Raw(connection, placeholder)
        connection.commit()
    finally:
        connection.close()
    engine.dispose()


def _two_clients(storage: Storage) -> tuple[int, int]:
    with transaction(storage.sessions) as session:
        acme = workspaces.create(session, "Acme", now=storage.vault.clock.now()).id
        globex = workspaces.create(session, "Globex", now=storage.vault.clock.now()).id
    a = add_connection(storage, "alice", ig_user_id="17841400000000001", workspace_id=acme)
    b = add_connection(storage, "bob", ig_user_id="17841400000000002", workspace_id=globex)
    assert read_token(storage, a) == token_for("alice")
    assert read_token(storage, b) == token_for("bob")
    return a, b


def _refused(storage: Storage, connection_id: int) -> str:
    with pytest.raises(SocialdeskError) as caught:
        read_token(storage, connection_id)
    assert token_for("alice") not in str(caught.value) and token_for("bob") not in str(caught.value)
    return caught.value.code


def test_swapping_token_rows_between_connections_is_refused(storage: Storage) -> None:
    a, b = _two_clients(storage)
    with _raw(storage) as raw:
        raw.execute("UPDATE token_records SET connection_id = -1 WHERE connection_id = ?", (a,))
        raw.execute("UPDATE token_records SET connection_id = ? WHERE connection_id = ?", (a, b))
        raw.execute("UPDATE token_records SET connection_id = ? WHERE connection_id = -1", (b,))
    assert _refused(storage, a) == "token_owner_mismatch"
    assert _refused(storage, b) == "token_owner_mismatch"


def test_rewriting_the_connection_rows_identity_is_refused(storage: Storage) -> None:
    a, b = _two_clients(storage)
    with _raw(storage) as raw:
        rows = dict(
            (row[0], row[1:])
            for row in raw.execute("SELECT id, workspace_id, ig_user_id FROM instagram_connections")
        )
        raw.execute("UPDATE instagram_connections SET ig_user_id = 'x' WHERE id = ?", (a,))
        raw.execute(
            "UPDATE instagram_connections SET workspace_id = ?, ig_user_id = ? WHERE id = ?", (*rows[a], b)
        )
        raw.execute(
            "UPDATE instagram_connections SET workspace_id = ?, ig_user_id = ? WHERE id = ?", (*rows[b], a)
        )
    assert _refused(storage, a) == "token_owner_mismatch"
    assert _refused(storage, b) == "token_owner_mismatch"


def test_rewriting_the_copies_in_the_token_row_too_fails_authentication(storage: Storage) -> None:
    a, b = _two_clients(storage)
    with _raw(storage) as raw:
        owners = {
            row[0]: row[1:]
            for row in raw.execute("SELECT id, workspace_id, ig_user_id FROM instagram_connections")
        }
        raw.execute("UPDATE token_records SET connection_id = -1 WHERE connection_id = ?", (a,))
        raw.execute("UPDATE token_records SET connection_id = ? WHERE connection_id = ?", (a, b))
        raw.execute("UPDATE token_records SET connection_id = ? WHERE connection_id = -1", (b,))
        for owner, (workspace_id, ig_user_id) in owners.items():
            raw.execute(
                "UPDATE token_records SET workspace_id = ?, ig_user_id = ? WHERE connection_id = ?",
                (workspace_id, ig_user_id, owner),
            )
    assert _refused(storage, a) == "vault_integrity_error"
    assert _refused(storage, b) == "vault_integrity_error"


def test_an_outbox_token_is_bound_to_its_entry(storage: Storage) -> None:
    a, b = _two_clients(storage)
    with transaction(storage.sessions) as session:
        for connection_id in (a, b):
            connection = connections.get(session, connection_id)
            assert connection is not None
            connections.move_to_outbox(session, connection, now=storage.vault.clock.now())
    with _raw(storage) as raw:
        entries = [row[0] for row in raw.execute("SELECT id FROM revocation_outbox ORDER BY id")]
        raw.execute(
            "UPDATE revocation_outbox SET ig_user_id = '17841499999999999' WHERE id = ?", (entries[0],)
        )
    with transaction(storage.sessions) as session:
        first, second = session.scalars(select(RevocationOutbox).order_by(RevocationOutbox.id))
        with pytest.raises(SocialdeskError) as caught:
            outbox.read_outbox_token(session, storage.vault, first)
        assert caught.value.code == "token_owner_mismatch"
        assert outbox.read_outbox_token(session, storage.vault, second).reveal() == token_for("bob")


def test_an_untouched_store_reads_as_before(storage: Storage) -> None:
    a, b = _two_clients(storage)
    with transaction(storage.sessions) as session:
        connection = connections.get(session, a)
        assert connection is not None
        connections.replace_token(
            session, storage.vault, connection, SecretStr("IGAArefreshed-alice-token"), None
        )
    assert read_token(storage, a) == "IGAArefreshed-alice-token"
    assert read_token(storage, b) == token_for("bob")
