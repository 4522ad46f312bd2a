"""Restart now: the window leaves its event loop with the restart code; the CLI then starts the same
program again with the same arguments."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.ui.restart import RESTART_EXIT_CODE, restart_argv
from tests.support.cli import ROOT


def test_restart_runs_the_same_program_with_the_same_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    assert restart_argv(["--sandbox", "--debug"]) == [sys.executable, "-m", "desktop", "--sandbox", "--debug"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert restart_argv(["--sandbox"]) == [sys.executable, "--sandbox"]


def test_restart_now_ends_the_event_loop_with_the_restart_code(base_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tests.ui.restart_child"],
        cwd=ROOT,
        env={**os.environ, "SOCIALDESK_BASE_DIR": str(base_dir), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"exec={RESTART_EXIT_CODE} restart_wanted=True visible=False" in result.stdout
