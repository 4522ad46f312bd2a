"""Claiming the sweep's due tokens a few rows per transaction, ahead of the workers, on a thread of its own.

A worker about to refresh a token finds it already claimed and opened, so it goes from one exchange
with Instagram straight to the next instead of queueing for the database lock and a commit of its
own. The claim is the same as a lone one (``claims.claim_refresh``: one UPDATE whose row comes from a
``FOR UPDATE SKIP LOCKED`` subquery on PostgreSQL, with this desktop's lease), only several rows
share one transaction. It runs at most ``ahead`` rows before the workers, so a lease never waits
long for its worker; rows claimed but never taken (the sweep stopped, or the worker decided
otherwise) are released at ``close``.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.core.clock import Clock
from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_
from desktop.core.lifecycle.snapshot import Snapshot
from desktop.core.secrets import SecretStr

if TYPE_CHECKING:
    from desktop.core.lifecycle.refresh import Claimed, Refresher

log = logging.getLogger(__name__)

#: Rows claimed per transaction.
DEFAULT_BATCH = 8
#: Rows claimed but not yet taken by a worker, at most.
DEFAULT_AHEAD = 16


@dataclass(slots=True)
class _Slot:
    ready: threading.Event = field(default_factory=threading.Event)
    claimed: Claimed = None
    error: BaseException | None = None
    taken: bool = False
    passed: bool = False


class ClaimAhead:
    """Claims ``candidates`` in their order; ``take`` from any worker, ``close`` once they are done."""

    def __init__(
        self,
        refresher: Refresher,
        candidates: list[Snapshot],
        clock: Clock,
        *,
        batch: int = DEFAULT_BATCH,
        ahead: int = DEFAULT_AHEAD,
    ) -> None:
        self._refresher = refresher
        self._order = candidates
        self._slots = {snap.id: _Slot() for snap in candidates}
        self._clock = clock
        self._batch = max(1, batch)
        self._ahead = max(self._batch, ahead)
        self._lock = threading.Condition()
        self._claimed = 0
        self._taken = 0
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="token-lifecycle-claim", daemon=True)
        self._thread.start()

    def has(self, snap: Snapshot) -> bool:
        return snap.id in self._slots

    def take(self, snap: Snapshot) -> SecretStr | SocialdeskError | None:
        """The opened token (None: not ours to refresh, or an opening error); raises a database error."""
        slot = self._slots[snap.id]
        slot.ready.wait()
        self._pass(slot, taken=True)
        if slot.error is not None:
            raise slot.error
        return slot.claimed

    def passed(self, snap: Snapshot) -> None:
        """The sweep is done with the row, taken or not: the claims may run one row further ahead.

        Without it, rows a worker decided not to refresh after all (the clock moved past an expiry)
        would fill the window and stop the claiming for good.
        """
        slot = self._slots.get(snap.id)
        if slot is not None:
            self._pass(slot, taken=False)

    def _pass(self, slot: _Slot, *, taken: bool) -> None:
        with self._lock:
            if not slot.passed:
                slot.passed = True
                self._taken += 1
                self._lock.notify_all()
            slot.taken = slot.taken or taken

    def close(self) -> None:
        """Stop claiming, and release every row claimed that no worker took."""
        with self._lock:
            self._stopped = True
            self._lock.notify_all()
        self._thread.join()
        for snap in self._order:
            slot = self._slots[snap.id]
            if slot.ready.is_set() and not slot.taken and isinstance(slot.claimed, SecretStr):
                self._refresher.release(snap)

    def _run(self) -> None:
        index = 0
        while index < len(self._order):
            with self._lock:
                while not self._stopped and self._claimed - self._taken >= self._ahead:
                    self._lock.wait()
                if self._stopped:
                    break
            batch = self._order[index : index + self._batch]
            try:
                results: list[Claimed] = self._refresher.claim_batch(batch, self._clock.now())
                errors: list[BaseException | None] = [None] * len(batch)
            except BaseException as failure:  # handed to each worker, which reports it for its row
                log.warning("claiming %d due token(s) failed: %s", len(batch), type(failure).__name__)
                results, errors = [None] * len(batch), [failure] * len(batch)
            for snap, claimed, error in zip(batch, results, errors, strict=True):
                slot = self._slots[snap.id]
                slot.claimed, slot.error = claimed, error
                slot.ready.set()
            with self._lock:
                self._claimed += len(batch)
            index += len(batch)
        # Not reached (the sweep is closing): a worker still asking is told, and claims nothing.
        for snap in self._order[index:]:
            slot = self._slots[snap.id]
            slot.error = SocialdeskError(
                "internal_error", N_("the sweep stopped before this token was claimed")
            )
            slot.ready.set()
