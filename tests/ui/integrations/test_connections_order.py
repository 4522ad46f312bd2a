"""The connections index: the same rows, in the same order, as filtering and sorting from scratch."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.views import STATUS_NEEDS_RECONNECT
from desktop.ui.integrations.connections_order import PENDING_PREFIX, ConnectionsIndex, SortKey, ordered
from tests.ui.integrations.rows import summary, view

TYPES = ("BUSINESS", "MEDIA_CREATOR", "")


def _summaries() -> list:
    rows = []
    for index in range(60):
        rows.append(
            summary(
                view(
                    index,
                    f"{'Shop' if index % 3 else 'studio'}_{59 - index:02d}",
                    account_type=TYPES[index % 3],
                    status=STATUS_NEEDS_RECONNECT if index % 7 == 0 else "active",
                    days=index % 11,
                )
            )
        )
    return rows


def test_every_filter_and_sort_gives_what_ordering_from_scratch_gives(qtbot: QtBot) -> None:
    rows = _summaries()
    index = ConnectionsIndex(rows, pending=["gone_account", rows[0].username])
    # A pending revocation is listed once, and not for an account that is still connected.
    assert PENDING_PREFIX + "gone_account" in index.summaries
    assert PENDING_PREFIX + rows[0].username not in index.summaries
    # Typing on narrows, deleting widens, and a new word starts over: each must match from scratch.
    typed = [
        "",
        "s",
        "sh",
        "sho",
        "shop_1",
        "shop_",
        "5",
        "creator",
        "CREATOR".casefold(),
        "busi",
        "",
        "zzz",
        "o",
    ]
    for sort in SortKey:
        for wanted in typed:
            assert index.ordered(wanted, sort) == ordered(index.summaries, wanted, sort), (sort, wanted)


def test_a_dropped_row_leaves_every_order_and_the_filter(qtbot: QtBot) -> None:
    rows = _summaries()
    index = ConnectionsIndex(rows)
    index.ordered("shop", SortKey.STATUS)
    gone = rows[4].ig_user_id
    index.drop(gone)
    for sort in SortKey:
        assert gone not in index.ordered("", sort)
        assert index.ordered("shop", sort) == ordered(index.summaries, "shop", sort)
    # What the caller got is its own: changing it changes nothing in the index.
    shown = index.ordered("", SortKey.USERNAME)
    shown.clear()
    assert len(index.ordered("", SortKey.USERNAME)) == len(rows) - 1
