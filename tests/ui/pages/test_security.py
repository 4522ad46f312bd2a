"""The Security page on real services: the vault's state and rotating its key."""

from __future__ import annotations

import pytest
from keyring.errors import KeyringLocked
from PySide6.QtWidgets import QLabel, QPushButton

from desktop.core.errors import FACEBOOK_INTEGRATIONS_URL, MANAGE_ACCESS_URL
from desktop.core.views import RevocationView
from tests.support.memory_keyring import MemoryKeyring
from tests.ui.conftest import App


def test_the_vault_status_and_a_key_rotation(app: App) -> None:
    app.connect("acme_business")
    page = app.window.security_page
    page.refresh()
    key = app.find(QLabel, "vault_key_label")
    app.qtbot.waitUntil(lambda: app.find(QLabel, "vault_count_label").text() == "1", timeout=10_000)
    assert app.find(QLabel, "vault_mode_label").text() == "Saved, protected by your system keychain"
    old_key = key.text()
    assert old_key.startswith("kek-v")
    rotate = app.find(QPushButton, "rotate_key_button")
    assert rotate.isEnabled()
    rotate.click()
    app.qtbot.waitUntil(lambda: key.text() not in {"", old_key}, timeout=15_000)
    assert app.find(QLabel, "rotate_status_label").text().startswith("Key rotated")
    # The token is still readable under the new key: disconnecting revokes it at Instagram.
    assert app.services.connections.list(app.card.workspace.id)[0].username == "acme_business"


def test_access_left_at_instagram_is_listed_with_the_manual_route(app: App) -> None:
    app.connect("acme_business")
    assert app.card.workspace is not None
    (view,) = app.services.connections.list(app.card.workspace.id)
    page = app.window.security_page
    listed = app.find(QLabel, "revocations_label")
    page.refresh()
    app.qtbot.waitUntil(lambda: listed.text().startswith("Nothing"), timeout=10_000)

    app.services.connections.disconnect(view.workspace_id, view.ig_user_id)  # Instagram: unsupported
    page.refresh()

    app.qtbot.waitUntil(lambda: "@acme_business" in listed.text(), timeout=10_000)
    assert "remove by hand at https://www.instagram.com/accounts/manage_access/" in listed.text()


def test_access_left_at_facebook_is_listed_with_facebook_business_integrations(app: App) -> None:
    page = app.window.security_page
    listed = app.find(QLabel, "revocations_label")
    page._on_revocations_read(
        [
            RevocationView(1, "acme_coffee", "gave_up", 7, via="facebook"),
            RevocationView(1, "acme_business", "manual", 1),
        ]
    )
    facebook, instagram = listed.text().split("\n")
    assert facebook.startswith("@acme_coffee: remove by hand in Facebook's Business Integrations at ")
    assert FACEBOOK_INTEGRATIONS_URL in facebook and "instagram.com" not in facebook
    assert instagram == (
        f"@acme_business: remove by hand at {MANAGE_ACCESS_URL} (find Socialdesk, choose Remove)."
    )


def test_a_failed_rotation_shows_the_panel_and_try_again_rotates(
    app: App, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.connect("acme_business")
    page = app.window.security_page
    app.window.show_page("security")
    key = app.find(QLabel, "vault_key_label")
    rotate = app.find(QPushButton, "rotate_key_button")
    app.qtbot.waitUntil(lambda: rotate.isEnabled() and key.text().startswith("kek-v"), timeout=10_000)
    old_key = key.text()

    def locked(*_args: object) -> None:
        raise KeyringLocked("the keychain is locked")

    monkeypatch.setattr(memory_keyring, "set_password", locked)  # the keychain locks meanwhile
    rotate.click()
    panel = page.error_panel
    app.qtbot.waitUntil(lambda: panel.code is not None, timeout=15_000)
    assert panel.isVisible() and panel.retry_button.hasFocus()
    code = panel.findChild(QLabel, "error_code_label")
    assert code is not None
    assert code.text() == panel.code and panel.table.selected_code() == panel.code
    assert key.text() == old_key

    monkeypatch.undo()  # unlocked again
    panel.retry_button.click()
    app.qtbot.waitUntil(lambda: key.text() not in {"", old_key}, timeout=15_000)
    assert not panel.isVisible()
    assert app.find(QLabel, "rotate_status_label").text().startswith("Key rotated")
