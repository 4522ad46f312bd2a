"""Child process: runs the window as ``socialdesk`` does and prints, as JSON, the modules loaded by
its first paint; then quits."""

from __future__ import annotations

import json
import sys

from desktop.cli import main

# isort: split
import desktop.ui  # noqa: F401

# isort: split
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from tests.benchmarks.app_hook import when_application_made


class _OnFirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched.isWidgetType() and watched.isWindow():
            QApplication.instance().removeEventFilter(self)
            print(json.dumps(sorted(sys.modules)), flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


watchers: list[_OnFirstPaint] = []


def _watch(app: QApplication) -> None:
    watchers.append(_OnFirstPaint(app))
    app.installEventFilter(watchers[-1])


when_application_made(_watch)
sys.exit(main(["--no-crash-dialog"]))
