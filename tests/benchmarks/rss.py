"""A process's own memory, read without importing anything heavy (the baselines import no Qt)."""

from __future__ import annotations

import resource

#: How long both settled-memory launchers wait after their work before reading memory.
SETTLE_MS = 1000


def peak_rss_kib() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def current_rss_kib() -> int:
    """Resident memory now (not the peak): what a settled process holds."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() // 1024
