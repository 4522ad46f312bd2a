"""Starts Socialdesk as ``python -m desktop`` does (``desktop.cli.main``) and quits on its first paint.

Modules load in the order the ``socialdesk`` command loads them: the command line first, then the UI
package, which is what loads PySide6 and sets up its import hook in the app. The QApplication is made
here only so the first-paint watcher is installed before the window exists; the app's own start-up
reuses it (``create_application`` takes the running one).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.cli import main

# isort: split
import desktop.ui  # noqa: F401

# isort: split
from PySide6.QtWidgets import QApplication

from tests.benchmarks.first_paint import FirstPaint

app = QApplication(sys.argv[:1])
watcher = FirstPaint(app)

sys.exit(main(["--no-crash-dialog"]))
