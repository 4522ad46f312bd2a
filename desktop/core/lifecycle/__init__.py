"""Token lifecycle: refresh before expiry, status rules, reminders and the revocation outbox."""

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from desktop.core.lifecycle.rules import REFRESH_OVERDUE, Verdict, judge
    from desktop.core.lifecycle.sweep import DEFAULT_VERIFY_EVERY, DEFAULT_WINDOW, MIN_AGE, Lifecycle

#: Names whose modules pull in the store and the HTTP client: imported on first use, so the window
#: can paint before SQLAlchemy and httpx are loaded.
_LAZY = {
    "REFRESH_OVERDUE": "rules",
    "Verdict": "rules",
    "judge": "rules",
    "DEFAULT_VERIFY_EVERY": "sweep",
    "DEFAULT_WINDOW": "sweep",
    "MIN_AGE": "sweep",
    "Lifecycle": "sweep",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{module}"), name)


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
