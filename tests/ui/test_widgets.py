"""Shared building blocks: a label's text becomes selectable once the pointer reaches it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.widgets import label

SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse


def test_a_label_is_selectable_by_mouse_from_the_moment_the_pointer_enters_it(qtbot: QtBot) -> None:
    widget = label("Redirect URI: http://127.0.0.1:8765/callback")
    qtbot.addWidget(widget)
    widget.show()
    assert not widget.textInteractionFlags() & SELECTABLE  # no text document until needed
    inside = QPointF(4, 4)
    QApplication.sendEvent(widget, QEnterEvent(inside, inside, widget.mapToGlobal(inside)))
    assert widget.textInteractionFlags() & SELECTABLE
    widget.setSelection(0, 8)
    assert widget.selectedText() == "Redirect"
