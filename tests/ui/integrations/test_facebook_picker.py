"""Connecting through Facebook in the window: the choice, the picker, per-Page reasons, partial disconnect.

Real widgets on real services: the embedded sandbox's Facebook half, the loopback listener, the
vault and SQLite; the "browser" is a ConsentBot filling the Facebook dialog over HTTP.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QLabel, QMessageBox, QPushButton, QRadioButton, QWidget

from desktop.core.errors import FACEBOOK_INTEGRATIONS_URL
from desktop.core.store import connections as repo
from desktop.core.store import outbox
from desktop.core.store.errors import transaction
from desktop.core.views import STATUS_NEEDS_RECONNECT
from tests.support.consent import ConsentBot
from tests.ui.conftest import App


def _row(app: App, username: str) -> QWidget:
    return app.row(username)


def _open_picker(app: App, bot: ConsentBot | None = None) -> None:
    app.opener.bot = bot or ConsentBot(account="maria.agency")
    app.find(QRadioButton, "sign_in_facebook_option").click()
    app.card.connect_button.click()
    app.qtbot.waitUntil(app.card.picker.isVisible, timeout=20_000)


def test_both_ways_are_offered_each_with_who_it_is_for(app: App) -> None:
    instagram = app.find(QRadioButton, "sign_in_instagram_option")
    facebook = app.find(QRadioButton, "sign_in_facebook_option")
    assert instagram.isVisible() and facebook.isVisible() and instagram.isChecked()
    assert instagram.text() == "Sign in with Instagram" and facebook.text() == "Sign in with Facebook"
    assert "One account" in app.find(QLabel, "sign_in_instagram_help").text()
    assert "Facebook Pages you manage" in app.find(QLabel, "sign_in_facebook_help").text()


def test_picker_lists_accounts_ticked_and_pages_with_reasons(app: App) -> None:
    _open_picker(app)
    picker = app.card.picker
    rows = picker.rows()
    assert [r.candidate.username for r in rows] == [
        "acme_coffee",
        "studio.lumen",
        "northwind_outfitters",
        "harbor.florist",
    ]
    assert all(r.checkbox.isChecked() for r in rows)
    pages = [r.findChild(QLabel, "picker_page").text() for r in rows]  # type: ignore[union-attr]
    assert (
        pages[0] == "Page: Acme Coffee" and pages[2] == "Page: Northwind Outfitters, through Northwind Group"
    )
    app.qtbot.waitUntil(lambda: all(r.avatar.property("placeholder") is False for r in rows), timeout=10_000)
    reasons = picker.reason_labels()
    assert [label.property("reason") for label in reasons] == ["not_linked"]
    assert reasons[0].text().startswith("Corner Bakery: No Instagram Business or Creator account is linked")
    assert "not ticked" in app.find(QLabel, "picker_hint").text()
    connect = app.find(QPushButton, "picker_connect_button")
    assert connect.text() == "Connect 4 account(s)"
    rows[1].checkbox.setChecked(False)
    rows[3].checkbox.setChecked(False)
    assert connect.text() == "Connect 2 account(s)"
    assert connect.accessibleName() == "Connect 2 account(s)"  # a screen reader hears the count too
    connect.click()
    app.qtbot.waitUntil(
        lambda: sorted(app.usernames()) == ["acme_coffee", "northwind_outfitters"], timeout=20_000
    )
    assert not picker.isVisible()
    assert "Connected 2 account(s) through Facebook" in app.find(QLabel, "notice_label").text()
    details = _row(app, "acme_coffee").findChild(QLabel, "details_label")
    assert details is not None and "Connected through the Facebook Page Acme Coffee" in details.text()


def test_unticking_every_box_disables_connect_and_cancel_connects_nothing(app: App) -> None:
    _open_picker(app)
    for row in app.card.picker.rows():
        row.findChild(QCheckBox, "picker_checkbox").setChecked(False)  # type: ignore[union-attr]
    assert not app.find(QPushButton, "picker_connect_button").isEnabled()
    revoked_before = app.services.facebook_sandbox.provider.revoked_count()  # type: ignore[union-attr]
    app.find(QPushButton, "picker_cancel_button").click()
    app.tasks.wait_for_done(10_000)
    assert app.usernames() == [] and not app.card.picker.isVisible()
    assert app.services.facebook_sandbox.provider.revoked_count() > revoked_before  # type: ignore[union-attr]


def test_personal_only_person_sees_no_business_account_with_the_page_reason(app: App) -> None:
    app.opener.bot = ConsentBot(account="paul.personal")
    app.find(QRadioButton, "sign_in_facebook_option").click()
    app.card.connect_button.click()
    panel = app.card.error_panel
    app.qtbot.waitUntil(panel.isVisible, timeout=20_000)
    assert app.find(QLabel, "error_code_label").text() == "instagram_no_business_account"
    texts = " ".join(label.text() for label in panel.findChildren(QLabel))
    assert "Paul's Garage" in texts


def test_partial_disconnect_says_which_accounts_keep_the_grant(app: App) -> None:
    _open_picker(app)
    rows = app.card.picker.rows()
    for row in rows[2:]:
        row.checkbox.setChecked(False)
    app.find(QPushButton, "picker_connect_button").click()
    app.qtbot.waitUntil(lambda: sorted(app.usernames()) == ["acme_coffee", "studio.lumen"], timeout=20_000)
    _row(app, "acme_coffee").findChild(QPushButton, "disconnect_button").click()  # type: ignore[union-attr]
    dialog = app.card.confirm_dialog
    assert isinstance(dialog, QMessageBox)
    assert "only when no other connected account uses the same Facebook sign-in" in dialog.informativeText()
    dialog.findChild(QPushButton, "confirm_disconnect_button").click()  # type: ignore[union-attr]
    app.qtbot.waitUntil(lambda: app.usernames() == ["studio.lumen"], timeout=20_000)
    notice = app.find(QLabel, "notice_label").text()
    assert "@studio.lumen in 'My workspace' still use it" in notice
    assert app.services.facebook_sandbox.provider.revoked_count() == 0  # type: ignore[union-attr]
    app.wait_ready()
    _row(app, "studio.lumen").findChild(QPushButton, "disconnect_button").click()  # type: ignore[union-attr]
    dialog = app.card.confirm_dialog
    assert isinstance(dialog, QMessageBox)
    dialog.findChild(QPushButton, "confirm_disconnect_button").click()  # type: ignore[union-attr]
    app.qtbot.waitUntil(lambda: app.usernames() == [], timeout=20_000)
    assert "access at Facebook revoked" in app.find(QLabel, "notice_label").text()


def test_a_facebook_revoke_that_is_not_retried_says_remove_by_hand(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the first refusal is already the last try, the notice must not promise retries."""
    monkeypatch.setattr(outbox, "MAX_ATTEMPTS", 1)
    _open_picker(app)
    for row in app.card.picker.rows()[1:]:
        row.checkbox.setChecked(False)
    app.find(QPushButton, "picker_connect_button").click()
    app.qtbot.waitUntil(lambda: app.usernames() == ["acme_coffee"], timeout=20_000)
    sandbox = app.services.facebook_sandbox
    assert sandbox is not None
    sandbox.inject_fault("error", endpoint="/{id}/permissions", graph_code=2500)
    app.wait_ready()
    _row(app, "acme_coffee").findChild(QPushButton, "disconnect_button").click()  # type: ignore[union-attr]
    dialog = app.card.confirm_dialog
    assert isinstance(dialog, QMessageBox)
    dialog.findChild(QPushButton, "confirm_disconnect_button").click()  # type: ignore[union-attr]
    label = app.find(QLabel, "notice_label")
    app.qtbot.waitUntil(lambda: "Removed @acme_coffee" in label.text(), timeout=20_000)
    notice = label.text()
    assert "keep trying" not in notice
    assert "no longer tries" in notice and FACEBOOK_INTEGRATIONS_URL in notice
    # The row stays listed, as one to remove by hand at Facebook.
    app.qtbot.waitUntil(
        lambda: app.card.model.revocation_states() == {"acme_coffee": "gave_up"}, timeout=20_000
    )


