"""Starts Socialdesk as ``python -m desktop`` does (``desktop.cli.main``) and quits on its first paint.

Modules load in the order the ``socialdesk`` command loads them: the command line first, then the UI
package, which is what loads PySide6 and sets up its import hook in the app. The app makes its own
QApplication, with its own arguments; the first-paint watcher is installed the moment
``create_application`` returns it, before the window exists.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.cli import main

# isort: split
import desktop.ui  # noqa: F401

# isort: split
from tests.benchmarks.app_hook import when_application_made
from tests.benchmarks.first_paint import FirstPaint

watchers: list[FirstPaint] = []
when_application_made(lambda app: watchers.append(FirstPaint(app)))

sys.exit(main(["--no-crash-dialog"]))
