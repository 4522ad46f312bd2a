"""Quits the application on the first paint of any widget, after saying so on stdout."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

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
            print(PAINTED, flush=True)
            QTimer.singleShot(0, self._app.quit)
        return False
