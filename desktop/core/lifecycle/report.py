"""What one sweep did to each connection, for the tray, the Integrations page and ``--json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from desktop.core.views import ConnectionView

if TYPE_CHECKING:
    from desktop.core.connections import OutboxReport

# Outcomes of one connection in one sweep.
REFRESHED = "refreshed"  # a new 60-day token is stored
VERIFIED = "verified"  # not due for refresh; Instagram still accepts the token
NOT_DUE = "not_due"  # nothing to do yet
TOO_YOUNG = "too_young"  # due, but under 24 hours old: Instagram would refuse, so not attempted
EXPIRED = "expired"  # past its expiry: marked needs_reconnect without asking Instagram
NEEDS_RECONNECT = "needs_reconnect"  # Instagram said the token is dead
MISSING_PERMISSION = "missing_permission"  # Instagram named a permission the connection lacks
RATE_LIMITED = "rate_limited"  # Instagram asked us to slow down; retried after its pause
FAILED = "failed"  # network trouble, 5xx or an unexpected refusal; retried with back-off
DEFERRED = "deferred"  # backing off after an earlier failure; not attempted this time
SAVE_FAILED = "save_failed"  # refreshed at Instagram but not stored; the old token still works
SKIPPED = "skipped"  # already needs_reconnect: only the user can fix it
SUPERSEDED = "superseded"  # reconnected, refreshed or removed by someone else meanwhile

OUTCOMES = (
    REFRESHED,
    VERIFIED,
    NOT_DUE,
    TOO_YOUNG,
    EXPIRED,
    NEEDS_RECONNECT,
    MISSING_PERMISSION,
    RATE_LIMITED,
    FAILED,
    DEFERRED,
    SAVE_FAILED,
    SKIPPED,
    SUPERSEDED,
)

# Notices: a change of state the user is told about, once.
NOTICE_NEEDS_RECONNECT = "needs_reconnect"
NOTICE_MISSING_PERMISSION = "missing_permission"
NOTICE_EXPIRING = "expiring"  # expires within the warning time and could not be refreshed
NOTICES = (NOTICE_NEEDS_RECONNECT, NOTICE_MISSING_PERMISSION, NOTICE_EXPIRING)


@dataclass(frozen=True, slots=True)
class RefreshOutcome:
    """One connection after a sweep: its view as stored now, and what the sweep did to it."""

    view: ConnectionView
    outcome: str
    previous_status: str
    #: Set when this sweep changed the connection's state in a way the user is told about.
    notice: str | None = None
    #: Catalogue code of the failure behind a non-success outcome.
    error_code: str | None = None
    #: When the next attempt may be made (rate limits and back-off).
    retry_at: datetime | None = None

    @property
    def changed(self) -> bool:
        """True when the stored row changed (new token or new status): the UI reloads."""
        return (
            self.outcome == REFRESHED or self.view.status != self.previous_status or self.notice is not None
        )

    def as_json(self) -> dict[str, object]:
        return {
            **self.view.as_json(),
            "workspace_id": self.view.workspace_id,
            "status_reason": self.view.status_reason,
            "outcome": self.outcome,
            "previous_status": self.previous_status,
            "notice": self.notice,
            "error_code": self.error_code,
            "retry_at": self.retry_at.isoformat() if self.retry_at else None,
        }


@dataclass(frozen=True, slots=True)
class LifecycleReport:
    """A sweep's outcomes and, when it ran, the revocation outbox's."""

    outcomes: tuple[RefreshOutcome, ...] = ()
    outbox: OutboxReport | None = None
    started_at: datetime | None = None
    #: Why the outbox retry did not finish (a catalogue code), if it failed.
    outbox_error: str | None = field(default=None)

    @property
    def changed(self) -> bool:
        return any(o.changed for o in self.outcomes) or bool(self.outbox and self.outbox.revoked)

    @property
    def notices(self) -> tuple[RefreshOutcome, ...]:
        return tuple(o for o in self.outcomes if o.notice is not None)

    def count(self, outcome: str) -> int:
        return sum(1 for o in self.outcomes if o.outcome == outcome)

    def as_json(self) -> dict[str, object]:
        return {
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "connections": [o.as_json() for o in self.outcomes],
            "outbox": (
                {
                    "revoked": self.outbox.revoked,
                    "still_pending": self.outbox.still_pending,
                    "finalized": self.outbox.finalized,
                }
                if self.outbox is not None
                else None
            ),
            "outbox_error": self.outbox_error,
        }
