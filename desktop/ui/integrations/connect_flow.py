"""Connect and reconnect, from the Connect click to the row that appears (or the error that says why).

An attempt waits on its own long-running job, so the window stays usable while the user is in the
browser. Through Facebook Login an attempt may end with a choice of Pages' accounts: the picker then
connects the ones the user ticks.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot

from desktop.core.errors import SocialdeskError
from desktop.core.facebook.discovery import Discovery
from desktop.core.oauth.flow import FlowCancelled
from desktop.core.views import ConnectionView
from desktop.ui.integrations import outcome_wording
from desktop.ui.integrations.browser import BrowserOpener
from desktop.ui.integrations.card_jobs import WRONG_ACCOUNT_CODES, Ended, wait_for_attempt
from desktop.ui.integrations.facebook_picker import VIA_FACEBOOK
from desktop.ui.integrations.failure_meaning import as_socialdesk_error
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.core.connections import ConnectAttempt
    from desktop.ui.integrations.connect_progress import ConnectProgressCard
    from desktop.ui.integrations.facebook_picker import FacebookPicker
    from desktop.ui.integrations.instagram_card import InstagramCard

log = logging.getLogger(__name__)


class ConnectFlow(QObject):
    """Runs one connect attempt at a time for its card, and the Facebook picker's connects."""

    #: From a listener thread: the browser reported the dialog closed, without the flow's state.
    _stateless_error_reported = Signal(object)

    def __init__(self, card: InstagramCard, tasks: TaskRunner, opener: BrowserOpener) -> None:
        super().__init__(card)
        self._card, self._tasks, self._opener = card, tasks, opener
        self._attempt: ConnectAttempt | None = None
        self._via = ""
        self._reconnecting = ""
        self._reconnect_of: str | None = None
        self._cancel_pending = False
        self._stateless_error_reported.connect(self._on_stateless_error_reported)

    @property
    def attempt(self) -> ConnectAttempt | None:
        return self._attempt

    @property
    def busy(self) -> bool:
        """An attempt runs, or its cancel has not yet returned (the listener's port is not yet free)."""
        return self._attempt is not None or self._cancel_pending

    def wire_progress(self, progress: ConnectProgressCard) -> None:
        """Listen to the card's progress card (called once, when the card builds it)."""
        progress.cancel_requested.connect(self._on_progress_cancel_requested)
        progress.reopen_requested.connect(self._on_progress_reopen_requested)
        progress.pasted_url_submitted.connect(self._on_progress_pasted_url_submitted)

    def wire_picker(self, picker: FacebookPicker) -> None:
        """Listen to the card's Facebook picker (called once, when the card builds it)."""
        picker.connect_requested.connect(self._on_picker_connect_requested)
        picker.dismissed.connect(self._on_picker_dismissed)

    def shutdown(self) -> None:
        """Cancel an attempt in progress (window closing): its listener must not outlive us."""
        attempt, self._attempt = self._attempt, None
        if attempt is not None:
            attempt.cancel()
        progress = self._card.parts.built_progress
        if progress is not None:
            progress.finish()

    def retry_text(self) -> str:
        return self.tr("Reconnect again") if self._reconnecting else self.tr("Connect again")

    def start(
        self,
        *,
        reconnecting: str = "",
        force_authentication: bool = False,
        reconnect_of: str | None = None,
        via: str = "",
    ) -> None:
        """See :meth:`InstagramCard.start_connect`."""
        card = self._card
        connections, workspace = card.connections, card.workspace
        if connections is None or workspace is None or self._attempt is not None:
            return
        card.park_focus()
        card.clear_error()
        card.notice_label.hide()
        if card.parts.built_picker is not None:
            card.parts.built_picker.close_picker()
        self._reconnecting = reconnecting
        self._via = via or card.via
        self._reconnect_of = reconnect_of
        card.connect_button.setEnabled(False)
        card.connect_button.setText(self.tr("Connecting…"))
        card.set_row_buttons_enabled(False)
        facebook = card.facebook
        if self._via == VIA_FACEBOOK and facebook is not None:
            self._tasks.submit(
                facebook.start_connect,
                workspace.id,
                reauthenticate=force_authentication,
                serial=True,
                on_success=self._on_attempt_started,
                on_failure=self._on_attempt_start_failed,
            )
            return
        self._tasks.submit(
            connections.start_connect,
            workspace.id,
            force_authentication=force_authentication,
            reconnect_of=reconnect_of,
            serial=True,
            on_success=self._on_attempt_started,
            on_failure=self._on_attempt_start_failed,
        )

    def reconnect(self, view: ConnectionView) -> None:
        # A row connected through a Facebook Page reconnects through Facebook.
        self.start(reconnecting=view.username, reconnect_of=view.ig_user_id, via=view.via)

    @Slot(object)
    def _on_attempt_started(self, attempt: object) -> None:
        card = self._card
        self._attempt = attempt  # type: ignore[assignment]
        assert self._attempt is not None
        card.progress.begin(
            self._attempt.start_url, self._attempt.expires_at, reconnecting=self._reconnecting
        )
        if card.window().focusWidget() is card:
            card.progress.open_browser_button.setFocus(Qt.FocusReason.OtherFocusReason)
        card.attention_needed.emit(card.progress)
        started = self._attempt
        # Queued to the GUI thread; the slot ignores an attempt that is no longer this card's.
        started.on_stateless_error(lambda: self._stateless_error_reported.emit(started))
        self._tasks.submit(
            wait_for_attempt, self._attempt, long_running=True, on_success=self._on_attempt_ended
        )
        self._open_browser()
        card.rows_changed.emit()

    @Slot(object)
    def _on_stateless_error_reported(self, attempt: object) -> None:
        if attempt is not self._attempt or self._attempt is None or self._attempt.ended:
            return
        self._card.progress.ask_stop(facebook=self._via == VIA_FACEBOOK)
        self._card.attention_needed.emit(self._card.progress)

    @Slot(object)
    def _on_attempt_start_failed(self, exc: object) -> None:
        self._card.reset_connect_controls()
        assert isinstance(exc, BaseException)
        self._card.show_error(exc, self._retry_connect, retry_text=self.retry_text())

    def _open_browser(self) -> None:
        if self._attempt is None:
            return
        try:
            opened = self._opener(self._attempt.start_url)
        except Exception as exc:
            log.warning("the browser could not be opened: %s", type(exc).__name__)
            opened = False
        if opened is False:
            self._card.show_notice(
                self.tr(
                    "Socialdesk could not open your browser. Click Copy link and open it in a browser yourself."
                )
            )

    @Slot()
    def _on_progress_reopen_requested(self) -> None:
        self._open_browser()

    @Slot()
    def _on_progress_cancel_requested(self) -> None:
        if self._attempt is None:
            return
        self._card.park_focus()
        self._card.progress.set_cancelling()
        # Connect stays disabled until the cancel itself has returned: only then is the listener's
        # port certainly free for the next attempt.
        self._cancel_pending = True
        self._tasks.submit(
            self._attempt.cancel, on_success=self._on_cancel_done, on_failure=self._on_cancel_done
        )

    @Slot(object)
    def _on_cancel_done(self, _result: object) -> None:
        self._cancel_pending = False
        card = self._card
        card.update_connect_button()
        if self._attempt is None and card.window().focusWidget() is card:
            card.focus_home()

    @Slot(str)
    def _on_progress_pasted_url_submitted(self, text: str) -> None:
        if self._attempt is None:
            return
        self._card.clear_error()
        self._card.progress.paste_field.clear()
        self._tasks.submit(self._attempt.submit_pasted_url, text, on_failure=self._on_paste_failed)

    @Slot(object)
    def _on_paste_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        if self._attempt is None:
            return  # the attempt ended meanwhile; its own outcome is what the user sees
        self._card.show_error(exc, self._focus_paste_field, retry_text=self.tr("Paste again"))

    def _focus_paste_field(self) -> None:
        self._card.clear_error()
        if self._card.progress.isVisible():
            self._card.progress.paste_field.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(object)
    def _on_attempt_ended(self, ended: object) -> None:
        assert isinstance(ended, Ended)
        if ended.attempt is not self._attempt:
            return  # an attempt the window already let go of (closing)
        card = self._card
        self._attempt = None
        had_focus = card.holds_focus()
        card.reset_connect_controls()
        if had_focus:
            card.focus_home()
        card.progress.finish()
        if isinstance(ended.view, Discovery):
            card.clear_error()
            card.picker.show_discovery(ended.view)
            card.rows_changed.emit()
            return
        if ended.view is not None:
            self._connected(ended.view, had_focus)
            return
        error = ended.error
        assert error is not None
        if isinstance(error, FlowCancelled):
            self._reconnecting = ""
            card.clear_error()
            card.show_notice(self.tr("Connecting was cancelled. Nothing was changed."))
            card.rows_changed.emit()
            return
        if isinstance(error, SocialdeskError) and error.code == "access_denied":
            # Cancel in the browser is the user's own choice, as Cancel here is: a notice, not an error.
            self._reconnecting = ""
            card.clear_error()
            card.show_notice(outcome_wording.cancelled_in_browser(self._via))
            card.rows_changed.emit()
            return
        code = as_socialdesk_error(error).code
        if code in WRONG_ACCOUNT_CODES:
            # Instagram answered as the browser's signed-in account: offer to sign in as another.
            card.show_error(error, self._switch_account, retry_text=self.tr("Switch account"))
        else:
            card.show_error(error, self._retry_connect, retry_text=self.retry_text())
        card.rows_changed.emit()

    def _connected(self, view: ConnectionView, had_focus: bool) -> None:
        card = self._card
        card.clear_error()
        card.highlight(view.ig_user_id)
        if had_focus:
            card.focus_on_next_load(view.ig_user_id)
        workspace = card.workspace
        other = view.workspace_name if workspace is not None and view.workspace_id != workspace.id else ""
        text = outcome_wording.connected(view, other_workspace=other, reconnected=bool(self._reconnecting))
        card.show_notice(text, "success")
        self._reconnecting = ""
        card.connected.emit(view)
        card.reload()

    def _switch_account(self) -> None:
        # Instagram Login: force_authentication=1; Facebook Login: auth_type=reauthenticate.
        self.start(
            reconnecting=self._reconnecting,
            reconnect_of=self._reconnect_of,
            force_authentication=True,
            via=self._via,
        )

    def _retry_connect(self) -> None:
        self.start(reconnecting=self._reconnecting, reconnect_of=self._reconnect_of, via=self._via)

    # --- the Facebook picker ------------------------------------------------------------------

    @Slot(object, object)
    def _on_picker_connect_requested(self, discovery: object, chosen: object) -> None:
        facebook = self._card.facebook
        if facebook is None or not isinstance(discovery, Discovery):
            return
        self._card.clear_error()
        self._card.park_focus()  # the picker is disabled while it connects: its focus stays in the card
        self._tasks.submit(
            facebook.connect,
            discovery,
            list(chosen),  # type: ignore[call-overload]
            serial=True,
            on_success=self._on_picker_connected,
            on_failure=self._on_picker_connect_failed,
        )

    @Slot(object)
    def _on_picker_connected(self, views: object) -> None:
        assert isinstance(views, list)
        card = self._card
        had_focus = card.holds_focus()
        card.picker.close_picker()
        if had_focus and views:
            card.focus_on_next_load(views[0].ig_user_id)  # the first new row, never a Disconnect button
        names = ", ".join(f"@{view.username}" for view in views)
        for view in views:
            card.highlight(view.ig_user_id)
        card.show_notice(
            self.tr("Connected %n account(s) through Facebook: {names}.", "", len(views)).format(names=names)
        )
        self._reconnecting = ""
        for view in views:
            card.connected.emit(view)
        card.reload()

    @Slot(object)
    def _on_picker_connect_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        picker = self._card.picker
        picker.setEnabled(True)
        discovery = picker.discovery
        self._card.show_error(
            exc,
            lambda: self._on_picker_connect_requested(discovery, picker.chosen()),
            retry_text=self.tr("Connect again"),
        )

    @Slot(object)
    def _on_picker_dismissed(self, discovery: object) -> None:
        card = self._card
        had_focus = card.holds_focus()
        card.park_focus()  # not handed down the tab chain when the picker hides
        card.picker.close_picker()
        if had_focus:
            card.focus_home()
        self._reconnecting = ""
        self._card.show_notice(self.tr("No account was connected. Nothing was changed."))
        facebook = self._card.facebook
        if facebook is not None:
            self._tasks.submit(facebook.dismiss, discovery, serial=True)
        self._card.rows_changed.emit()
