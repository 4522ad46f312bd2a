"""Runs the token lifecycle (refresh sweep, then the revocation outbox) at start-up and on a timer.

The run goes through the TaskRunner's serial pool, as all database work does, so it never overlaps
another writer of this process; a tick that comes while a run is still going is skipped.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop.core.errors import SocialdeskError
from desktop.core.lifecycle.report import LifecycleReport

if TYPE_CHECKING:
    from desktop.core.lifecycle.sweep import Lifecycle
from desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

MINUTE_MSECS = 60_000


class LifecycleTimer(QObject):
    """``changed()`` after a run that changed a token or a status; ``notice(view, kind)`` per notice."""

    changed = Signal()
    notice = Signal(object, str)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(
        self, tasks: TaskRunner, lifecycle: Lifecycle, interval_minutes: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._lifecycle = lifecycle
        self._running = False
        self._timer = QTimer(self)
        self._timer.setObjectName("lifecycle_tick")
        self._timer.setInterval(max(1, int(interval_minutes)) * MINUTE_MSECS)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def running(self) -> bool:
        """True while a run is on its way."""
        return self._running

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    @property
    def interval_minutes(self) -> int:
        return self._timer.interval() // MINUTE_MSECS

    def start(self) -> None:
        """Run now (start-up), then every interval."""
        self.run_now()
        self._timer.start()

    def stop(self) -> None:
        """Stop ticking; a run in progress still reports when it ends."""
        self._timer.stop()

    def run_now(self) -> bool:
        """Start a run unless one is going; True if one was started."""
        if self._running:
            log.info("token lifecycle still running; tick skipped")
            return False
        self._running = True
        self._tasks.submit(
            self._lifecycle.run, on_success=self._on_run_finished, on_failure=self._on_run_failed, serial=True
        )
        return True

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.run_now()

    @Slot(object)
    def _on_run_finished(self, report: object) -> None:
        self._running = False
        assert isinstance(report, LifecycleReport)
        self.finished.emit(report)
        for outcome in report.notices:
            self.notice.emit(outcome.view, outcome.notice)
        if report.changed:
            self.changed.emit()

    @Slot(object)
    def _on_run_failed(self, exc: object) -> None:
        self._running = False
        if isinstance(exc, SocialdeskError):
            log.warning("token lifecycle run failed: %s", exc.code)
        elif isinstance(exc, BaseException):
            log.error("token lifecycle run failed", exc_info=(type(exc), exc, exc.__traceback__))
        self.failed.emit(exc)
