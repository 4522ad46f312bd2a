"""The window's process hands the interpreter lock to the GUI thread within a millisecond."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.environment import Environment
from desktop.core.settings import Paths, Settings
from desktop.ui.app import create_application
from desktop.ui.gil import GUI_SWITCH_INTERVAL, share_gil_with_gui_thread


@pytest.fixture
def switch_interval() -> Iterator[None]:
    before = sys.getswitchinterval()
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def test_creating_the_application_shortens_the_switch_interval(
    switch_interval: None, qtbot: QtBot, tmp_path: Path
) -> None:
    sys.setswitchinterval(0.005)  # Python's default
    env = Environment(paths=Paths.resolve(tmp_path).ensure(), settings=Settings())
    create_application(env)
    assert sys.getswitchinterval() == pytest.approx(GUI_SWITCH_INTERVAL)


def test_a_shorter_interval_already_set_is_kept(switch_interval: None) -> None:
    sys.setswitchinterval(GUI_SWITCH_INTERVAL / 2)
    share_gil_with_gui_thread()
    assert sys.getswitchinterval() == pytest.approx(GUI_SWITCH_INTERVAL / 2)
