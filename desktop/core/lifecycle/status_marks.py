"""Status changes the sweep records: needs reconnect, missing permission, and the expiry warning.

Each change is its own short transaction, made only while the connection still holds the token the
snapshot saw, and a notice goes with a change only when the stored status actually changed.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.clock import Clock
from desktop.core.connection_queries import connection_view
from desktop.core.errors import SocialdeskError
from desktop.core.instagram.errors import InstagramError
from desktop.core.lifecycle import report as r
from desktop.core.lifecycle.backoff import Backoff
from desktop.core.lifecycle.report import RefreshOutcome
from desktop.core.lifecycle.rules import RATE_LIMITED, REFRESH_OVERDUE, judge
from desktop.core.lifecycle.snapshot import Snapshot, current
from desktop.core.store import connections as repo
from desktop.core.store.errors import transaction
from desktop.core.store.models import ConnectionStatus
from desktop.core.views import ConnectionView

log = logging.getLogger(__name__)

#: Graph code of the app-wide rate limit: every connection waits, not just the one that hit it.
_APP_RATE_LIMIT = 4
ACTIVE = ConnectionStatus.ACTIVE.value
NEEDS_RECONNECT = ConnectionStatus.NEEDS_RECONNECT.value
_NOTICE_FOR_STATUS = {
    ConnectionStatus.NEEDS_RECONNECT.value: r.NOTICE_NEEDS_RECONNECT,
    ConnectionStatus.MISSING_PERMISSION.value: r.NOTICE_MISSING_PERMISSION,
}


class StatusMarks:
    """Turns a failed attempt into an outcome: a stored status, a back-off, or a warning near expiry."""

    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        db: threading.Lock,
        clock: Clock,
        backoff: Backoff,
        warn_before: timedelta,
    ) -> None:
        self._sessions = sessions
        self._db = db
        self._clock = clock
        self._backoff = backoff
        self._warn_before = warn_before

    def failed(self, snap: Snapshot, error: SocialdeskError, now: datetime) -> RefreshOutcome:
        verdict = judge(error)
        if verdict.status is not None:
            outcome = r.NEEDS_RECONNECT if verdict.status == NEEDS_RECONNECT else r.MISSING_PERMISSION
            return self.mark(snap, verdict.status, verdict.reason, outcome, error.code)
        retry_at = self._backoff.failed(snap.id, now, verdict.retry_after)
        if verdict.kind == RATE_LIMITED:
            graph_code = error.graph_code if isinstance(error, InstagramError) else None
            if graph_code in (None, _APP_RATE_LIMIT):
                self._backoff.pause_all(now + (verdict.retry_after or (retry_at - now)))
            return self.not_refreshed(snap, now, r.RATE_LIMITED, error.code, retry_at)
        return self.not_refreshed(snap, now, r.FAILED, error.code, retry_at)

    def not_refreshed(
        self, snap: Snapshot, now: datetime, outcome: str, error_code: str | None, retry_at: datetime | None
    ) -> RefreshOutcome:
        """A due token that stays as it is this time; the user hears of it once, close to expiry."""
        view, notice = self._mark_overdue(snap, now)
        return RefreshOutcome(view, outcome, snap.status, notice, error_code, retry_at)

    def _mark_overdue(self, snap: Snapshot, now: datetime) -> tuple[ConnectionView, str | None]:
        if (
            snap.status != ACTIVE
            or snap.status_reason == REFRESH_OVERDUE
            or snap.expires_at is None
            or snap.expires_at - now > self._warn_before
        ):
            return snap.view, None
        try:
            with self._db, transaction(self._sessions) as session:
                connection = current(session, snap)
                if connection.status != ACTIVE or connection.status_reason == REFRESH_OVERDUE:
                    return connection_view(connection), None
                repo.set_status(session, connection, ACTIVE, REFRESH_OVERDUE, now=now)
                return connection_view(connection), r.NOTICE_EXPIRING
        except (SocialdeskError, SQLAlchemyError) as error:
            # Told next time instead: the notice goes with the stored marker, never without it.
            log.warning("could not record the expiry warning: %s", type(error).__name__)
            return snap.view, None

    def mark(
        self, snap: Snapshot, status: str, reason: str, outcome: str, error_code: str | None
    ) -> RefreshOutcome:
        """Set a status Instagram's answer (or the calendar) decided; a notice only when it changes."""
        with self._db, transaction(self._sessions) as session:
            connection = current(session, snap)
            previous = connection.status
            if previous != status or (connection.status_reason or "") != reason:
                repo.set_status(session, connection, status, reason, now=self._clock.now())
            view = connection_view(connection)
        notice = _NOTICE_FOR_STATUS.get(status) if previous != status else None
        if notice is not None:
            log.warning("account %s now %s (%s)", view.ig_user_id, status, error_code or outcome)
        return RefreshOutcome(view, outcome, previous, notice, error_code)
