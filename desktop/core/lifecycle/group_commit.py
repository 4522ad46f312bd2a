"""Storing the sweep's refreshed tokens several per transaction, on a thread of their own.

A worker that has a new token from Instagram hands it here and goes straight on to its next exchange,
instead of waiting for the database lock and a commit of its own: the sweep's workers spend their
time on the network, which is what their number is sized for. One thread stores whatever tokens are
waiting, up to ``max_batch``, in one transaction (one BEGIN and one commit for all of them).

Nothing Meta returned is lost quietly. If a batch's transaction fails, none of it was written: each
token is then stored alone, so one bad row does not cost the others their refresh, and a token that
still cannot be stored is reported ``save_failed`` with its claim released and the old token (still
valid at Instagram until its expiry) left in place, exactly as a lone refresh would be. Any other
error (a crash hook in the tests) releases the claims and reaches the sweep's caller.
"""

from __future__ import annotations

import logging
import queue
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from desktop.core.errors import SocialdeskError
from desktop.core.instagram.models import LongLivedToken
from desktop.core.lifecycle.report import RefreshOutcome
from desktop.core.lifecycle.snapshot import Snapshot

if TYPE_CHECKING:
    from desktop.core.lifecycle.refresh import Refresher

log = logging.getLogger(__name__)

#: Tokens stored per transaction at most: enough to carry the workers' output between two commits,
#: few enough that a batch that must be redone one by one stays short.
DEFAULT_MAX_BATCH = 8


@dataclass(slots=True)
class Refreshed:
    """A token Instagram renewed for a claimed connection, waiting to be stored."""

    snap: Snapshot
    fresh: LongLivedToken
    now: datetime
    outcome: Future[RefreshOutcome] = field(default_factory=Future)


class GroupCommit:
    """One storing thread for a sweep; ``submit`` from any worker, ``close`` once they are done."""

    def __init__(self, refresher: Refresher, *, max_batch: int = DEFAULT_MAX_BATCH) -> None:
        self._refresher = refresher
        self._max_batch = max(1, max_batch)
        self._waiting: queue.Queue[Refreshed | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="token-lifecycle-store", daemon=True)
        self._thread.start()

    def submit(self, snap: Snapshot, fresh: LongLivedToken, now: datetime) -> Future[RefreshOutcome]:
        item = Refreshed(snap, fresh, now)
        self._waiting.put(item)
        return item.outcome

    def close(self) -> None:
        """Store what is still waiting, then stop the thread."""
        self._waiting.put(None)
        self._thread.join()

    def _run(self) -> None:
        done = False
        while not done:
            first = self._waiting.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < self._max_batch:
                try:
                    item = self._waiting.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    done = True
                    break
                batch.append(item)
            self._store(batch)

    def _store(self, batch: list[Refreshed]) -> None:
        try:
            outcomes = self._refresher.store_batch([(item.snap, item.fresh) for item in batch])
        except (SocialdeskError, SQLAlchemyError) as error:
            log.warning(
                "storing %d refreshed token(s) together failed (%s); storing each alone",
                len(batch),
                error.code if isinstance(error, SocialdeskError) else type(error).__name__,
            )
            for item in batch:
                try:
                    item.outcome.set_result(self._refresher.store_alone(item.snap, item.fresh, item.now))
                except BaseException as alone:  # handed to the sweep, which raises it
                    item.outcome.set_exception(alone)
            return
        except BaseException as error:  # handed to the sweep, which raises it
            for item in batch:
                self._refresher.release(item.snap)
                item.outcome.set_exception(error)
            return
        for item, outcome in zip(batch, outcomes, strict=True):
            item.outcome.set_result(outcome)
