"""Connections and their token records, written and read inside one transaction."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from desktop.core.errors import SocialdeskError
from desktop.core.secrets import SecretStr
from desktop.core.store import connections, outbox, workspaces
from desktop.core.store.errors import transaction
from desktop.core.store.models import ConnectionStatus, InstagramConnection, TokenKind, TokenRecord
from desktop.core.vault.bootstrap import Storage
from tests.core.vault.helpers import CONSENTED, SCOPES, add_connection, read_token, token_for


def _records(storage: Storage) -> list[TokenRecord]:
    with transaction(storage.sessions) as session:
        return list(session.scalars(select(TokenRecord).order_by(TokenRecord.id)))


def _count(storage: Storage, model: type) -> int:
    with transaction(storage.sessions) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_upsert_stores_the_connection_and_an_encrypted_token(storage: Storage) -> None:
    connection_id = add_connection(storage, "alice", ig_user_id="17841400000000001")
    with transaction(storage.sessions) as session:
        connection = connections.get(session, connection_id)
        assert connection is not None
        assert connection.username == "alice"
        assert connection.ig_user_id == "17841400000000001"
        assert connection.scopes == SCOPES
        assert connection.consented_at == CONSENTED
        assert connection.expires_at == CONSENTED + timedelta(days=60)
        assert connection.status == ConnectionStatus.ACTIVE
        assert connection.token is not None
        assert connection.token.kind == TokenKind.LONG_LIVED
        assert connection.token.ig_user_id == "17841400000000001"
        assert token_for("alice").encode() not in connection.token.payload
    assert read_token(storage, connection_id) == token_for("alice")


def test_reconnect_updates_in_place_with_a_new_record_and_data_key(storage: Storage) -> None:
    first_id = add_connection(storage, "alice", ig_user_id="1001", token=token_for("one"))
    [before] = _records(storage)
    with transaction(storage.sessions) as session:
        session.execute(
            text(
                "UPDATE instagram_connections SET status = 'needs_reconnect', status_reason = 'token_expired'"
            )
        )
    second_id = add_connection(storage, "alice_renamed", ig_user_id="1001", token=token_for("two"))
    assert second_id == first_id
    [after] = _records(storage)
    assert after.record_uuid != before.record_uuid
    assert after.wrapped_dek != before.wrapped_dek
    assert after.payload != before.payload
    assert read_token(storage, first_id) == token_for("two")
    with transaction(storage.sessions) as session:
        connection = connections.get(session, first_id)
        assert connection is not None
        assert connection.username == "alice_renamed"
        assert connection.status == ConnectionStatus.ACTIVE
        assert connection.status_reason is None


def test_same_account_in_two_workspaces_is_two_connections(storage: Storage) -> None:
    with transaction(storage.sessions) as session:
        other = workspaces.create(session, "Client B").id
    a = add_connection(storage, "alice", ig_user_id="1001")
    b = add_connection(storage, "alice", ig_user_id="1001", workspace_id=other, token=token_for("b"))
    assert a != b
    assert read_token(storage, a) == token_for("alice")
    assert read_token(storage, b) == token_for("b")


def test_one_connection_per_workspace_and_user_id_is_enforced_by_the_database(storage: Storage) -> None:
    add_connection(storage, "alice", ig_user_id="1001")
    with pytest.raises(Exception, match=r"(?i)unique"), transaction(storage.sessions) as session:
        existing = connections.get_by_ig_user_id(session, workspaces.ensure_default(session).id, "1001")
        assert existing is not None
        session.add(
            InstagramConnection(
                workspace_id=existing.workspace_id,
                ig_user_id="1001",
                username="dup",
                account_type="BUSINESS",
                scopes=(),
                consented_at=CONSENTED,
                created_at=CONSENTED,
                updated_at=CONSENTED,
            )
        )
        session.flush()


def test_lookups_by_username_and_user_id(storage: Storage) -> None:
    add_connection(storage, "Alice.Shop", ig_user_id="1001")
    add_connection(storage, "bob", ig_user_id="1002")
    with transaction(storage.sessions) as session:
        workspace_id = workspaces.ensure_default(session).id
        found = connections.get_by_username(session, workspace_id, "@alice.shop")
        assert found is not None
        assert found.ig_user_id == "1001"
        by_id = connections.get_by_ig_user_id(session, workspace_id, "1002")
        assert by_id is not None
        assert by_id.username == "bob"
        assert connections.get_by_username(session, workspace_id, "carol") is None
        assert [c.username for c in connections.list_for_workspace(session, workspace_id)] == [
            "Alice.Shop",
            "bob",
        ]


def test_replace_token_swaps_the_record_in_one_transaction(storage: Storage) -> None:
    connection_id = add_connection(storage, "alice")
    [old] = _records(storage)
    new_expiry = CONSENTED + timedelta(days=120)
    with transaction(storage.sessions) as session:
        connection = connections.get(session, connection_id)
        assert connection is not None
        connections.replace_token(
            session, storage.vault, connection, SecretStr(token_for("fresh")), new_expiry
        )
    [new] = _records(storage)
    assert new.record_uuid != old.record_uuid
    assert new.payload != old.payload
    assert new.expires_at == new_expiry
    assert read_token(storage, connection_id) == token_for("fresh")


def test_a_failed_replace_keeps_the_old_token(storage: Storage) -> None:
    connection_id = add_connection(storage, "alice")
    with pytest.raises(RuntimeError), transaction(storage.sessions) as session:
        connection = connections.get(session, connection_id)
        assert connection is not None
        connections.replace_token(session, storage.vault, connection, SecretStr(token_for("fresh")), None)
        raise RuntimeError("crash before commit")
    assert read_token(storage, connection_id) == token_for("alice")
    assert _count(storage, TokenRecord) == 1


def test_delete_connection_deletes_its_token_record(storage: Storage) -> None:
    keep = add_connection(storage, "bob")
    gone = add_connection(storage, "alice")
    with transaction(storage.sessions) as session:
        connection = connections.get(session, gone)
        assert connection is not None
        connections.delete_connection(session, connection)
    assert [r.connection_id for r in _records(storage)] == [keep]
    assert read_token(storage, keep) == token_for("bob")


def test_database_cascade_deletes_the_token_even_without_the_orm(storage: Storage) -> None:
    connection_id = add_connection(storage, "alice")
    with transaction(storage.sessions) as session:
        session.execute(text("DELETE FROM instagram_connections WHERE id = :id"), {"id": connection_id})
    assert _count(storage, TokenRecord) == 0


def test_read_token_without_a_record_asks_for_reconnect(storage: Storage) -> None:
    connection_id = add_connection(storage, "alice")
    with transaction(storage.sessions) as session:
        session.execute(text("DELETE FROM token_records"))
    with pytest.raises(SocialdeskError) as caught:
        read_token(storage, connection_id)
    assert caught.value.code == "needs_reconnect"


def test_tokens_must_be_secret_strings(storage: Storage) -> None:
    with pytest.raises(TypeError), transaction(storage.sessions) as session:
        connections.upsert_connection(
            session,
            storage.vault,
            workspace_id=workspaces.ensure_default(session).id,
            ig_user_id="1",
            username="x",
            account_type="BUSINESS",
            scopes=(),
            consented_at=CONSENTED,
            expires_at=None,
            token="plain text",  # type: ignore[arg-type]
        )


def test_move_to_outbox_takes_the_row_out_and_keeps_the_token(storage: Storage) -> None:
    keep = add_connection(storage, "bob")
    gone = add_connection(storage, "alice", ig_user_id="1001")
    now = CONSENTED + timedelta(days=1)
    with transaction(storage.sessions) as session:
        connection = connections.get(session, gone)
        assert connection is not None
        entry = connections.move_to_outbox(session, connection, now=now)
        assert entry is not None
        assert entry.token is not None
    with transaction(storage.sessions) as session:
        workspace_id = workspaces.ensure_default(session).id
        assert [c.username for c in connections.list_for_workspace(session, workspace_id)] == ["bob"]
        [queued] = outbox.list_all(session)
        assert (queued.username, queued.ig_user_id, queued.attempts) == ("alice", "1001", 0)
        assert outbox.read_outbox_token(session, storage.vault, queued).reveal() == token_for("alice")
    assert read_token(storage, keep) == token_for("bob")
    assert _count(storage, TokenRecord) == 2


def test_outbox_attempts_due_times_and_delete(storage: Storage) -> None:
    gone = add_connection(storage, "alice")
    start = CONSENTED + timedelta(days=1)
    with transaction(storage.sessions) as session:
        connection = connections.get(session, gone)
        assert connection is not None
        connections.move_to_outbox(session, connection, now=start)
    with transaction(storage.sessions) as session:
        [entry] = outbox.list_due(session, start)
        outbox.mark_attempt(
            session,
            entry,
            error_code="network_error",
            next_attempt_at=start + timedelta(minutes=5),
            now=start,
        )
    with transaction(storage.sessions) as session:
        assert outbox.list_due(session, start + timedelta(minutes=4)) == []
        [entry] = outbox.list_due(session, start + timedelta(minutes=5))
        assert (entry.attempts, entry.last_error_code) == (1, "network_error")
        outbox.delete_entry(session, entry)
    with transaction(storage.sessions) as session:
        assert outbox.list_all(session) == []
    assert _count(storage, TokenRecord) == 0


def test_move_to_outbox_without_a_token_just_deletes(storage: Storage) -> None:
    gone = add_connection(storage, "alice")
    with transaction(storage.sessions) as session:
        session.execute(text("DELETE FROM token_records"))
    with transaction(storage.sessions) as session:
        connection = connections.get(session, gone)
        assert connection is not None
        assert connections.move_to_outbox(session, connection, now=CONSENTED) is None
    with transaction(storage.sessions) as session:
        assert connections.list_all(session) == []
        assert outbox.list_all(session) == []


def test_a_token_record_has_exactly_one_owner(storage: Storage) -> None:
    add_connection(storage, "alice")
    with pytest.raises(Exception, match=r"(?i)check"), transaction(storage.sessions) as session:
        session.execute(text("UPDATE token_records SET connection_id = NULL"))
