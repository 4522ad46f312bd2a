"""The composition root of the GUI: application object, logging of Qt, crash hook, main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from desktop import APP_ID, APP_NAME, __version__
from desktop.core.environment import Environment
from desktop.ui import assets
from desktop.ui.crash import install_excepthook
from desktop.ui.main_window import MainWindow
from desktop.ui.qtlog import install_qt_message_handler
from desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def create_application(env: Environment, argv: list[str] | None = None) -> QApplication:
    """The QApplication, configured so QSettings (window geometry only) lives in our config folder."""
    install_qt_message_handler()
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(env.paths.config_dir))
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [sys.argv[0]])
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(assets.icon(assets.APP_ICON))
    app.setStyleSheet(assets.STYLESHEET.read_text(encoding="utf-8"))
    return app


def run_gui(env: Environment, *, crash_dialog: bool = True) -> int:
    app = create_application(env)
    install_excepthook(show_dialog=crash_dialog, log_file=str(env.log_file) if env.log_file else None)
    tasks = TaskRunner(app)
    window = MainWindow(env, tasks)
    window.show()
    log.info(
        "window shown (version %s, %s mode)", __version__, "sandbox" if env.sandbox_mode else "instagram"
    )
    code = app.exec()
    tasks.wait_for_done(10_000)
    return int(code)