def test_a_facebook_row_reconnects_through_facebook(app: App) -> None:
    _open_picker(app)
    for row in app.card.picker.rows()[1:]:
        row.checkbox.setChecked(False)
    app.find(QPushButton, "picker_connect_button").click()
    app.qtbot.waitUntil(lambda: app.usernames() == ["acme_coffee"], timeout=20_000)
    assert app.card.workspace is not None
    with transaction(app.services.storage.sessions) as session:
        connection = repo.get_by_username(session, app.card.workspace.id, "acme_coffee")
        assert connection is not None
        repo.set_status(
            session, connection, STATUS_NEEDS_RECONNECT, "needs_reconnect", now=app.services.clock.now()
        )
    app.card.reload()
    app.qtbot.waitUntil(
        lambda: _row(app, "acme_coffee").findChild(QPushButton, "reconnect_button") is not None,
        timeout=10_000,
    )
    app.find(QRadioButton, "sign_in_instagram_option").click()  # the row's own way wins
    app.opener.bot = ConsentBot(account="maria.agency")
    _row(app, "acme_coffee").findChild(QPushButton, "reconnect_button").click()  # type: ignore[union-attr]
    app.qtbot.waitUntil(app.card.picker.isVisible, timeout=20_000)
    assert app.card.picker.rows()[0].candidate.connected


