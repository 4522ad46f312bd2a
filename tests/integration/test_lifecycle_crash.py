"""A process killed between encrypting a refreshed token and committing it keeps a working token.

The refresh runs in a child process that dies (``os._exit``) at the chosen step; the parent then
opens the same files, as the next start of the app would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.core.environment import Environment
from desktop.core.sandbox import SandboxServer
from desktop.core.sandbox.state import saved_state
from desktop.core.services import Services
from desktop.core.settings import Paths, Settings, load_settings, save_settings
from tests.core.lifecycle.helpers import connect, stored_token
from tests.core.vault.helpers import FileKeyring
from tests.support.net import find_free_port

ROOT = Path(__file__).resolve().parents[2]

DYING_SWEEP = """
import os, sys
from desktop.core.environment import Environment
from desktop.core.lifecycle import Lifecycle
from desktop.core.services import Services
from desktop.core.settings import Paths, load_settings
from desktop.core.store import claims
from tests.core.vault.helpers import FileKeyring

paths = Paths.resolve(sys.argv[1])
env = Environment(paths, load_settings(paths), force_sandbox=True)
services = Services.open(env, keyring_backend=FileKeyring(), allow_backends=(FileKeyring,))

def die(step):
    if step == sys.argv[2]:
        os._exit(17)

Lifecycle(
    sessions=services.storage.sessions,
    vault=services.storage.vault,
    client=services.connections.client,
    clock=services.clock,
    after_step=die,
    worker_id=claims.desktop_id(paths.data_dir),  # as Services.lifecycle() names this desktop
).run()
"""


def _open(paths: Paths, backend: FileKeyring) -> Services:
    env = Environment(paths, load_settings(paths), force_sandbox=True)
    return Services.open(env, keyring_backend=backend, allow_backends=(FileKeyring,), check_interval=0.05)


def _long_lived_issued(paths: Paths) -> int:
    """How many 60-day tokens the sandbox has issued (its state file keeps only their hashes)."""
    state = saved_state(paths.sandbox_dir)
    return sum(1 for token in state["tokens_sha256"].values() if token["kind"] == "long")


@pytest.mark.parametrize("step", ["refreshed", "sealed"])
def test_a_process_killed_before_the_commit_leaves_the_old_token_working(
    base_dir: Path, tmp_path: Path, step: str
) -> None:
    paths = Paths.resolve(base_dir).ensure()
    save_settings(paths, Settings(redirect_uri=f"https://localhost:{find_free_port()}/callback/"))
    keyring_file = tmp_path / "keyring.json"
    backend = FileKeyring(keyring_file)
    with _open(paths, backend) as services:
        view = connect(services)
        old = stored_token(services, view)
    SandboxServer(paths.sandbox_dir).advance_clock(timedelta(days=55))
    issued = _long_lived_issued(paths)

    result = subprocess.run(
        [sys.executable, "-c", DYING_SWEEP, str(base_dir), step],
        cwd=ROOT,
        env={**os.environ, "SOCIALDESK_TEST_KEYRING_FILE": str(keyring_file)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 17, result.stderr
    assert _long_lived_issued(paths) == issued + 1  # Instagram did refresh before the process died

    with _open(paths, backend) as services:
        assert stored_token(services, view) == old
        assert services.connections.client.me(old).username == "acme_business"
        (row,) = services.connections.list_all()
        assert (row.status, row.expires_at) == ("active", view.expires_at)
        (item,) = services.lifecycle().run().outcomes
        assert item.outcome == "refreshed"
        assert stored_token(services, view) != old
