"""Connect sessions: the ``state`` that ties an Instagram callback to the attempt that asked for it.

A state is 256 random bits, lives 10 minutes and works once, so a callback can be neither forged nor
replayed. Lookups compare every stored state in constant time, so response timing says nothing about
how close a guess was. Time comes from an injected clock, so expiry is tested without sleeping.
"""

from __future__ import annotations

import hmac
import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from desktop.core.clock import Clock
from desktop.core.errors import SocialdeskError

STATE_BYTES = 32
DEFAULT_LIFETIME = timedelta(minutes=10)
#: Longer than any state we issue; anything longer is not ours and is not compared.
_MAX_STATE_LENGTH = 256


@dataclass(frozen=True, slots=True)
class ConnectSession:
    """One connect attempt. ``state`` stays out of ``repr`` so it never lands in a log by accident."""

    state: str = field(repr=False)
    workspace_id: int
    created_at: datetime
    expires_at: datetime

    def is_expired(self, now: datetime) -> bool:
        return now >= self.expires_at

    def time_left(self, now: datetime) -> timedelta:
        """What is left of the lifetime (never negative), for a countdown."""
        return max(self.expires_at - now, timedelta(0))


@dataclass(slots=True)
class _Entry:
    session: ConnectSession
    key: bytes
    used: bool = False


class ConnectSessions:
    """The connect sessions of this process; safe to share between the UI, the listener and workers."""

    def __init__(self, clock: Clock, lifetime: timedelta = DEFAULT_LIFETIME) -> None:
        if lifetime <= timedelta(0):
            raise ValueError("a connect session needs a positive lifetime")
        self._clock = clock
        self._lifetime = lifetime
        self._entries: list[_Entry] = []
        self._lock = threading.Lock()

    @property
    def clock(self) -> Clock:
        return self._clock

    @property
    def lifetime(self) -> timedelta:
        return self._lifetime

    def new(self, workspace_id: int) -> ConnectSession:
        """Start a session with a fresh 256-bit, URL-safe state."""
        now = self._clock.now()
        state = secrets.token_urlsafe(STATE_BYTES)
        session = ConnectSession(state, workspace_id, now, now + self._lifetime)
        with self._lock:
            self._purge(now)
            self._entries.append(_Entry(session, state.encode("ascii")))
        return session

    def consume(self, state: str) -> ConnectSession:
        """The session for ``state``, which can never be used again.

        Unknown, expired and already used states are refused alike with ``state_expired``: to the
        user they all mean "start again", and an attacker learns nothing from the difference.
        """
        now = self._clock.now()
        with self._lock:
            entry = self._find(state)
            if entry is None or entry.used or entry.session.is_expired(now):
                raise SocialdeskError("state_expired")
            entry.used = True
            return entry.session

    def peek(self, state: str) -> ConnectSession | None:
        """The session for ``state`` if it is known, unexpired and unused; it stays usable."""
        now = self._clock.now()
        with self._lock:
            entry = self._find(state)
            if entry is None or entry.used or entry.session.is_expired(now):
                return None
            return entry.session

    def cancel(self, state: str) -> None:
        """Retire ``state`` so a late callback for it is refused; unknown states are ignored."""
        with self._lock:
            entry = self._find(state)
            if entry is not None:
                entry.used = True

    def pending(self) -> list[ConnectSession]:
        """Sessions still waiting for their callback (unexpired and unused)."""
        now = self._clock.now()
        with self._lock:
            return [e.session for e in self._entries if not e.used and not e.session.is_expired(now)]

    def _find(self, state: str) -> _Entry | None:
        if not isinstance(state, str) or not state or len(state) > _MAX_STATE_LENGTH or not state.isascii():
            return None
        key = state.encode("ascii")
        found: _Entry | None = None
        for entry in self._entries:
            # No early exit: every stored state is compared, in constant time.
            if hmac.compare_digest(entry.key, key):
                found = entry
        return found

    def _purge(self, now: datetime) -> None:
        # A used or expired state is refused either way; dropping it after its expiry bounds memory.
        self._entries = [e for e in self._entries if not e.session.is_expired(now)]
