"""The workspace bar gives the workspace's name the room the row has, up to a limit."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox
from pytestqt.qtbot import QtBot

from desktop.core.views import WorkspaceView
from desktop.ui.integrations.workspace_bar import WorkspaceBar
from desktop.ui.palette import stylesheet_for


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


def test_a_short_name_shows_in_full_beside_wider_buttons(qtbot: QtBot) -> None:
    """German's buttons are wider: the name still gets the room it needs before any spare column."""
    bar = WorkspaceBar()
    qtbot.addWidget(bar)
    bar.setStyleSheet(stylesheet_for("light"))  # the app's padding, as the window draws the bar
    bar.new_button.setText("Neuer Arbeitsbereich…")
    bar.rename_button.setText("Umbenennen…")
    bar.set_workspaces([WorkspaceView(id=1, name="My workspace")], 1)
    bar.resize(720, bar.sizeHint().height())  # the page's width in a 1000 px window
    bar.show()
    qtbot.waitExposed(bar)
    # Qt's own answer to how wide a box must be to show the name: one that sizes to its contents.
    fitted = QComboBox(bar)
    fitted.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    fitted.addItem("My workspace")
    needed = fitted.sizeHint().width()
    fitted.hide()
    qtbot.waitUntil(lambda: bar.combo.width() >= needed, timeout=2_000)
    assert bar.store_label.geometry().right() <= bar.width()


def test_a_long_name_takes_at_most_its_limit_and_leaves_the_buttons_in_view(qtbot: QtBot) -> None:
    bar = _bar(qtbot, 1400, "Acme Holdings International — Northern Europe client accounts 2027")
    qtbot.waitUntil(lambda: bar.combo.width() == bar.combo.maximumWidth(), timeout=2_000)
    assert bar.rename_button.geometry().right() < bar.width()


def test_a_narrow_bar_puts_its_buttons_on_a_second_row_and_back(qtbot: QtBot) -> None:
    bar = _bar(qtbot, 1000, "My workspace")
    assert bar.rename_button.y() == bar.new_button.y()
    qtbot.waitUntil(
        lambda: abs(bar.new_button.geometry().center().y() - bar.combo.geometry().center().y()) < 4
    )
    one_row_height = bar.height()
    assert bar.minimumSizeHint().width() < bar.sizeHint().width(), (
        "the page may make it narrower than one row"
    )
    for _ in range(2):  # and again: the second row can be taken apart and rebuilt
        bar.resize(bar.minimumSizeHint().width(), 200)
        qtbot.waitUntil(
            lambda: bar.new_button.geometry().top() > bar.combo.geometry().bottom(), timeout=2_000
        )
        for widget in (bar.combo, bar.new_button, bar.rename_button, bar.store_label):
            assert widget.geometry().right() <= bar.width(), widget.objectName()
        assert bar.minimumSizeHint().height() > one_row_height
        bar.resize(1000, 200)
        qtbot.waitUntil(
            lambda: bar.new_button.geometry().top() < bar.combo.geometry().bottom(), timeout=2_000
        )
