"""Reads the card's rows on the database worker: the workspace's listing, then full rows on demand.

A listing arrives as every row's summary plus the first screenful in full; the model asks for the
rest a page at a time as rows come into view. A listing for a workspace no longer shown is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot

from desktop.ui.integrations.card_jobs import Fetched, Listed, fetch_views, list_connections
from desktop.ui.integrations.connections_model import PAGE
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.ui.integrations.instagram_card import InstagramCard


class ConnectionsLoader(QObject):
    """Lists the card's workspace and fills the model; remembers which row to select afterwards."""

    def __init__(self, card: InstagramCard, tasks: TaskRunner) -> None:
        super().__init__(card)
        self._card, self._tasks = card, tasks
        self.loaded = False
        #: The account whose row becomes current (and takes the focus, when the card had it) once
        #: the list has reloaded (after a connect).
        self.select_after_load = ""
        self.focus_on_load = ""

    def reload(self) -> None:
        card = self._card
        connections, workspace = card.connections, card.workspace
        if connections is None or workspace is None:
            return
        if not self.loaded:
            card.empty_label.hide()
            card.loading_label.show()
        self._tasks.submit(
            list_connections,
            connections,
            workspace.id,
            PAGE,
            serial=True,
            on_success=self._on_list_loaded,
            on_failure=self._on_list_failed,
        )

    def fetch_rows(self, workspace_id: int, ig_user_ids: list[str]) -> None:
        """The model wants the full rows it is about to show: read them on the database worker."""
        connections = self._card.connections
        if connections is None:
            self._card.model.fetch_failed(ig_user_ids)
            return
        self._tasks.submit(
            fetch_views,
            connections,
            workspace_id,
            ig_user_ids,
            serial=True,
            on_success=self._on_rows_fetched,
            on_failure=self._on_rows_fetch_failed,
        )

    @Slot(object)
    def _on_list_loaded(self, listed: object) -> None:
        assert isinstance(listed, Listed)
        card = self._card
        workspace = card.workspace
        if workspace is None or listed.workspace_id != workspace.id:
            return
        self.loaded = True
        card.loading_label.hide()
        card.model.set_now(card.clock.now())
        card.panel  # noqa: B018 - built with the first list, before the rows reach the model
        card.model.set_listing(
            listed.workspace_id,
            listed.summaries,
            listed.pending_revocations,
            listed.first_views,
            revocation_states=listed.revocation_states,
            index=listed.index,
            revocation_vias=listed.revocation_vias,
        )
        if self.select_after_load and card.panel.select_key(self.select_after_load):
            self.select_after_load = ""
        card.show_empty_state()
        card.rows_changed.emit()
        if card.retry_action == card.reload:
            card.clear_error()
        focus_on, self.focus_on_load = self.focus_on_load, ""
        if focus_on and card.holds_focus():
            card.focus_connection(focus_on, highlight=False)

    @Slot(object)
    def _on_list_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        card = self._card
        card.loading_label.hide()
        if card.parts.built_panel is not None:
            card.parts.built_panel.refresh_controls()  # the rows of the workspace before are gone
        card.show_empty_state()
        card.show_error(exc, card.reload, retry_text=self.tr("Load again"), take_focus=False)

    @Slot(object)
    def _on_rows_fetched(self, fetched: object) -> None:
        assert isinstance(fetched, Fetched)
        self._card.model.add_views(fetched.workspace_id, fetched.views)
        self._card.model.fetch_failed(set(fetched.ig_user_ids) - fetched.views.keys())

    @Slot(object)
    def _on_rows_fetch_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        self._card.show_error(exc, self._card.reload, retry_text=self.tr("Load again"))

    def focus_row(self, ig_user_id: str) -> None:
        """Select ``ig_user_id``'s row and give the list the keyboard (when the row is listed)."""
        if self._card.panel.select_key(ig_user_id):
            self._card.panel.list_view.setFocus(Qt.FocusReason.OtherFocusReason)
