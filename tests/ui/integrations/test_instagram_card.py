"""The Instagram card driven by its real widgets against the embedded sandbox.

Each test clicks what a manager clicks; the "browser" is a ConsentBot filling the sandbox's consent
form over HTTP, so the loopback listener, the token exchange, the vault and the database all run.
"""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QTableWidget, QWidget

from desktop.core.errors import CATALOGUE
from desktop.core.sandbox.user import NAVIGATION_HEADERS
from desktop.core.store import connections as repo
from desktop.core.store.errors import transaction
from desktop.core.views import STATUS_NEEDS_RECONNECT
from desktop.ui.integrations.connect_progress import ConnectProgressCard
from tests.support.consent import ConsentBot
from tests.support.tls import ca_pem, trusting
from tests.ui.conftest import App


def _row(app: App, username: str) -> QWidget:
    return app.row(username)


def _button(row: QWidget, name: str) -> QPushButton:
    button = row.findChild(QPushButton, name)
    assert button is not None, name
    return button


def _assert_error_shown(app: App, code: str) -> None:
    panel = app.card.error_panel
    app.qtbot.waitUntil(panel.isVisible, timeout=20_000)
    assert app.find(QLabel, "error_code_label").text() == code
    assert app.find(QLabel, "error_message_label").text() == CATALOGUE[code].message
    table = app.find(QTableWidget, "troubleshooting_table")
    selected = table.selectionModel().selectedRows()
    assert [index.row() for index in selected] == [app.card.error_panel.table.row_of(code)]
    item = table.item(selected[0].row(), 0)
    assert item is not None and item.text().replace("\u200b", "").endswith("\n" + code)
    assert app.find(QPushButton, "retry_button").isVisible()


def test_connect_succeeds_and_the_new_row_appears_highlighted(app: App) -> None:
    assert app.find(QLabel, "empty_state_label").isVisible()
    app.card.highlight_ms = 500
    app.opener.bot = ConsentBot(account="acme_business")
    app.find(QPushButton, "connect_button").click()
    app.qtbot.waitUntil(lambda: "acme_business" in app.usernames(), timeout=20_000)

    row = _row(app, "acme_business")
    ig_user_id = str(row.property("ig_user_id"))
    assert app.card.model.highlighted() == {ig_user_id}
    assert app.card.panel.current_key() == ig_user_id  # the new row is the current one
    assert not app.card.progress.isVisible()
    assert not app.find(QLabel, "empty_state_label").isVisible()
    assert app.find(QLabel, "notice_label").text() == "Connected @acme_business."
    texts = " ".join(label.text() for label in row.findChildren(QLabel))
    assert "Business" in texts and "Active" in texts
    assert "Publish posts" in texts and "Read insights" in texts
    assert "Token expires in 59 days" in texts
    # The browser was sent to the app's own listener, never straight to a URL with a secret in it.
    assert app.opener.opened[0].startswith(app.services.env.settings.redirect_uri.split("/callback")[0])
    app.qtbot.waitUntil(lambda: not app.card.model.highlighted(), timeout=10_000)


def test_the_progress_card_counts_down_offers_the_link_and_leaves_the_window_usable(app: App) -> None:
    app.opener.away = True
    app.card.connect_button.click()
    progress = app.card.progress
    app.qtbot.waitUntil(progress.isVisible, timeout=10_000)
    assert progress.objectName() == "connect_progress"
    assert progress.countdown_label.text() in {"10:00", "9:59"}
    assert app.card.connect_button.isEnabled() is False
    app.find(QPushButton, "copy_link_button").click()
    assert QGuiApplication.clipboard().text() == app.opener.opened[0]
    assert "code=" not in app.opener.opened[0] and "access_token" not in app.opener.opened[0]
    # The rest of the window keeps working while the flow waits.
    app.window.show_page("security")
    app.qtbot.waitUntil(lambda: app.window.security_page.status is not None, timeout=10_000)
    app.window.show_page("integrations")
    app.sandbox.advance_clock(timedelta(minutes=2))
    app.qtbot.waitUntil(lambda: progress.countdown_label.text() in {"8:00", "7:59"}, timeout=5_000)
    app.find(QPushButton, "cancel_connect_button").click()
    app.qtbot.waitUntil(lambda: not progress.isVisible(), timeout=10_000)


