"""SIGKILL in the middle of connect, disconnect, refresh and key rotation, then a look at what is left.

Each case prepares real data in this process, closes it, and runs one operation in a child process
(``tests/faults/driver.py``) that freezes at a named point; the child is killed there with SIGKILL,
as a power cut or the OOM killer would. Then the app opens the same files again: the database must
pass its integrity check, the vault must finish or undo a half-done rotation, every stored token
must decrypt and still work at the sandbox, nothing may be half-written, no connection may be lost,
and the interrupted operation must work when done again.
"""

from __future__ import annotations

import select
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.core.environment import Environment
from desktop.core.lifecycle import report as r
from desktop.core.services import Services
from tests.faults import tally
from tests.faults.driver import PAUSED, POINTS, open_services
from tests.faults.file_keyring import FileKeyring
from tests.faults.store_check import Stored, assert_consistent, assert_file_intact
from tests.integration.conftest import connect
from tests.support.consent import ConsentBot

REPO = Path(__file__).resolve().parents[2]
#: Seconds the child may take to start, open the app and reach its point.
REACH_SECONDS = 60


@dataclass
class Case:
    env: Environment
    base_dir: Path
    keyring_file: Path

    def open(self) -> Services:
        return open_services(self.base_dir, self.keyring_file)

    def kill_at(self, operation: str, point: str, account: str = "acme_business") -> None:
        """Run ``operation`` in a child, wait until it reaches ``point``, and SIGKILL it there."""
        log = self.env.paths.log_dir / f"child-{point.replace(':', '-')}.log"
        with open(log, "wb") as errors:
            child = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.faults.driver",
                    operation,
                    point,
                    "--base-dir",
                    str(self.base_dir),
                    "--keyring-file",
                    str(self.keyring_file),
                    "--account",
                    account,
                ],
                cwd=REPO,
                stdout=subprocess.PIPE,
                stderr=errors,
            )
            try:
                line = _read_line(child, REACH_SECONDS)
            finally:
                child.send_signal(signal.SIGKILL)
                child.wait(30)
                assert child.stdout is not None
                child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        assert line == f"{PAUSED} {point}", f"the child never reached {point}: {line!r}; see {log}"


def _read_line(child: subprocess.Popen[bytes], seconds: float) -> str:
    assert child.stdout is not None
    ready, _, _ = select.select([child.stdout], [], [], seconds)
    if not ready:
        return "(nothing within the time limit)"
    return child.stdout.readline().decode("utf-8", "replace").strip()


@pytest.fixture
def case(app_env: Environment, base_dir: Path, tmp_path: Path) -> Iterator[Case]:
    yield Case(app_env, base_dir, tmp_path / "keychain.json")


def reopen(case: Case) -> tuple[Services, Stored]:
    """The app starting again on what the crash left; checks the file first, untouched."""
    assert_file_intact(case.env.paths, case.env.settings)
    services = case.open()
    return services, assert_consistent(services)


def status_at_sandbox(services: Services, stored: Stored, username: str, *, outbox: bool = False) -> str:
    assert services.sandbox is not None
    tokens = stored.outbox if outbox else stored.connections
    workspace = services.workspaces.default().id
    return services.sandbox.token_status(tokens[(workspace, username)]).status


def prepare(case: Case, accounts: list[str], *, age: timedelta | None = None) -> Stored:
    with case.open() as services:
        for account in accounts:
            connect_as(services, account)
        if age is not None:
            assert services.sandbox is not None
            services.sandbox.advance_clock(age)
        stored = assert_consistent(services)
    assert stored.usernames() == sorted(accounts)
    return stored


def connect_as(services: Services, account: str) -> None:
    assert connect(services, ConsentBot(account=account)).username == account


#: After a kill at each connect point: is the new account there? Only once committed.
CONNECT_STORED = {
    "connect:code-exchanged": False,
    "connect:long-lived": False,
    "connect:profile-read": False,
    "connect:sealed": False,
    "connect:committed": True,
}


