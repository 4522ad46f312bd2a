"""Work claims on SQLite and PostgreSQL: one desktop per refresh, disjoint revocation batches."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.core.secrets import SecretStr
from desktop.core.store import claims, connections
from desktop.core.store.errors import transaction
from desktop.core.store.models import TokenRecord
from desktop.core.vault.bootstrap import Storage
from tests.core.vault.helpers import CONSENTED, add_connection, token_for


def _uuid(storage: Storage, connection_id: int) -> str:
    with transaction(storage.sessions) as session:
        record = session.scalars(select(TokenRecord).where(TokenRecord.connection_id == connection_id)).one()
        return record.record_uuid


def _claim(storage: Storage, connection_id: int, record_uuid: str, worker: str, minutes: int = 0) -> bool:
    with transaction(storage.sessions) as session:
        return claims.claim_refresh(
            session, connection_id, record_uuid, worker=worker, now=CONSENTED + timedelta(minutes=minutes)
        )


def test_a_claimed_refresh_is_refused_to_another_desktop_until_its_lease_ends(storage: Storage) -> None:
    connection_id = add_connection(storage, "alice")
    record_uuid = _uuid(storage, connection_id)
    assert _claim(storage, connection_id, record_uuid, "desktop-a")
    assert not _claim(storage, connection_id, record_uuid, "desktop-b")
    assert _claim(storage, connection_id, record_uuid, "desktop-a"), "the holder may claim again"
    lease_over = int(claims.REFRESH_LEASE.total_seconds() // 60) + 1
    assert _claim(storage, connection_id, record_uuid, "desktop-b", minutes=lease_over)


def test_a_released_claim_is_free_and_a_replaced_token_cannot_be_claimed(storage: Storage) -> None:
    connection_id = add_connection(storage, "alice")
    record_uuid = _uuid(storage, connection_id)
    assert _claim(storage, connection_id, record_uuid, "desktop-a")
    with transaction(storage.sessions) as session:
        claims.release_refresh_by_id(session, connection_id, worker="desktop-b")  # not b's to release
    assert not _claim(storage, connection_id, record_uuid, "desktop-b")
    with transaction(storage.sessions) as session:
        connection = connections.get(session, connection_id)
        assert connection is not None
        connections.replace_token(session, storage.vault, connection, SecretStr(token_for("new")), None)
        claims.release_refresh(session, connection, worker="desktop-a")
    assert not _claim(storage, connection_id, record_uuid, "desktop-b"), "that token was already replaced"
    assert _claim(storage, connection_id, _uuid(storage, connection_id), "desktop-b")


def test_a_row_being_claimed_elsewhere_is_skipped_not_waited_for(storage: Storage) -> None:
    """On PostgreSQL the claim of desktop A is not committed yet: B skips the row at once."""
    connection_id = add_connection(storage, "alice")
    record_uuid = _uuid(storage, connection_id)
    if storage.engine.dialect.name != "postgresql":
        pytest.skip("SQLite: the second transaction waits for the write lock instead (one machine)")
    with transaction(storage.sessions) as holding:
        assert claims.claim_refresh(holding, connection_id, record_uuid, worker="desktop-a", now=CONSENTED)
        assert not _claim(storage, connection_id, record_uuid, "desktop-b")


def test_due_revocations_are_claimed_by_one_desktop_each(storage: Storage) -> None:
    for name in ("a1", "a2", "a3"):
        connection_id = add_connection(storage, name)
        with transaction(storage.sessions) as session:
            connection = connections.get(session, connection_id)
            assert connection is not None
            connections.move_to_outbox(session, connection, now=CONSENTED)
    with transaction(storage.sessions) as session:
        first = claims.claim_due_revocations(session, CONSENTED)
    with transaction(storage.sessions) as session:
        second = claims.claim_due_revocations(session, CONSENTED)
    assert len(first) == 3
    assert second == []
    later = CONSENTED + claims.REVOKE_LEASE
    with transaction(storage.sessions) as session:
        assert sorted(claims.claim_due_revocations(session, later)) == sorted(first), (
            "due again after the lease"
        )
