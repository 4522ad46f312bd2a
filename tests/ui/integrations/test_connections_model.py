"""The connections model: ids and summaries first, rows read on demand, one signal per change."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.views import STATUS_NEEDS_RECONNECT
from desktop.ui.integrations.connections_model import FRAME_MS, PAGE, ConnectionsModel, Role
from desktop.ui.integrations.connections_order import SortKey
from desktop.ui.integrations.pictures import PictureCache
from desktop.ui.tasks import TaskRunner
from tests.ui.integrations.rows import NOW, WORKSPACE, Store, view


@pytest.fixture
def pictures(qtbot: QtBot, tmp_path: Path) -> PictureCache:
    return PictureCache(TaskRunner(), tmp_path / "pictures")


def _model(pictures: PictureCache, store: Store, pending: tuple[str, ...] = ()) -> ConnectionsModel:
    model = ConnectionsModel(pictures, parent=pictures)  # Qt owns it, as the card does in the app

    def fetch(workspace_id: int, ids: list[str]) -> None:
        store.requests.append(ids)
        model.add_views(workspace_id, {i: store.views[i] for i in ids if i in store.views})

    model.set_fetcher(fetch)
    model.set_now(NOW)
    model.set_listing(WORKSPACE, store.summaries(), pending)
    return model


def _changes(model: ConnectionsModel) -> list[tuple[int, int]]:
    seen: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda top, bottom, _roles=(): seen.append((top.row(), bottom.row())))
    return seen


def test_listing_reads_no_row_until_one_is_asked_for_then_a_page(
    qtbot: QtBot, pictures: PictureCache
) -> None:
    store = Store([view(i) for i in range(1000)])
    model = _model(pictures, store)
    assert model.rowCount() == 1000 and store.requests == []
    # The summary alone answers what sorting, filtering and a screen reader's first pass need.
    assert model.data(model.index(5)) == "@account_00005"
    assert model.data(model.index(5), Role.VIEW) is None
    qtbot.waitUntil(lambda: bool(store.requests), timeout=2000)
    assert len(store.requests) == 1 and len(store.requests[0]) == PAGE
    assert model.data(model.index(5), Role.VIEW) == store.views[str(17841400008460005)]
    assert model.data(model.index(PAGE + 1), Role.VIEW) is None  # the next page waits until asked


def test_rows_sort_by_username_status_and_expiry(qtbot: QtBot, pictures: PictureCache) -> None:
    store = Store(
        [
            view(1, "zeta", days=5),
            view(2, "alpha", days=50),
            view(3, "mid", status=STATUS_NEEDS_RECONNECT, days=30),
        ]
    )
    model = _model(pictures, store, pending=("gone_account",))
    assert model.usernames() == ["alpha", "mid", "zeta", "gone_account"]
    model.set_sort(SortKey.STATUS)
    assert model.usernames() == ["mid", "alpha", "zeta", "gone_account"]
    model.set_sort(SortKey.EXPIRY)
    assert model.usernames() == ["zeta", "mid", "alpha", "gone_account"]
    assert model.data(model.index(3), Role.PENDING) is True


def test_the_filter_matches_username_or_type_in_any_case(qtbot: QtBot, pictures: PictureCache) -> None:
    store = Store(
        [view(1, "acme_shop"), view(2, "studio.creator", account_type="MEDIA_CREATOR"), view(3, "acme_blog")]
    )
    model = _model(pictures, store)
    model.set_filter("ACME")
    assert model.usernames() == ["acme_blog", "acme_shop"]
    assert model.total == 3
    model.set_filter("creator")  # the type as shown ("Creator"), not only as stored
    assert model.usernames() == ["studio.creator"]
    model.set_filter("media_creator")
    assert model.usernames() == ["studio.creator"]
    model.set_filter("nobody")
    assert model.rowCount() == 0
    model.set_filter("")
    assert model.rowCount() == 3


def test_a_changed_row_gets_exactly_one_data_changed_and_no_other_row_does(
    qtbot: QtBot, pictures: PictureCache
) -> None:
    store = Store([view(i) for i in range(300)])
    model = _model(pictures, store)
    for row in (0, PAGE, 2 * PAGE):  # three pages shown, hence cached (read in one request)
        model.data(model.index(row), Role.VIEW)
    qtbot.waitUntil(lambda: len(store.requests) == 1, timeout=2000)
    assert len(store.requests[0]) == 3 * PAGE
    qtbot.wait(3 * FRAME_MS)  # the pages read are drawn
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    changed = _changes(model)
    target = str(17841400008460000 + 70)
    store.change(target, status=STATUS_NEEDS_RECONNECT)
    model.set_listing(WORKSPACE, store.summaries())
    qtbot.waitUntil(lambda: bool(changed), timeout=2000)
    qtbot.wait(3 * FRAME_MS)  # nothing more follows: marked stale and read again, redrawn once
    assert changed == [(70, 70)] and resets == []
    assert len(store.requests) == 2 and store.requests[-1] == [target]  # only that row is read again
    assert model.data(model.index(70), Role.VIEW).status == STATUS_NEEDS_RECONNECT


def test_an_unchanged_reload_signals_nothing(qtbot: QtBot, pictures: PictureCache) -> None:
    store = Store([view(i) for i in range(10)])
    model = _model(pictures, store)
    model.data(model.index(0), Role.VIEW)
    qtbot.waitUntil(lambda: bool(store.requests), timeout=2000)
    changed = _changes(model)
    model.set_listing(WORKSPACE, store.summaries())
    assert changed == [] and len(store.requests) == 1


def test_a_new_account_is_inserted_and_a_removed_one_removed_row_by_row(
    qtbot: QtBot, pictures: PictureCache
) -> None:
    store = Store([view(1, "bravo"), view(2, "delta")])
    model = _model(pictures, store)
    inserted: list[int] = []
    removed: list[int] = []
    model.rowsInserted.connect(lambda _p, first, _last: inserted.append(first))
    model.rowsRemoved.connect(lambda _p, first, _last: removed.append(first))
    store.views[view(3).ig_user_id] = view(3, "charlie")
    store.versions[view(3).ig_user_id] = 0
    model.set_listing(WORKSPACE, store.summaries())
    assert model.usernames() == ["bravo", "charlie", "delta"] and inserted == [1]
    model.remove(view(1).ig_user_id)
    assert model.usernames() == ["charlie", "delta"] and removed == [0]


def test_rows_changed_in_bulk_are_redrawn_together_once_per_frame(
    qtbot: QtBot, pictures: PictureCache
) -> None:
    store = Store([view(i) for i in range(200)])
    model = _model(pictures, store)
    model.data(model.index(0), Role.VIEW)
    qtbot.waitUntil(lambda: model.view_for(str(17841400008460000)) is not None, timeout=2000)
    qtbot.wait(3 * FRAME_MS)  # the page read is drawn
    changed = _changes(model)
    refreshed = [str(17841400008460000 + i) for i in (5, 9, 40)]  # a sweep refreshed three rows
    for key in refreshed:
        store.change(key, status=STATUS_NEEDS_RECONNECT)
    model.set_listing(WORKSPACE, store.summaries())
    assert changed == []  # not a signal per row as each arrives
    qtbot.waitUntil(lambda: bool(changed), timeout=2000)
    qtbot.wait(3 * FRAME_MS)
    assert changed == [(5, 40)]
    assert all(model.data(model.index(r), Role.VIEW).status == STATUS_NEEDS_RECONNECT for r in (5, 9, 40))


def test_busy_and_highlight_touch_only_their_row(qtbot: QtBot, pictures: PictureCache) -> None:
    store = Store([view(i) for i in range(5)])
    model = _model(pictures, store)
    changed = _changes(model)
    key = model.key_at(3)
    assert key is not None
    model.set_busy(key, "Disconnecting…")
    model.set_highlighted({key})
    assert changed == [(3, 3), (3, 3)]
    assert model.data(model.index(3), Role.BUSY) == "Disconnecting…"
    assert model.data(model.index(3), Role.HIGHLIGHTED) is True
    assert model.data(model.index(2), Role.HIGHLIGHTED) is False


def test_screen_reader_text_names_the_row_and_its_actions(qtbot: QtBot, pictures: PictureCache) -> None:
    store = Store([view(1, "acme_business"), view(2, "old_shop", status=STATUS_NEEDS_RECONNECT)])
    model = _model(pictures, store, pending=("gone_account",))
    for row in range(3):
        model.data(model.index(row), Role.VIEW)
    qtbot.waitUntil(lambda: model.view_for(view(2).ig_user_id) is not None, timeout=2000)
    name = model.data(model.index(0), Qt.ItemDataRole.AccessibleTextRole)
    assert name.startswith("@acme_business, Business, Active") and "Token expires in 59 days" in name
    assert "Disconnect (Delete)" in model.data(model.index(0), Qt.ItemDataRole.AccessibleDescriptionRole)
    described = model.data(model.index(1), Qt.ItemDataRole.AccessibleDescriptionRole)
    assert "Reconnect (Enter)" in described and "Reconnect to sign in again" in described
    pending = model.data(model.index(2), Qt.ItemDataRole.AccessibleDescriptionRole)
    assert "manage_access" in pending and "Actions" not in pending


def test_a_facebook_revocation_row_points_to_facebook_and_follows_a_change_of_way(
    qtbot: QtBot, pictures: PictureCache
) -> None:
    store = Store([view(1, "acme_business")])
    model = _model(pictures, store, pending=("gone_page",))
    model.set_listing(
        WORKSPACE,
        store.summaries(),
        ("gone_page",),
        revocation_states={"gone_page": "gave_up"},
        revocation_vias={"gone_page": "facebook"},
    )
    described = model.data(model.index(1), Qt.ItemDataRole.AccessibleDescriptionRole)
    assert "facebook.com/settings/?tab=business_tools" in described and "manage_access" not in described
    model.set_listing(
        WORKSPACE, store.summaries(), ("gone_page",), revocation_states={"gone_page": "gave_up"}
    )
    described = model.data(model.index(1), Qt.ItemDataRole.AccessibleDescriptionRole)
    assert "manage_access" in described and "facebook.com" not in described


def test_switching_workspace_resets_and_drops_the_cache(qtbot: QtBot, pictures: PictureCache) -> None:
    store = Store([view(i) for i in range(3)])
    model = _model(pictures, store)
    model.data(model.index(0), Role.VIEW)
    qtbot.waitUntil(lambda: bool(store.requests), timeout=2000)
    model.set_listing(WORKSPACE + 1, [])
    assert model.rowCount() == 0 and model.view_for(view(0).ig_user_id) is None
    model.add_views(WORKSPACE, {view(0).ig_user_id: view(0)})  # a late page of the old workspace
    assert model.view_for(view(0).ig_user_id) is None
