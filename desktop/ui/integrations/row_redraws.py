"""When a list's rows are redrawn: a row the user acts on at once, rows changed in bulk together.

A page of rows read, a sweep's refreshed tokens or pictures arriving change many rows in a moment;
they are gathered for one frame and redrawn with one ``dataChanged`` spanning them, not a signal
per row.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot

#: Milliseconds over which bulk row changes are gathered into one ``dataChanged`` (one frame).
FRAME_MS = 16


class RowRedraws(QObject):
    def __init__(
        self,
        row_of: Callable[[str], int | None],
        redraw: Callable[[int, int], None],
        parent: QObject | None = None,
    ) -> None:
        """``row_of(key)`` is the row shown for a key (None: not shown); ``redraw(first, last)``
        emits the model's ``dataChanged`` for those rows."""
        super().__init__(parent)
        self._row_of = row_of
        self._redraw = redraw
        #: Keys changed in bulk since the last frame.
        self._dirty: set[str] = set()
        self._frame = QTimer(self)
        self._frame.setSingleShot(True)
        self._frame.setInterval(FRAME_MS)
        self._frame.timeout.connect(self._on_frame_timeout)

    def now(self, key: str) -> None:
        """Redraw ``key``'s row at once (it leaves the frame's batch)."""
        row = self._row_of(key)
        if row is not None:
            self._dirty.discard(key)
            self._redraw(row, row)

    def in_bulk(self, key: str) -> None:
        """Redraw ``key``'s row with the others changed in this frame."""
        self._dirty.add(key)
        if not self._frame.isActive():
            self._frame.start()

    def forget(self) -> None:
        """Every row is redrawn anyway (a reset, a new day): nothing is left to batch."""
        self._dirty.clear()

    @Slot()
    def _on_frame_timeout(self) -> None:
        rows = [row for key in self._dirty if (row := self._row_of(key)) is not None]
        self._dirty.clear()
        if rows:
            self._redraw(min(rows), max(rows))
