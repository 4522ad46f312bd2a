"""Key rotation: payloads untouched, old key gone, and recovery from a crash after every step."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select, text

from desktop.core.errors import SocialdeskError
from desktop.core.store import connections
from desktop.core.store.errors import transaction
from desktop.core.store.models import KekEntry, TokenRecord
from desktop.core.vault.bootstrap import Storage
from desktop.core.vault.rotation import ROTATION_STEPS
from tests.core.vault.helpers import FileKeyring, Keychain, add_connection, all_tokens, token_for
from tests.support.memory_keyring import MemoryKeyring

ROOT = Path(__file__).resolve().parents[3]
ACCOUNTS = ("alice", "bob", "carol", "dave", "erin")


class Crash(Exception):
    """Stands in for the process dying right after a rotation step."""


def _records(storage: Storage) -> dict[str, tuple[str, bytes, bytes]]:
    with transaction(storage.sessions) as session:
        return {
            r.record_uuid: (r.kek_id, r.wrapped_dek, r.payload) for r in session.scalars(select(TokenRecord))
        }


def _registry(storage: Storage) -> dict[str, str]:
    with transaction(storage.sessions) as session:
        return {e.kek_id: e.state for e in session.scalars(select(KekEntry))}


def _keychain_names(keychain: Keychain, storage: Storage) -> set[str]:
    """Which registered keys still have a keychain entry."""
    with transaction(storage.sessions) as session:
        entries = [(e.service, e.kek_id) for e in session.scalars(select(KekEntry))]
    return {
        kek_id for service, kek_id in entries if keychain.backend.get_password(service, kek_id) is not None
    }


def _fill(storage: Storage) -> dict[str, str]:
    for name in ACCOUNTS:
        add_connection(storage, name)
    return {name: token_for(name) for name in ACCOUNTS}


def test_rotation_rewraps_keys_and_leaves_payloads_byte_identical(
    make_storage: Callable[..., Storage], keychain: Keychain
) -> None:
    storage = make_storage(keychain)
    expected = _fill(storage)
    before = _records(storage)
    old_kek = storage.status().active_kek_id

    report = storage.vault.rotate(batch_size=2)

    after = _records(storage)
    assert report.old_kek_id == old_kek
    assert report.rewrapped == len(ACCOUNTS)
    assert set(after) == set(before)
    for record_uuid, (kek_id, wrapped_dek, payload) in after.items():
        assert payload == before[record_uuid][2]
        assert kek_id == report.new_kek_id
        assert wrapped_dek != before[record_uuid][1]
    assert all_tokens(storage) == expected
    assert _registry(storage) == {old_kek: "destroyed", report.new_kek_id: "active"}
    assert _keychain_names(keychain, storage) == {report.new_kek_id}, "the old keychain entry is gone"
    assert storage.status().active_kek_id == report.new_kek_id


def test_tokens_survive_a_restart_after_rotation(
    make_storage: Callable[..., Storage], keychain: Keychain
) -> None:
    storage = make_storage(keychain)
    expected = _fill(storage)
    storage.vault.rotate()
    storage.vault.rotate()
    storage.close()
    reopened = make_storage(keychain)
    assert all_tokens(reopened) == expected
    assert list(_registry(reopened).values()).count("active") == 1


@pytest.mark.parametrize("step", ROTATION_STEPS)
def test_a_crash_after_each_step_is_recovered_at_the_next_start(
    make_storage: Callable[..., Storage], keychain: Keychain, step: str
) -> None:
    storage = make_storage(keychain)
    expected = _fill(storage)
    before = _records(storage)

    def crash(name: str) -> None:
        if name == step:
            raise Crash(name)

    with pytest.raises(Crash):
        storage.vault.rotate(after_step=crash, batch_size=2)
    storage.close()

    recovered = make_storage(keychain)
    status = recovered.status()
    assert status.mode == "persistent"
    assert status.problem_code is None
    assert all_tokens(recovered) == expected
    registry = _registry(recovered)
    assert sorted(registry.values()).count("active") == 1
    assert not {"pending", "retiring"} & set(registry.values()), registry
    active = status.active_kek_id
    assert _keychain_names(keychain, recovered) == {active}
    after = _records(recovered)
    assert {uuid: payload for uuid, (_, _, payload) in after.items()} == {
        uuid: payload for uuid, (_, _, payload) in before.items()
    }
    assert {kek_id for kek_id, _, _ in after.values()} == {active}
    # And the vault goes on working: a new token and another rotation.
    add_connection(recovered, "frank")
    recovered.vault.rotate()
    assert all_tokens(recovered) == {**expected, "frank": token_for("frank")}


def test_a_second_rotation_at_the_same_time_is_refused(
    make_storage: Callable[..., Storage], keychain: Keychain
) -> None:
    storage = make_storage(keychain)
    _fill(storage)
    other = make_storage(keychain)
    refused: list[SocialdeskError] = []

    def rotate_elsewhere(name: str) -> None:
        if name == "activated" and not refused:
            with pytest.raises(SocialdeskError) as caught:
                other.vault.rotate()
            refused.append(caught.value)

    storage.vault.rotate(after_step=rotate_elsewhere)
    assert [error.code for error in refused] == ["database_busy"]
    assert list(_registry(storage).values()).count("active") == 1


def test_a_rotation_in_another_process_is_picked_up_without_restart(
    make_storage: Callable[..., Storage], keychain: Keychain
) -> None:
    gui = make_storage(keychain)
    expected = _fill(gui)
    cli = make_storage(keychain)
    report = cli.vault.rotate()
    cli.close()
    # The first storage still caches the destroyed key; it must seal with the new one.
    add_connection(gui, "frank")
    with transaction(gui.sessions) as session:
        kek_ids = {r.kek_id for r in session.scalars(select(TokenRecord))}
    assert kek_ids == {report.new_kek_id}
    assert all_tokens(gui) == {**expected, "frank": token_for("frank")}


CRASHING_ROTATION = """
import os, sys
from pathlib import Path
from desktop.core.settings import Paths, Settings
from desktop.core.vault.bootstrap import open_storage
from tests.core.vault.helpers import FileKeyring