def test_facebook_app_id_goes_to_settings_and_its_secret_to_the_keychain_only(app: App) -> None:
    from PySide6.QtWidgets import QLineEdit

    from desktop.core.app_secret import FACEBOOK_SERVICE
    from desktop.core.settings import load_settings

    app.find(QLineEdit, "facebook_app_id_field").setText("123456789012345")
    app.find(QLineEdit, "facebook_app_secret_field").setText("fb-secret-" + "9" * 22)
    app.find(QPushButton, "save_facebook_app_button").click()
    status = app.find(QLabel, "facebook_app_status_label")
    app.qtbot.waitUntil(lambda: status.text().startswith("Saved."), timeout=10_000)
    assert app.find(QLineEdit, "facebook_app_secret_field").text() == ""
    assert load_settings(app.services.env.paths).facebook_app_id == "123456789012345"
    assert "fb-secret-" not in app.services.env.paths.settings_file.read_text()
    backend = app.services.keyring_backend
    assert backend is not None
    assert backend.get_password(FACEBOOK_SERVICE, "123456789012345") == "fb-secret-" + "9" * 22


def test_cancel_on_the_facebook_dialog_is_a_notice_naming_facebook(app: App) -> None:
    app.opener.bot = ConsentBot(account="maria.agency", action="deny")
    app.find(QRadioButton, "sign_in_facebook_option").click()
    app.card.connect_button.click()
    notice = app.find(QLabel, "notice_label")
    app.qtbot.waitUntil(lambda: "access_denied" in notice.text(), timeout=20_000)
    assert notice.text().startswith("You cancelled on Facebook's page")
    assert app.usernames() == [] and not app.card.picker.isVisible()


def test_switch_account_through_facebook_asks_who_signs_in_even_in_a_signed_in_browser(app: App) -> None:
    """The window's Switch account maps to ``auth_type=reauthenticate`` on the Facebook path."""
    browser = ConsentBot(account="maria.agency")  # one browser profile: its Facebook cookie is kept
    _open_picker(app, browser)
    for row in app.card.picker.rows()[1:]:
        row.checkbox.setChecked(False)
    app.find(QPushButton, "picker_connect_button").click()
    app.qtbot.waitUntil(lambda: app.usernames() == ["acme_coffee"], timeout=20_000)
    app.wait_ready()

    browser.account = "paul.personal"
    app.card.start_connect(force_authentication=True, via="facebook")

    panel = app.card.error_panel
    app.qtbot.waitUntil(panel.isVisible, timeout=20_000)
    # Paul answered, not the browser's Maria: his only Page has no business account.
    assert app.find(QLabel, "error_code_label").text() == "instagram_no_business_account"
    assert app.usernames() == ["acme_coffee"]


