"""Start-up work the first frame does not need, done once the window has painted.

Listening for later launches needs QtNetwork, the refcount floor needs ctypes, and the app icon's
PNG renderings are eight files to read: together they cost the first paint several milliseconds and
show nothing on it. A later launch that comes before the listener is up waits for it
(:func:`desktop.ui.single_instance.ask_running_instance_to_show` retries).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from desktop.ui import assets
from desktop.ui.after_paint import after_next_paint

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop.core.settings import Paths
    from desktop.ui.main_window import MainWindow
    from desktop.ui.single_instance import InstanceServer

#: Without a window to wait for (the smoke test, screenshots), the floor goes in this soon anyway.
REFCOUNT_FLOOR_DELAY_MS = 500


def install_refcount_floor_now(app: QObject) -> None:
    from desktop.ui.refcount import install_refcount_floor

    install_refcount_floor(app)


def install_refcount_floor_soon(app: QObject) -> None:
    """The floor, shortly: the few references start-up can lose are far below what it tops up."""
    QTimer.singleShot(REFCOUNT_FLOOR_DELAY_MS, app, lambda: install_refcount_floor_now(app))


class StartAfterPaint:
    """Once ``window`` has painted: listen for later launches, fill in the app icon, the floor."""

    def __init__(self, paths: Paths, app: QApplication, window: MainWindow) -> None:
        self._paths, self._app, self._window = paths, app, window
        self.server: InstanceServer | None = None
        self._closed = False
        after_next_paint(window, self._start)

    def _start(self) -> None:
        if self._closed:
            return
        from desktop.ui.single_instance import InstanceServer

        self.server = InstanceServer(self._paths, self._app)
        self.server.show_requested.connect(self._window.bring_to_front)
        install_refcount_floor_now(self._app)
        self._app.setWindowIcon(assets.app_icon())

    def close(self) -> None:
        self._closed = True
        if self.server is not None:
            self.server.close()
