"""``socialdesk vault status|rotate|reset`` through the real argument parser and handlers."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.backends.SecretService
import pytest
from sqlalchemy import select

from desktop.commands import vault as vault_command
from desktop.core.errors import FACEBOOK_INTEGRATIONS_URL, MANAGE_ACCESS_URL
from desktop.core.settings import Paths, Settings
from desktop.core.store import connections
from desktop.core.store.errors import transaction
from desktop.core.store.models import KekEntry
from desktop.core.vault.bootstrap import open_storage
from tests.core.vault.helpers import add_connection, all_tokens, token_for
from tests.support.memory_keyring import MemoryKeyring


@pytest.fixture
def paths(base_dir: Path) -> Paths:
    return Paths.resolve(base_dir)


def run(
    capsys: pytest.CaptureFixture[str], paths: Paths, *argv: str, allow: tuple[type, ...] = ()
) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="socialdesk")
    vault_command.add_parser(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    if allow:
        args.allow_backends = allow
    # Real mode (an app is configured), so the commands act on the real store these tests fill.
    code = args.handler(args, paths, Settings(instagram_app_id="1234567890"))
    out, err = capsys.readouterr()
    return code, out, err


def _secrets(backend: MemoryKeyring) -> list[str]:
    return list(backend.items().values())


@pytest.fixture
def filled(paths: Paths, memory_keyring: MemoryKeyring) -> Iterator[MemoryKeyring]:
    storage = open_storage(paths, Settings(), memory_keyring, allow_backends=(MemoryKeyring,))
    add_connection(storage, "alice")
    add_connection(storage, "bob")
    storage.close()
    yield memory_keyring


def test_status_json_with_the_fail_backend_is_session_only(
    capsys: pytest.CaptureFixture[str], paths: Paths, base_dir: Path
) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    code, out, err = run(capsys, paths, "vault", "status", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["mode"] == "session-only"
    assert data["backend"] == "keyring.backends.fail.Keyring"
    assert data["record_count"] == 0
    assert data["problem_code"] == "keychain_unavailable"
    assert data["message"] == "No secure keychain is available."
    assert "Secret Service" in data["action"]
    assert set(data) == {
        "mode",
        "backend",
        "active_kek_id",
        "record_count",
        "problem_code",
        "detail",
        "message",
        "action",
    }
    assert not paths.database_file.exists()


def test_status_text_and_json_show_no_key_material(
    capsys: pytest.CaptureFixture[str], paths: Paths, filled: MemoryKeyring
) -> None:
    code, out, _ = run(capsys, paths, "vault", "status", allow=(MemoryKeyring,))
    assert code == 0
    assert "mode: persistent" in out
    assert "stored tokens: 2" in out
    code, out_json, _ = run(capsys, paths, "vault", "status", "--json", allow=(MemoryKeyring,))
    data = json.loads(out_json)
    assert (data["mode"], data["record_count"], data["problem_code"]) == ("persistent", 2, None)
    [(_, kek_id)] = filled.items().keys()
    assert data["active_kek_id"] == kek_id
    for secret in _secrets(filled):
        assert secret not in out
        assert secret not in out_json
    for name in ("alice", "bob"):
        assert token_for(name) not in out + out_json


def test_rotate_rewraps_everything_and_drops_the_old_key(
    capsys: pytest.CaptureFixture[str], paths: Paths, filled: MemoryKeyring
) -> None:
    [(_, old)] = filled.items().keys()
    code, out, err = run(capsys, paths, "vault", "rotate", allow=(MemoryKeyring,))
    assert (code, err) == (0, "")
    [(_, new)] = filled.items().keys()
    assert new != old
    assert out.strip() == f"rotated: {old} -> {new}; 2 tokens rewrapped"
    storage = open_storage(paths, Settings(), filled, allow_backends=(MemoryKeyring,))
    try:
        assert all_tokens(storage) == {"alice": token_for("alice"), "bob": token_for("bob")}
    finally:
        storage.close()


def test_reset_needs_yes_and_changes_nothing_without_it(
    capsys: pytest.CaptureFixture[str], paths: Paths, filled: MemoryKeyring
) -> None:
    code, out, err = run(capsys, paths, "vault", "reset", allow=(MemoryKeyring,))
    assert code == 2
    assert out == ""
    assert "--yes" in err
    code, out, _ = run(capsys, paths, "vault", "status", "--json", allow=(MemoryKeyring,))
    assert json.loads(out)["record_count"] == 2


def test_reset_with_yes_deletes_tokens_and_keeps_accounts(
    capsys: pytest.CaptureFixture[str], paths: Paths, filled: MemoryKeyring
) -> None:
    [(_, old)] = filled.items().keys()
    code, out, err = run(capsys, paths, "vault", "reset", "--yes", allow=(MemoryKeyring,))
    assert (code, err) == (0, "")
    assert "2 stored tokens deleted; 2 connections need Reconnect" in out
    [(_, new)] = filled.items().keys()
    assert new != old
    code, out, _ = run(capsys, paths, "vault", "status", "--json", allow=(MemoryKeyring,))
    assert json.loads(out)["record_count"] == 0


def test_reset_names_where_each_dropped_revocation_is_removed_by_hand(
    capsys: pytest.CaptureFixture[str], paths: Paths, filled: MemoryKeyring
) -> None:
    storage = open_storage(paths, Settings(), filled, allow_backends=(MemoryKeyring,))
    try:
        with transaction(storage.sessions) as session:
            by_name = {c.username: c for c in connections.list_all(session)}
            now = storage.vault.clock.now()
            connections.move_to_outbox(session, by_name["alice"], now=now)
            entry = connections.move_to_outbox(session, by_name["bob"], now=now)
            assert entry is not None
            entry.via = "facebook"  # as a Facebook Login grant's revocation is queued
    finally:
        storage.close()
    code, out, err = run(capsys, paths, "vault", "reset", "--yes", allow=(MemoryKeyring,))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert f"not yet revoked at Instagram: @alice; remove the app at {MANAGE_ACCESS_URL}" in lines
    assert (
        f"not yet revoked at Facebook: @bob; open {FACEBOOK_INTEGRATIONS_URL} (Business Integrations), "
        "find Socialdesk and choose Remove"
    ) in lines
    assert "@bob" not in next(line for line in lines if "at Instagram" in line)


def test_rotate_with_a_missing_key_prints_the_error_and_the_way_forward(
    capsys: pytest.CaptureFixture[str], paths: Paths, filled: MemoryKeyring
) -> None:
    filled._items.clear()
    code, out, err = run(capsys, paths, "vault", "rotate", allow=(MemoryKeyring,))
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert (
        lines[0] == "error: vault_keys_unavailable: Socialdesk's encryption key is missing from the keychain."
    )
    assert (
        lines[-1].strip() == "Restore the keychain and retry, or reset the vault and reconnect your accounts."
    )
    code, out, _ = run(capsys, paths, "vault", "status", allow=(MemoryKeyring,))
    assert code == 0
    assert "mode: keys-unavailable" in out
    assert "stored tokens: 2" in out, "nothing was deleted"


def test_a_damaged_database_file_is_reported_not_replaced(
    capsys: pytest.CaptureFixture[str], paths: Paths, memory_keyring: MemoryKeyring
) -> None:
    paths.database_file.parent.mkdir(parents=True)
    paths.database_file.write_bytes(b"\x07" * 4096)
    code, out, err = run(capsys, paths, "vault", "status", allow=(MemoryKeyring,))
    assert (code, out) == (1, "")
    assert err.startswith("error: database_corrupt: Socialdesk's database can't be read.")
    assert "move it aside" in err
    assert paths.database_file.read_bytes() == b"\x07" * 4096


def test_vault_without_a_subcommand_prints_usage(capsys: pytest.CaptureFixture[str], paths: Paths) -> None:
    code, _, err = run(capsys, paths, "vault")
    assert code == 2
    assert "usage:" in err


@pytest.mark.real_keychain
def test_status_json_under_a_real_secret_service_is_persistent(
    capsys: pytest.CaptureFixture[str], paths: Paths
) -> None:
    backend = keyring.backends.SecretService.Keyring()
    keyring.set_keyring(backend)
    code, out, _ = run(capsys, paths, "vault", "status", "--json")
    data = json.loads(out)
    try:
        assert code == 0
        assert data["mode"] == "persistent"
        assert data["backend"] == "keyring.backends.SecretService.Keyring"
        assert data["problem_code"] is None
        assert data["active_kek_id"].startswith("kek-v1-")
    finally:
        storage = open_storage(paths, Settings(), backend)
        with transaction(storage.sessions) as session:
            entries = [(e.service, e.kek_id) for e in session.scalars(select(KekEntry))]
        storage.close()
        for service, kek_id in entries:
            backend.delete_password(service, kek_id)


def test_vault_commands_in_sandbox_mode_act_on_the_sandbox_store_only(
    capsys: pytest.CaptureFixture[str], paths: Paths, filled: MemoryKeyring
) -> None:
    parser = argparse.ArgumentParser(prog="socialdesk")
    vault_command.add_parser(parser.add_subparsers())
    args = parser.parse_args(["vault", "reset", "--yes"])
    args.allow_backends = (MemoryKeyring,)
    args.sandbox = True
    assert args.handler(args, paths, Settings(instagram_app_id="1234567890")) == 0
    out, _ = capsys.readouterr()
    assert "0 stored tokens deleted" in out
    code, out, _ = run(capsys, paths, "vault", "status", allow=(MemoryKeyring,))
    assert code == 0 and "stored tokens: 2" in out, "the real store was not touched"
