"""The Integrations page: workspaces, and the Instagram app form, driven through the real window."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableWidget

from desktop.core.errors import CATALOGUE
from tests.support.memory_keyring import MemoryKeyring
from tests.ui.conftest import App


def _assert_error_shown(app: App, code: str) -> None:
    panel = app.card.error_panel
    app.qtbot.waitUntil(panel.isVisible, timeout=20_000)
    assert app.find(QLabel, "error_code_label").text() == code
    assert app.find(QLabel, "error_message_label").text() == CATALOGUE[code].message
    table = app.find(QTableWidget, "troubleshooting_table")
    assert [index.row() for index in table.selectionModel().selectedRows()] == [panel.table.row_of(code)]


def test_switching_workspace_shows_only_its_rows(app: App) -> None:
    app.connect("acme_business")
    bar = app.window.integrations_page.workspace_bar
    current = bar.current()
    assert current is not None
    default_name = current.name
    bar.new_button.click()
    dialog = bar.dialog
    assert dialog is not None
    dialog.setTextValue("Globex")
    dialog.accept()
    app.qtbot.waitUntil(lambda: bar.current() is not None and bar.current().name == "Globex", timeout=10_000)
    app.qtbot.waitUntil(lambda: app.usernames() == [], timeout=10_000)
    app.connect("northwind_shop")
    assert app.usernames() == ["northwind_shop"]
    bar.combo.setCurrentIndex(bar.combo.findText(default_name))
    app.qtbot.waitUntil(lambda: app.usernames() == ["acme_business"], timeout=10_000)


def test_renaming_to_a_taken_name_shows_workspace_exists(app: App) -> None:
    app.services.workspaces.create("Globex")
    app.window.integrations_page.reload_workspaces()
    bar = app.window.integrations_page.workspace_bar
    app.qtbot.waitUntil(lambda: bar.combo.count() == 2, timeout=10_000)
    bar.rename_button.click()
    assert bar.dialog is not None
    bar.dialog.setTextValue("Globex")
    bar.dialog.accept()
    _assert_error_shown(app, "workspace_exists")
    bar.rename_button.click()
    bar.dialog.setTextValue("Acme Coffee")
    bar.dialog.accept()
    app.qtbot.waitUntil(lambda: bar.combo.findText("Acme Coffee") >= 0, timeout=10_000)


def test_the_chosen_workspace_is_remembered_for_next_time(app: App) -> None:
    app.services.workspaces.create("Globex")
    page = app.window.integrations_page
    page.reload_workspaces()
    bar = page.workspace_bar
    app.qtbot.waitUntil(lambda: bar.combo.findText("Globex") >= 0, timeout=10_000)
    bar.combo.setCurrentIndex(bar.combo.findText("Globex"))
    settings_file = app.services.env.paths.settings_file
    app.qtbot.waitUntil(
        lambda: (
            settings_file.exists() and json.loads(settings_file.read_text())["active_workspace"] == "Globex"
        ),
        timeout=10_000,
    )


def test_saving_the_instagram_app_keeps_the_secret_in_the_keychain_only(
    app: App, memory_keyring: MemoryKeyring
) -> None:
    secret = "s3cr3t-app-secret-value"
    app.find(QLineEdit, "app_id_field").setText("123456789012345")
    redirect = app.find(QLineEdit, "redirect_uri_field")
    redirect.setText("http://localhost:8765/callback/")
    field = app.find(QLineEdit, "app_secret_field")
    assert field.echoMode() == QLineEdit.EchoMode.Password
    field.setText(secret)
    app.find(QPushButton, "save_app_button").click()
    status = app.find(QLabel, "app_settings_status_label")
    app.qtbot.waitUntil(lambda: status.text().startswith(("Saved", "Not saved")), timeout=10_000)
    assert not app.card.error_panel.isVisible()
    assert status.text().startswith("Saved")
    assert field.text() == ""
    assert secret in memory_keyring.items().values()
    saved = app.services.env.paths.settings_file.read_text()
    assert json.loads(saved)["instagram_app_id"] == "123456789012345"
    assert secret not in saved


def test_a_bad_app_id_shows_app_misconfigured(app: App) -> None:
    app.find(QLineEdit, "app_id_field").setText("not-a-number")
    app.find(QLineEdit, "app_secret_field").setText("x")
    app.find(QPushButton, "save_app_button").click()
    _assert_error_shown(app, "app_misconfigured")
    assert app.find(QLineEdit, "app_secret_field").text() == "x"
