"""The sandbox's memory across restarts: written through per request, old state files migrated."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import httpx

from desktop.core.clock import ManualClock
from desktop.core.sandbox.provider import CODE_NOT_FOUND
from desktop.core.sandbox.state import (
    STATE_DB_NAME,
    STATE_FILE_NAME,
    fingerprint,
    new_client_id,
    saved_state,
)
from tests.core.sandbox.helpers import REDIRECT_URI, long_token, me, running_sandbox

ROOT = Path(__file__).resolve().parents[3]


def _legacy_state(client_id: str, token: str, when: str, expires: str) -> dict[str, object]:
    """A ``state.json`` exactly as earlier versions wrote it."""
    return {
        "version": 1,
        "app": {
            "client_id": client_id,
            "client_secret_sha256": fingerprint("legacy-secret"),
            "name": "Socialdesk",
            "redirect_uris": [REDIRECT_URI],
        },
        "accounts": [
            {
                "user_id": "17841400008460056",
                "app_scoped_id": "9911223344556677",
                "username": "acme_business",
                "name": "Acme Business",
                "account_type": "BUSINESS",
                "followers_count": 12840,
                "follows_count": 311,
                "media_count": 526,
                "colour": [193, 53, 132],
            }
        ],
        "grants": {
            "17841400008460056": {
                "scopes": ["instagram_business_basic"],
                "granted_at": when,
                "revoked_at": None,
            }
        },
        "codes_sha256": {},
        "tokens_sha256": {
            fingerprint(token): {
                "kind": "long",
                "client_id": client_id,
                "user_id": "17841400008460056",
                "scopes": ["instagram_business_basic"],
                "issued_at": when,
                "expires_at": expires,
                "revoked_at": None,
                "killed_subcode": None,
            }
        },
        "clock_offset_seconds": 0.0,
        "sessions_sha256": {},
    }


def test_a_state_file_from_before_is_migrated_and_its_tokens_work(
    state_dir: Path, clock: ManualClock, http: httpx.Client
) -> None:
    state_dir.mkdir(parents=True)
    client_id = new_client_id()
    token = "IGAASBX" + "legacy" * 8
    now = clock.now()
    legacy = _legacy_state(client_id, token, now.isoformat(), (now + timedelta(days=60)).isoformat())
    (state_dir / STATE_FILE_NAME).write_text(json.dumps(legacy), encoding="utf-8")

    with running_sandbox(state_dir, clock) as first:
        assert first.credentials.client_id == client_id
        assert me(http, first, token).json()["username"] == "acme_business"
    assert not (state_dir / STATE_FILE_NAME).exists()
    assert (state_dir / (STATE_FILE_NAME + ".migrated")).exists()
    assert fingerprint(token) in saved_state(state_dir)["tokens_sha256"]

    with running_sandbox(state_dir, clock) as second:  # from the SQLite file alone now
        assert second.credentials.client_id == client_id
        assert me(http, second, token).json()["username"] == "acme_business"


def test_a_damaged_state_database_is_set_aside(
    state_dir: Path, clock: ManualClock, http: httpx.Client
) -> None:
    state_dir.mkdir(parents=True)
    (state_dir / STATE_DB_NAME).write_bytes(b"this is not a database, " * 100)

    with running_sandbox(state_dir, clock) as server:
        assert long_token(http, server).startswith("IGAASBX")

    assert (state_dir / (STATE_DB_NAME + ".damaged")).read_bytes().startswith(b"this is not a database")


_CHILD = """
import sys, time
from pathlib import Path
from desktop.core.sandbox import SandboxServer
from desktop.core.secrets import SecretStr
server = SandboxServer(Path(sys.argv[1]), redirect_uris=[sys.argv[2]], client_secret=SecretStr("child-secret"))
server.start()
print(server.www_url, server.api_url, server.graph_url, flush=True)
time.sleep(600)
"""


def test_what_a_killed_sandbox_answered_is_remembered(state_dir: Path, http: httpx.Client) -> None:
    """Killed without a chance to flush anything, the sandbox still knows the token it issued."""
    from desktop.core.clock import SystemClock
    from tests.core.sandbox.helpers import decide, exchange, redirect_params

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(state_dir), REDIRECT_URI],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None
        www, api, graph = child.stdout.readline().split()
        remote = _Remote(www, api, graph, http)
        code = redirect_params(decide(http, remote))["code"]  # type: ignore[arg-type]
        answer = exchange(http, remote, code, secret="child-secret")  # type: ignore[arg-type]
        assert answer.status_code == 200, answer.text
        body = answer.json()
        token = (body["data"][0] if "data" in body else body)["access_token"]
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    with running_sandbox(state_dir, SystemClock()) as again:
        assert me(http, again, token).json()["username"]
        assert exchange(http, again, code).json()["error_message"] == CODE_NOT_FOUND  # spent for good


class _Remote:
    """Enough of a :class:`SandboxServer` for the helpers, for one running in another process."""

    def __init__(self, www: str, api: str, graph: str, http: httpx.Client) -> None:
        self.www_url, self.api_url, self.graph_url = www, api, graph
        self.base_url = www
        described = http.get(f"{www}/_sandbox").json()
        self._client_id = described["client_id"]

    @property
    def credentials(self) -> object:
        from desktop.core.sandbox.server import SandboxCredentials
        from desktop.core.secrets import SecretStr

        return SandboxCredentials(self._client_id, SecretStr("child-secret"), (REDIRECT_URI,))
