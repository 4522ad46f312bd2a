"""A copied data folder: each copy keeps working after the other rotates its key, on the real keychain.

Both copies start with the same vault id, so without a home of its own the copy would rotate away
(and delete) the keychain entry its original still needs.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import keyring.backends.SecretService
import pytest
from sqlalchemy import select

from desktop.core.settings import Paths
from desktop.core.store.errors import transaction
from desktop.core.store.instance_lock import InstanceLock
from desktop.core.store.meta import get_meta
from desktop.core.store.models import KekEntry, KekState
from desktop.core.vault.bootstrap import ROTATION_LOCK_NAME, Storage
from desktop.core.vault.keychain import service_name
from tests.core.vault.helpers import add_connection, all_tokens, open_test_storage, token_for

pytestmark = pytest.mark.real_keychain

SecretService = keyring.backends.SecretService.Keyring


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[SecretService]:
    """The Secret Service on the test session bus; every entry the test's folders named is deleted after."""
    real = SecretService()
    yield real
    for database in tmp_path.glob("*/data/*.db"):
        connection = sqlite3.connect(database)
        try:
            rows = connection.execute("SELECT service, kek_id FROM kek_registry").fetchall()
        finally:
            connection.close()
        for service, kek_id in rows:
            with contextlib.suppress(Exception):
                real.delete_password(service, kek_id)


def _open(paths: Paths, backend: SecretService) -> Storage:
    return open_test_storage(paths, backend, allow=())


def _vault_id(storage: Storage) -> str:
    with transaction(storage.sessions) as session:
        return get_meta(session).vault_id


def _keys(storage: Storage) -> dict[str, tuple[str, str]]:
    with transaction(storage.sessions) as session:
        return {entry.kek_id: (entry.service, entry.state) for entry in session.scalars(select(KekEntry))}


@pytest.fixture
def original(tmp_path: Path, backend: SecretService) -> Paths:
    """A folder with two connected accounts, closed (as a user would copy it)."""
    paths = Paths.resolve(tmp_path / "original")
    with _open(paths, backend) as storage:
        add_connection(storage, "alice")
        add_connection(storage, "bob")
    return paths


def _copy(original: Paths, tmp_path: Path, name: str = "copy") -> Paths:
    shutil.copytree(original.data_dir.parent, tmp_path / name)
    return Paths.resolve(tmp_path / name)


def test_a_copy_takes_its_own_vault_id_and_key_and_leaves_the_original_s_entries(
    original: Paths, tmp_path: Path, backend: SecretService
) -> None:
    with _open(original, backend) as storage:
        original_id = _vault_id(storage)
        original_keys = _keys(storage)
    copy = _copy(original, tmp_path)
    with _open(copy, backend) as storage:
        assert storage.status().mode == "persistent"
        copy_id = _vault_id(storage)
        copy_keys = _keys(storage)
        assert all_tokens(storage) == {"alice": token_for("alice"), "bob": token_for("bob")}
    assert copy_id != original_id
    [(own_id, (own_service, _state))] = [
        (kek_id, value) for kek_id, value in copy_keys.items() if value[1] == KekState.ACTIVE.value
    ]
    assert own_service == service_name(copy_id)
    for kek_id, (service, _state) in original_keys.items():
        # The copy retired the inherited key in its own registry; the keychain entry stays.
        assert copy_keys[kek_id] == (service, KekState.DESTROYED.value)
        assert backend.get_password(service, kek_id) is not None
    assert own_id not in original_keys


def test_rotating_the_copy_leaves_the_original_readable(
    original: Paths, tmp_path: Path, backend: SecretService
) -> None:
    copy = _copy(original, tmp_path)
    for _round in range(2):
        with _open(copy, backend) as storage:
            storage.vault.rotate()
            assert all_tokens(storage)["alice"] == token_for("alice")
    with _open(original, backend) as storage:
        status = storage.status()
        assert (status.mode, status.problem_code) == ("persistent", None)
        assert all_tokens(storage) == {"alice": token_for("alice"), "bob": token_for("bob")}


def test_rotating_the_original_leaves_an_opened_copy_readable(
    original: Paths, tmp_path: Path, backend: SecretService
) -> None:
    copy = _copy(original, tmp_path)
    with _open(copy, backend) as storage:
        add_connection(storage, "carol")
    with _open(original, backend) as storage:
        storage.vault.rotate()
        storage.vault.rotate()
    with _open(copy, backend) as storage:
        status = storage.status()
        assert (status.mode, status.problem_code) == ("persistent", None)
        assert set(all_tokens(storage)) == {"alice", "bob", "carol"}


def test_a_rotation_still_deletes_the_keys_it_retired_itself(original: Paths, backend: SecretService) -> None:
    with _open(original, backend) as storage:
        before = _keys(storage)
        storage.vault.rotate()
        all_tokens(storage)
    [(kek_id, (service, _state))] = before.items()
    assert backend.get_password(service, kek_id) is None


def test_a_moved_folder_is_no_copy(original: Paths, tmp_path: Path, backend: SecretService) -> None:
    with _open(original, backend) as storage:
        vault_id = _vault_id(storage)
        keys = _keys(storage)
    moved = tmp_path / "moved"
    original.data_dir.parent.rename(moved)
    with _open(Paths.resolve(moved), backend) as storage:
        assert _vault_id(storage) == vault_id
        assert _keys(storage) == keys
        assert all_tokens(storage)["bob"] == token_for("bob")


def _open_while_the_copy_is_busy(copy: Paths, backend: SecretService) -> Storage:
    """Open the copy while another process holds its rotation lock: the load cannot claim its home."""
    lock = InstanceLock(copy.data_dir / ROTATION_LOCK_NAME)
    assert lock.try_acquire()
    try:
        return _open(copy, backend)
    finally:
        lock.release()


@pytest.mark.parametrize("change", ["rotate", "reset"])
def test_a_copy_that_could_not_claim_its_home_at_load_still_spares_the_original(
    original: Paths, tmp_path: Path, backend: SecretService, change: str
) -> None:
    with _open(original, backend) as storage:
        original_id = _vault_id(storage)
    copy = _copy(original, tmp_path)
    with _open_while_the_copy_is_busy(copy, backend) as storage:
        assert _vault_id(storage) == original_id  # not claimed yet
        if change == "rotate":
            storage.vault.rotate()
            assert all_tokens(storage)["bob"] == token_for("bob")
        else:
            storage.vault.reset()
        assert _vault_id(storage) != original_id
    with _open(original, backend) as storage:
        status = storage.status()
        assert (status.mode, status.problem_code) == ("persistent", None)
        assert all_tokens(storage) == {"alice": token_for("alice"), "bob": token_for("bob")}
