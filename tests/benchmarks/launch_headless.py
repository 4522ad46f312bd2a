"""The baseline for settled memory: the same services the window opens, opened without any Qt.

It builds the environment as ``desktop.cli`` does, opens :class:`Services`, lists the workspaces
and their connections (what the window shows first), waits as long as the window's launcher
settles, and prints ``settled KiB``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.rss import SETTLE_MS, current_rss_kib
from tests.benchmarks.services_open import open_and_list

services = open_and_list()
try:
    time.sleep(SETTLE_MS / 1000)
    print(f"settled {current_rss_kib()}", flush=True)
finally:
    services.close()
