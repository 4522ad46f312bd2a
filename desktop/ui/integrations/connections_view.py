"""The connections list: a search box, a sort choice, the painted rows and the current row's details.

Keyboard: Up/Down (and Page, Home, End) move the current row; Enter reconnects a row that needs it
or moves to its buttons; Delete asks to disconnect; the context-menu key opens the same actions.
Screen readers get each row's name and description from the model (the actions are named there),
and the details pane below the list holds the current row's real buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.views import ConnectionView
from desktop.ui.integrations import connection_text as words
from desktop.ui.integrations.connection_delegate import ConnectionDelegate
from desktop.ui.integrations.connection_details import ConnectionDetails
from desktop.ui.integrations.connections_model import ConnectionsModel, Role
from desktop.ui.integrations.connections_order import SortKey
from desktop.ui.widgets import SPACING, label, named

#: Rows visible before the list scrolls inside the page.
VISIBLE_ROWS = 6
#: Rows laid out per event-loop turn.
LAYOUT_BATCH = 256


class ConnectionsListView(QListView):
    """The painted rows; keys and the context menu turn into requests for the current row."""

    activated_for_reconnect = Signal()
    disconnect_key_pressed = Signal()
    menu_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connections_view")
        self.setUniformItemSizes(True)
        # Laid out a few hundred rows per event-loop turn: 10,000 rows never block a frame at once.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(LAYOUT_BATCH)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(ConnectionDelegate(self))
        self.setAccessibleName(self.tr("Connected Instagram accounts"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_for_reconnect.emit()
            return
        if event.key() == Qt.Key.Key_Delete and self.currentIndex().isValid():
            self.disconnect_key_pressed.emit()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = (
            self.indexAt(event.pos())
            if event.reason() == QContextMenuEvent.Reason.Mouse
            else self.currentIndex()
        )
        if index.isValid():
            self.setCurrentIndex(index)
            self.menu_requested.emit(event.globalPos())


class ConnectionsPanel(QWidget):
    """Search, sort, list and details for one workspace's connections; its requests go to the card."""

    disconnect_requested = Signal(object)
    reconnect_requested = Signal(object)

    def __init__(self, model: ConnectionsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connections_panel")
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        tools = QHBoxLayout()
        tools.setSpacing(SPACING)
        self.search_field = named(QLineEdit(), "connections_search")
        self.search_field.setPlaceholderText(self.tr("Search by username or type"))
        self.search_field.setAccessibleName(self.tr("Search connected accounts"))
        self.search_field.setClearButtonEnabled(True)
        for clear in self.search_field.findChildren(QToolButton):
            clear.setAccessibleName(self.tr("Clear search"))
        self.search_field.textChanged.connect(self._on_search_field_text_changed)
        tools.addWidget(self.search_field, 1)
        self.sort_combo = named(QComboBox(), "connections_sort")
        self.sort_combo.setAccessibleName(self.tr("Sort accounts by"))
        self.sort_combo.view().setAccessibleName(self.tr("Sort orders"))
        self.sort_combo.addItem(self.tr("By username"), SortKey.USERNAME)
        self.sort_combo.addItem(self.tr("By status"), SortKey.STATUS)
        self.sort_combo.addItem(self.tr("By expiry"), SortKey.EXPIRY)
        self.sort_combo.currentIndexChanged.connect(self._on_sort_combo_current_index_changed)
        tools.addWidget(self.sort_combo)
        layout.addLayout(tools)
        self.count_label = label("", role="muted", object_name="connections_count_label", wrap=False)
        layout.addWidget(self.count_label)
        self.list_view = ConnectionsListView(self)
        self.list_view.setModel(model)
        layout.addWidget(self.list_view)
        self.no_match_label = label(
            self.tr("No account matches your search."), role="muted", object_name="no_match_label"
        )
        layout.addWidget(self.no_match_label)
        self.details = ConnectionDetails(self)
        self.details.disconnect_requested.connect(self.disconnect_requested)
        self.details.reconnect_requested.connect(self.reconnect_requested)
        layout.addWidget(self.details)

        selection = self.list_view.selectionModel()
        selection.currentChanged.connect(self._on_selection_current_changed)
        self.list_view.activated_for_reconnect.connect(self._on_list_view_activated_for_reconnect)
        self.list_view.disconnect_key_pressed.connect(self._on_list_view_disconnect_key_pressed)
        self.list_view.menu_requested.connect(self._on_list_view_menu_requested)
        model.dataChanged.connect(self._on_model_data_changed)
        model.modelReset.connect(self._on_model_rows_changed)
        model.rowsInserted.connect(self._on_model_rows_changed)
        model.rowsRemoved.connect(self._on_model_rows_changed)
        self._menu: QMenu | None = None
        self._row_height = 0
        #: Whether a workspace's rows have been shown (a cleared model then waits for the next).
        self._listed = False
        self.refresh_controls()

    # --- what the card calls ---------------------------------------------------------------------

    def current_key(self) -> str | None:
        index = self.list_view.currentIndex()
        return str(self.model.data(index, Role.KEY)) if index.isValid() else None

    def select_key(self, key: str) -> bool:
        """Make ``key``'s row current and scroll to it; False when it is not shown."""
        row = self.model.row_of(key)
        if row is None:
            return False
        index = self.model.index(row)
        self.list_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list_view.scrollTo(index)
        return True

    def focus_chain(self) -> list[QWidget]:
        return [
            self.search_field,
            self.sort_combo,
            self.list_view,
            self.details.reconnect_button,
            self.details.disconnect_button,
        ]

    # --- slots ------------------------------------------------------------------------------------

    @Slot(str)
    def _on_search_field_text_changed(self, text: str) -> None:
        key = self.current_key()
        self.model.set_filter(text)
        if key is not None:
            self.select_key(key)
        self._on_model_rows_changed()

    @Slot(int)
    def _on_sort_combo_current_index_changed(self, _index: int) -> None:
        key = self.current_key()
        self.model.set_sort(SortKey(self.sort_combo.currentData()))
        if key is not None:
            self.select_key(key)

    @Slot(QModelIndex, QModelIndex)
    def _on_selection_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_current()

    @Slot(QModelIndex, QModelIndex)
    def _on_model_data_changed(self, top: QModelIndex, bottom: QModelIndex) -> None:
        current = self.list_view.currentIndex()
        if current.isValid() and top.row() <= current.row() <= bottom.row():
            self._show_current()

    @Slot()
    def _on_model_rows_changed(self) -> None:
        if self.model.workspace_id is None and self._listed:
            # Switching workspace: the old rows are gone and the new ones on their way. The search,
            # the list's frame and the details keep their place meanwhile instead of hiding and
            # showing again a moment later (each a relayout of the page under the stylesheet).
            # The details go: their buttons would act on an account of the workspace left.
            self.details.show_row(None, None)
            return
        self.refresh_controls()

    def refresh_controls(self) -> None:
        """Show the count, search, sort, list and details as the rows now listed call for."""
        self._listed = self.model.workspace_id is not None
        count, total = self.model.rowCount(), self.model.total
        if count == total:
            text = (
                self.tr("{count} accounts").format(count=f"{count:,}") if count != 1 else self.tr("1 account")
            )
        else:
            text = self.tr("{count} of {total} accounts").format(count=f"{count:,}", total=f"{total:,}")
        if self.count_label.text() != text:
            self.count_label.setText(text)
        for widget, shown in (
            (self.count_label, total > 0),
            (self.search_field, total > 1),
            (self.sort_combo, total > 1),
            (self.list_view, count > 0),
            (self.no_match_label, total > 0 and count == 0),
        ):
            if widget.isVisibleTo(self) != shown or widget.isHidden() == shown:
                widget.setVisible(shown)
        if count and not self._row_height:
            self._row_height = self.list_view.sizeHintForRow(0)
        height = min(count, VISIBLE_ROWS) * self._row_height + 2 * self.list_view.frameWidth()
        if self.list_view.height() != height:
            self.list_view.setFixedHeight(height)
        if count and not self.list_view.currentIndex().isValid():
            self.list_view.selectionModel().setCurrentIndex(
                self.model.index(0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        self._show_current()

    @Slot()
    def _on_list_view_activated_for_reconnect(self) -> None:
        view = self.details.view
        if (
            view is not None
            and words.can_reconnect(view.status)
            and self.details.reconnect_button.isEnabled()
        ):
            self.reconnect_requested.emit(view)
        elif self.details.disconnect_button.isVisible():
            self.details.disconnect_button.setFocus(Qt.FocusReason.TabFocusReason)

    @Slot()
    def _on_list_view_disconnect_key_pressed(self) -> None:
        view = self.details.view
        if view is not None and self.details.disconnect_button.isEnabled():
            self.disconnect_requested.emit(view)

    @Slot(object)
    def _on_list_view_menu_requested(self, where: object) -> None:
        view = self.details.view
        if view is None:
            return
        menu = QMenu(self)
        menu.setObjectName("connection_menu")
        if words.can_reconnect(view.status):
            reconnect = QAction(self.tr("Reconnect @{username}").format(username=view.username), menu)
            reconnect.setEnabled(self.details.reconnect_button.isEnabled())
            reconnect.triggered.connect(self.details.reconnect_button.click)
            menu.addAction(reconnect)
        disconnect = QAction(self.tr("Disconnect @{username}…").format(username=view.username), menu)
        disconnect.setEnabled(self.details.disconnect_button.isEnabled())
        disconnect.triggered.connect(self.details.disconnect_button.click)
        menu.addAction(disconnect)
        self._menu = menu
        menu.popup(where)  # type: ignore[arg-type]

    def _show_current(self) -> None:
        index: QModelIndex | QPersistentModelIndex = self.list_view.currentIndex()
        if not index.isValid():
            self.details.show_row(None, None)
            return
        view = self.model.data(index, Role.VIEW)
        text = self.model.data(index, Role.TEXT)
        self.details.show_row(
            view if isinstance(view, ConnectionView) else None,
            text,
            username=str(self.model.data(index, Role.USERNAME)),
            status=str(self.model.data(index, Role.STATUS)),
        )
        busy = str(self.model.data(index, Role.BUSY) or "")
        self.details.set_busy(bool(busy), busy)
        self.details.set_reconnect_allowed(self.model.reconnect_enabled)
