"""Run a callback once a window has painted: work that can wait must not delay the first paint.

A worker job started during start-up still competes with the GUI thread for the interpreter (its
imports hold it), so start-up work that nothing on screen needs waits for the window's next paint.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _AfterPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        # A child of ``widget``: if the widget goes first, so does this, and nothing is called.
        super().__init__(widget)
        self._window, self._callback = widget.window(), callback
        _WAITING.add(self)  # held here until it fires: nothing else refers to it
        widget.destroyed.connect(partial(_WAITING.discard, self))
        self._window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            # Queued: the paint finishes (and reaches the screen) first.
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        _WAITING.discard(self)
        self.deleteLater()
        self._callback()


_WAITING: set[_AfterPaint] = set()


def after_next_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` on the GUI thread right after ``widget``'s window next paints (never, if
    ``widget`` is deleted first)."""
    _AfterPaint(widget, callback)
