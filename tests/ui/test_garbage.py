"""Cyclic garbage is collected on the GUI thread only, never on a worker mid-task."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop.ui.garbage import GuiThreadCollector


class Node:
    def __init__(self) -> None:
        self.me = self
        self.collected_on: str | None = None

    def __del__(self) -> None:
        collected_on.append(threading.current_thread().name)


collected_on: list[str] = []


@pytest.fixture
def collector(qtbot: QtBot) -> Iterator[GuiThreadCollector]:
    installed = GuiThreadCollector()
    try:
        yield installed
    finally:
        installed.deleteLater()
        gc.enable()


def test_automatic_collection_is_off_and_the_timer_collects(
    collector: GuiThreadCollector, qtbot: QtBot
) -> None:
    assert not gc.isenabled()
    collected_on.clear()
    cycle = Node()
    ref = weakref.ref(cycle)
    del cycle

    kept: list[list[object]] = []

    def churn() -> None:  # a worker allocating heavily must not trigger a collection itself
        kept.extend([object()] for _ in range(gc.get_threshold()[0] * 3))

    worker = threading.Thread(target=churn, name="churn-worker")
    worker.start()
    worker.join()
    assert ref() is not None  # nothing collected on the worker
    qtbot.waitUntil(lambda: ref() is None, timeout=5000)
    kept.clear()
    assert collected_on == [threading.main_thread().name]
