"""The real window quits cleanly on SIGINT and SIGTERM, with and without the accessibility bridge."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.settings import Paths
from desktop.core.store.instance_lock import InstanceLock
from tests.support.cli import prepare_base_dir
from tests.support.processes import finish, log_text, spawn, wait_for
from tests.support.xvfb import xvfb_display

pytestmark = pytest.mark.real_keychain

CODES = [(signal.SIGINT, 130), (signal.SIGTERM, 143)]


@pytest.fixture(params=["offscreen", "xcb+accessibility"])
def display_env(request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    if request.param == "offscreen":
        yield {"QT_QPA_PLATFORM": "offscreen"}
        return
    with xvfb_display() as display:
        yield {
            "QT_QPA_PLATFORM": "xcb",
            "DISPLAY": display,
            "QT_ACCESSIBILITY": "1",
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
        }


def _open_window(base: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    process = spawn(base, "--sandbox", "--no-crash-dialog", **env)
    wait_for(
        lambda: "sandbox mode: local Instagram" in log_text(base) or process.poll() is not None,
        60,
        "the window and its services",
    )
    assert process.poll() is None, process.communicate()
    time.sleep(0.5)  # the window idles in Qt's loop, where Python runs no code by itself
    return process


@pytest.mark.parametrize(("signum", "code"), CODES, ids=["SIGINT", "SIGTERM"])
def test_a_signal_closes_the_window_cleanly(
    tmp_path: Path, display_env: dict[str, str], signum: int, code: int
) -> None:
    base = prepare_base_dir(tmp_path / "base")
    process = _open_window(base, display_env)
    sent = time.monotonic()
    process.send_signal(signum)
    returncode, _, err = finish(process, timeout=30)
    elapsed = time.monotonic() - sent
    assert returncode == code, err
    assert returncode != -signal.SIGSEGV
    assert "Traceback" not in err and "Segmentation" not in err
    text = log_text(base)
    assert f"{signal.Signals(signum).name} received: stopping cleanly" in text
    assert f"window closed (exit {code})" in text
    paths = Paths.resolve(base)
    # Sandbox mode keeps its own store: that is the one the window had open.
    assert paths.sandbox_database_file.exists()
    assert not Path(f"{paths.sandbox_database_file}-wal").exists(), "the database was not closed"
    lock = InstanceLock(paths.lock_file)
    assert lock.try_acquire(), "the single-instance lock was not released"
    lock.release()
    assert elapsed < 25


def test_a_second_ctrl_c_quits_at_once(tmp_path: Path) -> None:
    base = prepare_base_dir(tmp_path / "base")
    process = _open_window(base, {"QT_QPA_PLATFORM": "offscreen"})
    process.send_signal(signal.SIGINT)
    process.send_signal(signal.SIGINT)
    returncode, _, err = finish(process, timeout=30)
    assert returncode == 130, err
    assert "Traceback" not in err
