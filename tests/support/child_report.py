"""A Python child process of the window, offscreen, that reports what it saw as one JSON line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def child_report(*args: str, **env: str) -> Any:
    """Run ``python ARGS`` from the repository under the offscreen platform; the child's last line
    of output, parsed as JSON (a failing child fails the test with its output)."""
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), **env}
    done = subprocess.run(
        [sys.executable, *args],
        env=full_env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])