@pytest.mark.parametrize(
    ("bot", "code", "detail_words"),
    [
        (ConsentBot(account="jane.personal"), "instagram_no_business_account", ""),
        (ConsentBot(untick=("instagram_business_content_publish",)), "scope_rejected", "Publish posts"),
    ],
    ids=["personal", "unticked"],
)
def test_a_refused_connect_shows_its_error_inline(
    app: App, bot: ConsentBot, code: str, detail_words: str
) -> None:
    app.opener.bot = bot
    app.card.connect_button.click()
    _assert_error_shown(app, code)
    if detail_words:
        assert detail_words in app.find(QLabel, "error_detail_label").text()
    assert app.usernames() == []
    assert not app.card.progress.isVisible()


def _wait_for_the_question(app: App) -> ConnectProgressCard:
    """Cancel on the sandbox's consent page: by default its redirect, like Meta's may, has no state."""
    app.opener.bot = ConsentBot(action="deny")
    app.card.connect_button.click()
    progress = app.card.progress
    app.qtbot.waitUntil(lambda: progress.asking, timeout=20_000)
    return progress


def test_a_cancel_in_the_browser_without_a_state_asks_inline_with_the_focus_on_keep_waiting(app: App) -> None:
    progress = _wait_for_the_question(app)

    assert progress.isVisible() and progress.question.isVisible()
    assert app.find(QLabel, "stateless_error_label").text() == (
        "Your browser reported that the Instagram dialog was closed. Stop connecting?"
    )
    keep, stop = app.find(QPushButton, "keep_waiting_button"), app.find(QPushButton, "stop_connect_button")
    assert (keep.text(), keep.accessibleName()) == ("Keep waiting", "Keep waiting for Instagram")
    assert (stop.text(), stop.accessibleName()) == ("Stop", "Stop connecting")
    assert app.card.window().focusWidget() is keep
    assert keep.focusPolicy() & Qt.FocusPolicy.TabFocus and stop.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert keep in app.card.focus_chain() and stop in app.card.focus_chain()
    assert not app.card.error_panel.isVisible()
    attempt = app.card.attempt
    assert attempt is not None and attempt.stateless_error_seen and not attempt.ended


def test_stop_ends_the_attempt_with_a_calm_notice(app: App) -> None:
    progress = _wait_for_the_question(app)

    app.qtbot.keyClick(progress.stop_button, Qt.Key.Key_Space)

    notice = app.find(QLabel, "notice_label")
    app.qtbot.waitUntil(lambda: "cancelled" in notice.text(), timeout=10_000)
    assert not progress.isVisible()
    assert not app.card.error_panel.isVisible()
    assert app.card.notice_label.kind == "info"
    assert app.usernames() == []
    app.wait_ready()
    app.connect("acme_business")  # the listener's port is free for the next attempt


def test_keep_waiting_keeps_the_countdown_and_the_real_answer_still_connects(app: App) -> None:
    progress = _wait_for_the_question(app)
    before = progress.seconds_left()

    app.qtbot.keyClick(progress.keep_waiting_button, Qt.Key.Key_Space)

    assert not progress.question.isVisible()
    assert progress.isVisible() and progress.cancel_button.isEnabled()
    assert app.card.window().focusWidget() is progress.open_browser_button
    app.qtbot.wait(600)
    assert progress.seconds_left() <= before
    assert progress.countdown_label.text() != "0:00"
    attempt = app.card.attempt
    assert attempt is not None and not attempt.ended
    # The user goes back to the dialog and allows: that answer, with its state, connects.
    bot = ConsentBot(account="northwind_shop", deliver=False, ca_pem=ca_pem(app.services))
    outcome = bot.open(app.opener.opened[0])
    assert outcome.redirect_location is not None
    progress.paste_field.setText(outcome.redirect_location)
    progress.submit_button.click()
    app.qtbot.waitUntil(lambda: "northwind_shop" in app.usernames(), timeout=20_000)
    assert not app.card.error_panel.isVisible()


def test_cancelling_in_the_browser_with_the_state_is_a_notice_at_once(app: App) -> None:
    app.sandbox.set_knobs(deny_redirect="with_state")
    app.opener.bot = ConsentBot(action="deny")
    app.card.connect_button.click()
    notice = app.find(QLabel, "notice_label")
    app.qtbot.waitUntil(lambda: "access_denied" in notice.text(), timeout=20_000)
    assert not app.card.progress.asking
    assert not app.card.error_panel.isVisible()
    assert app.card.notice_label.kind == "info"
    assert app.usernames() == []


def test_an_expired_link_without_an_answer_explains_metas_own_error_screens(app: App) -> None:
    app.opener.away = True
    app.card.connect_button.click()
    app.qtbot.waitUntil(app.card.progress.isVisible, timeout=10_000)
    app.sandbox.advance_clock(timedelta(minutes=11))
    _assert_error_shown(app, "state_expired")
    detail = app.find(QLabel, "error_detail_label").text()
    assert "Invalid Scopes" in detail and "URL Blocked" in detail
    assert not app.card.progress.isVisible()


