"""About and Security name the keychain the same way."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.ui.conftest import App


def test_about_and_security_name_the_same_keychain(app: App) -> None:
    app.window.show_page("security")
    security = app.find(QLabel, "vault_backend_label")
    app.qtbot.waitUntil(lambda: security.text() not in ("", "Checking…"), timeout=10_000)
    app.window.show_page("about")
    about = app.find(QLabel, "keychain_backend_label")
    app.qtbot.waitUntil(lambda: about.text() != "Checking…", timeout=10_000)
    assert about.text() == security.text()
    assert "keyring.backends" not in security.text() and "." not in security.text()
