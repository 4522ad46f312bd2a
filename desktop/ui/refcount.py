"""A floor under the reference counts of ``None``, ``True`` and ``False``.

PySide6 6.12.0 returns these singletons from many calls without a new reference:
``SignalInstance.emit``, ``QModelIndex.data`` when it answers None, ``QPainter.drawPixmap``,
``QWidget.setToolTip`` and others each drop a count by one. A window that emits a signal per
relayed result and paints thousands of rows would, after a while, abort the interpreter in
``none_dealloc`` or ``bool_dealloc``. The singletons are never freed legitimately, so the floor
adds references whenever a count falls below it: on installation, and then on a GUI-thread timer.
Nothing happens on a PySide6 that keeps its counts right.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, QTimer, Slot

#: References kept in hand: far more than a few seconds of emitting and painting could lose.
FLOOR = 1 << 16
INTERVAL_MS = 2000

#: Where the added references live (a list holds one reference per element; filling it is one C loop).
_HELD: list[object] = []
# The list itself is never freed (not even when the interpreter tears its modules down): freeing it
# would hand back references the counts no longer include.
ctypes.pythonapi.Py_IncRef(ctypes.py_object(_HELD))


def top_up() -> int:
    """Bring every singleton's count back to at least :data:`FLOOR`; how many were added."""
    added = 0
    for singleton in (None, True, False):
        missing = FLOOR - sys.getrefcount(singleton)
        if missing > 0:
            _HELD.extend([singleton] * missing)
            added += missing
    return added


class RefcountFloor(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refcount_floor")
        top_up()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    @Slot()
    def _on_timer_timeout(self) -> None:
        top_up()


def install_refcount_floor(app: QObject) -> RefcountFloor:
    """Install the floor once per application object."""
    existing = app.findChild(RefcountFloor, "refcount_floor")
    return existing if isinstance(existing, RefcountFloor) else RefcountFloor(app)
