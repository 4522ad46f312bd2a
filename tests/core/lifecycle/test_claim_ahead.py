"""Claiming ahead of the workers: rows passed over do not stop the claiming, untaken claims are released.

The window's bookkeeping is what is tested here, so the rows are claimed by a recorder standing in
for the database (the sweep tests claim real rows through it).
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any, cast

from desktop.core.clock import SystemClock
from desktop.core.lifecycle.claim_ahead import ClaimAhead
from desktop.core.lifecycle.refresh import Claimed, Refresher
from desktop.core.lifecycle.snapshot import Snapshot
from desktop.core.secrets import SecretStr


class _Rows:
    def __init__(self) -> None:
        self.released: list[int] = []

    def claim_batch(self, snaps: list[Snapshot], _now: datetime) -> list[Claimed]:
        return [SecretStr(f"token-{snap.id}") for snap in snaps]

    def release(self, snap: Snapshot) -> None:
        self.released.append(snap.id)


def _snap(row: int) -> Snapshot:
    return cast(Snapshot, type("Row", (), {"id": row})())


def _take(ahead: ClaimAhead, snap: Snapshot) -> Any:
    got: list[Any] = []
    thread = threading.Thread(target=lambda: got.append(ahead.take(snap)), daemon=True)
    thread.start()
    thread.join(timeout=10)
    assert got, "take waited for a claim that never came"
    return got[0]


def test_rows_passed_over_let_the_claims_run_on_and_lose_their_claim_at_close() -> None:
    rows = _Rows()
    snaps = [_snap(row) for row in range(1, 6)]
    ahead = ClaimAhead(cast(Refresher, rows), snaps, SystemClock(), batch=1, ahead=1)
    try:
        for skipped in snaps[:3]:
            # The worker decided not to refresh these after all.
            ahead.passed(skipped)
        assert _take(ahead, snaps[3]).reveal() == "token-4"
        ahead.passed(snaps[3])
    finally:
        ahead.close()
    # Claimed but never taken: released; taken: the worker's to store or release.
    assert 4 not in rows.released
    assert set(rows.released) <= {1, 2, 3, 5}
    assert {1, 2, 3} <= set(rows.released)
