"""A workspace's connections as a Qt model: ids and summaries up front, full rows on demand.

The model holds one small summary per connection (id, username, type, status, expiry, version), so
sorting, filtering and counting never wait on anything. A row's full view is fetched the first
time the view asks for it, a page at a time on a worker, and cached; until it arrives the row
shows what the summary knows. A reload compares versions: an unchanged row keeps its cache, a
changed one is marked stale and gets exactly one ``dataChanged``; rows that come or go are
inserted or removed, never the whole list rebuilt. Rows that change in bulk (a page of rows read,
a sweep's refreshed tokens, pictures arriving) are redrawn together: one ``dataChanged`` per frame
spanning them, not a signal per row. A row the user acts on (busy, highlighted) redraws at once.
Asking for pages (``row_fetching``), batching redraws (``row_redraws``) and keeping each row's
words (``row_words``) live in modules of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Slot

from desktop.core.views import ConnectionSummary, ConnectionView
from desktop.ui.integrations import connection_text as words
from desktop.ui.integrations.connection_roles import Role
from desktop.ui.integrations.connection_text import RowText
from desktop.ui.integrations.connections_order import PENDING_PREFIX, ConnectionsIndex, SortKey
from desktop.ui.integrations.pictures import PictureCache
from desktop.ui.integrations.row_fetching import RowFetching
from desktop.ui.integrations.row_redraws import FRAME_MS, RowRedraws
from desktop.ui.integrations.row_words import RowWords

#: Rows fetched together when the view first asks for one of them.
PAGE = 64
#: Above this many rows inserted or removed at once, a reset is cheaper than row-by-row signals.
RESET_ABOVE = 200

__all__ = ["FRAME_MS", "PAGE", "RESET_ABOVE", "ConnectionsModel", "Role"]

#: Every row's flags, combined once: or-ing Qt's flag enums builds a new Python enum member each
#: time, and the view asks for a row's flags on every paint and every change of the current row.
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

_PENDING = PENDING_PREFIX
AnyIndex = QModelIndex | QPersistentModelIndex


class ConnectionsModel(QAbstractListModel):
    """One row per connection of the shown workspace (then its pending revocations)."""

    def __init__(self, pictures: PictureCache, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pictures = pictures
        self._workspace_id: int | None = None
        #: Every summary of the workspace, by key (an ig_user_id, or ``pending:username``), with
        #: the search texts and sort orders (``_summaries`` is the index's own dict).
        self._index = ConnectionsIndex(())
        self._summaries: dict[str, ConnectionSummary] = self._index.summaries
        #: The keys shown, filtered and sorted; ``_row_of`` is its inverse.
        self._keys: list[str] = []
        self._row_of: dict[str, int] = {}
        self._views: dict[str, ConnectionView] = {}
        self._words = RowWords()
        self._changed_later: set[str] = set()
        self._busy: dict[str, str] = {}
        self._highlighted: set[str] = set()
        self._reconnect_enabled = True
        self._filter = ""
        self._sort = SortKey.USERNAME
        self._fetching = RowFetching(lambda: self._workspace_id, self)
        self._redraws = RowRedraws(self.row_of, self._redraw, self)
        pictures.loaded.connect(self._on_pictures_loaded)

    # --- feeding the model ---------------------------------------------------------------------

    def set_fetcher(self, fetch: Callable[[int, list[str]], None]) -> None:
        """``fetch(workspace_id, ids)`` starts a worker job that ends in :meth:`add_views`."""
        self._fetching.set_fetcher(fetch)

    @property
    def workspace_id(self) -> int | None:
        return self._workspace_id

    def set_now(self, now: datetime) -> None:
        """The time "expires in" is counted from; a new day redraws every cached row once."""
        if self._words.set_now(now) and self._keys:
            self._redraws.forget()
            self.dataChanged.emit(self.index(0), self.index(len(self._keys) - 1))

    def clear(self) -> None:
        self.beginResetModel()
        self._workspace_id = None
        self._index = ConnectionsIndex(())
        self._summaries, self._views = self._index.summaries, {}
        self._words.forget_all()
        self._keys, self._row_of = [], {}
        self._fetching.forget_all()
        self._busy.clear()
        self._redraws.forget()
        self.endResetModel()

    def set_listing(
        self,
        workspace_id: int,
        summaries: Iterable[ConnectionSummary],
        pending: Iterable[str] = (),
        views: dict[str, ConnectionView] | None = None,
        *,
        revocation_states: dict[str, str] | None = None,
        index: ConnectionsIndex | None = None,
        revocation_vias: dict[str, str] | None = None,
    ) -> None:
        """A fresh listing from the store: apply only what changed. ``views``, read with it, are
        rows the view will want first (a new workspace then paints without waiting for a page).
        ``index``: the same summaries and pending revocations already indexed (on the worker)."""
        if index is None:
            index = ConnectionsIndex(summaries, pending)
        fresh = index.summaries
        self._changed_later |= self._words.set_revocations(
            dict(revocation_states or {}), dict(revocation_vias or {})
        )
        if workspace_id != self._workspace_id:
            self.beginResetModel()
            self._workspace_id = workspace_id
            self._index = index
            self._summaries, self._views = fresh, {}
            self._words.forget_all()
            self._views = {k: v for k, v in (views or {}).items() if k in fresh}
            self._fetching.forget_requests()
            self._busy.clear()
            self._redraws.forget()
            self._keys = self._ordered()
            self._reindex()
            self._changed_later.clear()
            self.endResetModel()
            return
        stale = [k for k, s in fresh.items() if k in self._summaries and self._summaries[k] != s]
        self._index, self._summaries = index, fresh
        refetch: list[str] = []
        for key in stale:
            self._words.forget(key)
            if key in self._views:
                # Shown with its old data until the fresh view arrives: one redraw, on arrival.
                refetch.append(key)
            elif self._fetching.is_requested(key):
                self._fetching.forget(key)
                self._changed_later.add(key)
        self._apply_order(self._ordered())
        for key in self._changed_later:
            self._changed_in_bulk(key)
        self._changed_later.clear()
        self._fetching.refetch(workspace_id, refetch)

    def add_views(self, workspace_id: int, views: dict[str, ConnectionView]) -> None:
        """Fetched rows arrive: cache them and redraw those rows (together, within a frame)."""
        if workspace_id != self._workspace_id:
            return
        for key, view in views.items():
            self._fetching.forget(key)
            summary = self._summaries.get(key)
            if summary is None:
                continue
            self._views[key] = view
            self._words.forget(key)
            self._changed_in_bulk(key)

    def remove(self, key: str) -> None:
        row = self._row_of.get(key)
        self._index.drop(key)
        self._views.pop(key, None)
        self._words.forget(key)
        if row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._keys[row]
            self._reindex()
            self.endRemoveRows()

    # --- what the card marks --------------------------------------------------------------------

    def set_busy(self, key: str, text: str) -> None:
        """Show ``text`` in place of the status while the card works on the row ("" ends it)."""
        if text:
            self._busy[key] = text
        else:
            self._busy.pop(key, None)
        self._changed(key)

    def set_highlighted(self, keys: set[str]) -> None:
        before, self._highlighted = self._highlighted, set(keys)
        for key in before ^ self._highlighted:
            self._changed(key)

    def revocation_states(self) -> dict[str, str]:
        """The pending revocations listed, by username, with their state."""
        return {
            self._summaries[k].username: self._words.revocation_state(self._summaries[k].username)
            for k in self._keys
            if k.startswith(_PENDING)
        }

    def highlighted(self) -> set[str]:
        return set(self._highlighted)

    def set_reconnect_enabled(self, enabled: bool) -> None:
        self._reconnect_enabled = enabled

    @property
    def reconnect_enabled(self) -> bool:
        return self._reconnect_enabled

    # --- filter and sort --------------------------------------------------------------------------

    def set_filter(self, text: str) -> None:
        """Show only rows whose username or type contains ``text`` (any case)."""
        if text.strip().casefold() != self._filter:
            self._filter = text.strip().casefold()
            self._relayout()

    def set_sort(self, key: SortKey) -> None:
        if key != self._sort:
            self._sort = key
            self._relayout()

    @property
    def total(self) -> int:
        """Rows before filtering."""
        return len(self._summaries)

    # --- lookups ----------------------------------------------------------------------------------

    def keys(self) -> list[str]:
        return list(self._keys)

    def row_of(self, key: str) -> int | None:
        return self._row_of.get(key)

    def key_at(self, row: int) -> str | None:
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def row_for_username(self, username: str) -> int | None:
        return next((r for r, k in enumerate(self._keys) if self._summaries[k].username == username), None)

    def usernames(self) -> list[str]:
        return [self._summaries[k].username for k in self._keys]

    def summary(self, key: str) -> ConnectionSummary | None:
        return self._summaries.get(key)

    def view_for(self, key: str) -> ConnectionView | None:
        return self._views.get(key)

    # --- QAbstractListModel -----------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._keys)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._keys):
            return None
        key = self._keys[row]
        summary = self._summaries[key]
        if role in (Qt.ItemDataRole.DisplayRole, Role.USERNAME):
            return f"@{summary.username}" if role == Qt.ItemDataRole.DisplayRole else summary.username
        if role == Role.KEY:
            return key
        if role == Role.STATUS:
            return summary.status
        if role == Role.PENDING:
            return key.startswith(_PENDING)
        if role == Role.BUSY:
            return self._busy.get(key, "")
        if role == Role.HIGHLIGHTED:
            return key in self._highlighted
        if role == Role.VIEW:
            return self._view(key, row)
        if role in (Role.TEXT, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text(key, row)
            if role == Role.TEXT:
                return text
            if text is None:  # not fetched yet: what the summary knows
                parts = (f"@{summary.username}", words.account_type_text(summary.account_type))
                return ", ".join((*filter(None, parts), words.status_text(summary.status)))
            return text.scopes_tooltip if role == Qt.ItemDataRole.ToolTipRole else text.accessible_name()
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self._description(key, row)
        if role == Role.PICTURE:
            view = self._views.get(key)
            return self._pictures.pixmap(view.profile_picture_url) if view is not None else None
        return None

    # --- internals --------------------------------------------------------------------------------

    def _view(self, key: str, row: int) -> ConnectionView | None:
        view = self._views.get(key)
        if view is None and not key.startswith(_PENDING):
            self._want(row)
        return view

    def _text(self, key: str, row: int) -> RowText | None:
        return self._words.text(key, self._summaries[key].username, lambda: self._view(key, row))

    def _description(self, key: str, row: int) -> str:
        """The row's details and what can be done with it, for screen readers."""
        text = self._text(key, row)
        parts = [text.permissions, text.reason] if text is not None else []
        status = self._summaries[key].status
        if key.startswith(_PENDING):
            actions = ""
        elif words.can_reconnect(status):
            actions = self.tr("Actions: Reconnect (Enter), Disconnect (Delete).")
        else:
            actions = self.tr("Actions: Disconnect (Delete).")
        return " ".join(part for part in (*parts, actions) if part)

    def _want(self, row: int) -> None:
        """Ask for the page around ``row`` (see :class:`RowFetching`)."""
        start = (row // PAGE) * PAGE
        page = self._keys[start : start + PAGE]
        self._fetching.want(k for k in page if k not in self._views and not k.startswith(_PENDING))

    def fetch_failed(self, ig_user_ids: Iterable[str]) -> None:
        """A page could not be read: asking again later may succeed."""
        self._fetching.failed(ig_user_ids)

    @Slot(str)
    def _on_pictures_loaded(self, url: str) -> None:
        for key, view in self._views.items():
            if view.profile_picture_url == url:
                self._changed_in_bulk(key)

    def _redraw(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first), self.index(last))

    def _changed(self, key: str) -> None:
        self._redraws.now(key)

    def _changed_in_bulk(self, key: str) -> None:
        self._redraws.in_bulk(key)

    def _ordered(self) -> list[str]:
        return self._index.ordered(self._filter, self._sort)

    def _reindex(self) -> None:
        self._row_of = dict(zip(self._keys, range(len(self._keys)), strict=True))

    def _relayout(self) -> None:
        """A new filter or sort: one reset, however many rows come and go (the view keeps the
        current row by key, see ``ConnectionsPanel``)."""
        new = self._ordered()
        if new != self._keys:
            self.beginResetModel()
            self._keys = new
            self._reindex()
            self.endResetModel()

    def _apply_order(self, new: list[str]) -> None:
        """Move from the shown keys to ``new`` with row removals and insertions where the order allows."""
        old = self._keys
        if new == old:
            return
        new_set, old_set = set(new), set(old)
        gone = [row for row, key in enumerate(old) if key not in new_set]
        kept = [key for key in old if key in new_set]
        if kept != [key for key in new if key in old_set] or len(gone) + len(new) - len(kept) > RESET_ABOVE:
            self.beginResetModel()
            self._keys = new
            self._reindex()
            self.endResetModel()
            return
        for row in reversed(gone):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._keys[row]
            self.endRemoveRows()
        for row, key in enumerate(new):
            if row >= len(self._keys) or self._keys[row] != key:
                self.beginInsertRows(QModelIndex(), row, row)
                self._keys.insert(row, key)
                self.endInsertRows()
        self._reindex()
