"""One key rotation, reset or reconcile at a time, across threads and processes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_
from desktop.core.store.advisory_lock import CrossProcessLock
from desktop.core.store.instance_lock import InstanceLock


@contextmanager
def held(
    threads: threading.Lock,
    make_lock: Callable[[], CrossProcessLock] | None,
    lock_path: Path | None,
    *,
    required: bool = True,
    wait: float = 0.0,
) -> Iterator[bool]:
    """Hold ``threads`` and the cross-process lock (``make_lock``'s database advisory lock, else a
    file lock at ``lock_path``). Yields False (or raises ``database_busy`` when ``required``) if
    another holder keeps it for longer than ``wait`` seconds.
    """
    deadline = time.monotonic() + wait
    acquired = threads.acquire(timeout=wait) if wait > 0 else threads.acquire(blocking=False)
    if not acquired:
        if required:
            raise SocialdeskError("database_busy", N_("the vault key is being changed"))
        yield False
        return
    file_lock: CrossProcessLock | None = None
    if make_lock is not None:
        file_lock = make_lock()
    elif lock_path is not None:
        file_lock = InstanceLock(lock_path)
    try:
        got = file_lock is None or file_lock.try_acquire()
        while not got and time.monotonic() < deadline:
            time.sleep(0.05)
            got = file_lock is not None and file_lock.try_acquire()
        if not got:
            if required:
                raise SocialdeskError(
                    "database_busy", N_("another Socialdesk process is changing the vault key")
                )
            yield False
            return
        yield True
    finally:
        if file_lock is not None:
            file_lock.release()
        threads.release()
