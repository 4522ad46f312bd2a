"""Stored records against tampering: row swaps, damaged bytes, foreign keys and unknown versions."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest
from sqlalchemy import select, text

from desktop.core.errors import SocialdeskError
from desktop.core.secrets import SecretStr
from desktop.core.settings import Paths
from desktop.core.store import connections, workspaces
from desktop.core.store.errors import transaction
from desktop.core.store.meta import get_meta
from desktop.core.store.models import KekEntry, TokenKind, TokenRecord
from desktop.core.vault import rotation
from desktop.core.vault.bootstrap import Storage
from desktop.core.vault.keychain import service_name
from tests.core.vault.helpers import CountingKeyring, Keychain, add_connection, read_token, token_for
from tests.support.memory_keyring import MemoryKeyring


@pytest.fixture
def counting() -> CountingKeyring:
    return CountingKeyring()


@pytest.fixture
def counted_storage(make_storage: Callable[..., Storage], counting: CountingKeyring) -> Storage:
    return make_storage(Keychain(counting, (MemoryKeyring,), "counting"))


def _two_accounts(storage: Storage) -> tuple[int, int]:
    with transaction(storage.sessions) as session:
        other_workspace = workspaces.create(session, "Client B").id
    first = add_connection(storage, "alice", ig_user_id="1001")
    second = add_connection(storage, "bob", ig_user_id="1002", workspace_id=other_workspace)
    return first, second


def _swap(storage: Storage, column: str) -> None:
    """Swap ``column`` between the two token records (through a placeholder for unique columns)."""
    with transaction(storage.sessions) as session:
        rows = session.execute(text(f"SELECT id, {column} FROM token_records ORDER BY id")).all()
        (id_a, value_a), (id_b, value_b) = rows
        placeholder = b"\x00" if isinstance(value_a, bytes) else "placeholder"
        update = text(f"UPDATE token_records SET {column} = :value WHERE id = :id")
        session.execute(update, {"value": placeholder, "id": id_a})
        session.execute(update, {"value": value_a, "id": id_b})
        session.execute(update, {"value": value_b, "id": id_a})


def _integrity_error(
    storage: Storage, connection_id: int, code: str = "vault_integrity_error"
) -> SocialdeskError:
    with pytest.raises(SocialdeskError) as caught:
        read_token(storage, connection_id)
    assert caught.value.code == code
    return caught.value


def test_stored_tokens_round_trip_for_each_kind(storage: Storage) -> None:
    for number, kind in enumerate(TokenKind):
        with transaction(storage.sessions) as session:
            connection = connections.upsert_connection(
                session,
                storage.vault,
                workspace_id=workspaces.ensure_default(session).id,
                ig_user_id=f"20{number}",
                username=f"user{number}",
                account_type="MEDIA_CREATOR",
                scopes=(),
                consented_at=storage.vault.clock.now(),
                expires_at=None,
                token=SecretStr(token_for(kind.value)),
                kind=kind.value,
            )
            connection_id = connection.id
        assert read_token(storage, connection_id) == token_for(kind.value)


@pytest.mark.parametrize("column", ["payload", "wrapped_dek", "workspace_id", "ig_user_id", "record_uuid"])
def test_swapping_a_column_between_rows_fails_for_both(storage: Storage, column: str) -> None:
    first, second = _two_accounts(storage)
    _swap(storage, column)
    # The owner copies no longer match the connection that holds the record: refused before decrypting.
    code = "token_owner_mismatch" if column in ("workspace_id", "ig_user_id") else "vault_integrity_error"
    for connection_id in (first, second):
        error = _integrity_error(storage, connection_id, code)
        assert token_for("alice") not in str(error)


def test_swapping_whole_envelopes_between_rows_fails(storage: Storage) -> None:
    first, second = _two_accounts(storage)
    _swap(storage, "payload")
    _swap(storage, "wrapped_dek")
    _integrity_error(storage, first)
    _integrity_error(storage, second)


def test_changing_the_kind_fails(storage: Storage) -> None:
    first = add_connection(storage, "alice")
    with transaction(storage.sessions) as session:
        session.execute(text("UPDATE token_records SET kind = :kind"), {"kind": TokenKind.SHORT_LIVED.value})
    _integrity_error(storage, first)


def test_a_flipped_byte_in_the_database_fails_without_showing_bytes(storage: Storage) -> None:
    first = add_connection(storage, "alice")
    with transaction(storage.sessions) as session:
        record = session.scalars(select(TokenRecord)).one()
        payload = bytearray(record.payload)
        payload[20] ^= 0x04
        record.payload = bytes(payload)
    error = _integrity_error(storage, first)
    assert payload.hex()[:16] not in str(error)
    assert "failed authentication" in error.detail


@pytest.mark.parametrize(("column", "value"), [("wrapped_dek", b"\x01" * 59), ("payload", b"\x01" * 10)])
def test_wrong_lengths_in_the_database_are_reported_as_such(
    storage: Storage, column: str, value: bytes
) -> None:
    first = add_connection(storage, "alice")
    with transaction(storage.sessions) as session:
        session.execute(text(f"UPDATE token_records SET {column} = :value"), {"value": value})
    assert "wrong length" in _integrity_error(storage, first).detail


def test_an_unknown_format_version_is_rejected_with_a_clear_reason(storage: Storage) -> None:
    first = add_connection(storage, "alice")
    with transaction(storage.sessions) as session:
        session.execute(text("UPDATE token_records SET format_version = 2"))
    error = _integrity_error(storage, first)
    assert "record format 2" in error.detail


def test_kek_id_pointed_at_another_key_fails_authentication(
    counted_storage: Storage, counting: CountingKeyring
) -> None:
    storage = counted_storage
    first = add_connection(storage, "alice")
    with transaction(storage.sessions) as session:
        service = service_name(get_meta(session).vault_id)
    other = rotation.create_pending(
        storage.sessions, storage.vault._keystore, service=service, clock=storage.vault.clock
    )
    with transaction(storage.sessions) as session:
        session.execute(text("UPDATE token_records SET kek_id = :kek"), {"kek": other.kek_id})
    counting.gets.clear()
    _integrity_error(storage, first)
    assert [name for _, name in counting.gets] == [other.kek_id]


def test_kek_id_pointed_at_a_key_missing_from_the_keychain_is_one_lookup_then_unavailable(
    counted_storage: Storage, counting: CountingKeyring
) -> None:
    storage = counted_storage
    first = add_connection(storage, "alice")
    with transaction(storage.sessions) as session:
        service = service_name(get_meta(session).vault_id)
    other = rotation.create_pending(
        storage.sessions, storage.vault._keystore, service=service, clock=storage.vault.clock
    )
    counting.delete_password(service, other.kek_id)
    with transaction(storage.sessions) as session:
        session.execute(text("UPDATE token_records SET kek_id = :kek"), {"kek": other.kek_id})
    counting.gets.clear()
    with pytest.raises(SocialdeskError) as caught:
        read_token(storage, first)
    assert caught.value.code == "vault_keys_unavailable"
    assert counting.gets == [(service, other.kek_id)]


def test_kek_id_pointed_at_an_unregistered_key_is_unavailable_without_any_lookup(
    counted_storage: Storage, counting: CountingKeyring, paths: Paths
) -> None:
    storage = counted_storage
    first = add_connection(storage, "alice")
    raw = sqlite3.connect(paths.database_file)  # foreign keys are off on a plain connection
    raw.execute("UPDATE token_records SET kek_id = 'kek-v9-deadbeef'")
    raw.commit()
    raw.close()
    counting.gets.clear()
    with pytest.raises(SocialdeskError) as caught:
        read_token(storage, first)
    assert caught.value.code == "vault_keys_unavailable"
    assert counting.gets == []


def test_the_foreign_key_keeps_kek_ids_registered(storage: Storage) -> None:
    add_connection(storage, "alice")
    with pytest.raises(Exception, match="FOREIGN KEY"), transaction(storage.sessions) as session:
        session.execute(text("UPDATE token_records SET kek_id = 'kek-v9-deadbeef'"))


def test_only_one_key_can_be_active(storage: Storage) -> None:
    with pytest.raises(Exception, match="UNIQUE"), transaction(storage.sessions) as session:
        entry = session.scalars(select(KekEntry)).one()
        session.add(
            KekEntry(
                kek_id="kek-v9-00000000",
                version=9,
                state="active",
                backend=entry.backend,
                service=entry.service,
                check_value=b"\x00" * 32,
                created_at=entry.created_at,
            )
        )
        session.flush()


def test_status_reports_counts_and_never_key_material(
    storage: Storage, memory_keyring: MemoryKeyring
) -> None:
    add_connection(storage, "alice")
    add_connection(storage, "bob")
    status = storage.status()
    assert status.mode == "persistent"
    assert status.record_count == 2
    assert status.backend == "tests.support.memory_keyring.MemoryKeyring"
    assert status.problem_code is None
    [(service, kek_id)] = memory_keyring.items().keys()
    assert status.active_kek_id == kek_id
    secret = memory_keyring.items()[(service, kek_id)]
    assert secret not in repr(status.as_dict())
