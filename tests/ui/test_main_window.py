from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from desktop.core.environment import Environment
from desktop.core.settings import Paths, Settings
from desktop.ui.app import create_application
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskRunner


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
    assert titles == ["General", "Integrations", "Security", "About"]


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
