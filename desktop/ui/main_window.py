"""The main window: a Settings area with a sidebar of pages."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Qt, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, QWidget

from desktop.core.environment import Environment
from desktop.ui import assets
from desktop.ui.integrations.page import IntegrationsPage
from desktop.ui.pages.about import AboutPage
from desktop.ui.pages.general import GeneralPage
from desktop.ui.pages.security import SecurityPage
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import named

PAGE_NAMES = ("general", "integrations", "security", "about")


class MainWindow(QMainWindow):
    def __init__(self, env: Environment, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowTitle("Socialdesk")
        self.setWindowIcon(assets.icon(assets.APP_ICON))
        self.setMinimumSize(QSize(820, 560))
        self._tasks = tasks

        self.sidebar = named(QListWidget(), "settings_sidebar")
        self.sidebar.setAccessibleName(self.tr("Settings sections"))
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFixedWidth(200)
        self.sidebar.setSpacing(2)
        self.pages = named(QStackedWidget(), "settings_pages")
        self.general_page = GeneralPage(env)
        self.integrations_page = IntegrationsPage()
        self.security_page = SecurityPage()
        self.about_page = AboutPage(env, tasks)
        entries = (
            (self.tr("General"), assets.GENERAL_ICON, self.general_page),
            (self.tr("Integrations"), assets.INTEGRATIONS_ICON, self.integrations_page),
            (self.tr("Security"), assets.SECURITY_ICON, self.security_page),
            (self.tr("About"), assets.ABOUT_ICON, self.about_page),
        )
        for (title, icon_path, page), name in zip(entries, PAGE_NAMES, strict=True):
            item = QListWidgetItem(assets.icon(icon_path), title)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setSizeHint(QSize(0, 36))
            self.sidebar.addItem(item)
            self.pages.addWidget(page)
        self.sidebar.currentRowChanged.connect(self._on_sidebar_row_changed)

        central = named(QWidget(), "central")
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.show_page("integrations")
        self._restore_geometry()

    def show_page(self, name: str) -> None:
        self.sidebar.setCurrentRow(PAGE_NAMES.index(name))

    @Slot(int)
    def _on_sidebar_row_changed(self, row: int) -> None:
        self.pages.setCurrentIndex(row)

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1000, 680)

    def closeEvent(self, event: QCloseEvent) -> None:
        # QSettings holds window geometry only; everything else lives in the settings file.
        QSettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
