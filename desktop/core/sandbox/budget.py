"""Graph rate limits as Meta reports them: usage headers that rise with each call, then a refusal.

With the ``call_budget`` knob at N, each account may make N Graph calls per rolling hour. Every
answer to an account's call carries ``X-App-Usage`` and ``X-Business-Use-Case-Usage`` (percentages of
the budget, and the minutes until access returns); the call past the budget is refused with Graph
code 80002 (the account's limit) or 4 (the app's, with the ``budget_code`` knob), and
``estimated_time_to_regain_access`` says when the oldest call leaves the window. Kept in memory only,
as a restart clears Meta's counters no more than it clears this.
"""

from __future__ import annotations

import json
import math
import threading
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta

WINDOW = timedelta(hours=1)
MESSAGES = {
    4: "Application request limit reached",
    80002: "There have been too many calls to this Instagram account. Wait a bit and try again.",
}


@dataclass(frozen=True, slots=True)
class Usage:
    percent: int
    regain_minutes: int
    exhausted: bool

    def headers(self, user_id: int) -> dict[str, str]:
        app = {
            "call_count": self.percent,
            "total_cputime": self.percent // 2,
            "total_time": self.percent // 2,
        }
        business = {
            str(user_id): [
                {
                    "type": "instagram",
                    "call_count": self.percent,
                    "total_cputime": self.percent // 2,
                    "total_time": self.percent // 2,
                    "estimated_time_to_regain_access": self.regain_minutes,
                }
            ]
        }
        return {
            "X-App-Usage": json.dumps(app, separators=(",", ":")),
            "X-Business-Use-Case-Usage": json.dumps(business, separators=(",", ":")),
        }


class CallBudget:
    """Per-account calls in the last hour; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: dict[int, deque[datetime]] = {}

    def spend(self, user_id: int, budget: int, now: datetime) -> Usage:
        """Count one call (unless it is refused) and say how much of the budget is used."""
        with self._lock:
            calls = self._calls.setdefault(user_id, deque())
            while calls and now - calls[0] >= WINDOW:
                calls.popleft()
            if len(calls) >= budget:
                regain = math.ceil((calls[0] + WINDOW - now).total_seconds() / 60)
                return Usage(100, max(1, regain), exhausted=True)
            calls.append(now)
            return Usage(min(100, len(calls) * 100 // budget), 0, exhausted=False)

    def clear(self) -> None:
        with self._lock:
            self._calls.clear()
