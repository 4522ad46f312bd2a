"""Opening storage in every keychain situation: persistent, session-only, locked, keys unavailable."""

from __future__ import annotations

import base64
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.backends.SecretService
import pytest
from sqlalchemy import func, select

from desktop.core.errors import SocialdeskError
from desktop.core.settings import Paths, Settings
from desktop.core.store import connections
from desktop.core.store.errors import transaction
from desktop.core.store.models import ConnectionStatus, InstagramConnection, KekEntry, TokenRecord
from desktop.core.vault.bootstrap import Storage, open_storage
from tests.core.vault.helpers import (
    ExplicitOnly,
    HangingKeyring,
    Keychain,
    LockedKeyring,
    OtherMemoryKeyring,
    add_connection,
    all_tokens,
    read_token,
    token_for,
)
from tests.support.canary import files_under
from tests.support.memory_keyring import MemoryKeyring


def _entries(storage: Storage) -> list[tuple[str, str, str]]:
    with transaction(storage.sessions) as session:
        return [
            (e.kek_id, e.state, e.service)
            for e in session.scalars(select(KekEntry).order_by(KekEntry.version))
        ]


def _count(storage: Storage, model: type) -> int:
    with transaction(storage.sessions) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _active(storage: Storage) -> tuple[str, str]:
    with transaction(storage.sessions) as session:
        entry = session.scalars(select(KekEntry).where(KekEntry.state == "active")).one()
        return entry.service, entry.kek_id


@pytest.fixture
def hanging() -> Iterator[HangingKeyring]:
    backend = HangingKeyring()
    yield backend
    backend.release.set()


def test_first_start_makes_one_key_and_is_persistent(
    make_storage: Callable[..., Storage], keychain: Keychain
) -> None:
    storage = make_storage(keychain)
    status = storage.status()
    assert status.mode == "persistent"
    assert status.backend == keychain.name
    assert status.problem_code is None
    assert status.record_count == 0
    [(kek_id, state, service)] = _entries(storage)
    assert (kek_id, state) == (status.active_kek_id, "active")
    assert service.startswith("io.socialdesk.Socialdesk.vault/")
    secret = keychain.backend.get_password(service, kek_id)
    assert secret is not None
    assert len(base64.b64decode(secret)) == 32
    assert secret not in repr(status)


def test_reopening_uses_the_same_key(make_storage: Callable[..., Storage], keychain: Keychain) -> None:
    first = make_storage(keychain)
    connection_id = add_connection(first, "alice")
    active = first.status().active_kek_id
    first.close()
    second = make_storage(keychain)
    assert second.status().active_kek_id == active
    assert read_token(second, connection_id) == token_for("alice")
    assert len(_entries(second)) == 1


def _assert_keys_unavailable_and_nothing_lost(
    storage: Storage, connection_id: int, entries_before: object
) -> None:
    status = storage.status()
    assert status.mode == "keys-unavailable"
    assert status.problem_code == "vault_keys_unavailable"
    assert status.record_count == 1
    assert _count(storage, InstagramConnection) == 1
    assert _entries(storage) == entries_before, "no key may be minted or dropped"
    with pytest.raises(SocialdeskError) as caught:
        read_token(storage, connection_id)
    assert caught.value.code == "vault_keys_unavailable"
    with pytest.raises(SocialdeskError) as caught:
        add_connection(storage, "bob")
    assert caught.value.code == "vault_keys_unavailable"
    assert _count(storage, InstagramConnection) == 1


def test_missing_active_key_means_keys_unavailable(
    make_storage: Callable[..., Storage], keychain: Keychain
) -> None:
    first = make_storage(keychain)
    connection_id = add_connection(first, "alice")
    service, kek_id = _active(first)
    entries = _entries(first)
    first.close()
    keychain.backend.delete_password(service, kek_id)
    storage = make_storage(keychain)
    _assert_keys_unavailable_and_nothing_lost(storage, connection_id, entries)
    assert "not in the keychain" in storage.status().detail
    assert keychain.backend.get_password(service, kek_id) is None


