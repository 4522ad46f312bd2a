"""A second launch for the same data folder brings the first window forward and exits."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from desktop.core.settings import Paths, Settings, save_settings
from tests.support.net import find_free_port

ROOT = Path(__file__).resolve().parents[2]


def _launch(base_dir: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SOCIALDESK_BASE_DIR": str(base_dir),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", "--no-crash-dialog"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _log_text(base_dir: Path) -> str:
    log = base_dir / "logs" / "socialdesk.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


def _wait_for(predicate: object, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def test_second_launch_wakes_the_first_and_exits(base_dir: Path) -> None:
    paths = Paths.resolve(base_dir).ensure()
    save_settings(paths, Settings(redirect_uri=f"https://localhost:{find_free_port()}/callback/"))
    first = _launch(base_dir)
    try:
        assert _wait_for(lambda: "window shown" in _log_text(base_dir)), first.stderr
        second = _launch(base_dir)
        _out, err = second.communicate(timeout=60)
        assert second.returncode == 0, err
        assert _wait_for(lambda: "asked this window to come forward" in _log_text(base_dir))
        assert first.poll() is None  # the first window is still running
    finally:
        first.kill()
        first.communicate(timeout=30)
