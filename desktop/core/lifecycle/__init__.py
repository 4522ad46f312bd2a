"""Token lifecycle: refresh before expiry, status rules, reminders and the revocation outbox."""

from desktop.core.lifecycle.backoff import Backoff
from desktop.core.lifecycle.report import (
    NOTICE_EXPIRING,
    NOTICE_MISSING_PERMISSION,
    NOTICE_NEEDS_RECONNECT,
    NOTICES,
    OUTCOMES,
    LifecycleReport,
    RefreshOutcome,
)
from desktop.core.lifecycle.rules import REFRESH_OVERDUE, Verdict, judge
from desktop.core.lifecycle.sweep import DEFAULT_VERIFY_EVERY, DEFAULT_WINDOW, MIN_AGE, Lifecycle

__all__ = [
    "DEFAULT_VERIFY_EVERY",
    "DEFAULT_WINDOW",
    "MIN_AGE",
    "NOTICES",
    "NOTICE_EXPIRING",
    "NOTICE_MISSING_PERMISSION",
    "NOTICE_NEEDS_RECONNECT",
    "OUTCOMES",
    "REFRESH_OVERDUE",
    "Backoff",
    "Lifecycle",
    "LifecycleReport",
    "RefreshOutcome",
    "Verdict",
    "judge",
]
