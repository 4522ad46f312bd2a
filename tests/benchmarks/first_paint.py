"""Quits the application on the first paint of its window, after saying so on stdout.

The line carries the process's peak resident memory up to that moment (KiB), so the figure is the
start-up itself, not what loads after the window has painted.

The watcher listens to the whole application only until the first window shows itself, then to
that window alone. A Python filter on the whole application is handed every event of every object,
and handing PySide6 an object of a class it has no wrapper for (such as the ``QGestureManager`` any
scroll area creates) makes it set up every Qt type it has not loaded yet: about 30 ms of enum
creation that the real program, which has no such filter, never spends. A window paints itself
before its children, so its own paint event is the first paint.
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
        self._window: QWidget | None = None
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._window is None and isinstance(watched, QWidget) and watched.isWindow():
            # The first window: watch it alone from now on.
            self._window = watched
            self._app.removeEventFilter(self)
            watched.installEventFilter(self)
        if not self._seen and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            self._seen = True
            print(f"{PAINTED} {peak_rss_kib()}", flush=True)
            QTimer.singleShot(0, self._app.quit)
        return False
