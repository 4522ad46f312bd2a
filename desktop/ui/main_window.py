"""The main window: banners on top, a Settings area with a sidebar of pages below.

The window works without its services; they arrive (opened off the GUI thread by the composition
root, or passed in by tests) through :meth:`MainWindow.attach_services`. Only the Integrations page
is built before the first paint; the others are built, and their modules imported, on first visit,
and the services start opening once the window has painted (their imports would otherwise compete
with the first paint for the interpreter).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Slot
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.clock import Clock
from desktop.core.environment import Environment
from desktop.core.store.topics import RESYNC
from desktop.ui import assets
from desktop.ui.after_paint import after_next_paint
from desktop.ui.integrations.banners import BannerArea, remember_sandbox_banner
from desktop.ui.integrations.browser import BrowserOpener, open_in_system_browser
from desktop.ui.integrations.page import IntegrationsPage
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import named
from desktop.ui.window_pages import PAGE_NAMES, WindowPages, fill_sidebar

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from desktop.core.services import Services
    from desktop.ui.lifecycle_timer import LifecycleTimer
    from desktop.ui.notifications import TrayNotifier
    from desktop.ui.pages.about import AboutPage
    from desktop.ui.pages.general import GeneralPage
    from desktop.ui.pages.security import SecurityPage
    from desktop.ui.pages.team import TeamPage
    from desktop.ui.team_changes import TeamChanges

log = logging.getLogger(__name__)


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
        self.env, self.tasks = env, tasks
        self.services: Services | None = None
        self._opening: Callable[[], Services] | None = None
        self._upkeep = upkeep
        self.lifecycle_timer: LifecycleTimer | None = None
        self.notifier: TrayNotifier | None = None

        # Built from the window down, each widget made with its final parent: under the app's
        # stylesheet every reparenting restyles the whole subtree moved, which for a page built
        # first and placed afterwards cost more than building it.
        central = named(QWidget(self), "central")
        self.setCentralWidget(central)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.sidebar = named(QListWidget(central), "settings_sidebar")
        self.sidebar.setAccessibleName(self.tr("Settings sections"))
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFixedWidth(200)
        self.sidebar.setSpacing(2)
        right = named(QWidget(central), "content")
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.banners = BannerArea(right, sandbox_collapsed=env.settings.sandbox_banner_collapsed)
        self.banners.unlock_retry_requested.connect(self._on_banners_unlock_retry_requested)
        self.banners.sandbox_collapsed_changed.connect(self._on_sandbox_banner_collapsed)
        self.banners.app_form_requested.connect(self._on_banners_app_form_requested)
        self.pages = named(QStackedWidget(right), "settings_pages")
        column.addWidget(self.banners)
        column.addWidget(self.pages, 1)
        row.addWidget(self.sidebar)
        row.addWidget(right, 1)
        self.integrations_page = IntegrationsPage(
            env, tasks, clock, opener or open_in_system_browser, parent=self.pages
        )
        self.integrations_page.restart_requested.connect(self._on_integrations_page_restart_requested)
        #: Set when the user chose "Restart now": the loop ends with RESTART_EXIT_CODE.
        self.restart_wanted = False
        self.team_changes: TeamChanges | None = None
        #: Pages built so far, by name; the others are empty placeholders in the stack.
        self._pages = WindowPages(self, self.pages, self.integrations_page)
        self._built = self._pages.built
        self._painted = False
        self._open_after_paint = False
        # Watched once, not by a paintEvent override that would run Python on every repaint.
        after_next_paint(self, self._on_first_paint_done)
        fill_sidebar(self, self.sidebar, self.pages, self.integrations_page)
        self.sidebar.currentRowChanged.connect(self._on_sidebar_row_changed)

        QWidget.setTabOrder(self.sidebar, self.integrations_page.workspace_bar.combo)
        self.show_page("integrations")
        self._restore_geometry()
        if services is not None:
            self.attach_services(services)

    def show_page(self, name: str) -> None:
        self.sidebar.setCurrentRow(PAGE_NAMES.index(name))

    # --- pages, built on first visit ------------------------------------------------------------

    @property
    def general_page(self) -> GeneralPage:
        return self._page("general")  # type: ignore[return-value]

    @property
    def security_page(self) -> SecurityPage:
        return self._page("security")  # type: ignore[return-value]

    @property
    def team_page(self) -> TeamPage:
        return self._page("team")  # type: ignore[return-value]

    @property
    def about_page(self) -> AboutPage:
        return self._page("about")  # type: ignore[return-value]

    def _page(self, name: str) -> QWidget:
        return self._pages.page(name)

    # --- services -----------------------------------------------------------------------------

    def open_services(self, open_services: Callable[[], Services]) -> None:
        """Open the services on a worker (keychain and database may be slow) and attach them; a
        shown window that has not painted yet starts once it has."""
        self._opening = open_services
        self.integrations_page.instagram_card.show_notice(self.tr("Opening your workspaces…"))
        if self.isVisible() and not self._painted:
            self._open_after_paint = True
            return
        self._submit_open(open_services)

    def _on_first_paint_done(self) -> None:
        self._painted = True
        if not self._open_after_paint:
            return
        self._open_after_paint = False
        if self._opening is not None and self.services is None:
            self._submit_open(self._opening)

    def _submit_open(self, open_services: Callable[[], Services]) -> None:
        self.tasks.submit(
            open_services,
            serial=True,
            on_success=self._on_services_opened,
            on_failure=self._on_services_failed,
        )

    def attach_services(self, services: Services) -> None:
        self.services = services
        self.integrations_page.setEnabled(True)
        self.integrations_page.instagram_card.show_notice("")
        self._show_banners()
        self.integrations_page.attach(services)
        if "security" in self._built:
            self.security_page.attach(services)
        if "team" in self._built:
            self._pages.attach_team(services)
        self._follow_team_changes(services)
        if self._upkeep and self.lifecycle_timer is None:
            self._start_upkeep(services)

    @Slot()
    def on_team_page_membership_changed(self) -> None:
        """Created or joined a team: close the local store and open the team's, without a restart.

        The running services are closed on the serial worker (after any database job queued before)
        and opened again the way they first were; the pages are attached to the new ones.
        """
        old = self.services
        if old is None:
            return
        from desktop.ui.reopen import reopen_like, switch_services

        opening = self._opening or partial(reopen_like, old)
        self._opening = opening
        self.services = None
        if self.lifecycle_timer is not None:
            self.lifecycle_timer.stop()
            self.lifecycle_timer = None
        if self.team_changes is not None:
            self.team_changes.stop()
            self.team_changes = None
        self.integrations_page.shutdown()
        self.integrations_page.setEnabled(False)
        self.integrations_page.instagram_card.show_notice(self.tr("Opening the team's workspaces…"))
        log.info("team membership changed: reopening the workspaces on the team database")
        self.tasks.submit(
            switch_services,
            old,
            opening,
            serial=True,
            on_success=self._on_services_opened,
            on_failure=self._on_services_failed,
        )

    def _follow_team_changes(self, services: Services) -> None:
        """On a team database, reload the lists when another desktop changes something."""
        from desktop.ui.team_changes import TeamChanges  # with the services: it brings SQLAlchemy

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
        if wanted & {"members", RESYNC} and "team" in self._built:
            self.team_page.refresh()

    def _start_upkeep(self, services: Services) -> None:
        """Keep tokens alive while the app runs; tell the user once when one needs them."""
        from desktop.ui.lifecycle_timer import LifecycleTimer
        from desktop.ui.notifications import TrayNotifier

        timer = LifecycleTimer(
            self.tasks, services.lifecycle(), services.env.settings.refresh_interval_minutes, parent=self
        )
        notifier = self.notifier
        if notifier is None:  # one tray icon for the window's life, across reopened services
            notifier = TrayNotifier(self)
            notifier.clicked.connect(self._on_notifier_clicked)
        timer.notice.connect(notifier.notify)
        timer.changed.connect(self.integrations_page.instagram_card.reload)
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
        self.integrations_page.setEnabled(True)
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
        # The vault's mode and problem are held in memory: no database (or network) call here.
        vault = self.services.storage.vault
        problem = vault.problem
        self.banners.show_state(
            sandbox=self.services.sandbox_mode,
            storage_mode=vault.mode.value,
            problem_code=problem.code if problem is not None else None,
        )

    @Slot(bool)
    def _on_sandbox_banner_collapsed(self, collapsed: bool) -> None:
        self.tasks.submit(remember_sandbox_banner, self.env.paths, collapsed, serial=True)

    @Slot()
    def _on_banners_unlock_retry_requested(self) -> None:
        if self.services is None:
            return
        self.tasks.submit(
            self.services.retry_keychain,
            serial=True,
            on_success=self._on_keychain_retried,
            on_failure=self._on_keychain_retry_failed,
        )

    @Slot(object)
    def _on_keychain_retried(self, _result: object) -> None:
        self._show_banners()
        self.integrations_page.reload_workspaces()
        if "security" in self._built:
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
    def on_security_page_vault_changed(self) -> None:
        self._show_banners()

    # --- window -------------------------------------------------------------------------------

    @Slot(int)
    def _on_sidebar_row_changed(self, row: int) -> None:
        self._page(PAGE_NAMES[row])
        self.pages.setCurrentIndex(row)
        self.banners.set_app_form_below(PAGE_NAMES[row] == "integrations")

    @Slot()
    def _on_banners_app_form_requested(self) -> None:
        self.show_page("integrations")
        self.integrations_page.show_app_form()

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
