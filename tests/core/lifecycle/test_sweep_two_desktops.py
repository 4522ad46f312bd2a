"""Two desktops sweeping one team database at the same moment: every token is refreshed exactly once.

Real parts throughout: the connections are made through the sandbox's consent form, the database is
the run's PostgreSQL cluster, and each desktop is its own process with its own engine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.core.lifecycle import report as r
from desktop.core.services import Services
from tests.core.lifecycle.helpers import connect, open_services, sandbox_of, sandbox_settings, stored_token
from tests.core.vault.helpers import FileKeyring

ROOT = Path(__file__).resolve().parents[3]
WORKSPACES = 10


@pytest.mark.slow
def test_two_desktops_refresh_every_token_exactly_once(
    base_dir: Path, tmp_path: Path, postgres_url: str
) -> None:
    keyring_file = tmp_path / "keyring.json"
    services: Services = open_services(
        base_dir,
        sandbox_settings(database_url=postgres_url),
        FileKeyring(keyring_file),  # type: ignore[arg-type]
    )
    try:
        sandbox = sandbox_of(services)
        views = []
        for number in range(WORKSPACES):
            workspace = services.workspaces.create(f"Client {number}")
            views.append(connect(services, "acme_business", workspace.id))
        before = {view.workspace_id: stored_token(services, view).reveal() for view in views}
        sandbox.advance_clock(timedelta(days=55))
        refreshes_before = sandbox.request_count("/refresh_access_token")

        env = {
            **os.environ,
            "SOCIALDESK_TEST_DATABASE_URL": postgres_url,
            "SOCIALDESK_TEST_KEYRING_FILE": str(keyring_file),
        }
        workers = []
        for name in ("desktop-a", "desktop-b"):
            (tmp_path / name).mkdir()
            workers.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "tests.core.lifecycle.sweep_worker",
                        str(tmp_path / name),
                        sandbox.base_url,
                        sandbox.credentials.client_id,
                        sandbox.now().isoformat(),
                    ],
                    cwd=ROOT,
                    env=env,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            )
        for worker in workers:
            assert worker.stdin is not None and worker.stdout is not None
            worker.stdin.write(sandbox.credentials.client_secret.reveal() + "\n")
            worker.stdin.flush()
            line = worker.stdout.readline().strip()
            assert line == "ready", worker.stderr.read() if worker.stderr else line
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
        results = [worker.communicate(timeout=100) for worker in workers]
        outcomes = []
        for worker, (out, err) in zip(workers, results, strict=True):
            assert worker.returncode == 0, err
            outcomes.append(json.loads(out.strip().splitlines()[-1]))

        refreshed = Counter(
            workspace_id
            for per_desktop in outcomes
            for workspace_id, _, outcome, _ in per_desktop
            if outcome == r.REFRESHED
        )
        assert refreshed == Counter({view.workspace_id: 1 for view in views})
        assert sandbox.request_count("/refresh_access_token") - refreshes_before == WORKSPACES
        others = Counter(
            outcome for per_desktop in outcomes for _, _, outcome, _ in per_desktop if outcome != r.REFRESHED
        )
        assert set(others) <= {r.SUPERSEDED}, others
        for view in views:
            fresh = stored_token(services, view)
            assert fresh.reveal() != before[view.workspace_id]
            assert sandbox.token_status(fresh).status == "active"
    finally:
        services.close()
