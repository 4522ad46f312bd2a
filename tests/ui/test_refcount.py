"""The singletons' reference counts stay above the floor whatever PySide6 loses."""

from __future__ import annotations

import sys
import tracemalloc

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from desktop.ui.refcount import FLOOR, INTERVAL_MS, top_up


class _Source(QObject):
    ticked = Signal(int)


def test_many_emits_leave_true_above_the_floor_once_topped_up(qtbot: QtBot) -> None:
    top_up()
    source = _Source()
    seen: list[int] = []
    source.ticked.connect(seen.append)
    for number in range(20_000):
        source.ticked.emit(number)
    assert len(seen) == 20_000
    lost = FLOOR - sys.getrefcount(True)  # 20,000 on PySide6 6.12.0, nothing on a fixed release
    assert lost < 25_000
    top_up()
    assert sys.getrefcount(True) >= FLOOR - 10 and sys.getrefcount(None) >= FLOOR - 10


def test_the_floor_is_topped_up_on_a_timer(qtbot: QtBot) -> None:
    top_up()
    source = _Source()
    for number in range(5_000):
        source.ticked.emit(number)
    qtbot.waitUntil(lambda: sys.getrefcount(True) >= FLOOR - 10, timeout=INTERVAL_MS * 3)


def test_a_top_up_raises_the_counts_without_holding_memory(qtbot: QtBot) -> None:
    top_up()
    source = _Source()
    for number in range(20_000):
        source.ticked.emit(number)
    tracemalloc.start()
    try:
        added = top_up()
        grown, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sys.getrefcount(True) >= FLOOR - 10
    # A list holding the lost references would take 8 bytes for each of them.
    assert grown < max(4096, added)
