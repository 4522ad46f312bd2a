"""``socialdesk connections connect --via facebook`` with a stand-in browser, in a subprocess."""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.support.cli import ROOT, prepare_base_dir, socialdesk
from tests.support.consent import ConsentBot

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


def _connect_by_paste(cli_base: Path, bot: ConsentBot, *extra: str) -> tuple[int, str, str, str]:
    """``connect --via facebook --no-browser``; ``bot`` (one browser profile, cookies kept) answers
    the dialog and the address it stops at is pasted. Returns the code, stdout, stderr and dialog URL."""
    env = {**os.environ, "SOCIALDESK_BASE_DIR": str(cli_base)}
    env.pop("PYTHON_KEYRING_BACKEND", None)
    env.pop("SOCIALDESK_LANGUAGE", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "desktop",
            "connections",
            "connect",
            "--via",
            "facebook",
            "--no-browser",
            *extra,
        ],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None and process.stdin is not None
        link = next(line.strip() for line in process.stdout if "/start?state=" in line)
        bot.ca_pem = (cli_base / "data" / "tls" / "local-ca.pem").read_text(encoding="ascii")
        with httpx.Client(verify=ssl.create_default_context(cadata=bot.ca_pem), timeout=10) as http:
            dialog = http.get(link).headers["location"]
        location = bot.open(link).redirect_location
        assert location is not None
        process.stdin.write(location + "\n")
        process.stdin.flush()
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
    return process.returncode, out, err, dialog


def test_switch_account_asks_facebook_to_reauthenticate_even_when_the_browser_is_signed_in(
    cli_base: Path,
) -> None:
    browser = ConsentBot(account="maria.agency", deliver=False)
    code, out, err, dialog = _connect_by_paste(cli_base, browser, "--account", "acme_coffee")
    assert code == 0, err
    assert "auth_type" not in dialog
    assert "Connected @acme_coffee" in out

    # The same browser, still signed in to Facebook as Maria; Paul signs in instead.
    browser.account = "paul.personal"
    code, out, err, dialog = _connect_by_paste(cli_base, browser, "--switch-account")

    assert parse_qs(urlsplit(dialog).query)["auth_type"] == ["reauthenticate"]
    assert "Facebook will ask you to sign in again" in err
    # Paul, not the session's Maria, answered: he has no Page-linked business account.
    assert code == 1, err
    assert "error: instagram_no_business_account" in err and "Paul's Garage" in err
