"""Sandbox state on disk: round trip, hashes only, purging."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.core.sandbox.state import STATE_DB_NAME, STATE_FILE_NAME, SandboxState, fingerprint, saved_state
from desktop.core.sandbox.state_records import CodeRecord, TokenRecord
from tests.core.sandbox.helpers import files_text

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_round_trip(tmp_path: Path) -> None:
    state = SandboxState.load_or_create(tmp_path, "Demo")
    state.set_secret("s3cret-value")
    state.add_redirect_uri("https://localhost:8765/callback/")
    code = state.add_code(CodeRecord(state.app.client_id, "http://x/", 17841400008460001, ("a",), NOW))
    token = state.add_token(
        TokenRecord("long", state.app.client_id, 17841400008460001, ("a", "b"), NOW, NOW + timedelta(days=60))
    )
    state.revoke_grant(state.app.client_id, 17841400008460001, NOW)
    state.save()

    loaded = SandboxState.load_or_create(tmp_path, "ignored")

    assert loaded.app == state.app
    assert loaded.accounts == state.accounts
    assert loaded.codes == state.codes
    assert loaded.tokens == state.tokens
    assert loaded.secret_matches("s3cret-value")
    assert not loaded.secret_matches("other")
    assert loaded.tokens[fingerprint(token)].revoked_at == NOW
    assert fingerprint(code) in loaded.codes
    text = files_text(tmp_path)
    assert token not in text and code not in text and "s3cret-value" not in text


def test_no_secret_matches_before_one_is_set(tmp_path: Path) -> None:
    state = SandboxState.load_or_create(tmp_path, "Demo")

    assert not state.secret_matches("")
    assert not state.secret_matches("anything")


def test_purge_forgets_old_codes_and_long_dead_tokens(tmp_path: Path) -> None:
    state = SandboxState.load_or_create(tmp_path, "Demo")
    old_code = state.add_code(CodeRecord("c", "u", 1, (), NOW - timedelta(days=2)))
    new_code = state.add_code(CodeRecord("c", "u", 1, (), NOW - timedelta(hours=2)))
    dead = state.add_token(TokenRecord("long", "c", 1, (), NOW, NOW - timedelta(days=91)))
    expired = state.add_token(TokenRecord("long", "c", 1, (), NOW, NOW - timedelta(days=1)))

    state.purge(NOW)

    assert fingerprint(old_code) not in state.codes
    assert fingerprint(new_code) in state.codes
    assert fingerprint(dead) not in state.tokens
    assert fingerprint(expired) in state.tokens  # still answers "expired", not "unknown"


def test_an_unknown_version_starts_fresh(tmp_path: Path) -> None:
    (tmp_path / STATE_FILE_NAME).write_text('{"version": 99}', encoding="utf-8")

    state = SandboxState.load_or_create(tmp_path, "Demo")

    assert state.tokens == {}
    assert (tmp_path / (STATE_FILE_NAME + ".damaged")).exists()


def test_a_save_that_failed_is_written_by_the_next(tmp_path: Path) -> None:
    """Another process holding the file past the busy timeout fails one save; nothing is forgotten."""
    state = SandboxState.load_or_create(tmp_path, "Demo")
    blocker = sqlite3.connect(tmp_path / STATE_DB_NAME, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        token = state.add_token(
            TokenRecord("long", state.app.client_id, 1, ("a",), NOW, NOW + timedelta(days=60))
        )
        with pytest.raises(sqlite3.OperationalError):
            state.save()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    code = state.add_code(CodeRecord(state.app.client_id, "http://x/", 1, ("a",), NOW))

    state.save()

    saved = saved_state(tmp_path)
    assert fingerprint(token) in saved["tokens_sha256"]
    assert fingerprint(code) in saved["codes_sha256"]
