from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.errors import CATALOGUE, SEED_CODES
from desktop.ui.integrations.troubleshooting import TroubleshootingTable, troubleshooting_entries


def test_every_user_facing_code_has_a_row_with_the_seed_rows_first(qtbot: QtBot) -> None:
    table = TroubleshootingTable()
    qtbot.addWidget(table)
    codes = table.codes()
    assert codes[: len(SEED_CODES)] == list(SEED_CODES)
    assert sorted(codes) == sorted(code for code, info in CATALOGUE.items() if info.user_facing)
    assert [table.horizontalHeaderItem(i).text() for i in range(2)] == ["Message and code", "What it means"]


def test_the_seed_rows_carry_the_help_articles_wording(qtbot: QtBot) -> None:
    table = TroubleshootingTable()
    qtbot.addWidget(table)
    row = table.row_of("scope_rejected")
    assert (
        table.item(row, 0).text()
        == "“Facebook didn't grant the permissions we need to publish.”\nscope_\u200brejected"
    )
    assert table.item(row, 1).text() == (
        "You unticked one or more permissions on the Instagram dialog. Retry and leave all boxes checked."
    )


@pytest.mark.parametrize("code", ["network_error", "internal_error"])
def test_collapsed_it_shows_the_selected_row_in_full_and_expanded_every_row(
    host: Callable[[TroubleshootingTable], TroubleshootingTable], code: str
) -> None:
    table = host(TroubleshootingTable())
    table.set_expanded(False)
    table.select_code(code)
    assert table.selected_code() == code
    assert table.visible_codes() == [code]
    _assert_rows_in_full(table)
    table.set_expanded(True)
    assert table.visible_codes() == table.codes()
    _assert_rows_in_full(table)


def _assert_rows_in_full(table: TroubleshootingTable) -> None:
    """Every visible row inside the table's own height, each tall enough for its wrapped text."""
    table.refit()
    viewport = table.viewport().rect()
    for row, code in enumerate(table.codes()):
        if table.isRowHidden(row):
            continue
        for column in range(table.columnCount()):
            rect = table.visualRect(table.model().index(row, column))
            assert viewport.contains(rect), (code, column, rect, viewport)
            needed = table.sizeHintForIndex(table.model().index(row, column)).height()
            assert rect.height() >= needed, (code, column)


@pytest.mark.parametrize("width", [420, 700, 1200])
def test_the_table_grows_with_its_rows_at_any_width(
    host: Callable[[TroubleshootingTable], TroubleshootingTable], qtbot: QtBot, width: int
) -> None:
    table = host(TroubleshootingTable())
    window = table.window()
    window.resize(width, 700)
    qtbot.wait(10)
    table.set_expanded(True)
    _assert_rows_in_full(table)
    # The explanation column keeps most of the width; the code never takes a column of its own.
    assert table.columnWidth(1) >= table.columnWidth(0)


def test_the_table_is_passed_by_tab(qtbot: QtBot) -> None:
    table = TroubleshootingTable()
    qtbot.addWidget(table)
    assert table.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert not table.tabKeyNavigation()


def test_an_unknown_code_clears_the_selection(qtbot: QtBot) -> None:
    table = TroubleshootingTable()
    qtbot.addWidget(table)
    table.select_code("network_error")
    table.select_code("not_a_code")
    assert table.selected_code() is None


def test_entries_are_the_catalogue_in_order() -> None:
    entries = troubleshooting_entries()
    assert [e.code for e in entries][:4] == list(SEED_CODES)
    assert len({e.code for e in entries}) == len(entries)
