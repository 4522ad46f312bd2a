"""The Settings area's pages: the sidebar's entries and the stack, each page built on first visit.

Only the Integrations page is on the first paint. The others are empty placeholders in the stack,
and their modules are not imported, until the sidebar (or code) asks for them; a page built once the
services are open is attached to them at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStackedWidget, QWidget

from desktop.ui import assets
from desktop.ui.widgets import named

if TYPE_CHECKING:
    from desktop.core.services import Services
    from desktop.ui.integrations.page import IntegrationsPage
    from desktop.ui.main_window import MainWindow

PAGE_NAMES = ("general", "integrations", "security", "team", "about")


def fill_sidebar(window: QWidget, sidebar: QListWidget, pages: QStackedWidget, integrations: QWidget) -> None:
    """One sidebar entry per page, and the Integrations page (or a placeholder) in the stack for each.

    The titles keep the window's translation context (``MainWindow``)."""
    entries = (
        (QCoreApplication.translate("MainWindow", "General"), assets.GENERAL_ICON),
        (QCoreApplication.translate("MainWindow", "Integrations"), assets.INTEGRATIONS_ICON),
        (QCoreApplication.translate("MainWindow", "Security"), assets.SECURITY_ICON),
        (QCoreApplication.translate("MainWindow", "Team"), assets.TEAM_ICON),
        (QCoreApplication.translate("MainWindow", "About"), assets.ABOUT_ICON),
    )
    selected = window.palette().color(QPalette.ColorRole.HighlightedText)
    for (title, icon_path), name in zip(entries, PAGE_NAMES, strict=True):
        item = QListWidgetItem(assets.sidebar_icon(icon_path, selected), title)
        item.setData(Qt.ItemDataRole.UserRole, name)
        item.setSizeHint(QSize(0, 36))
        sidebar.addItem(item)
        page = integrations if name == "integrations" else named(QWidget(pages), f"{name}_placeholder")
        pages.addWidget(page)


class WindowPages:
    """The pages built so far, by name; :meth:`page` builds one in its placeholder's place."""

    def __init__(self, window: MainWindow, stack: QStackedWidget, integrations: IntegrationsPage) -> None:
        self._window, self._stack = window, stack
        self.built: dict[str, QWidget] = {"integrations": integrations}

    def page(self, name: str) -> QWidget:
        page = self.built.get(name)
        if page is not None:
            return page
        page = self._build(name)
        self.built[name] = page
        index = PAGE_NAMES.index(name)
        placeholder = self._stack.widget(index)
        current = self._stack.currentIndex()
        self._stack.insertWidget(index, page)
        if placeholder is not None:
            self._stack.removeWidget(placeholder)
            placeholder.deleteLater()
        self._stack.setCurrentIndex(current)
        return page

    def _build(self, name: str) -> QWidget:
        window = self._window
        if name == "general":
            from desktop.ui.pages.general import GeneralPage

            return GeneralPage(window.env)
        if name == "security":
            from desktop.ui.pages.security import SecurityPage

            security = SecurityPage(window.tasks)
            security.vault_changed.connect(window.on_security_page_vault_changed)
            if window.services is not None:
                security.attach(window.services)
            return security
        if name == "team":
            from desktop.ui.pages.team import TeamPage

            team = TeamPage(None, window.tasks)
            team.membership_changed.connect(window.on_team_page_membership_changed)
            self.built["team"] = team
            if window.services is not None:
                self.attach_team(window.services)
            return team
        from desktop.ui.pages.about import AboutPage

        return AboutPage(window.env, window.tasks)

    def attach_team(self, services: Services) -> None:
        """Give the Team page (built) what it needs from the services: a team needs the keychain."""
        if services.keyring_backend is None:
            return
        from desktop.core.teams import Teams, local_database_of
        from desktop.ui.pages.team import TeamPage

        team = self.page("team")
        assert isinstance(team, TeamPage)
        team.attach(
            Teams(
                services.env.paths,
                services.keyring_backend,
                services.allow_backends,
                local_database=local_database_of(services.env.database_url),
            ),
            refresh_tokens=lambda: services.lifecycle().refresh_now(),
        )
