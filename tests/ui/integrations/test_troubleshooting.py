from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.errors import CATALOGUE, SEED_CODES
from desktop.ui.integrations.troubleshooting import TroubleshootingTable, troubleshooting_entries


def test_every_user_facing_code_has_a_row_with_the_seed_rows_first(qtbot: QtBot) -> None:
    table = TroubleshootingTable()
    qtbot.addWidget(table)
    codes = table.codes()
    assert codes[: len(SEED_CODES)] == list(SEED_CODES)
    assert sorted(codes) == sorted(code for code, info in CATALOGUE.items() if info.user_facing)
    assert [table.horizontalHeaderItem(i).text() for i in range(3)] == ["Message", "Code", "What it means"]


def test_the_seed_rows_carry_the_help_articles_wording(qtbot: QtBot) -> None:
    table = TroubleshootingTable()
    qtbot.addWidget(table)
    row = table.row_of("scope_rejected")
    assert table.item(row, 0).text() == "“Facebook didn't grant the permissions we need to publish.”"
    assert table.item(row, 1).text() == "scope_rejected"
    assert table.item(row, 2).text() == (
        "You unticked one or more permissions on the Instagram dialog. Retry and leave all boxes checked."
    )


@pytest.mark.parametrize("code", ["network_error", "internal_error"])
def test_selecting_a_code_selects_its_row_and_scrolls_it_into_view(
    host: Callable[[TroubleshootingTable], TroubleshootingTable], code: str
) -> None:
    table = host(TroubleshootingTable())
    table.setFixedHeight(200)
    table.select_code(code)
    assert table.selected_code() == code
    row = table.row_of(code)
    rect = table.visualItemRect(table.item(row, 0))
    assert table.viewport().rect().intersects(rect)


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
