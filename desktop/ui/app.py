"""The composition root of the GUI: application object, logging of Qt, crash hook, services, main window.

The services (database, keychain, sandbox, Instagram client) are opened on a worker thread after the
window shows, because a keychain can take seconds to answer; the window says so meanwhile.
"""

from __future__ import annotations

import logging
import sys
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop import APP_ID, APP_NAME, __version__
from desktop.core.environment import Environment
from desktop.core.errors import CATALOGUE
from desktop.core.interrupts import Interrupts, exit_code, flush_logs
from desktop.core.store.instance_lock import InstanceLock
from desktop.ui import assets
from desktop.ui.crash import install_excepthook
from desktop.ui.garbage import collect_on_gui_thread
from desktop.ui.gil import share_gil_with_gui_thread
from desktop.ui.main_window import MainWindow
from desktop.ui.palette import palette_for, stylesheet_for
from desktop.ui.qtlog import install_qt_message_handler
from desktop.ui.start_after_paint import StartAfterPaint, install_refcount_floor_soon
from desktop.ui.tasks import TaskRunner
from desktop.ui.translation import install_translators

if TYPE_CHECKING:
    from desktop.core.services import Services

log = logging.getLogger(__name__)

#: How long closing waits for workers (a keychain or database call) before leaving them behind.
WORKER_WAIT_MS = 5_000
#: The same look on every desktop, under the app's style sheet.
STYLE = "Fusion"


def system_color_scheme() -> str:
    """``"dark"`` when the desktop asks for dark colours, else ``"light"``."""
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def apply_color_scheme(app: QApplication, scheme: str) -> None:
    app.setPalette(palette_for(scheme))
    # The stylesheet reads palette colours when applied: re-apply so it follows the new palette.
    app.setStyleSheet(stylesheet_for(scheme))


def create_application(
    env: Environment, argv: list[str] | None = None, *, scheme: str | None = None
) -> QApplication:
    """The QApplication, configured so QSettings (window geometry only) lives in our config folder.

    ``scheme`` forces ``"light"`` or ``"dark"``; by default the desktop's preference is followed.
    """
    install_qt_message_handler()
    share_gil_with_gui_thread()
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(env.paths.config_dir))
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
        app.setStyle(STYLE)
    else:
        # Named on the command line, Qt makes the style itself: no Python QStyle, whose type alone
        # creates 11 enums of 570 members (about 8 ms), before the first paint.
        app = QApplication([*(argv or [sys.argv[0]]), "-style", STYLE])
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(assets.app_icon())
    collect_on_gui_thread(app)
    install_refcount_floor_soon(app)
    language = install_translators(app)
    if language != "en":
        log.info("window language: %s", language)
    apply_color_scheme(app, scheme or system_color_scheme())
    return app


def _follow_color_scheme(app: QApplication, _scheme: Qt.ColorScheme) -> None:
    apply_color_scheme(app, system_color_scheme())


def _open_services(env: Environment) -> Services:
    """Runs on a worker: the store, the HTTP client and the sandbox load while the window paints."""
    from desktop.core.services import Services

    return Services.open(env)


def run_gui(env: Environment, *, crash_dialog: bool = True) -> int:
    app = create_application(env)
    install_excepthook(show_dialog=crash_dialog, log_file=str(env.log_file) if env.log_file else None)
    lock = InstanceLock(env.paths.lock_file)
    if not lock.try_acquire():
        return _already_running(env)
    QGuiApplication.styleHints().colorSchemeChanged.connect(partial(_follow_color_scheme, app))
    tasks = TaskRunner(app)
    window = MainWindow(env, tasks, upkeep=True)
    interrupts = Interrupts(on_first=partial(_quit_on_signal, app, window)).install()
    # Shown and given the keyboard: a window opened from a terminal or a launcher is typed into at
    # once (without a window manager, as under Xvfb, nothing else would activate it).
    window.bring_to_front()
    # Listening for later launches and waking the loop for signals: once the window has painted.
    later = StartAfterPaint(env.paths, app, window)
    window.open_services(partial(_open_services, env))
    log.info(
        "window shown (version %s, %s mode)", __version__, "sandbox" if env.sandbox_mode else "instagram"
    )
    code = app.exec()
    if interrupts.exit_code is not None:
        code = interrupts.exit_code
    # A pending connect is cancelled (its listener closed) before the workers are waited for; a
    # worker still busy after the wait is abandoned (the process exits regardless).
    window.integrations_page.shutdown()
    if not tasks.wait_for_done(WORKER_WAIT_MS):
        log.warning("workers still busy after %d ms; leaving them", WORKER_WAIT_MS)
    app.processEvents()
    if window.services is not None:
        window.services.close()
    later.close()
    lock.release()
    interrupts.uninstall()
    log.info("window closed (exit %d)", code)
    flush_logs()
    return int(code)


def _quit_on_signal(app: QApplication, window: MainWindow, signum: int) -> None:
    """The first SIGINT or SIGTERM: close the window and leave every event loop (dialogs too)."""
    window.close()
    app.exit(exit_code(signum))


def _already_running(env: Environment) -> int:
    """A second launch: bring the open window forward, or say why nothing opened."""
    from desktop.ui.single_instance import ask_running_instance_to_show

    if ask_running_instance_to_show(env.paths):
        log.info("another Socialdesk window is open for this data folder; asked it to come forward")
        return 0
    from PySide6.QtWidgets import QMessageBox

    info = CATALOGUE["already_running"]
    log.warning("another Socialdesk holds the data folder and did not answer")
    box = QMessageBox(QMessageBox.Icon.Information, "Socialdesk", info.message)
    box.setObjectName("already_running_dialog")
    box.setInformativeText(f"{info.meaning} {info.action}")
    box.exec()
    return 1
