"""The inline error panel: what went wrong, its code, what it means, what to do, and a Retry button.

Below it sits the troubleshooting table: the matching row in full, every other code one click away
("Show all codes"), so support can be told a code rather than a paraphrase.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.core.errors import NO_CALLBACK, lookup
from desktop.core.i18n import translated
from desktop.core.views import scope_in_words
from desktop.ui import assets
from desktop.ui.i18n import catalogue_text
from desktop.ui.integrations.retry_wording import RetryWording
from desktop.ui.integrations.troubleshooting import TroubleshootingTable
from desktop.ui.widgets import SPACING, button, icon_label, label, named

_SCOPE_RE = re.compile(r"\binstagram_business_[a-z_]+\b")


def missing_permissions(detail: str) -> list[str]:
    """The scope names in a ``scope_rejected`` detail, in order, without repeats."""
    seen: list[str] = []
    for scope in _SCOPE_RE.findall(detail):
        if scope not in seen:
            seen.append(scope)
    return seen


class ErrorPanel(QFrame):
    retry_requested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error_panel")
        self.setAccessibleName(self.tr("Error"))
        self._code: str | None = None
        self._detail = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 16)
        layout.setSpacing(8)

        head = QHBoxLayout()
        head.setSpacing(SPACING)
        head.addWidget(
            icon_label(assets.ERROR_ICON, 22, object_name="error_icon", accessible_name=self.tr("Error")),
            0,
            Qt.AlignmentFlag.AlignTop,
        )
        self._message = label("", role="error_message", object_name="error_message_label")
        head.addWidget(self._message, 1)
        self._code_label = named(QLabel(), "error_code_label")
        self._code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # No accessible name: a screen reader reads the code itself, described as the error code.
        self._code_label.setAccessibleDescription(self.tr("Error code"))
        head.addWidget(self._code_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)

        body = QVBoxLayout()
        body.setContentsMargins(34, 0, 0, 0)
        body.setSpacing(6)
        self._meaning = label("", object_name="error_meaning_label")
        self._action = label("", object_name="error_action_label")
        self._detail_label = label("", role="muted", object_name="error_detail_label")
        self._detail_label.setTextFormat(Qt.TextFormat.PlainText)
        for widget in (self._meaning, self._action, self._detail_label):
            body.addWidget(widget)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        self._retry_wording = RetryWording(self)
        self.retry_button = button(self.tr("Retry"), "retry_button", role="primary")
        self.retry_button.clicked.connect(self._on_retry_clicked)
        self.dismiss_button = button(self.tr("Dismiss"), "dismiss_error_button")
        self.dismiss_button.clicked.connect(self._on_dismiss_clicked)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        body.addSpacing(4)
        body.addLayout(buttons)
        body.addSpacing(8)
        table_head = QHBoxLayout()
        table_head.setSpacing(8)
        table_head.addWidget(label(self.tr("Troubleshooting"), role="subsection_title", wrap=False))
        table_head.addStretch(1)
        self.show_all_button = button(self.tr("Show all codes"), "show_all_codes_button")
        self.show_all_button.setCheckable(True)
        self.show_all_button.toggled.connect(self._on_show_all_toggled)
        table_head.addWidget(self.show_all_button)
        body.addLayout(table_head)
        self.table = TroubleshootingTable(self)
        self.table.set_expanded(False)
        body.addWidget(self.table)
        layout.addLayout(body)
        self.hide()

    @property
    def code(self) -> str | None:
        """The code on show, or None while hidden."""
        return self._code

    def show_error(
        self, code: str, detail: str = "", *, retry_text: str = "", can_retry: bool = True
    ) -> None:
        info = lookup(code)
        self._code, self._detail = info.code, detail
        message, meaning, action = catalogue_text(info)
        self._message.setText(message)
        self._code_label.setText(info.code)
        self._code_label.setToolTip(self.tr("Quote this code when you ask for help"))
        self._meaning.setText(self.tr("What it means: {meaning}").format(meaning=meaning))
        if retry_text and can_retry:
            action = self._retry_wording.action(info.code, retry_text) or action
        self._action.setText(self.tr("What to do: {action}").format(action=action))
        extra = self._describe_detail(info.code, detail)
        self._detail_label.setText(extra)
        self._detail_label.setVisible(bool(extra))
        self.retry_button.setText(retry_text or self.tr("Retry"))
        self.retry_button.setAccessibleName(retry_text or self.tr("Retry"))
        self.retry_button.setVisible(can_retry)
        self.setAccessibleDescription(f"{message} ({info.code})")
        self.show_all_button.setChecked(False)
        self.table.select_code(info.code)
        self.table.set_expanded(False)
        self.show()

    def focus_primary_action(self) -> None:
        """The focus on Retry (what the user most likely wants next), or on Dismiss without one."""
        target = self.retry_button if self.retry_button.isVisibleTo(self) else self.dismiss_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        self._code, self._detail = None, ""
        self.hide()

    def _describe_detail(self, code: str, detail: str) -> str:
        if code == "scope_rejected":
            scopes = missing_permissions(detail)
            if scopes:
                words = ", ".join(f"{scope_in_words(s)} ({s})" for s in scopes)
                return self.tr("Not granted: {permissions}.").format(permissions=words)
        if code == "state_expired" and detail == NO_CALLBACK:
            return self.tr(
                "Socialdesk never heard back from Instagram. If your browser showed one of Meta's own "
                "error screens, such as “Invalid Scopes”, “URL Blocked” or “Invalid platform app”, Meta "
                "stopped the sign-in before it could return here: check the App ID and redirect URI under "
                "Instagram app against your app in the Meta dashboard. Otherwise the ten minutes simply "
                "ran out."
            )
        if detail and detail != NO_CALLBACK:
            return self.tr("Details: {detail}").format(detail=translated(detail))
        return ""

    @Slot(bool)
    def _on_show_all_toggled(self, checked: bool) -> None:
        self.table.set_expanded(checked)
        self.show_all_button.setText(self.tr("Show only this code") if checked else self.tr("Show all codes"))

    @Slot()
    def _on_retry_clicked(self) -> None:
        self.retry_requested.emit()

    @Slot()
    def _on_dismiss_clicked(self) -> None:
        self.clear()
        self.dismissed.emit()
