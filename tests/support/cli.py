"""Running the real ``socialdesk`` command in a subprocess, as support or a script would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.core.settings import Paths, Settings, save_settings
from tests.support.net import find_free_port

ROOT = Path(__file__).resolve().parents[2]
FILL_CONSENT = ROOT / "tests" / "support" / "fill_consent.py"


def prepare_base_dir(base_dir: Path) -> Path:
    """A base dir whose redirect URI uses a free port, so tests can run side by side."""
    paths = Paths.resolve(base_dir).ensure()
    save_settings(paths, Settings(redirect_uri=f"https://localhost:{find_free_port()}/callback/"))
    return base_dir


def socialdesk(base_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``socialdesk ARGS`` with the consent-filling script as its browser and the real keychain."""
    # A language chosen in this test process (set_language exports it) must not leak into the child.
    inherited = {name: value for name, value in os.environ.items() if name != "SOCIALDESK_LANGUAGE"}
    full_env = {
        **inherited,
        "SOCIALDESK_BASE_DIR": str(base_dir),
        "BROWSER": f"{sys.executable} {FILL_CONSENT} %s",
        **env,
    }
    full_env.pop("PYTHON_KEYRING_BACKEND", None)
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=full_env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
