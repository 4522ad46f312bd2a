"""Tray notices: what they say, where a click leads, and silence where there is no tray."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from desktop.core.lifecycle import LifecycleReport, RefreshOutcome
from desktop.core.views import ConnectionView
from desktop.ui.notifications import TrayNotifier

CONSENTED = datetime(2026, 1, 1, tzinfo=UTC)


def view(
    username: str = "acme_business",
    *,
    ig_user_id: str = "17841400000000001",
    workspace_id: int = 3,
    status: str = "needs_reconnect",
    reason: str = "",
) -> ConnectionView:
    return ConnectionView(
        workspace_id=workspace_id,
        workspace_name="Clients",
        ig_user_id=ig_user_id,
        username=username,
        account_type="BUSINESS",
        scopes=("instagram_business_basic",),
        consented_at=CONSENTED,
        expires_at=CONSENTED + timedelta(days=60),
        status=status,
        status_reason=reason,
    )


@pytest.fixture
def tray(qtbot: QtBot) -> QSystemTrayIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor("#c13584"))
    return QSystemTrayIcon(QIcon(pixmap))


def test_a_click_on_the_message_names_the_account_it_was_about(qtbot: QtBot, tray: QSystemTrayIcon) -> None:
    notifier = TrayNotifier(tray=tray)
    assert notifier.available
    assert notifier.notify(view(reason="The token expired. Reconnect to sign in again."), "needs_reconnect")
    title, text = notifier.last_message or ("", "")
    assert title == "Instagram account needs reconnecting"
    assert text == "@acme_business in Clients: The token expired. Reconnect to sign in again."
    with qtbot.waitSignal(notifier.clicked, timeout=2000) as clicked:
        tray.messageClicked.emit()
    assert clicked.args == [3, "17841400000000001"]


def test_the_click_belongs_to_the_last_message(qtbot: QtBot, tray: QSystemTrayIcon) -> None:
    notifier = TrayNotifier(tray=tray)
    notifier.notify(view("first", ig_user_id="1", workspace_id=1), "needs_reconnect")
    notifier.notify(view("second", ig_user_id="2", workspace_id=2, status="active"), "expiring")
    with qtbot.waitSignal(notifier.clicked, timeout=2000) as clicked:
        tray.messageClicked.emit()
    assert clicked.args == [2, "2"]


def test_no_click_before_any_message(qtbot: QtBot, tray: QSystemTrayIcon) -> None:
    notifier = TrayNotifier(tray=tray)
    with qtbot.assertNotEmitted(notifier.clicked, wait=50):
        tray.messageClicked.emit()


def test_each_kind_says_what_happened_and_what_to_do(tray: QSystemTrayIcon) -> None:
    notifier = TrayNotifier(tray=tray)
    checkpoint = view(
        reason="Instagram put a security checkpoint on the account: log in on instagram.com first."
    )
    assert "log in on instagram.com first" in notifier.message_for(checkpoint, "needs_reconnect")[1]
    assert "Reconnect" in notifier.message_for(view(), "needs_reconnect")[1]
    title, text = notifier.message_for(
        view(status="missing_permission", reason="Instagram refused: Publish posts (x)."),
        "missing_permission",
    )
    assert title == "Instagram permission missing" and "Publish posts" in text
    title, text = notifier.message_for(view(status="active"), "expiring")
    assert title == "Instagram access ends soon"
    assert "2026" in text and "@acme_business" in text
    with pytest.raises(ValueError, match="unknown notice"):
        notifier.message_for(view(), "party")


def test_a_report_shows_only_its_notices(tray: QSystemTrayIcon) -> None:
    notifier = TrayNotifier(tray=tray)
    report = LifecycleReport(
        (
            RefreshOutcome(view("quiet", status="active"), "refreshed", "active"),
            RefreshOutcome(view("loud"), "expired", "active", notice="needs_reconnect"),
        )
    )
    assert notifier.notify_report(report) == 1
    assert notifier.last_message is not None and "@loud" in notifier.last_message[1]


def test_without_a_system_tray_nothing_is_shown_and_nothing_complains(qtbot: QtBot) -> None:
    if QSystemTrayIcon.isSystemTrayAvailable():
        pytest.skip("this desktop has a system tray")
    notifier = TrayNotifier()
    assert not notifier.available
    assert notifier.notify(view(), "needs_reconnect") is False
    assert notifier.last_message is None
