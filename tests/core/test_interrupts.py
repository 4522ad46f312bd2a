"""The signal handling every Socialdesk process uses, with real signals sent to real processes."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from desktop.core.interrupts import exit_code
from tests.support.cli import ROOT

_CHILD = """
import sys, time
from desktop.core.interrupts import Interrupted, stopping_on_signals
cleanup = sys.argv[1]
try:
    with stopping_on_signals(grace=float(sys.argv[2])):
        try:
            print("ready", flush=True)
            time.sleep(60)
        finally:  # as a command's own clean-up runs: inside, while the handler is installed
            print("cleaning", flush=True)
            if cleanup == "slow":
                time.sleep(60)
            print("clean", flush=True)
except Interrupted as interrupted:
    sys.exit(interrupted.exit_code)
"""


def _child(cleanup: str, grace: float = 30.0) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", _CHILD, cleanup, str(grace)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_the_first_signal_runs_the_clean_up_and_exits_with_the_shells_code(signum: int, code: int) -> None:
    process = _child("quick")
    process.send_signal(signum)
    out, err = process.communicate(timeout=20)
    assert process.returncode == code == exit_code(signum)
    assert out.split() == ["cleaning", "clean"]
    assert "Traceback" not in err


def test_a_second_ctrl_c_during_clean_up_quits_at_once() -> None:
    process = _child("slow")
    process.send_signal(signal.SIGINT)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "cleaning"
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=20)
    assert process.returncode == 130
    # Far sooner than the minute the clean-up would have slept.
    assert time.monotonic() - sent < 20


def test_a_clean_up_that_hangs_is_abandoned_after_the_grace_time() -> None:
    process = _child("slow", grace=1.0)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 143
    assert "Traceback" not in err
