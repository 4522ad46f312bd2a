"""When to try a connection again after a failed refresh or check, so sweeps never hammer Instagram.

Kept in memory by the running app: a restart (or a one-off ``connections refresh``) tries again at
once, which is what a user who just fixed their network expects.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

FIRST_DELAY = timedelta(minutes=10)
MAX_DELAY = timedelta(hours=6)


@dataclass(slots=True)
class _Entry:
    failures: int
    next_attempt_at: datetime


class Backoff:
    """Per-connection exponential back-off, plus one pause for all when the app as a whole is throttled."""

    def __init__(self, first_delay: timedelta = FIRST_DELAY, max_delay: timedelta = MAX_DELAY) -> None:
        self._first = first_delay
        self._max = max_delay
        self._entries: dict[int, _Entry] = {}
        self._paused_until: datetime | None = None
        self._lock = threading.Lock()

    def next_attempt_at(self, key: int, now: datetime) -> datetime | None:
        """When ``key`` may be tried again, or None when it may be tried now."""
        with self._lock:
            waits = [self._paused_until]
            entry = self._entries.get(key)
            if entry is not None:
                waits.append(entry.next_attempt_at)
            later = [moment for moment in waits if moment is not None and moment > now]
            return max(later) if later else None

    def failed(self, key: int, now: datetime, retry_after: timedelta | None = None) -> datetime:
        """Record a failure; returns when to try again (never sooner than Instagram asked)."""
        with self._lock:
            entry = self._entries.get(key)
            failures = entry.failures + 1 if entry is not None else 1
            delay = min(self._first * (2 ** min(failures - 1, 16)), self._max)
            if retry_after is not None:
                delay = max(delay, retry_after)
            entry = _Entry(failures, now + delay)
            self._entries[key] = entry
            return entry.next_attempt_at

    def pause_all(self, until: datetime) -> None:
        """Instagram throttled the whole app: nobody is tried before ``until``."""
        with self._lock:
            if self._paused_until is None or until > self._paused_until:
                self._paused_until = until

    def succeeded(self, key: int) -> None:
        with self._lock:
            self._entries.pop(key, None)

    def keep_only(self, live: set[int]) -> None:
        """Forget connections that no longer exist."""
        with self._lock:
            for key in set(self._entries) - live:
                del self._entries[key]
