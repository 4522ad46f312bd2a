"""A burst of team-database notifications reaches the window as one change, on the real PostgreSQL."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, create_engine, text

from desktop.core.store.notify import CHANNEL
from desktop.ui.team_changes import TeamChanges


@pytest.fixture
def engine(postgres_url: str) -> Iterator[Engine]:
    opened = create_engine(postgres_url)
    yield opened
    opened.dispose()


def _notify(engine: Engine, topics: list[str]) -> None:
    payload = json.dumps({"topics": topics, "origin": "desktop-elsewhere"})
    with engine.connect() as connection:
        connection.execute(
            text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload}
        )
        connection.commit()


def _spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def test_a_burst_of_notifications_reloads_the_lists_once_with_every_topic(
    qtbot: QtBot, engine: Engine
) -> None:
    changes = TeamChanges(engine, gather_msecs=300)
    heard: list[frozenset[str]] = []
    changes.changed.connect(heard.append)
    changes.start()
    try:
        assert changes._listener.wait_listening(10)
        # Another desktop's sweep: two notifications per refreshed token, then an outbox change.
        for _ in range(40):
            _notify(engine, ["connections"])
        _notify(engine, ["outbox"])
        give_up = time.monotonic() + 10
        while not heard and time.monotonic() < give_up:
            _spin(20)
        _spin(600)  # long enough for a second emission, were the burst split
    finally:
        changes.stop()
    assert heard == [frozenset({"connections", "outbox"})]


def test_a_change_after_the_burst_is_its_own(qtbot: QtBot, engine: Engine) -> None:
    changes = TeamChanges(engine, gather_msecs=100)
    heard: list[frozenset[str]] = []
    changes.changed.connect(heard.append)
    changes.start()
    try:
        assert changes._listener.wait_listening(10)
        _notify(engine, ["connections"])
        qtbot.waitUntil(lambda: len(heard) == 1, timeout=10_000)
        _notify(engine, ["members"])
        qtbot.waitUntil(lambda: len(heard) == 2, timeout=10_000)
    finally:
        changes.stop()
    assert heard == [frozenset({"connections"}), frozenset({"members"})]