@pytest.mark.parametrize("point", POINTS["connect"])
def test_sigkill_during_connect(case: Case, point: str) -> None:
    prepare(case, ["northwind_shop"])
    case.kill_at("connect", point, "acme_business")

    services, stored = reopen(case)
    with services:
        expected = ["acme_business", "northwind_shop"] if CONNECT_STORED[point] else ["northwind_shop"]
        assert stored.usernames() == expected
        for username in expected:
            assert status_at_sandbox(services, stored, username) == "active"
        if not CONNECT_STORED[point]:
            connect_as(services, "acme_business")  # doing it again works
        final = assert_consistent(services)
        assert final.usernames() == ["acme_business", "northwind_shop"]
    tally.survived("SIGKILL in connect")


#: After a kill at each disconnect point: (still connected?, waiting in the outbox?, state at Instagram)
DISCONNECT_LEFT = {
    "disconnect:moved-to-outbox": (True, False, "active"),
    "disconnect:before-revoke": (False, True, "active"),
    "disconnect:revoked": (False, True, "revoked"),
}


@pytest.mark.parametrize("point", POINTS["disconnect"])
def test_sigkill_during_disconnect(case: Case, point: str) -> None:
    before = prepare(case, ["acme_business", "northwind_shop"])
    token = before.connections[next(k for k in before.connections if k[1] == "acme_business")]
    case.kill_at("disconnect", point, "acme_business")

    services, stored = reopen(case)
    with services:
        connected, waiting, at_instagram = DISCONNECT_LEFT[point]
        assert stored.usernames() == (
            ["acme_business", "northwind_shop"] if connected else ["northwind_shop"]
        )
        assert stored.outbox_usernames() == (["acme_business"] if waiting else [])
        assert status_at_sandbox(services, stored, "northwind_shop") == "active"
        assert services.sandbox is not None
        assert services.sandbox.token_status(token).status == at_instagram
        services.sandbox.set_knobs(revoke_answer="success_object")  # as in the killed child
        # Finish the job: the outbox retries, or the user disconnects again.
        if waiting:
            services.sandbox.advance_clock(timedelta(days=1, minutes=5))
            assert services.connections.retry_outbox().still_pending == 0
        else:
            view = services.connections.find(services.workspaces.default().id, "acme_business")
            assert services.connections.disconnect(view.workspace_id, view.ig_user_id).revoked_at_provider
        final = assert_consistent(services)
        assert (final.usernames(), final.outbox) == (["northwind_shop"], {})
        assert services.sandbox.token_status(token).status == "revoked"
    tally.survived("SIGKILL in disconnect")


@pytest.mark.parametrize("point", POINTS["refresh"])
def test_sigkill_during_refresh(case: Case, point: str) -> None:
    before = prepare(case, ["acme_business", "northwind_shop"], age=timedelta(days=55))
    case.kill_at("refresh", point)

    services, stored = reopen(case)
    with services:
        assert stored.usernames() == ["acme_business", "northwind_shop"]
        for username in stored.usernames():
            assert status_at_sandbox(services, stored, username) == "active"
        changed = [k for k in before.connections if stored.connections[k] != before.connections[k]]
        if point != "refresh:committed":
            assert changed == []  # nothing committed: the old tokens stay, and still work
        else:
            assert changed  # at least the one that committed before the kill
        report = services.lifecycle().sweep()
        assert {o.outcome for o in report.outcomes} <= {r.REFRESHED, r.VERIFIED, r.NOT_DUE}
        final = assert_consistent(services)
        for username in final.usernames():
            assert status_at_sandbox(services, final, username) == "active"
        statuses = {c.username: c.status for c in services.connections.list_all()}
        assert statuses == {"acme_business": "active", "northwind_shop": "active"}
    tally.survived("SIGKILL in refresh")


@pytest.mark.parametrize("point", POINTS["rotate"])
def test_sigkill_during_key_rotation(case: Case, point: str) -> None:
    before = prepare(case, ["acme_business", "northwind_shop", "studio.creator"])
    case.kill_at("rotate", point)

    services, stored = reopen(case)  # start-up finishes or undoes the rotation
    with services:
        assert stored.connections == before.connections  # every token decrypts to what it was
        report = services.rotate_key()  # and rotating again works
        assert report.rewrapped == 3
        final = assert_consistent(services)
        assert final.connections == before.connections
        live = {kek for kek, state in final.kek_states.items() if state != "destroyed"}
        keychain = {user for users in FileKeyring(case.keyring_file).entries().values() for user in users}
        assert live <= keychain
    tally.survived("SIGKILL in key rotation")
