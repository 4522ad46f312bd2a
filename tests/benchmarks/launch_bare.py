"""The baseline for cold start: a bare PySide6 main window with one label, quit on its first paint."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from tests.benchmarks.first_paint import FirstPaint

app = QApplication(sys.argv[:1])
watcher = FirstPaint(app)
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.resize(1000, 720)
window.show()
sys.exit(app.exec())
