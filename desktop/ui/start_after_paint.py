"""Start-up work the first frame does not need, done once the window has painted.

Listening for later launches and waking the event loop for a signal need sockets (and QtNetwork on
Windows), the refcount floor needs ctypes: together they cost the first paint several milliseconds
and show nothing on it. A later launch that
comes before the listener is up waits for it (:func:`desktop.ui.single_instance.ask_running_instance_to_show`
retries); a signal before then is handled as soon as Python next runs, which while starting is at
once. A window that never paints (started minimised) gets them all after :data:`START_AFTER_MS`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from desktop.ui.after_paint import after_next_paint

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop.core.settings import Paths
    from desktop.ui.main_window import MainWindow
    from desktop.ui.signals import SignalWakeup
    from desktop.ui.single_instance import InstanceServer

#: Without a window to wait for (the smoke test, screenshots), the floor goes in this soon anyway.
REFCOUNT_FLOOR_DELAY_MS = 500
#: However the first paint goes, the rest starts this soon.
START_AFTER_MS = 2000


def install_refcount_floor_now(app: QObject) -> None:
    from desktop.ui.refcount import install_refcount_floor

    install_refcount_floor(app)


def install_refcount_floor_soon(app: QObject) -> None:
    """The floor, shortly: the few references start-up can lose are far below what it tops up."""
    QTimer.singleShot(REFCOUNT_FLOOR_DELAY_MS, app, lambda: install_refcount_floor_now(app))


class StartAfterPaint:
    """Once ``window`` has painted: listen for later launches and for signals, and the floor."""

    def __init__(self, paths: Paths, app: QApplication, window: MainWindow) -> None:
        self._paths, self._app, self._window = paths, app, window
        self.server: InstanceServer | None = None
        self.wakeup: SignalWakeup | None = None
        self._started = self._closed = False
        after_next_paint(window, self._start)
        QTimer.singleShot(START_AFTER_MS, window, self._start)

    def _start(self) -> None:
        if self._started or self._closed:
            return
        self._started = True
        from desktop.ui.signals import SignalWakeup
        from desktop.ui.single_instance import InstanceServer

        self.wakeup = SignalWakeup(self._app)
        self.server = InstanceServer(self._paths, self._app)
        self.server.show_requested.connect(self._window.bring_to_front)
        install_refcount_floor_now(self._app)

    def close(self) -> None:
        self._closed = True
        if self.server is not None:
            self.server.close()
        if self.wakeup is not None:
            self.wakeup.close()
