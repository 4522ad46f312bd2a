"""A field's error in a form takes the lines its text needs at the row's width, no more."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.integrations.field_error import FieldError

TEXT = "A team database is a PostgreSQL URL (postgresql://…). Check the database URL. (team_not_found)"


def _form(qtbot: QtBot, width: int) -> tuple[QWidget, FieldError, QLineEdit]:
    host = QWidget()
    qtbot.addWidget(host)
    form = QFormLayout(host)
    error = FieldError("test_error")
    below = QLineEdit()
    form.addRow("Database URL:", QLineEdit())
    form.addRow("", error)
    form.addRow("Password:", below)
    host.resize(width, 400)
    host.show()
    qtbot.waitExposed(host)
    error.show_error(TEXT)
    return host, error, below


def test_a_one_line_error_leaves_no_gap_under_it(qtbot: QtBot) -> None:
    _host, error, below = _form(qtbot, 1400)
    line = error.text_label.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: error.text_label.height() < 2 * line, timeout=2_000)
    gap = below.geometry().top() - error.geometry().bottom()
    assert gap < line, "the next row follows the error, not a blank line or two below it"


def test_a_narrow_form_wraps_the_error_and_shows_all_of_it(qtbot: QtBot) -> None:
    host, error, _below = _form(qtbot, 320)
    line = error.text_label.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: error.text_label.height() >= 2 * line, timeout=2_000)
    needed = error.text_label.heightForWidth(error.text_label.width())
    assert error.text_label.height() >= needed, "no line of the error is cut off"
    host.resize(1400, 400)
    qtbot.waitUntil(lambda: error.text_label.height() < 2 * line, timeout=2_000)
