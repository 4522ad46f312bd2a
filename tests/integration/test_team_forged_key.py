"""Two desktops (own HOME, own D-Bus session and gnome-keyring each) and a database writer.

The joiner checks the team fingerprint the creator read out; the writer, who has only the database
login, hands the approved member a team key of its own making; that desktop refuses it with
``team_key_unverified`` and seals nothing under it.
"""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from desktop.core.store.engine import open_engine
from desktop.core.store.errors import transaction
from desktop.core.store.models import TokenRecord
from tests.integration.test_team_two_desktops import Sandbox, desktops, run, sandbox
from tests.support.desktop_session import DesktopSession
from tests.support.team_forgery import forge_active_key

__all__ = ["desktops", "sandbox"]

pytestmark = pytest.mark.slow


def test_a_forged_team_key_is_refused_by_the_member_it_was_made_for(
    desktops: tuple[DesktopSession, DesktopSession], sandbox: Sandbox, postgres_url: str
) -> None:
    alice, bob = desktops
    created = run(alice, sandbox, "team", "create", "Agency", "--database-url", postgres_url, "--as", "Alice")
    assert created.returncode == 0, created.stderr
    match = re.search(r"Team fingerprint: ([0-9A-F-]{39})", created.stdout)
    assert match is not None, created.stdout
    team_fingerprint = match.group(1)

    wrong = run(bob, sandbox, "team", "join", postgres_url, "--name", "Bob", "--team-fingerprint", "0" * 32)
    assert wrong.returncode == 1
    assert "team_fingerprint_mismatch" in wrong.stderr
    joined = run(
        bob, sandbox, "team", "join", postgres_url, "--name", "Bob", "--team-fingerprint", team_fingerprint
    )
    assert joined.returncode == 0, joined.stderr
    assert f"Team fingerprint: {team_fingerprint} (matches" in joined.stdout
    fingerprint = re.search(r"Your fingerprint: ([0-9A-F-]{39})", joined.stdout)
    assert fingerprint is not None
    approved = run(alice, sandbox, "team", "approve", "Bob", "--fingerprint", fingerprint.group(1))
    assert approved.returncode == 0, approved.stderr
    connected = run(bob, sandbox, "connections", "connect")
    assert connected.returncode == 0, connected.stderr

    engine = open_engine(postgres_url)
    try:
        forged = forge_active_key(sessionmaker(engine), how="signed by a key of the writer's own")
        refused = run(bob, sandbox, "connections", "connect")
        assert refused.returncode == 1
        assert "team_key_unverified" in refused.stderr
        with transaction(sessionmaker(engine)) as session:
            under_forged = session.scalar(
                select(func.count()).select_from(TokenRecord).where(TokenRecord.kek_id == forged)
            )
        assert under_forged == 0, "a token was sealed under the forged key"
    finally:
        engine.dispose()
    status = json.loads(run(bob, sandbox, "team", "status", "--json").stdout)
    assert status["problem_code"] == "team_key_unverified"
    assert status["team_fingerprint"] == team_fingerprint
    members = json.loads(run(alice, sandbox, "team", "members", "--json").stdout)
    assert {m["name"]: m["verified"] for m in members} == {"Alice": True, "Bob": True}
