"""A second baseline for settled memory: a bare PySide6 window with the same services open.

The window is the cold-start baseline's (one label). The services open on a worker thread once it
shows, as the app opens them, and list what the window lists first; then it waits as long as the
other settled launchers and prints ``settled KiB``. The services' modules load before PySide6, so
PySide6's import hook never keeps their source (the app answers that hook itself; a bare window
has no such code), and the figure is Qt's own share plus the services, nothing of ours in between.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core.services import Services
from tests.benchmarks.services_open import open_and_list

# isort: split
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from tests.benchmarks.rss import SETTLE_MS, current_rss_kib

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.resize(1000, 720)
window.show()
opened: list[Services] = []


def _open() -> None:
    opened.append(open_and_list())


def _report() -> None:
    print(f"settled {current_rss_kib()}", flush=True)
    app.quit()


worker = threading.Thread(target=_open)
QTimer.singleShot(0, worker.start)
poll = QTimer()
poll.timeout.connect(lambda: opened and (poll.stop(), QTimer.singleShot(SETTLE_MS, _report)))
poll.start(50)
code = app.exec()
worker.join()
for services in opened:
    services.close()
sys.exit(code)
