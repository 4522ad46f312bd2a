"""The first paint loads only what it shows: the list's model and rows, the jobs and their result
types, the services and their libraries load after it (on a worker, or when first used)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

#: Nothing in the first frame needs these; each costs start-up time (a dataclass or enum to build,
#: a library to load) that the first paint would otherwise wait for.
AFTER_FIRST_PAINT = (
    "desktop.core.views",
    "desktop.core.vault.status",
    "desktop.core.services",
    "desktop.ui.integrations.card_jobs",
    "desktop.ui.integrations.connections_model",
    "desktop.ui.integrations.connections_loader",
    "desktop.ui.integrations.connections_view",
    "desktop.ui.integrations.connection_text",
    "desktop.ui.integrations.facebook_app_settings",
    "desktop.ui.pages.security",
    "httpx",
    "sqlalchemy",
    "cryptography",
    "keyring",
)


def test_the_first_paint_waits_for_nothing_it_does_not_show(tmp_path: Path) -> None:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        SOCIALDESK_BASE_DIR=str(tmp_path),
        PYTHONPATH=str(REPO),
    )
    done = subprocess.run(
        [sys.executable, str(REPO / "tests" / "ui" / "first_paint_child.py")],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "desktop.ui.integrations.instagram_card" in loaded  # the child did reach the window
    assert not [name for name in AFTER_FIRST_PAINT if name in loaded]
