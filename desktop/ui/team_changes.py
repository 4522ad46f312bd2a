"""Other desktops' changes, brought to the GUI thread: the lists follow within about a second."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from sqlalchemy import Engine

from desktop.core.store.notify import ChangeListener


class TeamChanges(QObject):
    """Emits ``changed(topics)`` on the GUI thread for each notification from the team database."""

    changed = Signal(object)

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The listener thread emits; Qt queues the signal to this object's (the GUI) thread.
        self._listener = ChangeListener(engine, self._from_listener)

    @property
    def enabled(self) -> bool:
        return self._listener.enabled

    def start(self) -> None:
        self._listener.start()

    @Slot()
    def stop(self) -> None:
        self._listener.stop()

    def _from_listener(self, topics: frozenset[str], _origin: str | None) -> None:
        self.changed.emit(topics)
