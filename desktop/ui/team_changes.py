"""Other desktops' changes, brought to the GUI thread: the lists follow within about a second.

Notifications come in bursts (a sweep announces two per token it refreshes, and the desktop hears
its own too), so they are gathered for a moment and the lists reload once per burst, not once per
notification.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from sqlalchemy import Engine

from desktop.core.store.notify import ChangeListener


class TeamChanges(QObject):
    """Emits ``changed(topics)`` on the GUI thread once per burst of notifications from the team
    database, with every topic the burst named."""

    changed = Signal(object)
    _heard = Signal(object)

    #: How long a burst of notifications is gathered before the lists reload (once).
    GATHER_MSECS = 250

    def __init__(
        self, engine: Engine, parent: QObject | None = None, *, gather_msecs: int = GATHER_MSECS
    ) -> None:
        super().__init__(parent)
        self._pending: set[str] = set()
        self._gather = QTimer(self)
        self._gather.setObjectName("team_changes_gather")
        self._gather.setSingleShot(True)
        self._gather.setInterval(gather_msecs)
        self._gather.timeout.connect(self._on_gather_timeout)
        # The listener thread emits; Qt queues the signal to this object's (the GUI) thread.
        self._heard.connect(self._on_heard)
        self._listener = ChangeListener(engine, self._from_listener)

    @property
    def enabled(self) -> bool:
        return self._listener.enabled

    def start(self) -> None:
        self._listener.start()

    @Slot()
    def stop(self) -> None:
        self._listener.stop()
        self._gather.stop()
        self._pending.clear()

    def _from_listener(self, topics: frozenset[str], _origin: str | None) -> None:
        self._heard.emit(topics)

    @Slot(object)
    def _on_heard(self, topics: object) -> None:
        if isinstance(topics, frozenset):
            self._pending |= topics
        if not self._gather.isActive():
            self._gather.start()

    @Slot()
    def _on_gather_timeout(self) -> None:
        topics, self._pending = frozenset(self._pending), set()
        if topics:
            self.changed.emit(topics)
