"""Two desktops, one team: create, connect, join, approve, refresh from the second, remove, refused.

Each desktop is the real ``socialdesk`` command in its own HOME with its own D-Bus session and
gnome-keyring, so neither can read the other's keychain. They share a database on the run's
PostgreSQL cluster and one standalone ``socialdesk sandbox`` (``--sandbox-url``).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.support.canary import files_under, hits
from tests.support.cli import FILL_CONSENT, ROOT, prepare_base_dir
from tests.support.desktop_session import DesktopSession
from tests.support.postgres import PostgresCluster

pytestmark = pytest.mark.slow


@dataclass
class Sandbox:
    url: str
    client_secret: str


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    base = prepare_base_dir(tmp_path / "sandbox")
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--base-dir", str(base), "sandbox", "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = dict(process.stdout.readline().strip().split(": ", 1) for _ in range(4))
        yield Sandbox(lines["base_url"], lines["client_secret"])
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(15)
        if process.stdout is not None:
            process.stdout.close()


@pytest.fixture
def desktops(tmp_path: Path) -> Iterator[tuple[DesktopSession, DesktopSession]]:
    first = DesktopSession(tmp_path / "desktop-a").start()
    second = DesktopSession(tmp_path / "desktop-b").start()
    try:
        yield first, second
    finally:
        first.stop()
        second.stop()


def run(
    desktop: DesktopSession, sandbox: Sandbox, *args: str, **extra: str
) -> subprocess.CompletedProcess[str]:
    env = {
        **desktop.env,
        "SOCIALDESK_BASE_DIR": str(desktop.base_dir),
        "SOCIALDESK_SANDBOX_URL": sandbox.url,
        "SOCIALDESK_SANDBOX_SECRET": sandbox.client_secret,
        "BROWSER": f"{sys.executable} {FILL_CONSENT} %s",
        **extra,
    }
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_two_desktops_share_a_team(
    desktops: tuple[DesktopSession, DesktopSession],
    sandbox: Sandbox,
    postgres_url: str,
    postgres_cluster: PostgresCluster,
) -> None:
    alice, bob = desktops
    created = run(alice, sandbox, "team", "create", "Agency", "--database-url", postgres_url, "--as", "Alice")
    assert created.returncode == 0, created.stderr
    assert postgres_cluster.password not in created.stdout + created.stderr

    connected = run(alice, sandbox, "connections", "connect")
    assert connected.returncode == 0, connected.stderr
    assert "@acme_business" in connected.stdout

    joined = run(bob, sandbox, "team", "join", postgres_url, "--name", "Bob")
    assert joined.returncode == 0, joined.stderr
    match = re.search(r"Your fingerprint: ([0-9A-F-]{39})", joined.stdout)
    assert match is not None, joined.stdout
    fingerprint = match.group(1)

    waiting = run(bob, sandbox, "connections", "list")
    assert waiting.returncode == 1
    assert "team_member_pending" in waiting.stderr

    members = run(alice, sandbox, "team", "members", "--json")
    listed = {m["name"]: m for m in json.loads(members.stdout)}
    assert listed["Bob"] == {**listed["Bob"], "state": "pending", "fingerprint": fingerprint}

    wrong = run(alice, sandbox, "team", "approve", "Bob", "--fingerprint", listed["Alice"]["fingerprint"])
    assert wrong.returncode == 1
    assert "team_fingerprint_mismatch" in wrong.stderr
    approved = run(alice, sandbox, "team", "approve", "Bob", "--fingerprint", fingerprint)
    assert approved.returncode == 0, approved.stderr

    seen = run(bob, sandbox, "connections", "list", "--json")
    assert seen.returncode == 0, seen.stderr
    assert [row["username"] for row in json.loads(seen.stdout)] == ["acme_business"]

    httpx.post(f"{sandbox.url}/_sandbox/clock", json={"days": 55}).raise_for_status()
    refreshed = run(bob, sandbox, "connections", "refresh", "--json")
    assert refreshed.returncode == 0, refreshed.stderr
    outcomes = [item["outcome"] for item in json.loads(refreshed.stdout)["connections"]]
    assert outcomes == ["refreshed"]
    again = run(alice, sandbox, "connections", "refresh", "--json")
    [second_look] = [item["outcome"] for item in json.loads(again.stdout)["connections"]]
    assert second_look in ("not_due", "verified"), "the token Bob refreshed is not refreshed twice"

    status = json.loads(run(bob, sandbox, "team", "status", "--json").stdout)
    assert (status["member"], status["state"], status["problem_code"]) == ("Bob", "approved", None)
    assert postgres_cluster.password not in json.dumps(status)

    removed = run(alice, sandbox, "team", "remove", "Bob")
    assert removed.returncode == 0, removed.stderr
    assert "refresh" in removed.stdout and "@acme_business" in removed.stdout

    refused = run(bob, sandbox, "connections", "list")
    assert refused.returncode == 1
    assert "team_member_removed" in refused.stderr
    still = run(alice, sandbox, "connections", "list", "--json")
    assert [row["username"] for row in json.loads(still.stdout)] == ["acme_business"]

    # The database password went to each desktop's keychain: no file of theirs holds it, logs included.
    for desktop in (alice, bob):
        assert (
            hits(b"".join(p.read_bytes() for p in files_under(desktop.base_dir)), postgres_cluster.password)
            == []
        )
    assert os.environ.get("SOCIALDESK_DATABASE_PASSWORD") is None
