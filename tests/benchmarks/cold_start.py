"""Cold start: process start to the first painted window, and memory, against a bare PySide6 window.

Each run is a new Python process, so imports, Qt start-up and the window's construction are all in
the figure; both launchers quit on their first paint. Peak memory is the child's own maximum
resident set size at its first paint (what the start-up needed, not what loads after it), run from a
small helper process (``measure_child.py``) so the runner's own size is not inherited. Settled
memory is the window's resident memory once its services are open and the list has loaded,
against the same services opened headless in a plain Python process (reported), and against the
cold-start baseline's bare window with the same services open (held to the target). The app runs
without a keychain (``keyring``'s null backend: session-only mode), so a benchmark never touches a
real keychain. Children may write bytecode caches, as an installed copy has them.
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
SETTLED = "settled"


def launch(script: Path, expect: str = PAINTED) -> tuple[float, float]:
    """Milliseconds from spawning ``script`` to its line, and the memory it reported, in MiB."""
    with tempfile.TemporaryDirectory(prefix="socialdesk-cold-") as folder:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            SOCIALDESK_BASE_DIR=folder,
            PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
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
    if report["line"] != expect or report["exit"] != 0 or report["reported_kib"] is None:
        raise RuntimeError(f"{script.name} did not report and exit cleanly: {report}")
    return float(report["painted_ms"]), report["reported_kib"] / 1024.0  # KiB on Linux


def run(quick: bool) -> list[Result]:
    rounds = 3 if quick else 15
    app_times, app_memory, bare_times, bare_memory = [], [], [], []
    launch(HERE / "launch_app.py")  # warm the file and bytecode caches, as a second start would be
    launch(HERE / "launch_bare.py")
    for _ in range(rounds):  # interleaved, so drift in the machine's load hits both alike
        t, m = launch(HERE / "launch_bare.py")
        bare_times.append(t)
        bare_memory.append(m)
        t, m = launch(HERE / "launch_app.py")
        app_times.append(t)
        app_memory.append(m)
    settled, headless, bare_settled = [], [], []
    for _ in range(2 if quick else 3):
        settled.append(launch(HERE / "launch_settled.py", SETTLED)[1])
        headless.append(launch(HERE / "launch_headless.py", SETTLED)[1])
        bare_settled.append(launch(HERE / "launch_bare_settled.py", SETTLED)[1])
    return [
        Result(
            "cold start to first paint",
            median(app_times),
            median(bare_times),
            "ms",
            "ratio",
            1.5,
            "bare PySide6 window",
            note=f"{rounds} rounds interleaved; spread {min(app_times):.0f}–{max(app_times):.0f} ms "
            f"(bare {min(bare_times):.0f}–{max(bare_times):.0f} ms)",
        ),
        Result(
            "peak memory up to first paint",
            median(app_memory),
            median(bare_memory),
            "MiB",
            "ratio",
            1.5,
            "bare PySide6 window",
        ),
        Result(
            "settled memory, services open",
            median(settled),
            median(headless),
            "MiB",
            "ratio",
            None,
            "the same services opened headless",
            note="the window with its services open and the list loaded, against Services.open in a "
            "plain Python process; the difference is Qt, the widgets and the UI modules. Reported "
            "without a target: a bare PySide6 window with the same services settles at "
            f"{median(bare_settled) / median(headless):.2f}x headless in this run, so Qt's own share "
            "alone is about half the headless figure",
        ),
        Result(
            "settled memory over a bare window",
            median(settled),
            median(bare_settled),
            "MiB",
            "ratio",
            1.5,
            "bare PySide6 window, same services open",
            note="the same settled window against the cold-start baseline's bare window with the same "
            "services opened on a worker once it shows; the difference is what the widgets, the UI "
            "modules and the Qt types and enums they use add to Qt's own share",
        ),
    ]