def test_a_different_key_under_the_same_name_means_keys_unavailable(
    make_storage: Callable[..., Storage], keychain: Keychain
) -> None:
    first = make_storage(keychain)
    connection_id = add_connection(first, "alice")
    service, kek_id = _active(first)
    entries = _entries(first)
    first.close()
    impostor = base64.b64encode(os.urandom(32)).decode()
    keychain.backend.delete_password(service, kek_id)
    keychain.backend.set_password(service, kek_id, impostor)
    storage = make_storage(keychain)
    _assert_keys_unavailable_and_nothing_lost(storage, connection_id, entries)
    assert "different key" in storage.status().detail
    assert keychain.backend.get_password(service, kek_id) == impostor, "never overwrite the entry"


def test_a_changed_backend_means_keys_unavailable(
    make_storage: Callable[..., Storage], keychain: Keychain
) -> None:
    first = make_storage(keychain)
    connection_id = add_connection(first, "alice")
    entries = _entries(first)
    first.close()
    other = OtherMemoryKeyring() if isinstance(keychain.backend, MemoryKeyring) else MemoryKeyring()
    storage = make_storage(Keychain(other, (MemoryKeyring,), "other"))
    _assert_keys_unavailable_and_nothing_lost(storage, connection_id, entries)
    assert keychain.name in storage.status().detail
    assert other.items() == {}


def test_reset_from_keys_unavailable_starts_over_and_keeps_connections(
    make_storage: Callable[..., Storage], keychain: Keychain
) -> None:
    first = make_storage(keychain)
    connection_id = add_connection(first, "alice")
    gone = add_connection(first, "bob")
    with transaction(first.sessions) as session:
        bob = connections.get(session, gone)
        assert bob is not None
        connections.move_to_outbox(session, bob, now=first.vault.clock.now())
    service, kek_id = _active(first)
    first.close()
    keychain.backend.delete_password(service, kek_id)
    storage = make_storage(keychain)
    assert storage.status().mode == "keys-unavailable"

    report = storage.vault.reset()

    status = storage.status()
    assert status.mode == "persistent"
    assert status.problem_code is None
    assert status.active_kek_id == report.new_kek_id != kek_id
    assert report.deleted_tokens == 2
    assert report.connections_to_reconnect == 1
    assert report.dropped_revocations == ("bob",)
    assert _count(storage, TokenRecord) == 0
    with transaction(storage.sessions) as session:
        [connection] = connections.list_all(session)
        assert connection.id == connection_id
        assert connection.status == ConnectionStatus.NEEDS_RECONNECT
        assert connection.status_reason == "vault_reset"
    new_service, new_kek = _active(storage)
    assert new_service != service, "a reset starts a new vault id"
    assert keychain.backend.get_password(new_service, new_kek) is not None
    add_connection(storage, "alice", ig_user_id=None, token=token_for("again"))
    assert all_tokens(storage) == {"alice": token_for("again")}


def test_reset_deletes_the_old_keychain_entry(
    make_storage: Callable[..., Storage], keychain: Keychain
) -> None:
    storage = make_storage(keychain)
    add_connection(storage, "alice")
    service, kek_id = _active(storage)
    storage.vault.reset()
    assert keychain.backend.get_password(service, kek_id) is None
    assert storage.status().record_count == 0


def test_locked_keychain_at_start_then_unlock_and_retry(make_storage: Callable[..., Storage]) -> None:
    backend = LockedKeyring()
    keychain = Keychain(backend, (MemoryKeyring,), "locked")
    first = make_storage(keychain)
    connection_id = add_connection(first, "alice")
    first.close()
    backend.locked = True
    storage = make_storage(keychain)
    status = storage.status()
    assert (status.mode, status.problem_code) == ("locked", "keychain_locked")
    assert status.record_count == 1
    with pytest.raises(SocialdeskError) as caught:
        read_token(storage, connection_id)
    assert caught.value.code == "keychain_locked"
    with pytest.raises(SocialdeskError) as caught:
        storage.vault.reset()
    assert caught.value.code == "keychain_locked"
    assert storage.status().record_count == 1, "a reset that cannot reach the keychain changes nothing"

    backend.locked = False
    assert storage.vault.retry().mode == "persistent"
    assert read_token(storage, connection_id) == token_for("alice")


