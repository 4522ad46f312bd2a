"""The current row in full, with its real buttons: Reconnect and Disconnect for one account.

The list paints its rows; actions need real, focusable, accessible controls, so they live here,
for the row the keyboard or mouse made current. The buttons only ask; the card does the work.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from desktop.core.views import ConnectionView
from desktop.ui.integrations import connection_text as words
from desktop.ui.integrations.connection_text import RowText
from desktop.ui.widgets import button, chip, label, restyle


class ConnectionDetails(QFrame):
    disconnect_requested = Signal(object)
    reconnect_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connection_details")
        self.setProperty("role", "row")
        self._view: ConnectionView | None = None
        self._shown: tuple[object, ...] | None = None
        self._busy = False
        self._reconnect_allowed = True
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 10, 8, 10)
        layout.setSpacing(14)
        text = QVBoxLayout()
        text.setSpacing(4)
        title = QHBoxLayout()
        title.setSpacing(8)
        self.username_label = label("", role="row_title", object_name="username_label", wrap=False)
        title.addWidget(self.username_label)
        self.account_type_label = chip("", "neutral", object_name="account_type_label")
        title.addWidget(self.account_type_label)
        self.status_label = chip("", "neutral", object_name="status_label")
        self.status_label.setAccessibleDescription(self.tr("Status"))
        title.addWidget(self.status_label)
        title.addStretch(1)
        text.addLayout(title)
        self.permissions_label = label("", object_name="permissions_label")
        text.addWidget(self.permissions_label)
        self.details_label = label("", role="muted", object_name="details_label")
        text.addWidget(self.details_label)
        self.reason_label = label("", role="status_reason", object_name="status_reason_label")
        text.addWidget(self.reason_label)
        layout.addLayout(text, 1)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.reconnect_button = button(self.tr("Reconnect"), "reconnect_button", role="primary")
        self.reconnect_button.clicked.connect(self._on_reconnect_button_clicked)
        actions.addWidget(self.reconnect_button)
        self.disconnect_button = button(self.tr("Disconnect"), "disconnect_button", role="danger")
        self.disconnect_button.clicked.connect(self._on_disconnect_button_clicked)
        actions.addWidget(self.disconnect_button)
        layout.addLayout(actions)
        layout.setAlignment(actions, Qt.AlignmentFlag.AlignTop)
        self.show_row(None, None)

    @property
    def view(self) -> ConnectionView | None:
        return self._view

    @property
    def username(self) -> str:
        return str(self.property("ig_username") or "")

    def show_row(
        self, view: ConnectionView | None, text: RowText | None, *, username: str = "", status: str = ""
    ) -> None:
        """Show one row, or nothing; ``view`` is None for a pending revocation or a row still being
        read, which then shows what its ``username`` and ``status`` say."""
        if view is not None:
            username, status = view.username, view.status
        shown = (view, text, username, status)
        if shown == self._shown:
            return  # nothing new: the filter or sort moved the row, or another row changed
        self._shown = shown
        self._view = view
        self.setProperty("ig_username", username)
        self.setProperty("ig_user_id", view.ig_user_id if view is not None else "")
        self.setProperty("status", status)
        if self.isHidden() == bool(username):
            self.setVisible(bool(username))
        if not username:
            return
        self.setAccessibleName(self.tr("Instagram account @{username}").format(username=username))
        self.username_label.setText(f"@{username}")
        self.account_type_label.setText(text.account_type if text is not None else "")
        if text is not None and self.account_type_label.isHidden() == bool(text.account_type):
            self.account_type_label.setVisible(bool(text.account_type))
        self.status_label.setText(text.status if text is not None else words.status_text(status))
        # A row still being read wears its status's colour already, so its arrival restyles nothing.
        kind = text.status_kind if text is not None else words.status_kind(status)
        if self.status_label.property("kind") != kind:
            self.status_label.setProperty("kind", kind)
            restyle(self.status_label)
        tooltip = text.scopes_tooltip if text is not None else ""
        if self.permissions_label.toolTip() != tooltip:
            self.permissions_label.setToolTip(tooltip)
        lines = (
            (self.permissions_label, text.permissions if text is not None else ""),
            (self.details_label, text.details_line if text is not None else ""),
            (self.reason_label, text.reason if text is not None else ""),
        )
        for line, words_shown in lines:
            line.setText(words_shown)
            # While the row is read its lines keep their place (blank), so the pane does not shrink
            # and grow again a moment later: each show or hide is a relayout of the page.
            if text is not None and line.isHidden() == bool(words_shown):
                line.setVisible(bool(words_shown))
        self.reconnect_button.setAccessibleName(self.tr("Reconnect @{username}").format(username=username))
        self.disconnect_button.setAccessibleName(self.tr("Disconnect @{username}").format(username=username))
        self._update_buttons()

    def set_busy(self, busy: bool, text: str = "") -> None:
        """Disable the buttons while the card works on this account."""
        self._busy = busy
        if busy and text:
            self.status_label.setText(text)
        self._update_buttons()

    def set_reconnect_allowed(self, allowed: bool) -> None:
        """False while a connect attempt runs (one at a time)."""
        self._reconnect_allowed = allowed
        self._update_buttons()

    def _update_buttons(self) -> None:
        view = self._view
        self.reconnect_button.setVisible(view is not None and words.can_reconnect(view.status))
        self.reconnect_button.setEnabled(not self._busy and self._reconnect_allowed)
        self.disconnect_button.setVisible(view is not None)
        self.disconnect_button.setEnabled(not self._busy)

    @Slot()
    def _on_disconnect_button_clicked(self) -> None:
        if self._view is not None:
            self.disconnect_requested.emit(self._view)

    @Slot()
    def _on_reconnect_button_clicked(self) -> None:
        if self._view is not None:
            self.reconnect_requested.emit(self._view)
