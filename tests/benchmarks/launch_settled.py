"""Starts Socialdesk as ``launch_app.py`` does and reports its resident memory once it has settled.

Settled: the services are open and attached, the Integrations list has loaded, and a second has
passed for the start-up sweep and the first garbage collections. Then it prints ``settled KiB`` and
quits.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

# In the order the ``socialdesk`` command loads them: the command line first, then the UI package,
# which is what loads PySide6 (and sets up its import hook) in the app.
from desktop.cli import main

# isort: split
import desktop.ui  # noqa: F401

# isort: split
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.benchmarks.app_hook import when_application_made
from tests.benchmarks.rss import SETTLE_MS, current_rss_kib

poll = QTimer()


def _report() -> None:
    print(f"settled {current_rss_kib()}", flush=True)
    QApplication.quit()


def _check() -> None:
    from desktop.ui.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        ready = isinstance(widget, MainWindow) and widget.services is not None
        if ready and widget.integrations_page.instagram_card.loaded:  # type: ignore[attr-defined]
            poll.stop()
            QTimer.singleShot(SETTLE_MS, _report)


def _watch(_app: QApplication) -> None:
    poll.timeout.connect(_check)
    poll.start(50)


when_application_made(_watch)

sys.exit(main(["--no-crash-dialog"]))
