"""The check a release must pass: 55 days on, ``connections refresh --json`` refreshes every token;
61 days later, with no app running in between, every account is marked as needing a reconnect.

Real subprocesses of the CLI against one base dir, with the real keychain (the vault key must
survive between processes). Time moves on the sandbox's clock, which the app shares in sandbox mode.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop.core.sandbox import SandboxServer
from desktop.core.settings import Paths
from tests.support.cli import prepare_base_dir, socialdesk

ACCOUNTS = ("acme_business", "northwind_shop", "studio.creator")

pytestmark = pytest.mark.real_keychain


def advance(base_dir: Path, days: int) -> None:
    """Move the sandbox's clock while no Socialdesk process runs (it is stored with the sandbox)."""
    SandboxServer(Paths.resolve(base_dir).sandbox_dir).advance_clock(timedelta(days=days))


def refresh(base_dir: Path) -> dict[str, dict[str, Any]]:
    result = socialdesk(base_dir, "connections", "refresh", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    return {row["username"]: row for row in report["connections"]}


def listed(base_dir: Path) -> dict[str, dict[str, Any]]:
    result = socialdesk(base_dir, "connections", "list", "--json")
    assert result.returncode == 0, result.stderr
    return {row["username"]: row for row in json.loads(result.stdout)}


@pytest.fixture
def cli_base(base_dir: Path) -> Path:
    return prepare_base_dir(base_dir)


def test_55_days_on_every_token_is_refreshed_and_61_days_away_they_need_reconnect(cli_base: Path) -> None:
    for account in ACCOUNTS:
        connected = socialdesk(cli_base, "connections", "connect", CONSENT_ACCOUNT=account)
        assert connected.returncode == 0, connected.stderr
    before = listed(cli_base)
    assert set(before) == set(ACCOUNTS)
    assert {row["status"] for row in before.values()} == {"active"}

    advance(cli_base, 55)
    rows = refresh(cli_base)
    assert set(rows) == set(ACCOUNTS)
    for name, row in rows.items():
        assert row["outcome"] == "refreshed", row
        assert row["status"] == "active"
        assert row["notice"] is None
        gained = datetime.fromisoformat(row["expires_at"]) - datetime.fromisoformat(
            before[name]["expires_at"]
        )
        assert gained > timedelta(days=54)
    after = listed(cli_base)
    assert {name: row["expires_at"] for name, row in after.items()} == {
        name: row["expires_at"] for name, row in rows.items()
    }

    advance(cli_base, 61)
    rows = refresh(cli_base)
    for row in rows.values():
        assert row["outcome"] == "expired", row
        assert row["status"] == "needs_reconnect"
        assert row["previous_status"] == "active"
        assert row["notice"] == "needs_reconnect"
        assert row["status_reason"].startswith("The token expired on ")
    assert {row["status"] for row in listed(cli_base).values()} == {"needs_reconnect"}

    # Said once: the next sweep leaves them alone and tells nobody again.
    rows = refresh(cli_base)
    assert {(row["outcome"], row["notice"]) for row in rows.values()} == {("skipped", None)}

    for path in cli_base.rglob("*"):
        if path.is_file():
            assert b"IGAASBX" not in path.read_bytes(), f"{path} holds a token"
