"""The Instagram card: the workspace's connected accounts, Connect, Reconnect and Disconnect.

The card is the view: its widgets, what the page calls, where the focus goes. The rows are a model
(:mod:`connections_model`) painted by a view (:mod:`connections_view`); connecting and
disconnecting are flows of their own (:mod:`connect_flow`, :mod:`disconnect_flow`); what runs on a
worker is in :mod:`card_jobs`; the header is :mod:`card_header` and the parts built on first use
:mod:`card_parts`. Every call into the service runs on a worker through the one TaskRunner.
Failures of any step land in the inline error panel with a Retry that repeats exactly that step
(:mod:`card_errors`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from desktop.core.clock import Clock
from desktop.ui.integrations.browser import BrowserOpener
from desktop.ui.integrations.card_errors import CardErrors
from desktop.ui.integrations.card_header import build_header
from desktop.ui.integrations.card_parts import CardParts
from desktop.ui.integrations.certificate_note import certificate_note
from desktop.ui.integrations.failure_meaning import as_socialdesk_error
from desktop.ui.integrations.notice import Notice
from desktop.ui.integrations.pictures import PictureCache
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import SPACING, label

if TYPE_CHECKING:
    from desktop.core.connections import ConnectAttempt, Connections
    from desktop.core.facebook.connect import FacebookConnections
    from desktop.core.views import ConnectionView, WorkspaceView
    from desktop.ui.integrations.connect_flow import ConnectFlow
    from desktop.ui.integrations.connect_progress import ConnectProgressCard
    from desktop.ui.integrations.connections_loader import ConnectionsLoader
    from desktop.ui.integrations.connections_model import ConnectionsModel
    from desktop.ui.integrations.connections_view import ConnectionsPanel
    from desktop.ui.integrations.disconnect_dialog import DisconnectDialog
    from desktop.ui.integrations.disconnect_flow import DisconnectFlow
    from desktop.ui.integrations.error_panel import ErrorPanel
    from desktop.ui.integrations.facebook_picker import FacebookPicker, WayChooser

__all__ = ["HIGHLIGHT_MS", "InstagramCard", "as_socialdesk_error"]

HIGHLIGHT_MS = 4000


class InstagramCard(QFrame):
    """Lists the connections of one workspace and runs the connect, reconnect and disconnect flows."""

    rows_changed = Signal()
    #: An error or the connect card appeared: the page scrolls it into view.
    attention_needed = Signal(QWidget)
    connected = Signal(object)
    disconnected = Signal(object)

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
        # It holds the focus while Connect is disabled (see park_focus): it must be able to, but it
        # is no stop on the Tab chain.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._tasks, self._clock, self._opener, self._pictures = tasks, clock, opener, pictures
        self._connections: Connections | None = None
        self._facebook: FacebookConnections | None = None
        self._workspace: WorkspaceView | None = None
        #: How long a newly connected or reconnected row stays highlighted.
        self.highlight_ms = HIGHLIGHT_MS
        self._highlight_timer = QTimer(self)
        self._highlight_timer.setSingleShot(True)
        self._highlight_timer.timeout.connect(self._on_highlight_timer_timeout)
        self.errors = CardErrors(self)
        # The list's model and its loader, with the row and job types they load, are made when the
        # list is first used: nothing of them is in the first frame.
        self._loader: ConnectionsLoader | None = None
        self._model: ConnectionsModel | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(SPACING)
        self.connect_button = build_header(layout)
        self.connect_button.clicked.connect(self._on_connect_clicked)

        self.certificate_note = certificate_note()
        layout.addWidget(self.certificate_note)

        # The progress card, the Facebook picker and the error panel go here when first needed.
        self.parts = CardParts(
            self, layout, self.certificate_note, tasks=tasks, opener=opener, pictures=pictures
        )

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

    # --- what the page calls -------------------------------------------------------------------

    def set_certificate_warning_expected(self, expected: bool) -> None:
        """Say before the browser opens that it will warn about the certificate (https, not trusted)."""
        self.certificate_note.setVisible(expected)

    def attach(self, connections: Connections) -> None:
        self._connections = connections
        self._pictures.set_fetcher(connections.fetch_picture)
        # The confirmation is built while idle, so a Disconnect click only opens it.
        QTimer.singleShot(0, self, self._prepare_confirmation)

    def _prepare_confirmation(self) -> None:
        self.disconnect_flow.prepare()

    def attach_facebook(self, facebook: FacebookConnections) -> None:
        """Offer "Sign in with Facebook" beside Instagram Login once a Facebook app is available."""
        self._facebook = facebook
        if facebook.available or self.parts.built_way_chooser is not None:
            self.way_chooser.setVisible(facebook.available)

    @property
    def loader(self) -> ConnectionsLoader:
        if self._loader is None:
            from desktop.ui.integrations.connections_loader import ConnectionsLoader

            self._loader = ConnectionsLoader(self, self._tasks)
        return self._loader

    @property
    def model(self) -> ConnectionsModel:
        """The workspace's rows (see :mod:`connections_model`)."""
        if self._model is None:
            from desktop.ui.integrations.connections_model import ConnectionsModel

            self._model = ConnectionsModel(self._pictures, self)
            self._model.set_fetcher(self.loader.fetch_rows)
        return self._model

    @property
    def workspace(self) -> WorkspaceView | None:
        return self._workspace

    @property
    def loaded(self) -> bool:
        """True once the current workspace's connections have been listed."""
        return self._loader is not None and self._loader.loaded

    @property
    def attempt(self) -> ConnectAttempt | None:
        flow = self.parts.built_connect_flow
        return flow.attempt if flow is not None else None

    # The parts built on first use (see CardParts).

    @property
    def progress(self) -> ConnectProgressCard:
        return self.parts.progress

    @property
    def panel(self) -> ConnectionsPanel:
        """The search, the rows and the current row's details (built when first listed or asked for)."""
        return self.parts.panel

    @property
    def way_chooser(self) -> WayChooser:
        return self.parts.way_chooser

    @property
    def via(self) -> str:
        """The sign-in Connect starts: Instagram unless Facebook is offered and chosen."""
        return self.parts.via

    @property
    def picker(self) -> FacebookPicker:
        return self.parts.picker

    @property
    def error_panel(self) -> ErrorPanel:
        return self.parts.error_panel

    @property
    def connect_flow(self) -> ConnectFlow:
        return self.parts.connect_flow

    @property
    def disconnect_flow(self) -> DisconnectFlow:
        return self.parts.disconnect_flow

    def wire_error_panel(self, panel: ErrorPanel) -> None:
        self.errors.wire(panel)

    @property
    def clock(self) -> Clock:
        return self._clock

    @property
    def retry_action(self) -> Callable[[], None] | None:
        """What the error panel's Retry repeats (None while no error is shown, or none can be retried)."""
        return self.errors.retry

    @property
    def connections(self) -> Connections | None:
        return self._connections

    @property
    def facebook(self) -> FacebookConnections | None:
        return self._facebook

    def set_clock(self, clock: Clock) -> None:
        """The clock countdowns and "expires in" are read from (the sandbox's own in sandbox mode)."""
        self._clock = clock
        if self.parts.built_progress is not None:
            self.parts.built_progress.set_clock(clock)

    def set_workspace(self, workspace: WorkspaceView) -> None:
        """Show ``workspace``'s connections (the rows of another workspace go at once)."""
        changed = self._workspace is None or self._workspace.id != workspace.id
        self._workspace = workspace
        if changed:
            self.model.clear()
            self.loader.loaded = False
            self.notice_label.hide()
        self.update_connect_button()
        self.reload()

    def reload(self) -> None:
        self.loader.reload()

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
        self.errors.show(exc, retry, retry_text=retry_text, take_focus=take_focus)

    def clear_error(self) -> None:
        self.errors.clear()

    def show_notice(self, text: str, kind: str = "info") -> None:
        """A calm line above the list: ``info``, ``success`` or ``warning`` (each styled with its icon)."""
        self.notice_label.set_notice(text, kind)

    # --- focus --------------------------------------------------------------------------------

    def holds_focus(self) -> bool:
        """Whether the keyboard focus is in this card (or nowhere in the window)."""
        focused = self.window().focusWidget()
        return focused is None or focused is self or self.isAncestorOf(focused)

    def park_focus(self) -> None:
        """Keep the focus on the card itself while the control that had it is disabled or hidden.

        Qt hands the focus of a disabled or hidden widget to the next one in the tab chain, which
        can be an account's Disconnect button: one more Space would then ask to remove the account.
        """
        if self.holds_focus():
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_home(self) -> None:
        """Put the focus back where a new attempt starts: Connect, or the attempt still running."""
        if self.connect_button.isEnabled():
            self.connect_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif (progress := self.parts.built_progress) is not None and (
            progress.isVisible() and progress.open_browser_button.isEnabled()
        ):
            progress.open_browser_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_chain(self) -> list[QWidget]:
        """The card's controls in tab order."""
        chooser = self.parts.built_way_chooser
        chain: list[QWidget] = [self.connect_button, *(chooser.options() if chooser is not None else [])]
        chain += self.parts.focus_chain()
        return chain

    def shutdown(self) -> None:
        """Cancel a connect attempt in progress (window closing): its listener must not outlive us."""
        if self.parts.built_connect_flow is not None:
            self.parts.built_connect_flow.shutdown()

    # --- connect, reconnect and disconnect (the flows do the work) ----------------------------

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
        self.connect_flow.start(
            reconnecting=reconnecting,
            force_authentication=force_authentication,
            reconnect_of=reconnect_of,
            via=via,
        )

    @Slot()
    def _on_connect_clicked(self) -> None:
        self.start_connect()

    @Slot(object)
    def on_panel_reconnect_requested(self, view: ConnectionView) -> None:
        self.connect_flow.reconnect(view)

    @property
    def confirm_dialog(self) -> DisconnectDialog | None:
        flow = self.parts.built_disconnect_flow
        return flow.confirm_dialog if flow is not None else None

    @Slot(object)
    def on_panel_disconnect_requested(self, view: ConnectionView) -> None:
        self.disconnect_flow.ask(view)

    def disconnect_account(self, view: ConnectionView) -> None:
        """Disconnect without asking again (the confirmation, or Retry after a failure)."""
        self.disconnect_flow.run(view)

    def _connect_label(self) -> str:
        return self.tr("Connect another account") if self.model.total else self.tr("Connect Instagram")

    def reset_connect_controls(self) -> None:
        self.connect_button.setText(self._connect_label())
        self.update_connect_button()
        self.set_row_buttons_enabled(True)

    def update_connect_button(self) -> None:
        self.connect_button.setEnabled(
            self._connections is not None and self._workspace is not None and not self._connect_busy()
        )

    def _connect_busy(self) -> bool:
        flow = self.parts.built_connect_flow
        return flow is not None and flow.busy

    def set_row_buttons_enabled(self, enabled: bool) -> None:
        self.model.set_reconnect_enabled(enabled)
        self.parts.set_reconnect_allowed(enabled)

    # --- rows ---------------------------------------------------------------------------------

    def focus_connection(self, ig_user_id: str, *, highlight: bool = True) -> None:
        """Draw the eye and the keyboard to one account's row (just connected, or a notice clicked)."""
        if highlight:
            self.highlight(ig_user_id)
        self.loader.focus_row(ig_user_id)

    def highlight(self, ig_user_id: str) -> None:
        """Mark a row just connected; it becomes current once the list has reloaded."""
        self.loader.select_after_load = ig_user_id
        self.model.set_highlighted({ig_user_id})
        self._highlight_timer.start(self.highlight_ms)

    def focus_on_next_load(self, ig_user_id: str) -> None:
        """Give ``ig_user_id``'s row the keyboard once the list has reloaded (if the card has it)."""
        self.loader.focus_on_load = ig_user_id

    @Slot()
    def _on_highlight_timer_timeout(self) -> None:
        self.model.set_highlighted(set())

    def show_empty_state(self) -> None:
        self.empty_label.setVisible(self.model.total == 0 and not self.loading_label.isVisibleTo(self))
        if self.attempt is None:
            self.connect_button.setText(self._connect_label())

    def pending_revocation_states(self) -> dict[str, str]:
        """The listed accounts awaiting revocation at Instagram, by username: ``pending``, ``manual``
        (only the user can remove the access) or ``gave_up``."""
        return self.model.revocation_states()
