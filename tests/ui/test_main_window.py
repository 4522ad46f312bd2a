from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.core.environment import Environment
from desktop.core.services import Services
from desktop.core.settings import Paths, Settings
from desktop.ui.app import create_application
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskRunner
from tests.support.memory_keyring import MemoryKeyring
from tests.ui.conftest import App, BotOpener, make_env, open_services


@pytest.fixture
def window(qtbot: QtBot, base_dir: Path) -> MainWindow:
    env = Environment(Paths.resolve(base_dir).ensure(), Settings())
    app = create_application(env)
    tasks = TaskRunner(app)
    win = MainWindow(env, tasks)
    qtbot.addWidget(win)
    yield win
    tasks.wait_for_done()


def test_title_and_settings_sections(window: MainWindow) -> None:
    assert window.windowTitle() == "Socialdesk"
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert titles == ["General", "Integrations", "Security", "Team", "About"]


def test_integrations_empty_state_and_connect_button(window: MainWindow, qtbot: QtBot) -> None:
    window.show_page("integrations")
    assert window.pages.currentWidget() is window.integrations_page
    empty = window.findChild(QLabel, "empty_state_label")
    assert empty is not None and empty.text() == "No Instagram account connected yet"
    button = window.findChild(QPushButton, "connect_button")
    assert button is not None and button.text() == "Connect Instagram"


def test_about_shows_folders_and_keychain_backend(window: MainWindow, qtbot: QtBot, base_dir: Path) -> None:
    window.show_page("about")
    data = window.findChild(QLabel, "data_dir_label")
    logs = window.findChild(QLabel, "log_dir_label")
    assert data is not None and data.text() == str(base_dir / "data")
    assert logs is not None and logs.text() == str(base_dir / "logs")
    backend = window.findChild(QLabel, "keychain_backend_label")
    assert backend is not None
    qtbot.waitUntil(lambda: backend.text() != "Checking…", timeout=5000)
    assert "MemoryKeyring" in backend.text()


def test_geometry_is_remembered_in_the_config_folder(window: MainWindow, base_dir: Path) -> None:
    window.resize(900, 640)
    window.close()
    settings = QSettings()
    assert settings.value("window/geometry") is not None
    assert Path(settings.fileName()).is_relative_to(base_dir / "config")
    assert set(settings.allKeys()) == {"window/geometry"}


def _controls(window: MainWindow) -> list[QWidget]:
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView)
    return [w for kind in kinds for w in window.findChildren(kind)]


def test_every_control_has_an_accessible_name(app: App) -> None:
    app.connect("acme_business")
    app.card.show_error("network_error", app.card.reload)
    unnamed = [
        f"{type(w).__name__}#{w.objectName()}"
        for w in _controls(app.window)
        if not w.accessibleName()
        and w.objectName() not in {"qt_scrollarea_viewport"}
        and not w.objectName().startswith("qt_")
    ]
    assert unnamed == [], unnamed


def test_tab_order_runs_from_the_workspace_through_the_card_to_the_app_form(app: App) -> None:
    app.connect("acme_business")
    page = app.window.integrations_page
    expected = [
        page.workspace_bar.combo,
        page.workspace_bar.new_button,
        page.workspace_bar.rename_button,
        app.card.connect_button,
    ]
    row = app.card.rows()[0]
    focusable = [w for w in expected]
    widget = focusable[0]
    seen = [widget]
    for _ in range(40):
        widget = widget.nextInFocusChain()
        if widget is row.disconnect_button:
            break
        seen.append(widget)
    assert widget is row.disconnect_button
    order = [w for w in seen if w in expected]
    assert order == expected
    assert row.disconnect_button.nextInFocusChain() is not app.card.connect_button


def test_no_secret_reaches_the_screen_the_title_or_the_clipboard(app: App) -> None:
    app.connect("acme_business")
    app.opener.away = True
    app.card.connect_button.click()
    app.qtbot.waitUntil(app.card.progress.isVisible, timeout=10_000)
    app.card.progress.copy_link_button.click()
    clipboard = QGuiApplication.clipboard().text()
    assert clipboard == app.opener.opened[-1]
    assert "code=" not in clipboard and "access_token=" not in clipboard and "client_secret" not in clipboard
    texts = [app.window.windowTitle()]
    for widget in app.window.findChildren(QWidget):
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel):
            texts.append(widget.text())
    joined = "\n".join(texts)
    assert "IGAA" not in joined and "access_token" not in joined and "code=" not in joined
    app.card.progress.cancel_button.click()
    app.qtbot.waitUntil(lambda: not app.card.progress.isVisible(), timeout=10_000)


def test_services_open_in_the_background_and_the_window_says_so(
    qtbot: QtBot, base_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    env = make_env(base_dir)
    create_application(env)
    tasks = TaskRunner()
    window = MainWindow(env, tasks, opener=BotOpener())
    qtbot.addWidget(window)
    opened: list[Services] = []

    def open_them() -> Services:
        services = open_services(env, memory_keyring)
        opened.append(services)
        return services

    window.open_services(open_them)
    card = window.integrations_page.instagram_card
    try:
        qtbot.waitUntil(lambda: card.loaded and card.connect_button.isEnabled(), timeout=15_000)
        assert window.services is opened[0]
        assert window.banners.sandbox_banner.isVisibleTo(window)
    finally:
        window.close()
        tasks.wait_for_done(20_000)
        for services in opened:
            services.close()