def _tab_to(app: App, target: QWidget, limit: int = 40) -> list[str]:
    """Press Tab where the focus is until ``target`` has it; the objectNames passed on the way."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    passed: list[str] = []
    for _ in range(limit):
        focused = app.window.focusWidget()
        if focused is target:
            return passed
        assert focused is not None, "nothing has the focus"
        passed.append(focused.objectName())
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.objectName()}; passed {passed}")


def _key(app: App, key: object) -> None:
    from PySide6.QtTest import QTest

    focused = app.window.focusWidget()
    assert focused is not None, "nothing has the focus"
    QTest.keyClick(focused, key)  # type: ignore[call-overload]


def test_keyboard_alone_chooses_facebook_ticks_an_account_and_connects(app: App) -> None:
    """Tab, Shift+Tab, Space and Enter only, from Connect Instagram, in the order the card shows its
    controls."""
    from PySide6.QtCore import Qt

    app.window.activateWindow()
    app.opener.bot = ConsentBot(account="maria.agency")
    connect = app.card.connect_button
    connect.setFocus(Qt.FocusReason.TabFocusReason)  # where the walk starts
    app.qtbot.waitUntil(lambda: app.window.focusWidget() is connect, timeout=5_000)
    instagram = app.find(QRadioButton, "sign_in_instagram_option")
    facebook = app.find(QRadioButton, "sign_in_facebook_option")
    # The way chooser comes right after Connect, each option its own tab stop.
    _key(app, Qt.Key.Key_Tab)
    assert app.window.focusWidget() is instagram
    _key(app, Qt.Key.Key_Tab)
    assert app.window.focusWidget() is facebook
    _key(app, Qt.Key.Key_Space)
    assert facebook.isChecked() and not instagram.isChecked()
    # Both options stay tab stops once Facebook is chosen; back to Connect, and press it.
    _key(app, Qt.Key.Key_Backtab)
    assert app.window.focusWidget() is instagram
    _key(app, Qt.Key.Key_Backtab)
    assert app.window.focusWidget() is connect
    _key(app, Qt.Key.Key_Space)
    picker = app.card.picker
    app.qtbot.waitUntil(picker.isVisible, timeout=20_000)
    rows = picker.rows()
    # The focus is on the first account; Tab walks the accounts top to bottom, then Cancel, Connect.
    # Untick all but the second account with Space on the way.
    for index, row in enumerate(rows):
        assert app.window.focusWidget() is row.checkbox, index
        if index != 1:
            _key(app, Qt.Key.Key_Space)
        _key(app, Qt.Key.Key_Tab)
    assert [row.checkbox.isChecked() for row in rows] == [False, True, False, False]
    assert app.window.focusWidget() is picker.cancel_button
    _key(app, Qt.Key.Key_Tab)
    assert app.window.focusWidget() is picker.connect_button
    assert picker.connect_button.text() == "Connect 1 account(s)"
    _key(app, Qt.Key.Key_Return)
    app.qtbot.waitUntil(lambda: app.usernames() == ["studio.lumen"], timeout=20_000)
    assert not picker.isVisible()
    # The focus is on the new row, not handed down the tab chain when the picker closed.
    view = app.card.panel.list_view
    app.qtbot.waitUntil(lambda: app.window.focusWidget() is view, timeout=10_000)
    assert "studio.lumen" in view.currentIndex().data()
    # Tab on to Connect Instagram, and Cancel a second picker: the focus is back on Connect.
    app.wait_ready()
    _tab_to(app, connect)
    _key(app, Qt.Key.Key_Space)
    app.qtbot.waitUntil(picker.isVisible, timeout=20_000)
    assert _tab_to(app, picker.cancel_button) == ["picker_checkbox"] * len(rows)
    _key(app, Qt.Key.Key_Space)
    assert not picker.isVisible()
    assert app.window.focusWidget() is connect


def test_a_second_discovery_refills_the_same_rows_with_what_they_show(app: App) -> None:
    """Rows are reused, never deleted under a screen reader; what they show and say is the new account's."""
    _open_picker(app)
    picker = app.card.picker
    first = picker.rows()
    for row in first[1:]:
        row.checkbox.setChecked(False)
    app.find(QPushButton, "picker_connect_button").click()
    app.qtbot.waitUntil(lambda: app.usernames() == ["acme_coffee"], timeout=20_000)
    app.wait_ready()
    _open_picker(app)
    second = picker.rows()
    assert [id(row) for row in second] == [id(row) for row in first]
    assert all(row.checkbox.isChecked() for row in second)
    assert picker.connect_button.text() == "Connect 4 account(s)"
    page = second[0].findChild(QLabel, "picker_page")
    assert page is not None and page.text().endswith("already connected: its access is renewed")
    assert second[0].accessibleName() == f"@acme_coffee, {page.text()}"
    assert second[1].accessibleName() == "@studio.lumen, Page: Studio Lumen"
    assert [label.text().split(":")[0] for label in picker.reason_labels()] == ["Corner Bakery"]


def test_a_smaller_discovery_hides_the_rows_and_reasons_it_does_not_use(app: App) -> None:
    import dataclasses

    _open_picker(app)
    picker = app.card.picker
    pool = picker.rows()
    pool[0].checkbox.setChecked(False)
    discovery = picker.discovery
    assert discovery is not None
    picker.show_discovery(dataclasses.replace(discovery, candidates=discovery.candidates[:1], problems=()))
    assert picker.rows() == pool[:1] and picker.reason_labels() == []
    assert pool[0].checkbox.isChecked()  # a new discovery starts ticked
    assert [row.isVisible() for row in pool] == [True, False, False, False]
    assert not app.find(QLabel, "picker_reason").isVisible()
    assert picker.connect_button.text() == "Connect 1 account(s)"
    assert picker.chosen() == [discovery.candidates[0].ig_user_id]
