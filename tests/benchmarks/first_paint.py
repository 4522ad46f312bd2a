"""Quits the application on the first paint of any widget, after saying so on stdout.

The line carries the process's peak resident memory up to that moment (KiB), so the figure is the
start-up itself, not what loads after the window has painted.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tests.benchmarks.rss import peak_rss_kib

PAINTED = "painted"


class FirstPaint(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._seen = False
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._seen and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            self._seen = True
            print(f"{PAINTED} {peak_rss_kib()}", flush=True)
            QTimer.singleShot(0, self._app.quit)
        return False
