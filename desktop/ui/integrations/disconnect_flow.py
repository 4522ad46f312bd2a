"""Disconnect: the confirmation, the removal on a worker, and the line that says what became of the
access at Instagram or Facebook."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QWidget

from desktop.core.views import ConnectionView
from desktop.ui.integrations import outcome_wording
from desktop.ui.integrations.card_jobs import Disconnected, disconnect
from desktop.ui.integrations.disconnect_dialog import DisconnectDialog
from desktop.ui.integrations.facebook_picker import VIA_FACEBOOK
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.ui.integrations.instagram_card import InstagramCard


def contains_focus(widget: QWidget) -> bool:
    focused = widget.window().focusWidget()
    return focused is not None and (focused is widget or widget.isAncestorOf(focused))


class DisconnectFlow(QObject):
    """Asks before removing an account, removes it off the GUI thread and reports the outcome."""

    def __init__(self, card: InstagramCard, tasks: TaskRunner) -> None:
        super().__init__(card)
        self._card, self._tasks = card, tasks
        self._box: DisconnectDialog | None = None
        self._confirm: DisconnectDialog | None = None
        self._confirm_view: ConnectionView | None = None

    def prepare(self) -> DisconnectDialog:
        """The confirmation, built and styled on first call (the card calls it once idle)."""
        if self._box is None:
            self._box = DisconnectDialog(self._card.window())
            self._box.finished.connect(self._on_confirm_finished)
        return self._box

    @property
    def confirm_dialog(self) -> DisconnectDialog | None:
        return self._confirm

    def ask(self, view: ConnectionView) -> None:
        """Open the confirmation for ``view`` (closing one still open)."""
        if self._confirm is not None:
            self._confirm.close()
        box = self.prepare()
        informative = None
        if view.via == VIA_FACEBOOK:
            informative = self.tr(
                "This removes @{username} from this workspace at once. Socialdesk's access at Facebook is "
                "revoked only when no other connected account uses the same Facebook sign-in."
            ).format(username=view.username)
        box.set_account(view.username, informative)
        self._confirm, self._confirm_view = box, view
        box.open()

    @Slot(int)
    def _on_confirm_finished(self, result: int) -> None:
        box, view = self._confirm, self._confirm_view
        self._confirm, self._confirm_view = None, None
        if box is None or view is None:
            return
        confirmed = box.confirmed(result)
        card = self._card
        # Back from the dialog: the window takes the keyboard again (no window manager may do it).
        card.window().activateWindow()
        if confirmed:
            self.run(view)
        elif card.select(view.username) and card.panel.details.disconnect_button.isVisible():
            card.panel.details.disconnect_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def run(self, view: ConnectionView) -> None:
        """Disconnect without asking again (the confirmation, or Retry after a failure)."""
        card = self._card
        connections = card.connections
        if connections is None:
            return
        card.clear_error()
        if contains_focus(card.panel.details):
            card.focus_home()
        card.model.set_busy(view.ig_user_id, self.tr("Disconnecting…"))
        self._tasks.submit(disconnect, connections, view, serial=True, on_success=self._on_disconnect_ended)

    @Slot(object)
    def _on_disconnect_ended(self, ended: object) -> None:
        assert isinstance(ended, Disconnected)
        card = self._card
        if ended.outcome is None:
            assert ended.error is not None
            view, error = ended.view, ended.error
            card.model.set_busy(view.ig_user_id, "")
            card.show_error(error, lambda: self.run(view), retry_text=self.tr("Disconnect again"))
            return
        outcome = ended.outcome
        if card.panel.current_key() == ended.view.ig_user_id and contains_focus(card.panel):
            card.focus_home()
        card.model.set_busy(ended.view.ig_user_id, "")
        card.model.remove(ended.view.ig_user_id)
        card.show_empty_state()
        card.rows_changed.emit()
        text, kind = outcome_wording.disconnected(outcome, ended.view.via)
        card.show_notice(text, kind)
        card.disconnected.emit(outcome)
        card.reload()
