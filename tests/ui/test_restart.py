"""Restart now: the window leaves its event loop with the restart code; the CLI then starts the same
program again with the same arguments."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.ui.restart import RESTART_EXIT_CODE, restart_argv
from tests.ui.conftest import App


def test_restart_runs_the_same_program_with_the_same_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    assert restart_argv(["--sandbox", "--debug"]) == [sys.executable, "-m", "desktop", "--sandbox", "--debug"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert restart_argv(["--sandbox"]) == [sys.executable, "--sandbox"]


def test_restart_now_ends_the_event_loop_with_the_restart_code(app: App) -> None:
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    QTimer.singleShot(0, app.window.integrations_page.restart_requested.emit)
    QTimer.singleShot(10_000, lambda: qapp.exit(1))  # never hang the suite
    assert qapp.exec() == RESTART_EXIT_CODE
    assert app.window.restart_wanted
    assert not app.window.isVisible()
