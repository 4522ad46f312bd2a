"""Child process for the restart test: the real window in its own QApplication, asked to restart.

Prints the code ``QApplication.exec()`` returned. A process of its own, because leaving the
application's event loop would end every later local event loop of the test run.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer

from desktop.core.environment import Environment
from desktop.core.settings import Paths, Settings
from desktop.ui.app import create_application
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskRunner


def main() -> int:
    env = Environment(Paths.resolve(os.environ["SOCIALDESK_BASE_DIR"]).ensure(), Settings())
    app = create_application(env)
    tasks = TaskRunner(app)
    window = MainWindow(env, tasks)
    window.show()
    QTimer.singleShot(0, window.integrations_page.restart_requested.emit)
    QTimer.singleShot(10_000, lambda: app.exit(1))  # never hang the suite
    code = app.exec()
    print(f"exec={code} restart_wanted={window.restart_wanted} visible={window.isVisible()}", flush=True)
    tasks.wait_for_done(5_000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
