"""``socialdesk connections connect --via facebook`` with a stand-in browser, in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import prepare_base_dir, socialdesk

pytestmark = pytest.mark.real_keychain


@pytest.fixture
def cli_base(tmp_path: Path) -> Path:
    return prepare_base_dir(tmp_path / "base")


def test_connects_the_named_accounts_and_prints_each_outcome(cli_base: Path) -> None:
    result = socialdesk(
        cli_base,
        "connections",
        "connect",
        "--via",
        "facebook",
        "--account",
        "acme_coffee",
        "--account",
        "@harbor.florist",
        CONSENT_ACCOUNT="maria.agency",
    )
    assert result.returncode == 0, result.stderr
    assert "Connected @acme_coffee (Page Acme Coffee) to 'My workspace'." in result.stdout
    assert "Connected @harbor.florist (Page Harbor Florist)" in result.stdout
    assert "Left out @studio.lumen (Page Studio Lumen): not named with --account." in result.stdout
    assert "Not connected: Corner Bakery: No Instagram Business or Creator account is linked" in result.stdout
    rows = json.loads(socialdesk(cli_base, "connections", "list", "--json").stdout)
    assert sorted((r["username"], r["via"], r["page"]) for r in rows) == [
        ("acme_coffee", "facebook", "Acme Coffee"),
        ("harbor.florist", "facebook", "Harbor Florist"),
    ]
    for path in cli_base.rglob("*"):
        if path.is_file():
            assert b"EAASBX" not in path.read_bytes(), f"{path} holds a token"

    first = socialdesk(cli_base, "connections", "disconnect", "acme_coffee")
    assert first.returncode == 0, first.stderr
    assert "Its Facebook grant still serves @harbor.florist in 'My workspace'" in first.stdout
    last = socialdesk(cli_base, "connections", "disconnect", "harbor.florist")
    assert "revoked at Facebook" in last.stdout


def test_every_eligible_account_by_default(cli_base: Path) -> None:
    result = socialdesk(
        cli_base, "connections", "connect", "--via", "facebook", CONSENT_ACCOUNT="maria.agency"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Connected @") == 4


def test_personal_only_prints_the_seed_message_with_reasons(cli_base: Path) -> None:
    result = socialdesk(
        cli_base, "connections", "connect", "--via", "facebook", CONSENT_ACCOUNT="paul.personal"
    )
    assert result.returncode == 1
    assert (
        "error: instagram_no_business_account: Connecting Instagram requires a Business or Creator account."
        in result.stderr
    )
    assert "Paul's Garage" in result.stderr


def test_unknown_account_name_is_refused_and_nothing_is_stored(cli_base: Path) -> None:
    result = socialdesk(
        cli_base,
        "connections",
        "connect",
        "--via",
        "facebook",
        "--account",
        "nobody",
        CONSENT_ACCOUNT="maria.agency",
    )
    assert result.returncode == 1 and "account_not_found" in result.stderr and "@acme_coffee" in result.stderr
    assert json.loads(socialdesk(cli_base, "connections", "list", "--json").stdout) == []
