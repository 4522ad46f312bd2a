"""The connections list as a user meets it: search, keys, the details pane, a screen reader's view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.core.views import STATUS_NEEDS_RECONNECT
from desktop.ui.integrations import connection_delegate
from desktop.ui.integrations.connections_model import ConnectionsModel
from desktop.ui.integrations.connections_view import ConnectionsPanel
from desktop.ui.integrations.pictures import PictureCache
from desktop.ui.tasks import TaskRunner
from tests.ui.integrations.rows import NOW, WORKSPACE, Store, view


@pytest.fixture
def panel(
    qtbot: QtBot, tmp_path: Path, host: Callable[[ConnectionsPanel], ConnectionsPanel]
) -> ConnectionsPanel:
    pictures = PictureCache(TaskRunner(), tmp_path / "pictures")
    store = Store(
        [
            view(1, "acme_business", days=59),
            view(2, "old_shop", status=STATUS_NEEDS_RECONNECT, days=1),
            view(3, "studio.creator", account_type="MEDIA_CREATOR"),
        ]
    )
    model = ConnectionsModel(pictures, parent=pictures)
    model.set_fetcher(lambda ws, ids: model.add_views(ws, {i: store.views[i] for i in ids}))
    model.set_now(NOW)
    model.set_listing(WORKSPACE, store.summaries(), ("gone_account",))
    shown = host(ConnectionsPanel(model))
    qtbot.waitUntil(lambda: shown.details.view is not None, timeout=5000)
    return shown


def _label(panel: ConnectionsPanel, name: str) -> str:
    found = panel.details.findChild(QLabel, name)
    assert found is not None, name
    return found.text()


def test_the_current_row_is_shown_in_full_with_its_buttons(panel: ConnectionsPanel) -> None:
    details = panel.details
    assert details.objectName() == "connection_details" and details.username == "acme_business"
    assert _label(panel, "username_label") == "@acme_business"
    assert _label(panel, "account_type_label") == "Business"
    assert _label(panel, "status_label") == "Active"
    assert _label(panel, "permissions_label") == "Permissions: See your profile and media · Publish posts"
    assert "Token expires in 59 days" in _label(panel, "details_label")
    assert details.disconnect_button.isVisibleTo(details)
    assert not details.reconnect_button.isVisibleTo(details)
    assert details.disconnect_button.accessibleName() == "Disconnect @acme_business"
    assert panel.count_label.text() == "4 accounts"


def test_arrow_keys_move_the_row_and_enter_reconnects_one_that_needs_it(
    qtbot: QtBot, panel: ConnectionsPanel
) -> None:
    panel.list_view.setFocus()
    qtbot.keyClick(panel.list_view, Qt.Key.Key_Down)
    qtbot.waitUntil(
        lambda: panel.details.username == "old_shop" and panel.details.view is not None, timeout=2000
    )
    assert _label(panel, "status_label") == "Needs reconnect"
    assert "Token expires in 1 day" in _label(panel, "details_label")
    assert panel.details.reconnect_button.isVisibleTo(panel.details)
    with qtbot.waitSignal(panel.reconnect_requested, timeout=1000) as asked:
        qtbot.keyClick(panel.list_view, Qt.Key.Key_Return)
    assert asked.args[0].username == "old_shop"


def test_delete_asks_to_disconnect_the_current_row(qtbot: QtBot, panel: ConnectionsPanel) -> None:
    panel.list_view.setFocus()
    with qtbot.waitSignal(panel.disconnect_requested, timeout=1000) as asked:
        qtbot.keyClick(panel.list_view, Qt.Key.Key_Delete)
    assert asked.args[0].username == "acme_business"
    with qtbot.waitSignal(panel.disconnect_requested, timeout=1000):
        panel.details.disconnect_button.click()


def test_a_pending_revocation_row_explains_and_offers_no_disconnect(
    qtbot: QtBot, panel: ConnectionsPanel
) -> None:
    panel.list_view.setFocus()
    qtbot.keyClick(panel.list_view, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: panel.details.username == "gone_account", timeout=2000)
    assert _label(panel, "status_label") == "Revocation pending"
    assert "manage_access" in _label(panel, "status_reason_label")
    assert not panel.details.disconnect_button.isVisibleTo(panel.details)
    with qtbot.assertNotEmitted(panel.disconnect_requested):
        qtbot.keyClick(panel.list_view, Qt.Key.Key_Delete)


def test_typing_in_the_search_box_filters_as_you_type(qtbot: QtBot, panel: ConnectionsPanel) -> None:
    qtbot.keyClicks(panel.search_field, "creat")
    assert panel.model.usernames() == ["studio.creator"]
    assert panel.count_label.text() == "1 of 4 accounts"
    qtbot.waitUntil(lambda: panel.details.username == "studio.creator", timeout=2000)
    qtbot.keyClicks(panel.search_field, "zzz")
    assert panel.no_match_label.isVisibleTo(panel) and not panel.list_view.isVisibleTo(panel)
    panel.search_field.clear()
    assert panel.model.rowCount() == 4


def test_sorting_by_status_puts_accounts_that_need_the_user_first(panel: ConnectionsPanel) -> None:
    panel.sort_combo.setCurrentIndex(panel.sort_combo.findText("By status"))
    assert panel.model.usernames()[0] == "old_shop"
    assert panel.details.username == "acme_business"  # the current row stays current


def test_the_accessibility_tree_has_every_row_with_its_text_and_actions(panel: ConnectionsPanel) -> None:
    model = panel.model
    for row in range(model.rowCount()):  # every row read, as a screen reader walking the list would
        model.data(model.index(row), Qt.ItemDataRole.AccessibleDescriptionRole)
    list_view = QAccessible.queryAccessibleInterface(panel.list_view)
    assert list_view is not None and list_view.text(QAccessible.Text.Name) == "Connected Instagram accounts"
    names, descriptions = [], []
    for child in range(list_view.childCount()):
        item = list_view.child(child)
        if item is None or item.role() != QAccessible.Role.ListItem:
            continue
        names.append(item.text(QAccessible.Text.Name))
        descriptions.append(item.text(QAccessible.Text.Description))
    assert len(names) == 4
    assert names[0].startswith("@acme_business, Business, Active")
    assert names[1].startswith("@old_shop, Business, Needs reconnect")
    assert names[3].startswith("@gone_account")
    assert "Disconnect (Delete)" in descriptions[0]
    assert "Reconnect (Enter)" in descriptions[1]
    buttons = QAccessible.queryAccessibleInterface(panel.details.disconnect_button)
    assert buttons is not None and buttons.text(QAccessible.Text.Name) == "Disconnect @acme_business"
    assert buttons.role() == QAccessible.Role.PushButton


def test_rows_paint_their_words(panel: ConnectionsPanel) -> None:
    image = panel.list_view.viewport().grab().toImage()
    height = panel.list_view.sizeHintForRow(0)
    background = image.pixel(image.width() - 2, height // 2)
    for row in range(3):
        inked = sum(
            image.pixel(x, y) != background
            for y in range(row * height + 4, (row + 1) * height - 4, 2)
            for x in range(70, min(400, image.width()), 2)
        )
        assert inked > 100, f"row {row} painted almost nothing ({inked} pixels)"


def test_switching_workspace_keeps_the_controls_but_not_the_old_rows_details(
    qtbot: QtBot, panel: ConnectionsPanel
) -> None:
    panel.model.clear()  # the card switches workspace: the new listing is on its way
    assert panel.details.view is None and not panel.details.isVisibleTo(panel)
    assert panel.search_field.isVisibleTo(panel) and panel.list_view.isVisibleTo(panel)
    # The next workspace has a single account: no search or sort for one row, and its details.
    only = Store([view(7, "northwind_shop")])
    panel.model.set_fetcher(lambda ws, ids: panel.model.add_views(ws, {i: only.views[i] for i in ids}))
    panel.model.set_listing(WORKSPACE + 1, only.summaries())
    assert not panel.search_field.isVisibleTo(panel) and not panel.sort_combo.isVisibleTo(panel)
    assert panel.count_label.text() == "1 account"
    qtbot.waitUntil(lambda: panel.details.username == "northwind_shop", timeout=5000)
    assert panel.details.isVisibleTo(panel)


def _row_image(panel: ConnectionsPanel, row: int) -> QImage:
    height = panel.list_view.sizeHintForRow(0)
    image = panel.list_view.viewport().grab().toImage()
    return image.copy(0, row * height, image.width(), height)


def test_a_row_repainted_shows_its_current_words_not_a_kept_drawing(panel: ConnectionsPanel) -> None:
    """Rows are drawn once and copied on repaint; a change to what a row shows draws it anew."""
    key = panel.model.key_at(0)
    assert key is not None
    first, second = _row_image(panel, 0), _row_image(panel, 1)
    assert _row_image(panel, 0) == first  # unchanged: the same drawing
    panel.model.set_busy(key, "Disconnecting…")
    busy = _row_image(panel, 0)
    assert busy != first, "the busy text did not reach the painted row"
    assert _row_image(panel, 1) == second  # the other rows keep theirs
    panel.model.set_busy(key, "")
    assert _row_image(panel, 0) == first


def test_kept_row_drawings_stay_within_their_memory_budget(
    panel: ConnectionsPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scrolling through thousands of rows must not keep a drawing of each: older ones are let go."""
    delegate = panel.list_view.itemDelegate()
    assert isinstance(delegate, connection_delegate.ConnectionDelegate)
    one_row = _row_image(panel, 0).sizeInBytes()
    monkeypatch.setattr(connection_delegate, "ROW_CACHE_BYTES", one_row * 2)
    for key in (panel.model.key_at(row) for row in range(3)):
        assert key is not None
        panel.model.set_busy(key, "Refreshing…")  # a new drawing for each row
        _row_image(panel, 0)
    kept = list(delegate._rows.values())
    assert 1 <= len(kept) <= 2
    assert sum(p.width() * p.height() * 4 for p in kept) <= one_row * 2
