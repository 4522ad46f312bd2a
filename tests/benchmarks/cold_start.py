"""Cold start: process start to the first painted window, and peak memory, against a bare PySide6 window.

Each run is a new Python process, so imports, Qt start-up and the window's construction are all in
the figure; both launchers quit on their first paint. Peak memory is the child's own maximum resident
set size, read with ``os.wait4`` by a small helper process (``measure_child.py``). The app runs
without a keychain (``keyring``'s null backend: session-only mode), so a benchmark never touches a
real keychain.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.common import Result, median
from tests.benchmarks.first_paint import PAINTED

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
#: Seconds a launcher may take to paint before the run counts as failed.
PAINT_TIMEOUT = 60


def launch(script: Path) -> tuple[float, float]:
    """Milliseconds from spawning ``script`` to its first paint, and its peak RSS in MiB."""
    with tempfile.TemporaryDirectory(prefix="socialdesk-cold-") as folder:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            SOCIALDESK_BASE_DIR=folder,
            PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        )
        done = subprocess.run(
            [sys.executable, str(HERE / "measure_child.py"), str(script)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=PAINT_TIMEOUT + 30,
            check=True,
        )
    report = json.loads(done.stdout)
    if report["line"] != PAINTED or report["exit"] != 0:
        raise RuntimeError(f"{script.name} did not paint and exit cleanly: {report}")
    return float(report["painted_ms"]), report["maxrss_kib"] / 1024.0  # KiB on Linux


def run(quick: bool) -> list[Result]:
    rounds = 3 if quick else 7
    app_times, app_memory, bare_times, bare_memory = [], [], [], []
    launch(HERE / "launch_app.py")  # warm the file cache, as a second start would be
    for _ in range(rounds):  # interleaved, so drift in the machine's load hits both alike
        t, m = launch(HERE / "launch_bare.py")
        bare_times.append(t)
        bare_memory.append(m)
        t, m = launch(HERE / "launch_app.py")
        app_times.append(t)
        app_memory.append(m)
    return [
        Result(
            "cold start to first paint",
            median(app_times),
            median(bare_times),
            "ms",
            "ratio",
            1.5,
            "bare PySide6 window",
        ),
        Result(
            "peak memory at start",
            median(app_memory),
            median(bare_memory),
            "MiB",
            "ratio",
            1.5,
            "bare PySide6 window",
        ),
    ]
