"""The headless connect flow as support or a script runs it: real subprocesses, real keychain.

Each command is its own process, so the vault key must survive between them: these tests run
against the real Secret Service that the README test command starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import ROOT, prepare_base_dir, socialdesk

pytestmark = pytest.mark.real_keychain


@pytest.fixture
def cli_base(base_dir: Path) -> Path:
    return prepare_base_dir(base_dir)


def test_connect_list_disconnect_through_the_cli(cli_base: Path) -> None:
    connected = socialdesk(cli_base, "--sandbox", "connections", "connect")
    assert connected.returncode == 0, connected.stderr
    assert "Connected @acme_business (Business)" in connected.stdout
    assert "Sandbox mode" in connected.stderr

    listed = socialdesk(cli_base, "connections", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    (row,) = json.loads(listed.stdout)
    assert row["username"] == "acme_business"
    assert row["workspace"] == "My workspace"
    assert row["status"] == "active"
    assert row["status_reason"] == ""
    assert "instagram_business_content_publish" in row["scopes"]
    assert row["consented_at"] and row["expires_at"]

    for path in cli_base.rglob("*"):
        if path.is_file():
            assert b"IGAASBX" not in path.read_bytes(), f"{path} holds a token"

    removed = socialdesk(cli_base, "connections", "disconnect", "@acme_business")
    assert removed.returncode == 0, removed.stderr
    # The sandbox's strict default: Instagram will not revoke, so the user is told the manual route.
    assert "Instagram does not let Socialdesk remove its own access" in removed.stdout
    assert "instagram.com/accounts/manage_access" in removed.stdout
    after = socialdesk(cli_base, "connections", "list")
    assert (
        "@acme_business\tremove by hand: Open https://www.instagram.com/accounts/manage_access/"
        in after.stderr
    )
    assert json.loads(socialdesk(cli_base, "connections", "list", "--json").stdout) == []
    dismissed = socialdesk(cli_base, "connections", "dismiss", "acme_business")
    assert dismissed.returncode == 0, dismissed.stderr
    assert "remove by hand" not in socialdesk(cli_base, "connections", "list").stderr


def test_personal_account_prints_the_seed_message_and_code(cli_base: Path) -> None:
    result = socialdesk(cli_base, "connections", "connect", CONSENT_ACCOUNT="jane.personal")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert (
        "error: instagram_no_business_account: Connecting Instagram requires a Business or Creator account."
        in lines
    )
    assert "Switch to Business or Creator in the Instagram app, then retry." in result.stderr


def test_pasted_address_on_stdin_connects(cli_base: Path) -> None:
    """--no-browser prints the link; the 'browser' stops at Instagram's redirect and the user pastes it."""
    env = {**os.environ, "SOCIALDESK_BASE_DIR": str(cli_base)}
    env.pop("PYTHON_KEYRING_BACKEND", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "connections", "connect", "--no-browser"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdin is not None
    link = ""
    for line in process.stdout:
        if "/start?state=" in line:
            link = line.strip()
            break
    assert link
    sys.path.insert(0, str(ROOT))
    from tests.support.consent import ConsentBot

    trusted = (cli_base / "data" / "tls" / "local-ca.pem").read_text(encoding="ascii")
    location = (
        ConsentBot(account="studio.creator", deliver=False, ca_pem=trusted).open(link).redirect_location
    )
    assert location is not None
    process.stdin.write("not an address\n")
    process.stdin.write(location + "\n")
    process.stdin.flush()
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Connected @studio.creator (Creator)" in out
    assert "error: invalid_callback" in err
