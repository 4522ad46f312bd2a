"""One connect attempt at a time per provider: the listener, the session and the browser's result
page belong to a single dialog, so a second start while one is open says ``connect_in_progress``."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from desktop.core.errors import SocialdeskError
from desktop.core.oauth.attempt import FlowAttempt

A = TypeVar("A", bound=FlowAttempt)


class AttemptSlot(Generic[A]):
    """Holds the open attempt; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._attempt: A | None = None

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._attempt is not None and not self._attempt.ended

    def start(self, begin: Callable[[], A]) -> A:
        """Run ``begin`` (which opens the flow) unless an attempt is still open; keep what it made."""
        with self._lock:
            if self._attempt is not None and not self._attempt.ended:
                raise SocialdeskError("connect_in_progress")
            self._attempt = begin()
            return self._attempt

    def release(self, attempt: FlowAttempt) -> None:
        """The attempt is over (it may say so more than once); a newer one is left alone."""
        with self._lock:
            if self._attempt is attempt:
                self._attempt = None