def test_a_network_failure_shows_network_error_and_retry_starts_again(app: App) -> None:
    app.sandbox.inject_fault("status", endpoint="/oauth/access_token", count=1, status=503)
    app.card.connect_button.click()
    _assert_error_shown(app, "network_error")
    app.opener.bot = ConsentBot(account="acme_business")
    app.find(QPushButton, "retry_button").click()
    app.qtbot.waitUntil(lambda: "acme_business" in app.usernames(), timeout=20_000)
    assert not app.card.error_panel.isVisible()


def test_a_pasted_address_that_is_not_an_answer_shows_invalid_callback_and_the_flow_goes_on(app: App) -> None:
    app.opener.away = True
    app.card.connect_button.click()
    progress = app.card.progress
    app.qtbot.waitUntil(progress.isVisible, timeout=10_000)
    progress.paste_field.setText("https://example.com/not-a-callback")
    progress.submit_button.click()
    _assert_error_shown(app, "invalid_callback")
    assert progress.isVisible()
    app.find(QPushButton, "cancel_connect_button").click()
    app.qtbot.waitUntil(lambda: not progress.isVisible(), timeout=10_000)


def test_pasting_the_real_answer_connects(app: App) -> None:
    app.opener.away = True
    app.card.connect_button.click()
    progress = app.card.progress
    app.qtbot.waitUntil(progress.isVisible, timeout=10_000)
    bot = ConsentBot(account="northwind_shop", deliver=False, ca_pem=ca_pem(app.services))
    outcome = bot.open(app.opener.opened[0])
    assert outcome.redirect_location is not None
    progress.paste_field.setText(outcome.redirect_location)
    progress.submit_button.click()
    app.qtbot.waitUntil(lambda: "northwind_shop" in app.usernames(), timeout=20_000)


def test_cancel_ends_the_attempt_without_an_error(app: App) -> None:
    app.opener.away = True
    app.card.connect_button.click()
    app.qtbot.waitUntil(app.card.progress.isVisible, timeout=10_000)
    app.find(QPushButton, "cancel_connect_button").click()
    app.qtbot.waitUntil(lambda: not app.card.progress.isVisible(), timeout=10_000)
    assert not app.card.error_panel.isVisible()
    assert "cancelled" in app.find(QLabel, "notice_label").text()
    assert app.usernames() == []
    app.wait_ready()
    # The next attempt starts cleanly (the listener's port is free again).
    app.opener.away = False
    app.connect("acme_business")


def test_disconnect_asks_then_removes_the_row_and_revokes(app: App) -> None:
    app.sandbox.set_knobs(revoke_answer="success_object")  # the revoking path; by hand below
    app.connect("acme_business")
    app.connect("northwind_shop")
    _button(_row(app, "acme_business"), "disconnect_button").click()
    dialog = app.card.confirm_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.objectName() == "disconnect_dialog"
    assert dialog.informativeText() == (
        "This removes @acme_business from this workspace and revokes Socialdesk's access at Instagram; "
        "other accounts are not affected."
    )
    revokes_before = app.sandbox.request_count("/me/permissions")
    _button(dialog, "confirm_disconnect_button").click()
    app.qtbot.waitUntil(lambda: "acme_business" not in app.usernames(), timeout=20_000)
    assert app.usernames() == ["northwind_shop"]
    assert app.sandbox.request_count("/me/permissions") == revokes_before + 1
    assert "revoked" in app.find(QLabel, "notice_label").text()
    assert app.card.workspace is not None
    assert [v.username for v in app.services.connections.list(app.card.workspace.id)] == ["northwind_shop"]


def test_an_unsupported_revoke_shows_the_manual_route_in_the_notice_and_the_row(app: App) -> None:
    app.connect("acme_business")
    _button(_row(app, "acme_business"), "disconnect_button").click()
    dialog = app.card.confirm_dialog
    assert dialog is not None
    _button(dialog, "confirm_disconnect_button").click()
    app.qtbot.waitUntil(lambda: bool(app.card.pending_revocation_states()), timeout=20_000)
    assert "instagram.com/accounts/manage_access" in app.find(QLabel, "notice_label").text()
    assert app.card.pending_revocation_states() == {"acme_business": "manual"}
    row = app.row("acme_business")  # the pending row, current, in the details pane
    status = row.findChild(QLabel, "status_label")
    reason = row.findChild(QLabel, "status_reason_label")
    assert status is not None and status.text() == "Remove by hand"
    assert reason is not None and "only you can" in reason.text()


