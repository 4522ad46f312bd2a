"""The Instagram card: the workspace's connected accounts, Connect, Reconnect and Disconnect.

Every call into the service runs on a worker through the one TaskRunner; results come back to the
``_on_…`` slots here. A connect attempt waits on its own long-running job, so the window stays usable
while the user is in the browser. Failures of any step land in the inline error panel with a Retry
that repeats exactly that step.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from desktop.core.clock import Clock
from desktop.core.errors import SocialdeskError
from desktop.core.facebook.discovery import Discovery
from desktop.core.oauth.flow import FlowCancelled
from desktop.core.views import ConnectionSummary, ConnectionView, DisconnectOutcome, WorkspaceView
from desktop.ui import assets
from desktop.ui.integrations.browser import BrowserOpener
from desktop.ui.integrations.connect_progress import ConnectProgressCard
from desktop.ui.integrations.connections_model import PAGE, ConnectionsModel
from desktop.ui.integrations.connections_view import ConnectionsPanel
from desktop.ui.integrations.disconnect_dialog import DisconnectDialog
from desktop.ui.integrations.error_panel import ErrorPanel
from desktop.ui.integrations.facebook_picker import VIA_FACEBOOK, FacebookPicker, WayChooser
from desktop.ui.integrations.notice import Notice
from desktop.ui.integrations.pictures import PictureCache
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import SPACING, button, icon_label, label

if TYPE_CHECKING:
    from desktop.core.connections import ConnectAttempt, Connections
    from desktop.core.facebook.connect import FacebookConnections

log = logging.getLogger(__name__)

HIGHLIGHT_MS = 4000


def as_socialdesk_error(exc: BaseException) -> SocialdeskError:
    """What a failure means to the user; anything unexpected is an internal error (and is logged)."""
    if isinstance(exc, SocialdeskError):
        return exc
    log.error("unexpected failure: %s", type(exc).__name__, exc_info=(type(exc), exc, exc.__traceback__))
    return SocialdeskError("internal_error")


#: Errors where Instagram signed the user in as an account they did not mean.
_WRONG_ACCOUNT_CODES = frozenset({"account_already_connected", "reconnect_other_account"})


@dataclass(frozen=True, slots=True)
class _Listed:
    workspace_id: int
    summaries: list[ConnectionSummary]
    pending_revocations: list[str]
    first_views: dict[str, ConnectionView]
    #: Username → ``pending``, ``manual`` or ``gave_up`` (see :class:`RevocationView`).
    revocation_states: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Fetched:
    workspace_id: int
    ig_user_ids: list[str]
    views: dict[str, ConnectionView]


@dataclass(frozen=True, slots=True)
class _Ended:
    """How a connect attempt ended: a connection, or the exception ``wait`` raised."""

    attempt: object
    view: ConnectionView | None
    error: BaseException | None


@dataclass(frozen=True, slots=True)
class _Disconnected:
    view: ConnectionView
    outcome: DisconnectOutcome | None
    error: BaseException | None


def _contains_focus(widget: QWidget) -> bool:
    focused = widget.window().focusWidget()
    return focused is not None and (focused is widget or widget.isAncestorOf(focused))


def _disconnect(connections: Connections, view: ConnectionView) -> _Disconnected:
    try:
        return _Disconnected(view, connections.disconnect(view.workspace_id, view.ig_user_id), None)
    except Exception as exc:
        return _Disconnected(view, None, exc)


def _list_connections(connections: Connections, workspace_id: int, first_page: int) -> _Listed:
    """Every summary, and the first screenful in full (in the store's username order, the list's
    default): the list then paints its first rows without a second trip to the worker."""
    summaries, _pending = connections.summaries(workspace_id)
    first = connections.views(workspace_id, [s.ig_user_id for s in summaries[:first_page]])
    revocations = connections.revocations(workspace_id)
    return _Listed(
        workspace_id,
        summaries,
        [r.username for r in revocations],
        first,
        {r.username: r.state for r in revocations},
    )


def _fetch_views(connections: Connections, workspace_id: int, ig_user_ids: list[str]) -> _Fetched:
    return _Fetched(workspace_id, ig_user_ids, connections.views(workspace_id, ig_user_ids))


def _wait_for_attempt(attempt: ConnectAttempt) -> _Ended:
    try:
        return _Ended(attempt, attempt.wait(), None)
    except BaseException as exc:
        return _Ended(attempt, None, exc)


class InstagramCard(QFrame):
    """Lists the connections of one workspace and runs the connect, reconnect and disconnect flows."""

    rows_changed = Signal()
    #: An error or the connect card appeared: the page scrolls it into view.
    attention_needed = Signal(QWidget)
    connected = Signal(object)
    disconnected = Signal(object)
    #: From a listener thread: the browser reported the dialog closed, without the flow's state.
    _stateless_error_reported = Signal(object)

    def __init__(
        self,
        tasks: TaskRunner,
        clock: Clock,
        opener: BrowserOpener,
        pictures: PictureCache,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("instagram_card")
        self.setProperty("role", "card")
        self.setAccessibleName(self.tr("Instagram"))
        # It holds the focus while Connect is disabled (see _park_focus): it must be able to, but it
        # is no stop on the Tab chain.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._tasks, self._clock, self._opener, self._pictures = tasks, clock, opener, pictures
        self._connections: Connections | None = None
        self._facebook: FacebookConnections | None = None
        self._via = ""
        self._workspace: WorkspaceView | None = None
        self._attempt: ConnectAttempt | None = None
        self._reconnecting = ""
        self._reconnect_of: str | None = None
        #: How long a newly connected or reconnected row stays highlighted.
        self.highlight_ms = HIGHLIGHT_MS
        self._highlight_timer = QTimer(self)
        self._highlight_timer.setSingleShot(True)
        self._highlight_timer.timeout.connect(self._on_highlight_timer_timeout)
        self._retry: Callable[[], None] | None = None
        self._confirm: DisconnectDialog | None = None
        self._confirm_view: ConnectionView | None = None
        self._loaded = False
        self._cancel_pending = False
        #: The account whose row becomes current (and takes the focus, when the card had it) once
        #: the list has reloaded (after a connect).
        self._select_after_load = ""
        self._focus_on_load = ""

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(SPACING)
        header = QHBoxLayout()
        header.setSpacing(SPACING)
        header.addWidget(
            icon_label(
                assets.INSTAGRAM_ICON, 32, object_name="instagram_logo", accessible_name=self.tr("Instagram")
            )
        )
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(label(self.tr("Instagram"), role="section_title", wrap=False))
        self._subtitle = label(
            self.tr("Business and Creator accounts: publish posts and read insights."),
            role="muted",
            object_name="instagram_card_subtitle",
        )
        titles.addWidget(self._subtitle)
        header.addLayout(titles, 1)
        self.connect_button = button(self.tr("Connect Instagram"), "connect_button", role="primary")
        self.connect_button.clicked.connect(self._on_connect_clicked)
        self.connect_button.setEnabled(False)
        header.addWidget(self.connect_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(header)
        self.way_chooser = WayChooser(self)
        self.way_chooser.hide()
        layout.addWidget(self.way_chooser)

        self.certificate_note = label(
            self.tr(
                "Before Instagram's page, your browser will warn that the connection to localhost is not "
                "private. That is expected: Socialdesk's local address uses its own certificate, which your "
                "browser does not trust yet. Choose Advanced, then Proceed to localhost, or paste the address "
                "from the browser below. To skip the warning, let your browser trust Socialdesk's local "
                "address (further down this page)."
            ),
            role="muted",
            object_name="certificate_warning_note",
        )
        self.certificate_note.setAccessibleDescription(self.tr("A certificate warning will appear"))
        self.certificate_note.hide()
        layout.addWidget(self.certificate_note)

        self.progress = ConnectProgressCard(clock, self)
        self.progress.cancel_requested.connect(self._on_progress_cancel_requested)
        self.progress.reopen_requested.connect(self._on_progress_reopen_requested)
        self.progress.pasted_url_submitted.connect(self._on_progress_pasted_url_submitted)
        self._stateless_error_reported.connect(self._on_stateless_error_reported)
        layout.addWidget(self.progress)

        self.picker = FacebookPicker(pictures, self)
        self.picker.connect_requested.connect(self._on_picker_connect_requested)
        self.picker.dismissed.connect(self._on_picker_dismissed)
        layout.addWidget(self.picker)

        self.error_panel = ErrorPanel(self)
        self.error_panel.retry_requested.connect(self._on_error_panel_retry_requested)
        self.error_panel.dismissed.connect(self._on_error_panel_dismissed)
        layout.addWidget(self.error_panel)

        self.notice_label = Notice("notice", self)
        layout.addWidget(self.notice_label)

        self.empty_label = label(
            self.tr("No Instagram account connected yet"), object_name="empty_state_label"
        )
        self.empty_label.setProperty("role", "empty")
        layout.addWidget(self.empty_label)
        self.loading_label = label(self.tr("Loading connections…"), role="muted", object_name="loading_label")
        self.loading_label.hide()
        layout.addWidget(self.loading_label)
        self.model = ConnectionsModel(pictures, self)
        self.model.set_fetcher(self._fetch_rows)
        self.panel = ConnectionsPanel(self.model, self)
        self.panel.disconnect_requested.connect(self._on_panel_disconnect_requested)
        self.panel.reconnect_requested.connect(self._on_panel_reconnect_requested)
        layout.addWidget(self.panel)

    # --- what the page calls -------------------------------------------------------------------

    def set_certificate_warning_expected(self, expected: bool) -> None:
        """Say before the browser opens that it will warn about the certificate (https, not trusted)."""
        self.certificate_note.setVisible(expected)

    def attach(self, connections: Connections) -> None:
        self._connections = connections
        self._pictures.set_fetcher(connections.fetch_picture)

    def attach_facebook(self, facebook: FacebookConnections) -> None:
        """Offer "Sign in with Facebook" beside Instagram Login once a Facebook app is available."""
        self._facebook = facebook
        self.way_chooser.setVisible(facebook.available)

    @property
    def workspace(self) -> WorkspaceView | None:
        return self._workspace

    @property
    def loaded(self) -> bool:
        """True once the current workspace's connections have been listed."""
        return self._loaded

    @property
    def attempt(self) -> ConnectAttempt | None:
        return self._attempt

    def set_clock(self, clock: Clock) -> None:
        """The clock countdowns and "expires in" are read from (the sandbox's own in sandbox mode)."""
        self._clock = clock
        self.progress.set_clock(clock)

    def set_workspace(self, workspace: WorkspaceView) -> None:
        """Show ``workspace``'s connections (the rows of another workspace go at once)."""
        changed = self._workspace is None or self._workspace.id != workspace.id
        self._workspace = workspace
        if changed:
            self.model.clear()
            self._loaded = False
            self.notice_label.hide()
        self._update_connect_button()
        self.reload()

    def reload(self) -> None:
        if self._connections is None or self._workspace is None:
            return
        if not self._loaded:
            self.empty_label.hide()
            self.loading_label.show()
        self._tasks.submit(
            _list_connections,
            self._connections,
            self._workspace.id,
            PAGE,
            serial=True,
            on_success=self._on_list_loaded,
            on_failure=self._on_list_failed,
        )

    def usernames(self) -> list[str]:
        """The usernames listed, in the order shown (filtered and sorted)."""
        return self.model.usernames()

    def select(self, username: str) -> bool:
        """Make ``username``'s row the current one (its buttons are then the details pane's)."""
        row = self.model.row_for_username(username)
        key = self.model.key_at(row) if row is not None else None
        return key is not None and self.panel.select_key(key)

    def show_error(
        self,
        exc: BaseException | str,
        retry: Callable[[], None] | None = None,
        *,
        retry_text: str = "",
        take_focus: bool = True,
    ) -> None:
        """Show a failure in the inline panel; ``retry`` is what the Retry button repeats.

        The focus moves to the panel's primary action, so the next Space or Enter retries (or
        dismisses) rather than pressing whatever button happened to come next in the window.
        """
        error = SocialdeskError(exc) if isinstance(exc, str) else as_socialdesk_error(exc)
        log.info("showing error %s", error.code)
        self._retry = retry
        self.notice_label.hide()
        self.error_panel.show_error(
            error.code, error.detail, retry_text=retry_text, can_retry=retry is not None
        )
        if take_focus or self._holds_focus():
            self.error_panel.focus_primary_action()
        self.attention_needed.emit(self.error_panel)

    def clear_error(self) -> None:
        self._retry = None
        self.error_panel.clear()

    def show_notice(self, text: str, kind: str = "info") -> None:
        """A calm line above the list: ``info``, ``success`` or ``warning`` (each styled with its icon)."""
        self.notice_label.set_notice(text, kind)

    # --- focus --------------------------------------------------------------------------------

    def _holds_focus(self) -> bool:
        """Whether the keyboard focus is in this card (or nowhere in the window)."""
        focused = self.window().focusWidget()
        return focused is None or focused is self or self.isAncestorOf(focused)

    def _park_focus(self) -> None:
        """Keep the focus on the card itself while the control that had it is disabled or hidden.

        Qt hands the focus of a disabled or hidden widget to the next one in the tab chain, which
        can be an account's Disconnect button: one more Space would then ask to remove the account.
        """
        if self._holds_focus():
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_home(self) -> None:
        """Put the focus back where a new attempt starts: Connect, or the attempt still running."""
        if self.connect_button.isEnabled():
            self.connect_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.progress.isVisible() and self.progress.open_browser_button.isEnabled():
            self.progress.open_browser_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_chain(self) -> list[QWidget]:
        """The card's controls in tab order."""
        chain: list[QWidget] = [self.connect_button]
        progress = self.progress
        chain += [
            progress.keep_waiting_button,
            progress.stop_button,
            progress.copy_link_button,
            progress.open_browser_button,
            progress.paste_field,
            progress.submit_button,
            progress.cancel_button,
        ]
        chain += [
            self.error_panel.retry_button,
            self.error_panel.dismiss_button,
            self.error_panel.show_all_button,
        ]
        chain += self.panel.focus_chain()
        return chain

    def shutdown(self) -> None:
        """Cancel a connect attempt in progress (window closing): its listener must not outlive us."""
        attempt, self._attempt = self._attempt, None
        if attempt is not None:
            attempt.cancel()
        self.progress.finish()

    # --- connect and reconnect ----------------------------------------------------------------

    def start_connect(
        self,
        *,
        reconnecting: str = "",
        force_authentication: bool = False,
        reconnect_of: str | None = None,
        via: str = "",
    ) -> None:
        """Connect (or, with ``reconnecting``/``reconnect_of``, reconnect) an account.

        The core decides when Instagram must be asked to sign in again; ``force_authentication``
        is the user's explicit "Switch account". ``via`` ``facebook`` connects through Facebook Login;
        by default the way chosen beside Connect.
        """
        if self._connections is None or self._workspace is None or self._attempt is not None:
            return
        self._park_focus()
        self.clear_error()
        self.notice_label.hide()
        self.picker.close_picker()
        self._reconnecting = reconnecting
        self._via = via or self.way_chooser.via
        self._reconnect_of = reconnect_of
        self.connect_button.setEnabled(False)
        self.connect_button.setText(self.tr("Connecting…"))
        self._set_row_buttons_enabled(False)
        if self._via == VIA_FACEBOOK and self._facebook is not None:
            self._tasks.submit(
                self._facebook.start_connect,
                self._workspace.id,
                serial=True,
                on_success=self._on_attempt_started,
                on_failure=self._on_attempt_start_failed,
            )
            return
        self._tasks.submit(
            self._connections.start_connect,
            self._workspace.id,
            force_authentication=force_authentication,
            reconnect_of=reconnect_of,
            serial=True,
            on_success=self._on_attempt_started,
            on_failure=self._on_attempt_start_failed,
        )

    @Slot()
    def _on_connect_clicked(self) -> None:
        self.start_connect()

    @Slot(object)
    def _on_panel_reconnect_requested(self, view: object) -> None:
        if isinstance(view, ConnectionView):
            # A row connected through a Facebook Page reconnects through Facebook.
            self.start_connect(reconnecting=view.username, reconnect_of=view.ig_user_id, via=view.via)

    @Slot(object)
    def _on_attempt_started(self, attempt: object) -> None:
        self._attempt = attempt  # type: ignore[assignment]
        assert self._attempt is not None
        self.progress.begin(
            self._attempt.start_url, self._attempt.expires_at, reconnecting=self._reconnecting
        )
        if self.window().focusWidget() is self:
            self.progress.open_browser_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.attention_needed.emit(self.progress)
        started = self._attempt
        # Queued to the GUI thread; the slot ignores an attempt that is no longer this card's.
        started.on_stateless_error(lambda: self._stateless_error_reported.emit(started))
        self._tasks.submit(
            _wait_for_attempt, self._attempt, long_running=True, on_success=self._on_attempt_ended
        )
        self._open_browser()
        self.rows_changed.emit()

    @Slot(object)
    def _on_stateless_error_reported(self, attempt: object) -> None:
        if attempt is not self._attempt or self._attempt is None or self._attempt.ended:
            return
        self.progress.ask_stop(facebook=self._via == VIA_FACEBOOK)
        self.attention_needed.emit(self.progress)

    @Slot(object)
    def _on_attempt_start_failed(self, exc: object) -> None:
        self._reset_connect_controls()
        assert isinstance(exc, BaseException)
        self.show_error(exc, self._retry_connect, retry_text=self._retry_connect_text())

    def _open_browser(self) -> None:
        if self._attempt is None:
            return
        try:
            opened = self._opener(self._attempt.start_url)
        except Exception as exc:
            log.warning("the browser could not be opened: %s", type(exc).__name__)
            opened = False
        if opened is False:
            self.show_notice(
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
        self._park_focus()
        self.progress.set_cancelling()
        # Connect stays disabled until the cancel itself has returned: only then is the listener's
        # port certainly free for the next attempt.
        self._cancel_pending = True
        self._tasks.submit(
            self._attempt.cancel, on_success=self._on_cancel_done, on_failure=self._on_cancel_done
        )

    @Slot(object)
    def _on_cancel_done(self, _result: object) -> None:
        self._cancel_pending = False
        self._update_connect_button()
        if self._attempt is None and self.window().focusWidget() is self:
            self.focus_home()

    @Slot(str)
    def _on_progress_pasted_url_submitted(self, text: str) -> None:
        if self._attempt is None:
            return
        self.clear_error()
        self.progress.paste_field.clear()
        self._tasks.submit(self._attempt.submit_pasted_url, text, on_failure=self._on_paste_failed)

    @Slot(object)
    def _on_paste_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        if self._attempt is None:
            return  # the attempt ended meanwhile; its own outcome is what the user sees
        self.show_error(exc, self._focus_paste_field, retry_text=self.tr("Paste again"))

    def _focus_paste_field(self) -> None:
        self.clear_error()
        if self.progress.isVisible():
            self.progress.paste_field.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(object)
    def _on_attempt_ended(self, ended: object) -> None:
        assert isinstance(ended, _Ended)
        if ended.attempt is not self._attempt:
            return  # an attempt the window already let go of (closing)
        self._attempt = None
        had_focus = self._holds_focus()
        self._reset_connect_controls()
        if had_focus:
            self.focus_home()
        self.progress.finish()
        if isinstance(ended.view, Discovery):
            self.clear_error()
            self.picker.show_discovery(ended.view)
            self.rows_changed.emit()
            return
        if ended.view is not None:
            self.clear_error()
            view = ended.view
            self._highlight(view.ig_user_id)
            if had_focus:
                self._focus_on_load = view.ig_user_id
            where = ""
            if self._workspace is not None and view.workspace_id != self._workspace.id:
                where = view.workspace_name
            text = (
                self.tr("Connected @{username} to {workspace}.").format(
                    username=view.username, workspace=where
                )
                if where
                else self.tr("Connected @{username}.").format(username=view.username)
            )
            if self._reconnecting:
                text = self.tr("Reconnected @{username}.").format(username=view.username)
            self.show_notice(text, "success")
            self._reconnecting = ""
            self.connected.emit(view)
            self.reload()
            return
        error = ended.error
        assert error is not None

        if isinstance(error, FlowCancelled):
            self._reconnecting = ""
            self.clear_error()
            self.show_notice(self.tr("Connecting was cancelled. Nothing was changed."))
            self.rows_changed.emit()
            return
        if isinstance(error, SocialdeskError) and error.code == "access_denied":
            # Cancel in the browser is the user's own choice, as Cancel here is: a notice, not an error.
            # Instagram gives the same answer when it turns a Personal account away, so say that too.
            self._reconnecting = ""
            self.clear_error()
            self.show_notice(
                self.tr(
                    "You cancelled on Facebook's page (access_denied). Nothing was changed; "
                    "click Connect Instagram when you are ready."
                )
                if self._via == VIA_FACEBOOK
                else self.tr(
                    "You cancelled on Instagram's page (access_denied). Nothing was changed; "
                    "click Connect Instagram when you are ready. If you chose Allow, Instagram turned "
                    "the account away, as it does for Personal accounts: switch it to Business or "
                    "Creator in the Instagram app, then retry."
                )
            )
            self.rows_changed.emit()
            return
        code = as_socialdesk_error(error).code
        if code in _WRONG_ACCOUNT_CODES:
            # Instagram answered as the browser's signed-in account: offer to sign in as another.
            self.show_error(error, self._switch_account, retry_text=self.tr("Switch account"))
        else:
            self.show_error(error, self._retry_connect, retry_text=self._retry_connect_text())
        self.rows_changed.emit()

    def _switch_account(self) -> None:
        self.start_connect(
            reconnecting=self._reconnecting, reconnect_of=self._reconnect_of, force_authentication=True
        )

    def _retry_connect(self) -> None:
        self.start_connect(reconnecting=self._reconnecting, reconnect_of=self._reconnect_of, via=self._via)

    def _retry_connect_text(self) -> str:
        return self.tr("Reconnect again") if self._reconnecting else self.tr("Connect again")

    def _connect_label(self) -> str:
        return self.tr("Connect another account") if self.model.total else self.tr("Connect Instagram")

    def _reset_connect_controls(self) -> None:
        self.connect_button.setText(self._connect_label())
        self._update_connect_button()
        self._set_row_buttons_enabled(True)

    def _update_connect_button(self) -> None:
        self.connect_button.setEnabled(
            self._connections is not None
            and self._workspace is not None
            and self._attempt is None
            and not self._cancel_pending
        )

    def _set_row_buttons_enabled(self, enabled: bool) -> None:
        self.model.set_reconnect_enabled(enabled)
        self.panel.details.set_reconnect_allowed(enabled)

    # --- disconnect ---------------------------------------------------------------------------

    @property
    def confirm_dialog(self) -> DisconnectDialog | None:
        return self._confirm

    @Slot(object)
    def _on_panel_disconnect_requested(self, view: object) -> None:
        if not isinstance(view, ConnectionView):
            return
        if self._confirm is not None:
            self._confirm.close()
        box = DisconnectDialog(view.username, self.window())
        if view.via == VIA_FACEBOOK:
            box.setInformativeText(
                self.tr(
                    "This removes @{username} from this workspace at once. Socialdesk's access at Facebook is "
                    "revoked only when no other connected account uses the same Facebook sign-in."
                ).format(username=view.username)
            )
        box.finished.connect(self._on_confirm_finished)
        self._confirm, self._confirm_view = box, view
        box.open()

    @Slot(int)
    def _on_confirm_finished(self, result: int) -> None:
        box, view = self._confirm, self._confirm_view
        self._confirm, self._confirm_view = None, None
        if box is None or view is None:
            return
        confirmed = box.confirmed(result)
        box.deleteLater()
        # Back from the dialog: the window takes the keyboard again (no window manager may do it).
        self.window().activateWindow()
        if confirmed:
            self.disconnect_account(view)
        elif self.select(view.username) and self.panel.details.disconnect_button.isVisible():
            self.panel.details.disconnect_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def disconnect_account(self, view: ConnectionView) -> None:
        """Disconnect without asking again (the confirmation, or Retry after a failure)."""
        if self._connections is None:
            return
        self.clear_error()
        if _contains_focus(self.panel.details):
            self.focus_home()
        self.model.set_busy(view.ig_user_id, self.tr("Disconnecting…"))
        self._tasks.submit(
            _disconnect, self._connections, view, serial=True, on_success=self._on_disconnect_ended
        )

    @Slot(object)
    def _on_disconnect_ended(self, ended: object) -> None:
        assert isinstance(ended, _Disconnected)
        if ended.outcome is None:
            assert ended.error is not None
            self._disconnect_failed(ended.view, ended.error)
            return
        outcome = ended.outcome
        if self.panel.current_key() == ended.view.ig_user_id and _contains_focus(self.panel):
            self.focus_home()
        self.model.set_busy(ended.view.ig_user_id, "")
        self.model.remove(ended.view.ig_user_id)
        self._show_empty_state()
        self.rows_changed.emit()
        if outcome.kept_alive_by:
            text = self.tr(
                "Removed @{username} from this workspace. Its Facebook sign-in is kept because {accounts} still "
                "use it; it is revoked at Facebook when the last of them is disconnected."
            ).format(username=outcome.username, accounts=", ".join(outcome.kept_alive_by))
        elif outcome.revoked_at_provider and ended.view.via == VIA_FACEBOOK:
            text = self.tr(
                "Disconnected @{username}: removed from this workspace and Socialdesk's access at Facebook revoked."
            ).format(username=outcome.username)
        elif outcome.revoked_at_provider:
            text = self.tr(
                "Disconnected @{username}: removed from this workspace and Socialdesk's access at Instagram revoked."
            ).format(username=outcome.username)
        elif ended.view.via == VIA_FACEBOOK:
            text = self.tr(
                "Removed @{username} from this workspace. Facebook could not be reached to revoke access; "
                "Socialdesk will keep trying. You can also remove Socialdesk in Facebook's Settings → Business "
                "integrations."
            ).format(username=outcome.username)
        elif outcome.remove_by_hand:
            text = self.tr(
                "Removed @{username} from this workspace. Instagram does not let Socialdesk remove its own "
                "access: open instagram.com/accounts/manage_access, find Socialdesk and choose Remove."
            ).format(username=outcome.username)
        else:
            text = self.tr(
                "Removed @{username} from this workspace. Instagram could not be reached to revoke access; "
                "Socialdesk will keep trying. You can also remove Socialdesk at instagram.com/accounts/manage_access."
            ).format(username=outcome.username)
        self.show_notice(text, "success" if outcome.revoked_at_provider else "warning")
        self.disconnected.emit(outcome)
        self.reload()

    # --- the Facebook picker ------------------------------------------------------------------

    @Slot(object, object)
    def _on_picker_connect_requested(self, discovery: object, chosen: object) -> None:
        if self._facebook is None or not isinstance(discovery, Discovery):
            return
        self.clear_error()
        self._tasks.submit(
            self._facebook.connect,
            discovery,
            list(chosen),  # type: ignore[call-overload]
            serial=True,
            on_success=self._on_picker_connected,
            on_failure=self._on_picker_connect_failed,
        )

    @Slot(object)
    def _on_picker_connected(self, views: object) -> None:
        assert isinstance(views, list)
        self.picker.close_picker()
        names = ", ".join(f"@{view.username}" for view in views)
        for view in views:
            self._highlight(view.ig_user_id)
        self.show_notice(
            self.tr("Connected %n account(s) through Facebook: {names}.", "", len(views)).format(names=names)
        )
        self._reconnecting = ""
        for view in views:
            self.connected.emit(view)
        self.reload()

    @Slot(object)
    def _on_picker_connect_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        self.picker.setEnabled(True)
        discovery = self.picker.discovery
        self.show_error(
            exc,
            lambda: self._on_picker_connect_requested(discovery, self.picker.chosen()),
            retry_text=self.tr("Connect again"),
        )

    @Slot(object)
    def _on_picker_dismissed(self, discovery: object) -> None:
        self._reconnecting = ""
        self.show_notice(self.tr("No account was connected. Nothing was changed."))
        if self._facebook is not None:
            self._tasks.submit(self._facebook.dismiss, discovery, serial=True)
        self.rows_changed.emit()

    def _disconnect_failed(self, view: ConnectionView, exc: BaseException) -> None:
        self.model.set_busy(view.ig_user_id, "")
        self.show_error(exc, lambda: self.disconnect_account(view), retry_text=self.tr("Disconnect again"))

    # --- rows ---------------------------------------------------------------------------------

    @Slot(object)
    def _on_list_loaded(self, listed: object) -> None:
        assert isinstance(listed, _Listed)
        if self._workspace is None or listed.workspace_id != self._workspace.id:
            return
        self._loaded = True
        self.loading_label.hide()
        self.model.set_now(self._clock.now())
        self.model.set_listing(
            listed.workspace_id,
            listed.summaries,
            listed.pending_revocations,
            listed.first_views,
            revocation_states=listed.revocation_states,
        )
        if self._select_after_load and self.panel.select_key(self._select_after_load):
            self._select_after_load = ""
        self._show_empty_state()
        self.rows_changed.emit()
        if self._retry == self.reload:
            self.clear_error()
        focus_on, self._focus_on_load = self._focus_on_load, ""
        if focus_on and self._holds_focus():
            self.focus_connection(focus_on, highlight=False)

    @Slot(object)
    def _on_list_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        self.loading_label.hide()
        self._show_empty_state()
        self.show_error(exc, self.reload, retry_text=self.tr("Load again"), take_focus=False)

    def _fetch_rows(self, workspace_id: int, ig_user_ids: list[str]) -> None:
        """The model wants the full rows it is about to show: read them on the database worker."""
        if self._connections is None:
            self.model.fetch_failed(ig_user_ids)
            return
        self._tasks.submit(
            _fetch_views,
            self._connections,
            workspace_id,
            ig_user_ids,
            serial=True,
            on_success=self._on_rows_fetched,
            on_failure=self._on_rows_fetch_failed,
        )

    @Slot(object)
    def _on_rows_fetched(self, fetched: object) -> None:
        assert isinstance(fetched, _Fetched)
        self.model.add_views(fetched.workspace_id, fetched.views)
        self.model.fetch_failed(set(fetched.ig_user_ids) - fetched.views.keys())

    @Slot(object)
    def _on_rows_fetch_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        self.show_error(exc, self.reload, retry_text=self.tr("Load again"))

    def focus_connection(self, ig_user_id: str, *, highlight: bool = True) -> None:
        """Draw the eye and the keyboard to one account's row (just connected, or a notice clicked)."""
        if highlight:
            self._highlight(ig_user_id)
        if self.panel.select_key(ig_user_id):
            self.panel.list_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _highlight(self, ig_user_id: str) -> None:
        self._select_after_load = ig_user_id
        self.model.set_highlighted({ig_user_id})
        self._highlight_timer.start(self.highlight_ms)

    @Slot()
    def _on_highlight_timer_timeout(self) -> None:
        self.model.set_highlighted(set())

    def _show_empty_state(self) -> None:
        self.empty_label.setVisible(self.model.total == 0 and not self.loading_label.isVisibleTo(self))
        if self._attempt is None:
            self.connect_button.setText(self._connect_label())

    def pending_revocation_states(self) -> dict[str, str]:
        """The listed accounts awaiting revocation at Instagram, by username: ``pending``, ``manual``
        (only the user can remove the access) or ``gave_up``."""
        return self.model.revocation_states()

    @Slot()
    def _on_error_panel_retry_requested(self) -> None:
        retry = self._retry
        self.focus_home()
        self.clear_error()
        if retry is not None:
            retry()

    @Slot()
    def _on_error_panel_dismissed(self) -> None:
        self._retry = None
        self.focus_home()
