"""``socialdesk connections refresh [--json]``: one sweep, each account's outcome in words or JSON."""

from __future__ import annotations

import argparse
import json
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.commands import connections as connections_command
from desktop.core.sandbox import SandboxServer
from desktop.core.settings import Paths, Settings, save_settings
from tests.support.cli import socialdesk
from tests.support.net import find_free_port


def run(capsys: pytest.CaptureFixture[str], paths: Paths, *argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="socialdesk")
    connections_command.add_parser(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    code = args.handler(args, paths, Settings(redirect_uri=f"https://localhost:{find_free_port()}/callback/"))
    out, err = capsys.readouterr()
    return code, out, err


def test_with_nothing_connected_it_says_so(capsys: pytest.CaptureFixture[str], base_dir: Path) -> None:
    paths = Paths.resolve(base_dir).ensure()
    code, out, _ = run(capsys, paths, "connections", "refresh")
    assert code == 0
    assert out == "No Instagram account is connected.\n"

    code, out, _ = run(capsys, paths, "connections", "refresh", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["connections"] == []
    assert report["outbox"] == {"revoked": 0, "still_pending": 0, "finalized": 0}
    assert report["outbox_error"] is None
    assert report["started_at"]


@pytest.mark.real_keychain
def test_each_outcome_in_words(base_dir: Path) -> None:
    paths = Paths.resolve(base_dir).ensure()
    # A refresh window as long as a token's life: due at once, so the 24-hour rule shows.
    save_settings(
        paths,
        Settings(redirect_uri=f"https://localhost:{find_free_port()}/callback/", refresh_window_days=60),
    )
    assert socialdesk(base_dir, "connections", "connect").returncode == 0

    young = socialdesk(base_dir, "connections", "refresh")
    assert young.returncode == 0, young.stderr
    assert young.stdout.startswith("@acme_business (My workspace): not refreshed: under 24 hours old")

    SandboxServer(paths.sandbox_dir).advance_clock(timedelta(days=2))
    refreshed = socialdesk(base_dir, "connections", "refresh")
    assert refreshed.stdout.startswith("@acme_business (My workspace): refreshed, valid until ")
    assert refreshed.stdout.strip().endswith("UTC")

    SandboxServer(paths.sandbox_dir).advance_clock(timedelta(days=61))
    expired = socialdesk(base_dir, "connections", "refresh")
    assert expired.stdout.startswith("@acme_business (My workspace): needs reconnect: The token expired on ")
    assert "Reconnect to sign in again." in expired.stdout
