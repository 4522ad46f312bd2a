"""TaskRunner: the one bridge from widgets to worker threads.

Widgets never do network, crypto, keychain or database work on the GUI thread. They submit a callable
here and get its result, or its exception, in a slot back on the GUI thread. Work that touches the
database can be submitted as ``serial=True`` to a one-thread pool, so SQLite writers never overlap.
Work that mostly waits (a connect attempt waiting up to ten minutes for Instagram's answer) goes to
its own pool with ``long_running=True``, so it never holds a thread that quick jobs need.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; its signals carry a job's outcome back there."""

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()


class _Job(QRunnable):
    def __init__(
        self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], relay: _Relay
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._args, self._kwargs, self._relay = fn, args, kwargs, relay

    def run(self) -> None:
        try:
            result = self._fn(*self._args, **self._kwargs)
        except BaseException as exc:
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)
        finally:
            self._relay.finished.emit()


class TaskRunner(QObject):
    """Runs callables on worker threads and reports back by signal to bound slots."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4, max_waiting: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._serial = QThreadPool(self)
        self._serial.setMaxThreadCount(1)
        self._waiting = QThreadPool(self)
        self._waiting.setMaxThreadCount(max_waiting)
        self._relays: set[_Relay] = set()

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        serial: bool = False,
        long_running: bool = False,
        **kwargs: Any,
    ) -> None:
        """Run ``fn(*args, **kwargs)`` on a worker; its result or exception arrives in the callbacks.

        ``serial`` jobs (database work) run one at a time, in order; ``long_running`` jobs (waiting on
        a connect attempt) get a pool of their own. Pass bound slots of the widget that asked, so a
        widget deleted meanwhile is simply not called.
        """
        if serial and long_running:
            raise ValueError("a job is either serial or long-running")
        # Unparented: a relay must outlive its runner while a worker may still emit through it.
        relay = _Relay()
        if on_success is not None:
            relay.succeeded.connect(on_success)
        if on_failure is not None:
            relay.failed.connect(on_failure)
        else:
            relay.failed.connect(self._log_unhandled)
        relay.finished.connect(lambda: self._release(relay))
        self._relays.add(relay)
        if len(self._relays) == 1:
            self.busy_changed.emit(True)
        pool = self._serial if serial else self._waiting if long_running else self._pool
        pool.start(_Job(fn, args, kwargs, relay))

    @property
    def pending(self) -> int:
        return len(self._relays)

    def wait_for_done(self, msecs: int = 30_000) -> bool:
        """Block until every job has finished (shutdown and tests); slots still need the event loop."""
        deadline = time.monotonic() + msecs / 1000
        done = True
        for pool in (self._pool, self._serial, self._waiting):
            left = max(0, int((deadline - time.monotonic()) * 1000))
            done = pool.waitForDone(left) and done
        return done

    def _release(self, relay: _Relay) -> None:
        self._relays.discard(relay)
        relay.deleteLater()
        if not self._relays:
            self.busy_changed.emit(False)

    @staticmethod
    def _log_unhandled(exc: BaseException) -> None:
        log.error(
            "background task failed: %s", type(exc).__name__, exc_info=(type(exc), exc, exc.__traceback__)
        )
