"""A floor under the reference counts of ``None``, ``True`` and ``False``.

PySide6 6.12.0 returns these singletons from many calls without a new reference:
``SignalInstance.emit``, ``QModelIndex.data`` when it answers None, ``QPainter.drawPixmap``,
``QWidget.setToolTip`` and others each drop a count by one. A window that emits a signal per
relayed result and paints thousands of rows would, after a while, abort the interpreter in
``none_dealloc`` or ``bool_dealloc``. The singletons are never freed legitimately, so the floor
adds references whenever a count falls below it: on installation, and then on a GUI-thread timer.
Nothing happens on a PySide6 that keeps its counts right, nor on a Python whose singletons are
immortal (3.12 and later).

The count is raised in place, as ``Py_IncRef`` would raise it that many times, with the interpreter
lock held (every reference count change needs it on these Pythons): a list holding the references
instead would cost 8 bytes per reference, about 1.5 MiB for the three floors, and grow with every
top-up for the life of the window.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, QTimer, Slot

#: References kept in hand: far more than a few seconds of emitting and painting could lose.
FLOOR = 1 << 16
INTERVAL_MS = 2000

#: Where a count can fall to zero: CPython before 3.12, whose object header starts with the count.
MORTAL_SINGLETONS = sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def top_up() -> int:
    """Bring every singleton's count back to at least :data:`FLOOR`; how many were added."""
    added = 0
    for singleton in (None, True, False):
        missing = FLOOR - sys.getrefcount(singleton)
        if missing > 0 and MORTAL_SINGLETONS:
            ctypes.c_ssize_t.from_address(id(singleton)).value += missing
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
