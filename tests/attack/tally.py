"""Counts of what the attack suite tried, printed at the end of the run whatever ``-s`` says."""

from __future__ import annotations

import threading
from collections import Counter

_lock = threading.Lock()
_tried: Counter[str] = Counter()


def tried(category: str, count: int = 1) -> None:
    with _lock:
        _tried[category] += count


def counts() -> dict[str, int]:
    with _lock:
        return dict(sorted(_tried.items()))