def test_locked_keychain_on_first_start_mints_nothing_until_unlocked(
    make_storage: Callable[..., Storage],
) -> None:
    backend = LockedKeyring()
    backend.locked = True
    storage = make_storage(Keychain(backend, (MemoryKeyring,), "locked"))
    assert storage.status().mode == "locked"
    assert storage.status().active_kek_id is None
    assert backend.items() == {}
    backend.locked = False
    status = storage.vault.retry()
    assert status.mode == "persistent"
    assert [state for _, state, _ in _entries(storage)] == ["active"]
    assert len(backend.items()) == 1


def test_a_hanging_keychain_gives_the_locked_state(
    make_storage: Callable[..., Storage], hanging: HangingKeyring
) -> None:
    keychain = Keychain(hanging, (MemoryKeyring,), "hanging")
    first = make_storage(keychain)
    add_connection(first, "alice")
    first.close()
    hanging.hang.set()
    storage = make_storage(keychain, keychain_timeout=0.2)
    status = storage.status()
    assert (status.mode, status.problem_code) == ("locked", "keychain_locked")
    assert "did not answer" in status.detail
    hanging.hang.clear()
    hanging.release.set()
    assert storage.vault.retry().mode == "persistent"


def test_fail_backend_gives_session_only_and_nothing_on_disk(paths: Paths, base_dir: Path) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    storage = open_storage(paths, Settings())  # backend=None: keyring.get_keyring()
    try:
        status = storage.status()
        assert status.mode == "session-only"
        assert status.problem_code == "keychain_unavailable"
        assert status.backend == "keyring.backends.fail.Keyring"
        connection_id = add_connection(storage, "alice")
        assert read_token(storage, connection_id) == token_for("alice")
        report = storage.vault.rotate()
        assert read_token(storage, connection_id) == token_for("alice")
        assert report.rewrapped == 1
    finally:
        storage.close()
    assert files_under(base_dir) == []
    assert not paths.database_file.exists()


def test_session_only_storage_is_private_to_its_process_lifetime(paths: Paths) -> None:
    backend = keyring.backends.fail.Keyring()
    first = open_storage(paths, Settings(), backend)
    add_connection(first, "alice")
    first.close()
    second = open_storage(paths, Settings(), backend)
    try:
        assert second.status().record_count == 0
    finally:
        second.close()


def test_session_only_storage_serves_several_threads(paths: Paths) -> None:
    import threading

    storage = open_storage(paths, Settings(), keyring.backends.fail.Keyring())
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            for number in range(10):
                add_connection(storage, f"{name}{number}")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(name,)) for name in ("a", "b", "c")]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert errors == []
        assert storage.status().record_count == 30
    finally:
        storage.close()


@pytest.mark.real_keychain
def test_real_secret_service_via_get_keyring_is_persistent(paths: Paths) -> None:
    keyring.set_keyring(keyring.backends.SecretService.Keyring())
    storage = open_storage(paths, Settings())
    try:
        status = storage.status()
        assert status.mode == "persistent"
        assert status.backend == "keyring.backends.SecretService.Keyring"
        service, kek_id = _active(storage)
    finally:
        storage.close()
    keyring.get_keyring().delete_password(service, kek_id)


class RefusingKeyring(ExplicitOnly, MemoryKeyring):
    """A keychain that answers every call with an error (D-Bus service gone, access denied)."""

    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError("org.freedesktop.DBus.Error.AccessDenied")


def test_a_keychain_that_says_no_gives_the_locked_state_with_a_clear_code(
    make_storage: Callable[..., Storage],
) -> None:
    storage = make_storage(Keychain(RefusingKeyring(), (MemoryKeyring,), "refusing"))
    status = storage.status()
    assert (status.mode, status.problem_code) == ("locked", "keychain_unavailable")
    assert "RuntimeError" in status.detail
    assert "AccessDenied" not in status.detail
    with pytest.raises(SocialdeskError) as caught:
        add_connection(storage, "alice")
    assert caught.value.code == "keychain_unavailable"
