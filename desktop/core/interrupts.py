"""SIGINT and SIGTERM in every Socialdesk process: the first asks for a clean stop, a second quits now.

A clean stop cancels a pending connect (which closes its loopback listener), lets workers finish or
abandons them, closes the database and flushes the log, then exits 130 (SIGINT) or 143 (SIGTERM),
as shells expect. Clean-up is bounded: if it has not finished within ``grace`` seconds, the process
exits with the same code anyway. A second signal during clean-up exits at once.

Headless commands get :class:`Interrupted` raised where the main thread is (it is a
``KeyboardInterrupt``, so every ``except KeyboardInterrupt`` clean-up path runs for SIGTERM too).
The window passes ``on_first`` instead, which asks Qt's event loop to quit.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from types import FrameType

log = logging.getLogger(__name__)

SIGNALS = (signal.SIGINT, signal.SIGTERM)
#: How long clean-up may take after the first signal before the process exits regardless.
GRACE_SECONDS = 10.0


def exit_code(signum: int) -> int:
    """The shell's convention: 128 plus the signal number (130 for SIGINT, 143 for SIGTERM)."""
    return 128 + int(signum)


class Interrupted(KeyboardInterrupt):
    """The process was asked to stop by ``signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.exit_code = exit_code(signum)


def flush_logs() -> None:
    """Write out every log handler and the standard streams (before a hard exit skips it)."""
    for handler in logging.getLogger().handlers:
        with contextlib.suppress(Exception):
            handler.flush()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            if stream is not None:
                stream.flush()


def hard_exit(code: int) -> None:
    """Exit now, skipping interpreter teardown (threads still blocked are abandoned)."""
    flush_logs()
    os._exit(code)


class Interrupts:
    """The process's handler for SIGINT and SIGTERM; :meth:`install` it in the main thread."""

    def __init__(
        self, on_first: Callable[[int], None] | None = None, *, grace: float = GRACE_SECONDS
    ) -> None:
        self._on_first = on_first
        self._grace = grace
        self.received: int | None = None
        self._watchdog: threading.Timer | None = None
        self._previous: dict[int, object] = {}

    @property
    def exit_code(self) -> int | None:
        return exit_code(self.received) if self.received is not None else None

    def install(self) -> Interrupts:
        for signum in SIGNALS:
            self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def uninstall(self) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous if previous is not None else signal.SIG_DFL)  # type: ignore[arg-type]
        self._previous.clear()
        if self._watchdog is not None:
            self._watchdog.cancel()

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        if self.received is not None:
            log.warning("second %s: quitting at once", signal.Signals(signum).name)
            hard_exit(exit_code(signum))
        self.received = signum
        log.info("%s received: stopping cleanly", signal.Signals(signum).name)
        self._watchdog = threading.Timer(self._grace, self._give_up, args=(exit_code(signum),))
        self._watchdog.daemon = True
        self._watchdog.start()
        if self._on_first is not None:
            self._on_first(signum)
            return
        raise Interrupted(signum)

    def _give_up(self, code: int) -> None:
        log.warning("clean-up did not finish within %.0f s: quitting", self._grace)
        hard_exit(code)


@contextlib.contextmanager
def stopping_on_signals(grace: float = GRACE_SECONDS) -> Iterator[Interrupts]:
    """Raise :class:`Interrupted` in the main thread on SIGINT or SIGTERM while the block runs."""
    if threading.current_thread() is not threading.main_thread():
        yield Interrupts(grace=grace)
        return
    interrupts = Interrupts(grace=grace).install()
    try:
        yield interrupts
    finally:
        interrupts.uninstall()
