from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from desktop.core.clock import ManualClock
from desktop.ui.integrations.connect_progress import ConnectProgressCard, format_countdown

Host = Callable[[ConnectProgressCard], ConnectProgressCard]


def test_countdown_format() -> None:
    assert format_countdown(600) == "10:00"
    assert format_countdown(599.2) == "10:00"
    assert format_countdown(61) == "1:01"
    assert format_countdown(0.5) == "0:01"
    assert format_countdown(-3) == "0:00"


def test_the_countdown_follows_the_clock(qtbot: QtBot, host: Host) -> None:
    clock = ManualClock()
    card = host(ConnectProgressCard(clock))
    card.begin("http://localhost:8765/start?state=abc", clock.now() + timedelta(minutes=10))
    assert card.isVisible()
    assert card.countdown_label.text() == "10:00"
    clock.advance(timedelta(minutes=7, seconds=30))
    qtbot.waitUntil(lambda: card.countdown_label.text() == "2:30", timeout=3000)
    card.finish()
    assert not card.isVisible()


def test_copy_link_copies_the_start_url_only(qtbot: QtBot, host: Host) -> None:
    clock = ManualClock()
    card = host(ConnectProgressCard(clock))
    card.begin("http://localhost:8765/start?state=s1", clock.now() + timedelta(minutes=10))
    card.copy_link_button.click()
    assert QGuiApplication.clipboard().text() == "http://localhost:8765/start?state=s1"
    assert card.copied_label.isVisibleTo(card)


def test_pasted_address_is_masked_and_submitted(qtbot: QtBot, host: Host) -> None:
    clock = ManualClock()
    card = host(ConnectProgressCard(clock))
    card.begin("http://localhost:8765/start?state=s1", clock.now() + timedelta(minutes=10))
    assert card.paste_field.echoMode() == QLineEdit.EchoMode.Password
    assert not card.submit_button.isEnabled()
    card.paste_field.setText("http://localhost:8765/callback/?code=c&state=s")
    with qtbot.waitSignal(card.pasted_url_submitted, timeout=1000) as blocker:
        card.submit_button.click()
    assert blocker.args == ["http://localhost:8765/callback/?code=c&state=s"]


def test_cancel_asks_and_then_waits(qtbot: QtBot, host: Host) -> None:
    clock = ManualClock()
    card = host(ConnectProgressCard(clock))
    card.begin("http://localhost:8765/start?state=s1", clock.now() + timedelta(minutes=10))
    with qtbot.waitSignal(card.cancel_requested, timeout=1000):
        card.cancel_button.click()
    card.set_cancelling()
    assert not card.cancel_button.isEnabled()
