"""One desktop's refresh sweep, for the two-desktop sweep test: a separate process, its own engine.

Run as ``python -m tests.core.lifecycle.sweep_worker BASE_DIR SANDBOX_URL CLIENT_ID NOW_ISO``, with
the database URL in ``SOCIALDESK_TEST_DATABASE_URL``, the shared key file in
``SOCIALDESK_TEST_KEYRING_FILE`` and the sandbox app secret on stdin. Prints ``ready``, waits for
a line on stdin, sweeps once and prints the outcomes as JSON.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime

import httpx

from desktop.core.clock import ManualClock
from desktop.core.instagram.client import InstagramClient
from desktop.core.instagram.endpoints import Endpoints
from desktop.core.lifecycle import Lifecycle
from desktop.core.secrets import SecretStr
from desktop.core.settings import Paths, Settings
from desktop.core.vault.bootstrap import open_storage
from tests.core.vault.helpers import FileKeyring


def main(base_dir: str, sandbox_url: str, client_id: str, now_iso: str) -> int:
    secret = SecretStr(sys.stdin.readline().strip())
    clock = ManualClock(datetime.fromisoformat(now_iso))
    settings = Settings(database_url=os.environ["SOCIALDESK_TEST_DATABASE_URL"])
    storage = open_storage(
        Paths.resolve(base_dir).ensure(), settings, FileKeyring(), allow_backends=(FileKeyring,), clock=clock
    )
    http = httpx.Client(timeout=30, trust_env=False)
    try:
        client = InstagramClient(
            http, Endpoints(sandbox_url, sandbox_url, sandbox_url, "v25.0"), client_id, secret, clock=clock
        )
        lifecycle = Lifecycle(
            sessions=storage.sessions, vault=storage.vault, client=client, clock=clock, verify_every=None
        )
        print("ready", flush=True)
        sys.stdin.readline()
        report = lifecycle.sweep()
        print(
            json.dumps(
                [[o.view.workspace_id, o.view.ig_user_id, o.outcome, o.error_code] for o in report.outcomes]
            ),
            flush=True,
        )
    finally:
        http.close()
        storage.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
