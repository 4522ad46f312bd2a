"""SIGINT and SIGTERM while Qt's event loop runs.

Python runs signal handlers only between bytecodes of the main thread, and Qt's loop runs none while
idle: Ctrl+C would wait for the next mouse move. Python's wakeup fd writes a byte on each signal; a
socket notifier on its other end wakes the loop, and the handler (:class:`Interrupts`) runs.
"""

from __future__ import annotations

import contextlib
import signal
import socket

from PySide6.QtCore import QObject, QSocketNotifier, Slot


class SignalWakeup(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_activated)

    @Slot()
    def _on_activated(self) -> None:
        # Draining is all: returning to Python here is what lets the pending handler run.
        with contextlib.suppress(OSError):
            while self._reader.recv(64):
                pass

    def close(self) -> None:
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()
