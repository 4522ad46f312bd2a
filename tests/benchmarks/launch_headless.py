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

from desktop.core.environment import Environment
from desktop.core.services import Services
from desktop.core.settings import Paths, load_settings
from tests.benchmarks.rss import SETTLE_MS, current_rss_kib

paths = Paths.resolve(None).ensure()
env = Environment(paths=paths, settings=load_settings(paths))
services = Services.open(env)
try:
    workspace = services.workspaces.default()
    services.workspaces.list()
    services.connections.summaries(workspace.id)
    time.sleep(SETTLE_MS / 1000)
    print(f"settled {current_rss_kib()}", flush=True)
finally:
    services.close()
