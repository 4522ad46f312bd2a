"""One GUI per data folder: a second holder is refused; the OS frees the lock when a holder dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.errors import SocialdeskError
from desktop.core.store.instance_lock import InstanceLock

ROOT = Path(__file__).resolve().parents[3]

HOLDER = """
import sys
from pathlib import Path
from desktop.core.store.instance_lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
lock.acquire()
print("held", flush=True)
sys.stdin.readline()
lock.release()
print("released", flush=True)
"""


def _start_holder(path: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "held"
    return process


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.kill()
    process.wait(timeout=30)
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            stream.close()


def test_second_lock_in_the_same_process_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data" / "socialdesk.lock"
    first = InstanceLock(path)
    first.acquire()
    try:
        with pytest.raises(SocialdeskError) as caught:
            InstanceLock(path).acquire()
        assert caught.value.code == "already_running"
        assert "already running" in caught.value.message
    finally:
        first.release()
    second = InstanceLock(path)
    second.acquire()
    assert second.held
    second.release()
    assert not second.held


def test_context_manager_releases(tmp_path: Path) -> None:
    path = tmp_path / "socialdesk.lock"
    with InstanceLock(path) as lock:
        assert lock.held
        assert path.read_text().strip() == str(os.getpid())
        assert not InstanceLock(path).try_acquire()
    assert InstanceLock(path).try_acquire()


def test_another_process_holding_the_lock_means_already_running(tmp_path: Path) -> None:
    path = tmp_path / "socialdesk.lock"
    holder = _start_holder(path)
    try:
        with pytest.raises(SocialdeskError) as caught:
            InstanceLock(path).acquire()
        assert caught.value.code == "already_running"
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "released"
        assert holder.wait(timeout=30) == 0
        with InstanceLock(path) as lock:
            assert lock.held
    finally:
        _stop(holder)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    path = tmp_path / "socialdesk.lock"
    holder = _start_holder(path)
    try:
        assert not InstanceLock(path).try_acquire()
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
        # The file (with the dead PID in it) is still there; the lock is not.
        assert path.exists()
        with InstanceLock(path) as lock:
            assert lock.held
    finally:
        _stop(holder)