step = sys.argv[2]
storage = open_storage(Paths.resolve(sys.argv[1]), Settings(), FileKeyring(), allow_backends=(FileKeyring,))

def die(name):
    if name == step:
        os._exit(17)

storage.vault.rotate(after_step=die, batch_size=2)
"""


@pytest.mark.parametrize("step", ["stored", "rewrapped-batch", "destroyed"])
def test_a_process_killed_mid_rotation_is_recovered(
    make_storage: Callable[..., Storage], base_dir: Path, tmp_path: Path, step: str
) -> None:
    keyring_file = tmp_path / "keyring.json"
    backend = FileKeyring(keyring_file)
    keychain = Keychain(backend, (FileKeyring,), "file")
    storage = make_storage(keychain)
    expected = _fill(storage)
    storage.close()
    result = subprocess.run(
        [sys.executable, "-c", CRASHING_ROTATION, str(base_dir), step],
        cwd=ROOT,
        env={**os.environ, "SOCIALDESK_TEST_KEYRING_FILE": str(keyring_file)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 17, result.stderr
    recovered = make_storage(keychain)
    assert recovered.status().mode == "persistent"
    assert all_tokens(recovered) == expected
    assert _keychain_names(keychain, recovered) == {recovered.status().active_kek_id}


def test_a_damaged_record_does_not_block_rotation_and_heals_on_reconnect(
    make_storage: Callable[..., Storage], memory_keyring: MemoryKeyring
) -> None:
    keychain = Keychain(memory_keyring, (MemoryKeyring,), "memory")
    storage = make_storage(keychain)
    expected = _fill(storage)
    with transaction(storage.sessions) as session:
        session.execute(
            text(
                "UPDATE token_records SET wrapped_dek = zeroblob(60) WHERE connection_id = "
                "(SELECT id FROM instagram_connections WHERE username = 'carol')"
            )
        )
    old_kek = storage.status().active_kek_id

    with pytest.raises(SocialdeskError) as caught:
        storage.vault.rotate(batch_size=2)

    assert caught.value.code == "vault_integrity_error"
    assert "@carol" in caught.value.detail
    del expected["carol"]
    with transaction(storage.sessions) as session:
        under_old = {
            r.connection.username for r in session.scalars(select(TokenRecord)) if r.kek_id == old_kek
        }
    assert under_old == {"carol"}, "every other record moved to the new key"
    storage.close()

    reopened = make_storage(keychain)
    status = reopened.status()
    assert status.mode == "persistent"
    assert status.problem_code == "vault_integrity_error"
    assert "@carol" in status.detail
    assert _registry(reopened)[old_kek] == "retiring", "the old key stays while a record needs it"
    assert _readable_tokens(reopened) == expected

    add_connection(reopened, "carol", token=token_for("carol-again"))  # reconnect
    reopened.close()
    healed = make_storage(keychain)
    assert healed.status().problem_code is None
    assert _registry(healed)[old_kek] == "destroyed"
    assert _keychain_names(keychain, healed) == {healed.status().active_kek_id}
    assert all_tokens(healed) == {**expected, "carol": token_for("carol-again")}


def _readable_tokens(storage: Storage) -> dict[str, str]:
    """Every token that opens; the damaged one must fail as an integrity error."""
    tokens: dict[str, str] = {}
    with transaction(storage.sessions) as session:
        for connection in connections.list_all(session):
            try:
                tokens[connection.username] = connections.read_token(
                    session, storage.vault, connection
                ).reveal()
            except SocialdeskError as error:
                assert error.code == "vault_integrity_error"
    return tokens
