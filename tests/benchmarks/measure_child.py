"""Starts one launcher and reports its time to first paint and its own peak memory, as JSON.

The child prints one line when it is done (``painted 123456``: a word, then memory in KiB it
measured itself). It runs as a small process of its own because Linux hands a child the peak memory of the process it
was forked from (``ru_maxrss`` survives ``exec``): measured straight from the benchmark runner, which
has Qt and the app loaded, every child would look as big as the runner.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time

PAINT_TIMEOUT = 60


def main(script: str) -> int:
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, script], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert child.stdout is not None
    ready, _, _ = select.select([child.stdout], [], [], PAINT_TIMEOUT)
    line = child.stdout.readline().decode().strip() if ready else ""
    painted_ms = (time.perf_counter() - start) * 1000.0
    _pid, status, usage = os.wait4(child.pid, 0)
    child.stdout.close()
    word, _, reported = line.partition(" ")
    print(
        json.dumps(
            {
                "line": word,
                "painted_ms": painted_ms,
                # What the child measured itself at the moment it printed (peak up to first paint,
                # or resident memory once settled), and its peak over its whole life.
                "reported_kib": int(reported) if reported.isdigit() else None,
                "maxrss_kib": usage.ru_maxrss,
                "exit": os.waitstatus_to_exitcode(status),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
