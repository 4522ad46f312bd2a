"""Starts Socialdesk as ``python -m desktop`` does (``desktop.cli.main``) and quits on its first paint.

The QApplication is made here first only so the first-paint watcher can be installed before the
window exists; the app's own start-up reuses it (``create_application`` takes the running one).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication

from tests.benchmarks.first_paint import FirstPaint

app = QApplication(sys.argv[:1])
watcher = FirstPaint(app)

from desktop.cli import main  # noqa: E402  (after the watcher, as `python -m desktop` imports it first)

sys.exit(main(["--no-crash-dialog"]))
