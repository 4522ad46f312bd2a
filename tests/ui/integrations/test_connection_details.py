"""The current row's pane while the row is still being read: it keeps its shape and its colour."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.views import STATUS_ACTIVE, STATUS_NEEDS_RECONNECT
from desktop.ui.integrations.connection_details import ConnectionDetails
from desktop.ui.integrations.connection_text import row_text
from tests.ui.integrations.rows import NOW, view


def test_a_row_still_being_read_keeps_the_panes_lines_and_wears_its_status_colour(qtbot: QtBot) -> None:
    details = ConnectionDetails()
    qtbot.addWidget(details)
    details.show()
    shown = view(1, "acme_business")
    details.show_row(shown, row_text(shown, NOW))
    lines = (details.account_type_label, details.permissions_label, details.details_label)
    assert all(line.isVisibleTo(details) for line in lines)
    height = details.sizeHint().height()

    details.show_row(None, None, username="old_shop", status=STATUS_NEEDS_RECONNECT)
    assert details.username_label.text() == "@old_shop"
    assert all(line.isVisibleTo(details) and not line.text() for line in lines)
    assert details.sizeHint().height() == height  # nothing shrank, to grow again on arrival
    assert details.status_label.property("kind") == "warning"

    arrived = view(2, "old_shop", status=STATUS_NEEDS_RECONNECT, reason="The token expired.")
    details.show_row(arrived, row_text(arrived, NOW))
    assert details.reason_label.isVisibleTo(details) and details.reason_label.text()
    assert details.status_label.property("kind") == "warning"

    details.show_row(None, None, username="acme_business", status=STATUS_ACTIVE)
    assert details.status_label.property("kind") == "good"
