"""The sweep's Core-statement writes: a refreshed token replaces the old record in one commit, the
claim is released only for its holder, and other desktops hear of both (PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from desktop.core.connections import connection_view
from desktop.core.secrets import SecretStr
from desktop.core.store import claims, connections, refreshed_token
from desktop.core.store.errors import transaction
from desktop.core.store.models import InstagramConnection, TokenRecord
from desktop.core.store.token_owner import TokenOwnerMismatchError
from desktop.core.vault.bootstrap import Storage
from tests.core.store.test_notify import two_desktops  # noqa: F401
from tests.core.vault.helpers import CONSENTED, add_connection, token_for


def _records(storage: Storage, connection_id: int) -> list[TokenRecord]:
    with transaction(storage.sessions) as session:
        return list(session.scalars(select(TokenRecord).where(TokenRecord.connection_id == connection_id)))


def test_a_stored_refresh_replaces_the_record_and_releases_only_its_own_claim(storage: Storage) -> None:
    connection_id = add_connection(storage, "alice")
    (old,) = _records(storage, connection_id)
    with transaction(storage.sessions) as session:
        assert claims.claim_refresh(
            session, connection_id, old.record_uuid, worker="desktop-a", now=CONSENTED
        )
    expires = CONSENTED + timedelta(days=60)
    with transaction(storage.sessions) as session:
        stored = refreshed_token.read_stored(session, connection_id)
        assert stored is not None and stored.record_uuid == old.record_uuid
        written = refreshed_token.store_refreshed(
            session, storage.vault, stored, SecretStr(token_for("fresh")), expires, worker="desktop-b"
        )
    (new,) = _records(storage, connection_id)
    assert new.record_uuid == written.record_uuid != old.record_uuid
    with transaction(storage.sessions) as session:
        connection = session.get(InstagramConnection, connection_id)
        assert connection is not None
        assert connection.expires_at == expires
        assert connection.refresh_claimed_by == "desktop-a", "not desktop-b's claim to release"
        assert connections.read_token(session, storage.vault, connection).reveal() == token_for("fresh")
        assert written.view() == connection_view(connection)
    with transaction(storage.sessions) as session:
        stored = refreshed_token.read_stored(session, connection_id)
        assert stored is not None
        refreshed_token.store_refreshed(
            session, storage.vault, stored, SecretStr(token_for("again")), expires, worker="desktop-a"
        )
    with transaction(storage.sessions) as session:
        connection = session.get(InstagramConnection, connection_id)
        assert connection is not None
        assert (connection.refresh_claimed_by, connection.refresh_claimed_until) == (None, None)


def test_a_claim_and_a_stored_refresh_are_heard_a_refused_claim_is_not(two_desktops) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    writer, _, heard, _ = two_desktops
    connection_id = add_connection(writer, "acme")
    assert "connections" in heard.next()
    (record,) = _records(writer, connection_id)
    with transaction(writer.sessions) as session:
        assert claims.claim_refresh(
            session, connection_id, record.record_uuid, worker="desktop-a", now=CONSENTED
        )
    assert heard.next() == frozenset({"connections"})
    with transaction(writer.sessions) as session:
        assert not claims.claim_refresh(
            session, connection_id, record.record_uuid, worker="desktop-b", now=CONSENTED
        )
    assert heard.nothing_within(1.0)
    with transaction(writer.sessions) as session:
        stored = refreshed_token.read_stored(session, connection_id)
        assert stored is not None
        refreshed_token.store_refreshed(
            session, writer.vault, stored, SecretStr(token_for("fresh")), None, worker="desktop-a"
        )
    assert heard.next() == frozenset({"connections"})


def test_a_token_read_by_the_sweep_opens_only_for_the_account_its_row_names(storage: Storage) -> None:
    """The owner comes from the connection row, never the record's copies: a row rewritten to another
    account does not open the token it holds."""
    connection_id = add_connection(storage, "alice")
    with transaction(storage.sessions) as session:
        stored = refreshed_token.read_token_record(session, connection_id)
        assert stored is not None and stored.record is not None
        assert storage.vault.open(stored.record, stored.owner, session).reveal() == token_for("alice")
        session.execute(
            update(InstagramConnection)
            .where(InstagramConnection.id == connection_id)
            .values(ig_user_id="999")
        )
    with transaction(storage.sessions) as session:
        stored = refreshed_token.read_token_record(session, connection_id)
        assert stored is not None and stored.record is not None
        with pytest.raises(TokenOwnerMismatchError):
            storage.vault.open(stored.record, stored.owner, session)
    with transaction(storage.sessions) as session:
        assert refreshed_token.read_token_record(session, connection_id + 1000) is None
