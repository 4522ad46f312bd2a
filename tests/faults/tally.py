"""Counts of the faults and crashes the app survived, printed at the end of the run whatever ``-s`` says."""

from __future__ import annotations

import threading
from collections import Counter

_lock = threading.Lock()
_survived: Counter[str] = Counter()


def survived(category: str, count: int = 1) -> None:
    with _lock:
        _survived[category] += count


def counts() -> dict[str, int]:
    with _lock:
        return dict(sorted(_survived.items()))
