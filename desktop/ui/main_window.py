"""The main window: banners on top, a Settings area with a sidebar of pages below.

The window is built at once and works without its services; they arrive (opened off the GUI thread
by the composition root, or passed in by tests) through :meth:`MainWindow.attach_services`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Qt, Slot
from PySide6.QtGui import QCloseEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.clock import Clock
from desktop.core.environment import Environment
from desktop.core.store.notify import RESYNC
from desktop.core.teams import Teams
from desktop.ui import assets
from desktop.ui.integrations.banners import BannerArea
from desktop.ui.integrations.browser import BrowserOpener, open_in_system_browser
from desktop.ui.integrations.page import IntegrationsPage
from desktop.ui.lifecycle_timer import LifecycleTimer
from desktop.ui.notifications import TrayNotifier
from desktop.ui.pages.about import AboutPage
from desktop.ui.pages.general import GeneralPage
from desktop.ui.pages.security import SecurityPage
from desktop.ui.pages.team import TeamPage
from desktop.ui.tasks import TaskRunner
from desktop.ui.team_changes import TeamChanges
from desktop.ui.widgets import named

if TYPE_CHECKING:
    from desktop.core.services import Services

log = logging.getLogger(__name__)

PAGE_NAMES = ("general", "integrations", "security", "team", "about")


class MainWindow(QMainWindow):
    def __init__(
        self,
        env: Environment,
        tasks: TaskRunner,
        services: Services | None = None,
        *,
        opener: BrowserOpener | None = None,
        clock: Clock | None = None,
        upkeep: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """``upkeep`` runs the token refresh sweep at start-up and on a timer, with tray notices."""
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowTitle("Socialdesk")
        self.setWindowIcon(assets.icon(assets.APP_ICON))
        self.setMinimumSize(QSize(820, 560))
        self._env, self._tasks = env, tasks
        self.services: Services | None = None
        self._opening: Callable[[], Services] | None = None
        self._upkeep = upkeep
        self.lifecycle_timer: LifecycleTimer | None = None
        self.notifier: TrayNotifier | None = None

        self.sidebar = named(QListWidget(), "settings_sidebar")
        self.sidebar.setAccessibleName(self.tr("Settings sections"))
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFixedWidth(200)
        self.sidebar.setSpacing(2)
        self.pages = named(QStackedWidget(), "settings_pages")
        self.general_page = GeneralPage(env)
        self.integrations_page = IntegrationsPage(env, tasks, clock, opener or open_in_system_browser)
        self.integrations_page.restart_requested.connect(self._on_integrations_page_restart_requested)
        #: Set when the user chose "Restart now": the loop ends with RESTART_EXIT_CODE.
        self.restart_wanted = False
        self.security_page = SecurityPage(tasks)
        self.team_page = TeamPage(None, tasks)
        self.about_page = AboutPage(env, tasks)
        self.team_changes: TeamChanges | None = None
        entries = (
            (self.tr("General"), assets.GENERAL_ICON, self.general_page),
            (self.tr("Integrations"), assets.INTEGRATIONS_ICON, self.integrations_page),
            (self.tr("Security"), assets.SECURITY_ICON, self.security_page),
            (self.tr("Team"), assets.TEAM_ICON, self.team_page),
            (self.tr("About"), assets.ABOUT_ICON, self.about_page),
        )
        for (title, icon_path, page), name in zip(entries, PAGE_NAMES, strict=True):
            selected = self.palette().color(QPalette.ColorRole.HighlightedText)
            item = QListWidgetItem(assets.sidebar_icon(icon_path, selected), title)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setSizeHint(QSize(0, 36))
            self.sidebar.addItem(item)
            self.pages.addWidget(page)
        self.sidebar.currentRowChanged.connect(self._on_sidebar_row_changed)

        self.banners = BannerArea()
        self.banners.unlock_retry_requested.connect(self._on_banners_unlock_retry_requested)
        self.security_page.vault_changed.connect(self._on_security_page_vault_changed)
        right = named(QWidget(), "content")
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banners)
        column.addWidget(self.pages, 1)

        central = named(QWidget(), "central")
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(right, 1)
        self.setCentralWidget(central)
        QWidget.setTabOrder(self.sidebar, self.integrations_page.workspace_bar.combo)
        self.show_page("integrations")
        self._restore_geometry()
        if services is not None:
            self.attach_services(services)

    def show_page(self, name: str) -> None:
        self.sidebar.setCurrentRow(PAGE_NAMES.index(name))

    # --- services -----------------------------------------------------------------------------

    def open_services(self, open_services: Callable[[], Services]) -> None:
        """Open the services on a worker (keychain and database may be slow) and attach them."""
        self._opening = open_services
        self.integrations_page.instagram_card.show_notice(self.tr("Opening your workspaces…"))
        self._tasks.submit(
            open_services,
            serial=True,
            on_success=self._on_services_opened,
            on_failure=self._on_services_failed,
        )

    def attach_services(self, services: Services) -> None:
        self.services = services
        self.integrations_page.instagram_card.show_notice("")
        self._show_banners()
        self.integrations_page.attach(services)
        self.security_page.attach(services)
        if services.keyring_backend is not None:
            self.team_page.attach(
                Teams(services.env.paths, services.keyring_backend, services.allow_backends),
                refresh_tokens=lambda: services.lifecycle().refresh_now(),
            )
        self._follow_team_changes(services)
        if self._upkeep and self.lifecycle_timer is None:
            self._start_upkeep(services)

    def _follow_team_changes(self, services: Services) -> None:
        """On a team database, reload the lists when another desktop changes something."""
        if self.team_changes is not None:
            self.team_changes.stop()
        changes = TeamChanges(services.storage.engine, self)
        if not changes.enabled:
            return
        changes.changed.connect(self._on_team_changed)
        changes.start()
        self.team_changes = changes

    @Slot(object)
    def _on_team_changed(self, topics: object) -> None:
        wanted = topics if isinstance(topics, frozenset) else frozenset({RESYNC})
        if wanted & {"workspaces", RESYNC}:
            self.integrations_page.reload_workspaces()
        elif wanted & {"connections", "outbox"}:
            self.integrations_page.instagram_card.reload()
        if wanted & {"members", RESYNC}:
            self.team_page.refresh()

    def _start_upkeep(self, services: Services) -> None:
        """Keep tokens alive while the app runs; tell the user once when one needs them."""
        timer = LifecycleTimer(
            self._tasks, services.lifecycle(), services.env.settings.refresh_interval_minutes, parent=self
        )
        notifier = TrayNotifier(self)
        timer.notice.connect(notifier.notify)
        timer.changed.connect(self.integrations_page.instagram_card.reload)
        notifier.clicked.connect(self._on_notifier_clicked)
        self.lifecycle_timer, self.notifier = timer, notifier
        timer.start()

    @Slot(int, str)
    def _on_notifier_clicked(self, workspace_id: int, ig_user_id: str) -> None:
        self.show_page("integrations")
        self.integrations_page.reload_workspaces(select=workspace_id)
        self.integrations_page.instagram_card.focus_connection(ig_user_id)
        self.bring_to_front()

    @Slot()
    @Slot()
    def _on_integrations_page_restart_requested(self) -> None:
        from desktop.ui.restart import RESTART_EXIT_CODE

        self.restart_wanted = True
        self.close()
        app = QApplication.instance()
        if app is not None:
            app.exit(RESTART_EXIT_CODE)

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    @Slot(object)
    def _on_services_opened(self, services: object) -> None:
        self.attach_services(services)  # type: ignore[arg-type,unused-ignore]

    @Slot(object)
    def _on_services_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        self.show_page("integrations")
        self.integrations_page.instagram_card.show_error(
            exc, self._retry_open_services, retry_text=self.tr("Try again")
        )

    def _retry_open_services(self) -> None:
        if self._opening is not None:
            self.open_services(self._opening)

    def _show_banners(self) -> None:
        if self.services is None:
            return
        problem = self.services.storage.vault.problem  # held in memory: no database call here
        self.banners.show_state(
            sandbox=self.services.sandbox_mode,
            storage_mode=self.services.storage_mode,
            problem_code=problem.code if problem is not None else None,
        )

    @Slot()
    def _on_banners_unlock_retry_requested(self) -> None:
        if self.services is None:
            return
        self._tasks.submit(
            self.services.retry_keychain,
            serial=True,
            on_success=self._on_keychain_retried,
            on_failure=self._on_keychain_retry_failed,
        )

    @Slot(object)
    def _on_keychain_retried(self, _result: object) -> None:
        self._show_banners()
        self.integrations_page.reload_workspaces()
        self.security_page.refresh()

    @Slot(object)
    def _on_keychain_retry_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        self._show_banners()
        self.show_page("integrations")
        self.integrations_page.instagram_card.show_error(
            exc, self.banners.unlock_retry_button.click, retry_text=self.tr("Unlock and retry")
        )

    @Slot()
    def _on_security_page_vault_changed(self) -> None:
        self._show_banners()

    # --- window -------------------------------------------------------------------------------

    @Slot(int)
    def _on_sidebar_row_changed(self, row: int) -> None:
        self.pages.setCurrentIndex(row)

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1000, 720)

    def closeEvent(self, event: QCloseEvent) -> None:
        # QSettings holds window geometry only; everything else lives in the settings file.
        QSettings().setValue("window/geometry", self.saveGeometry())
        if self.lifecycle_timer is not None:
            self.lifecycle_timer.stop()
        self.integrations_page.shutdown()
        if self.team_changes is not None:
            self.team_changes.stop()
        super().closeEvent(event)
