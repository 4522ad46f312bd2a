"""The workspace bar gives the workspace's name the room the row has, up to a limit."""

from __future__ import annotations

from PySide6.QtWidgets import QStyle, QStyleOptionComboBox
from pytestqt.qtbot import QtBot

from desktop.core.views import WorkspaceView
from desktop.ui.integrations.workspace_bar import WorkspaceBar


def _text_room(bar: WorkspaceBar) -> int:
    """The width the combo box has for its text, as its style draws it."""
    option = QStyleOptionComboBox()
    bar.combo.initStyleOption(option)
    field = bar.combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, bar.combo
    )
    return field.width()


def _bar(qtbot: QtBot, width: int, name: str) -> WorkspaceBar:
    bar = WorkspaceBar()
    qtbot.addWidget(bar)
    bar.set_workspaces([WorkspaceView(id=1, name=name)], 1)
    bar.resize(width, bar.sizeHint().height())
    bar.show()
    qtbot.waitExposed(bar)
    return bar


def test_a_short_name_shows_in_full_when_the_row_has_room(qtbot: QtBot) -> None:
    bar = _bar(qtbot, 1000, "My workspace")
    needed = bar.combo.fontMetrics().horizontalAdvance("My workspace")
    qtbot.waitUntil(lambda: _text_room(bar) >= needed, timeout=2_000)


def test_a_long_name_takes_at_most_its_limit_and_leaves_the_buttons_in_view(qtbot: QtBot) -> None:
    bar = _bar(qtbot, 1400, "Acme Holdings International — Northern Europe client accounts 2027")
    qtbot.waitUntil(lambda: bar.combo.width() == bar.combo.maximumWidth(), timeout=2_000)
    assert bar.rename_button.geometry().right() < bar.width()
