"""Real ``socialdesk`` processes that tests send real signals to."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.support.cli import ROOT


def spawn(base_dir: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    """``python -m desktop --base-dir BASE ARGS`` with pipes, in its own process group."""
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    full_env.pop("PYTHON_KEYRING_BACKEND", None)
    full_env.pop("BROWSER", None)  # only the browser a test asks for
    full_env.update(env)
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", "--base-dir", str(base_dir), *args],
        cwd=ROOT,
        env=full_env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def log_text(base_dir: Path) -> str:
    log = base_dir / "logs" / "socialdesk.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


def finish(process: subprocess.Popen[str], timeout: float = 30) -> tuple[int, str, str]:
    """Wait for the process; returns its exit code, stdout and stderr (killing it if it hangs)."""
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        raise AssertionError(f"the process did not exit within {timeout} s; stderr: {err}") from None
    return process.returncode, out, err