def test_keeping_the_account_in_the_confirmation_changes_nothing(app: App) -> None:
    app.connect("acme_business")
    _button(_row(app, "acme_business"), "disconnect_button").click()
    dialog = app.card.confirm_dialog
    assert isinstance(dialog, QMessageBox)
    _button(dialog, "cancel_disconnect_button").click()
    app.qtbot.waitUntil(lambda: app.card.confirm_dialog is None, timeout=5_000)
    app.tasks.wait_for_done(5_000)
    assert app.usernames() == ["acme_business"]
    assert app.sandbox.request_count("/me/permissions") == 0


def test_a_row_that_needs_reconnecting_reconnects_in_place(app: App) -> None:
    app.connect("acme_business")
    assert app.card.workspace is not None
    workspace_id = app.card.workspace.id
    with transaction(app.services.storage.sessions) as session:
        connection = repo.get_by_username(session, workspace_id, "acme_business")
        assert connection is not None
        repo.set_status(
            session, connection, STATUS_NEEDS_RECONNECT, "needs_reconnect", now=app.services.clock.now()
        )
    app.card.reload()
    row = _row(app, "acme_business")
    app.qtbot.waitUntil(lambda: _button(row, "reconnect_button").isVisibleTo(row), timeout=10_000)
    assert "Needs reconnect" in " ".join(label.text() for label in row.findChildren(QLabel))
    app.opener.bot = ConsentBot(account="acme_business")
    _button(row, "reconnect_button").click()
    app.qtbot.waitUntil(lambda: not _button(row, "reconnect_button").isVisibleTo(row), timeout=20_000)
    assert app.usernames() == ["acme_business"]
    assert app.find(QLabel, "notice_label").text() == "Reconnected @acme_business."
    statuses = [v.status for v in app.services.connections.list(workspace_id)]
    assert statuses == ["active"]


def test_connect_another_account_in_the_same_browser_and_the_switch_account_offer(app: App) -> None:
    browser = ConsentBot(account="acme_business")  # one browser: Instagram's session carries over
    app.wait_ready()
    app.opener.bot = browser
    app.card.connect_button.click()
    app.qtbot.waitUntil(lambda: "acme_business" in app.usernames(), timeout=20_000)
    app.wait_ready()
    assert app.card.connect_button.text() == "Connect another account"

    app.card.connect_button.click()  # forced sign-in, and the person picks the same account again
    panel = app.card.error_panel
    app.qtbot.waitUntil(lambda: panel.code is not None, timeout=20_000)
    assert panel.code == "account_already_connected"
    assert panel.retry_button.text() == "Switch account"
    assert "already connected" in app.find(QLabel, "error_message_label").text()

    browser.account = "northwind_shop"
    panel.retry_button.click()
    app.qtbot.waitUntil(lambda: "northwind_shop" in app.usernames(), timeout=20_000)
    assert app.usernames() == ["acme_business", "northwind_shop"]


def _send_stateless_errors(app: App, times: int) -> None:
    """What any page that can reach the loopback port can do: navigate to an error without state."""
    redirect_uri = app.services.env.settings.redirect_uri
    with httpx.Client(verify=trusting(app.services), timeout=10) as http:
        for _ in range(times):
            page = http.get(f"{redirect_uri}?error=access_denied", headers=NAVIGATION_HEADERS)
            assert page.status_code == 200


def test_further_errors_without_state_are_counted_but_never_ask_again(app: App) -> None:
    progress = _wait_for_the_question(app)
    attempt = app.card.attempt
    assert attempt is not None

    _send_stateless_errors(app, 2)  # while the question shows
    app.qtbot.waitUntil(lambda: attempt.stateless_error_count == 3, timeout=10_000)
    app.qtbot.keyClick(progress.keep_waiting_button, Qt.Key.Key_Space)
    assert not progress.asking
    _send_stateless_errors(app, 3)  # after Keep waiting
    app.qtbot.waitUntil(lambda: attempt.stateless_error_count == 6, timeout=10_000)
    app.qtbot.wait(300)  # the queued reports reach the GUI thread

    assert not progress.asking
    assert app.card.window().focusWidget() is progress.open_browser_button
    assert not attempt.ended
    # The real answer, with its state, still connects.
    bot = ConsentBot(account="northwind_shop", deliver=False, ca_pem=ca_pem(app.services))
    outcome = bot.open(app.opener.opened[0])
    assert outcome.redirect_location is not None
    with httpx.Client(verify=trusting(app.services), timeout=10) as http:
        http.get(outcome.redirect_location, headers=NAVIGATION_HEADERS, follow_redirects=True)
    app.qtbot.waitUntil(lambda: "northwind_shop" in app.usernames(), timeout=20_000)
