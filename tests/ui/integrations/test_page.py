"""The Integrations page: workspaces, and the Instagram app form, driven through the real window."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QTableWidget

from desktop.core.errors import CATALOGUE
from desktop.ui.restart import RESTART_EXIT_CODE
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


def test_renaming_to_a_taken_name_shows_workspace_exists_in_the_dialog(app: App) -> None:
    app.services.workspaces.create("Globex")
    app.window.integrations_page.reload_workspaces()
    bar = app.window.integrations_page.workspace_bar
    app.qtbot.waitUntil(lambda: bar.combo.count() == 2, timeout=10_000)
    bar.rename_button.click()
    dialog = bar.dialog
    assert dialog is not None
    dialog.setTextValue("Globex")
    dialog.accept()
    error = dialog.findChild(QLabel, "workspace_name_error_label")
    assert error is not None
    app.qtbot.waitUntil(lambda: "workspace_exists" in error.text(), timeout=10_000)
    assert (
        "A workspace with that name already exists." in error.text() or "Choose another name" in error.text()
    )
    # The dialog stays open at the field; the card above shows no error panel.
    assert dialog.isVisible() and bar.dialog is dialog
    assert not app.card.error_panel.isVisible()
    assert dialog.focusWidget() is dialog.findChild(QLineEdit, "workspace_name_field")
    dialog.setTextValue("Acme Coffee")
    dialog.accept()
    app.qtbot.waitUntil(lambda: bar.combo.findText("Acme Coffee") >= 0, timeout=10_000)
    app.qtbot.waitUntil(lambda: bar.dialog is None, timeout=10_000)
    assert not app.card.error_panel.isVisible()


def test_an_empty_workspace_name_is_refused_in_the_dialog(app: App) -> None:
    bar = app.window.integrations_page.workspace_bar
    app.qtbot.waitUntil(bar.isEnabled, timeout=10_000)
    bar.new_button.click()
    dialog = bar.dialog
    assert dialog is not None
    dialog.setTextValue("   ")
    dialog.accept()
    error = dialog.findChild(QLabel, "workspace_name_error_label")
    assert error is not None and "workspace_name_invalid" in error.text()
    assert dialog.isVisible()
    dialog.reject()
    app.qtbot.waitUntil(lambda: bar.dialog is None, timeout=5_000)


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
    redirect.setText("https://localhost:8765/callback/")
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


def test_a_bad_app_id_shows_at_the_field_and_clears_once_saved(app: App) -> None:
    app.find(QLineEdit, "app_id_field").setText("not-a-number")
    app.find(QLineEdit, "app_secret_field").setText("x")
    app.find(QPushButton, "save_app_button").click()
    error = app.find(QLabel, "app_id_error_label")
    app.qtbot.waitUntil(lambda: "app_misconfigured" in error.text(), timeout=10_000)
    assert "The Instagram App ID is a number." in error.text()
    assert error.isVisibleTo(app.window)
    # Beside its cause: the card above shows nothing, the field has the focus.
    assert not app.card.error_panel.isVisible()
    assert app.window.focusWidget() is app.find(QLineEdit, "app_id_field")
    assert app.find(QLineEdit, "app_secret_field").text() == "x"
    assert app.find(QLabel, "app_settings_status_label").text() == "Not saved."

    app.find(QLineEdit, "app_id_field").setText("123456789012345")
    app.find(QPushButton, "save_app_button").click()
    status = app.find(QLabel, "app_settings_status_label")
    app.qtbot.waitUntil(lambda: status.text().startswith("Saved"), timeout=10_000)
    assert not error.isVisibleTo(app.window)


def test_a_bad_redirect_uri_shows_at_its_field(app: App) -> None:
    app.find(QLineEdit, "redirect_uri_field").setText("ftp://localhost:8765/callback/")
    app.find(QLineEdit, "app_id_field").setText("123")
    app.find(QLineEdit, "app_secret_field").setText("x")
    app.find(QPushButton, "save_app_button").click()
    error = app.find(QLabel, "redirect_uri_error_label")
    app.qtbot.waitUntil(lambda: "http:// or https://" in error.text(), timeout=10_000)
    assert not app.find(QLabel, "app_id_error_label").isVisibleTo(app.window)


def test_the_form_says_which_app_id_and_the_exact_match_rule_on_screen(app: App) -> None:
    page = app.window.integrations_page
    form = page.app_card
    hint = app.find(QLabel, "app_id_hint_label")
    assert "Instagram App ID" in hint.text() and "not the Facebook App ID" in hint.text()
    assert hint.isVisibleTo(app.window)
    rule = app.find(QLabel, "redirect_rule_label")
    assert "character for character" in rule.text() and "trailing /" in rule.text()
    assert rule.isVisibleTo(app.window)  # not only in a tooltip keyboard users never see
    assert form.redirect_uri_field.toolTip() == ""
    assert form.redirect_uri_field.accessibleDescription() == rule.text()


def test_the_form_says_why_save_is_unavailable(app: App) -> None:
    form = app.window.integrations_page.app_card
    hint = app.find(QLabel, "save_hint_label")
    form.app_id_field.setText("")
    form.app_secret_field.setText("")
    assert not form.save_button.isEnabled()
    assert "the Instagram App ID" in hint.text() and "the Instagram App Secret" in hint.text()
    form.app_id_field.setText("123456789012345")
    assert "the Instagram App ID" not in hint.text() and "App Secret" in hint.text()
    form.app_secret_field.setText("x")
    assert form.save_button.isEnabled() and hint.text() == ""


def test_the_guided_steps_give_the_exact_values_and_copy_the_redirect_uri(app: App) -> None:
    from PySide6.QtGui import QGuiApplication

    form = app.window.integrations_page.app_card
    form.redirect_uri_field.setText("https://localhost:9123/callback/")
    steps = app.find(QLabel, "setup_steps_label").text()
    assert "Instagram API with Instagram login" in steps
    assert "Business login settings → OAuth redirect URIs" in steps
    assert "https://localhost:9123/callback/" in steps
    assert "Instagram tester" in steps
    assert "Instagram App ID and Instagram App Secret" in steps
    app.find(QPushButton, "copy_redirect_button").click()
    assert QGuiApplication.clipboard().text() == "https://localhost:9123/callback/"


def test_the_offline_checks_run_as_the_user_types(app: App) -> None:
    form = app.window.integrations_page.app_card
    checks = app.find(QLabel, "app_checks_label")
    form.app_id_field.setText("12ab")
    form.redirect_uri_field.setText("http://example.com/callback/")
    app.qtbot.waitUntil(lambda: "example" not in checks.text() and "✗" in checks.text(), timeout=10_000)
    app.qtbot.waitUntil(lambda: len(form.checks) == 4, timeout=10_000)
    assert {c.name: c.ok for c in form.checks} == {
        "app_id": False,
        "https": False,
        "loopback": False,
        "fixed_port": False,
    }
    form.app_id_field.setText("123456789012345")
    form.redirect_uri_field.setText("https://localhost:8765/callback/")
    app.qtbot.waitUntil(lambda: len(form.checks) == 5 and all(c.ok for c in form.checks), timeout=10_000)
    assert checks.text().count("✓") == 5


def test_saving_offers_a_restart_that_the_window_acts_on(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    # The test run's one QApplication must keep running: record the exit the window asks for. A
    # real exit would leave every later local event loop returning at once.
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(exits.append))
    form = app.window.integrations_page.app_card
    form.app_id_field.setText("123456789012345")
    form.redirect_uri_field.setText("https://localhost:8765/callback/")
    form.app_secret_field.setText("secret")
    form.save_button.click()
    restart = app.find(QPushButton, "restart_button")
    app.qtbot.waitUntil(restart.isVisible, timeout=10_000)
    with app.qtbot.waitSignal(app.window.integrations_page.restart_requested, timeout=5_000):
        restart.click()
    assert app.window.restart_wanted
    assert exits == [RESTART_EXIT_CODE]


def test_a_field_error_draws_its_icon_first_when_first_shown(app: App) -> None:
    error = app.window.integrations_page.app_card.app_id_error
    assert error.icon is None and error.text() == ""
    error.show_error("The Instagram App ID is a number.")
    assert error.icon is not None and not error.icon.pixmap().isNull()
    assert error.icon.accessibleName() == "Error"
    # Left of the text in the row, and before it for a screen reader.
    icon, text = error.icon, error.text_label
    app.qtbot.waitUntil(lambda: 0 < icon.geometry().right() < text.geometry().left(), timeout=5_000)
    children = [child for child in error.children() if isinstance(child, QLabel)]
    assert children == [error.icon, error.text_label]
    assert error.text() == "The Instagram App ID is a number."
    error.clear()
    assert error.text() == "" and error.icon is not None
