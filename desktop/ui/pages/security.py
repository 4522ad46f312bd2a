"""Security: how tokens are protected, the vault's state, and rotating the key that guards them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QScrollArea, QWidget

from desktop.core.errors import FACEBOOK_INTEGRATIONS_URL, MANAGE_ACCESS_URL, SocialdeskError, lookup
from desktop.core.i18n import translated
from desktop.core.vault.keychain_names import keychain_display_name
from desktop.core.vault.status import VaultMode, VaultStatus
from desktop.core.views import RevocationView
from desktop.ui.i18n import catalogue_text
from desktop.ui.integrations.error_panel import ErrorPanel
from desktop.ui.scroll_follow import FocusFollower
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import button, card, label, page_layout

if TYPE_CHECKING:
    from desktop.core.services import Services


class SecurityPage(QScrollArea):
    """Scrolls, so nothing is cut off in a small window or at 200% scale."""

    #: Emitted after the key was rotated or the status re-read, so banners can follow.
    vault_changed = Signal()

    def __init__(self, tasks: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("security_page")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # The page scrolls with the wheel and follows the focus; it is not a stop on the Tab chain.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._tasks = tasks
        self._services: Services | None = None
        self.status: VaultStatus | None = None
        content = QWidget()
        content.setObjectName("security_body")
        layout = page_layout(content, self.tr("Security"))
        frame, body = card("threat_model_card")
        body.addWidget(label(self.tr("How your tokens are protected"), role="section_title"))
        body.addWidget(
            label(
                self.tr(
                    "Access tokens are encrypted with a key of their own, which is itself encrypted with a key "
                    "kept in your system keychain. A copy of the disk or of the database holds no usable token. "
                    "Programs running as you on this computer are outside what encryption can stop."
                )
            )
        )
        layout.addWidget(frame)

        vault, vault_body = card("vault_card")
        vault_body.addWidget(label(self.tr("Token vault"), role="section_title"))
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(8)
        self.mode_label = label(self.tr("Checking…"), object_name="vault_mode_label")
        self.backend_label = label("", object_name="vault_backend_label")
        self.key_label = label("", object_name="vault_key_label")
        self.count_label = label("", object_name="vault_count_label")
        self.problem_label = label("", object_name="vault_problem_label")
        rows: tuple[tuple[str, QLabel], ...] = (
            (self.tr("Storage"), self.mode_label),
            (self.tr("Keychain"), self.backend_label),
            (self.tr("Active key"), self.key_label),
            (self.tr("Stored tokens"), self.count_label),
            (self.tr("Problem"), self.problem_label),
        )
        for caption, value in rows:
            # The caption describes the value; the name stays the value itself, which is read out.
            value.setAccessibleDescription(caption)
            form.addRow(caption + ":", value)
        vault_body.addLayout(form)
        vault_body.addWidget(
            label(
                self.tr(
                    "Rotating makes a new key in the keychain and re-wraps every token's own key with it; the "
                    "tokens themselves are not touched, and the old key is deleted afterwards."
                ),
                role="muted",
            )
        )
        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.rotate_button = button(self.tr("Rotate encryption key"), "rotate_key_button")
        self.rotate_button.setEnabled(False)
        self.rotate_button.clicked.connect(self._on_rotate_clicked)
        self.refresh_button = button(
            self.tr("Check again"), "refresh_vault_button", accessible_name=self.tr("Check the vault again")
        )
        self.refresh_button.setEnabled(False)
        self.refresh_button.clicked.connect(self.refresh)
        self.rotate_status = label("", role="muted", object_name="rotate_status_label")
        actions.addWidget(self.rotate_button)
        actions.addWidget(self.refresh_button)
        actions.addWidget(self.rotate_status, 1)
        vault_body.addLayout(actions)
        layout.addWidget(vault)
        # Beside the vault it is about: the message, its code, the table, and Try again.
        self.error_panel = ErrorPanel()
        self.error_panel.setObjectName("security_error_panel")
        self.error_panel.retry_requested.connect(self._on_error_panel_retry_requested)
        layout.addWidget(self.error_panel)
        self._retry: Callable[[], None] = self.refresh
        self._follower = FocusFollower(self)
        revocations, revocations_body = card("revocations_card")
        revocations_body.addWidget(
            label(self.tr("Access left at Instagram or Facebook"), role="section_title")
        )
        self.revocations_label = label(
            self.tr("Nothing: every disconnected account's access was removed."),
            role="muted",
            object_name="revocations_label",
        )
        revocations_body.addWidget(self.revocations_label)
        layout.addWidget(revocations)
        layout.addStretch(1)
        self.setWidget(content)

    def attach(self, services: Services) -> None:
        self._services = services
        self.refresh_button.setEnabled(True)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self._services is None or self._tasks is None:
            return
        self._begin(self.refresh)
        self._tasks.submit(
            self._services.vault_status,
            serial=True,
            on_success=self._on_status_read,
            on_failure=self._on_failed,
        )
        connections = self._services.connections
        self._tasks.submit(
            connections.revocations,
            serial=True,
            on_success=self._on_revocations_read,
            on_failure=self._on_failed,
        )

    @Slot(object)
    def _on_revocations_read(self, entries: object) -> None:
        assert isinstance(entries, list)
        lines = []
        for entry in entries:
            assert isinstance(entry, RevocationView)
            if entry.state == "pending":
                lines.append(
                    self.tr("@{username}: Socialdesk is still trying to remove its access.").format(
                        username=entry.username
                    )
                )
            elif entry.via == "facebook":
                lines.append(
                    self.tr(
                        "@{username}: remove by hand in Facebook's Business Integrations at {url} "
                        "(find Socialdesk, choose Remove)."
                    ).format(username=entry.username, url=FACEBOOK_INTEGRATIONS_URL)
                )
            else:
                lines.append(
                    self.tr("@{username}: remove by hand at {url} (find Socialdesk, choose Remove).").format(
                        username=entry.username, url=MANAGE_ACCESS_URL
                    )
                )
        self.revocations_label.setText(
            "\n".join(lines)
            if lines
            else self.tr("Nothing: every disconnected account's access was removed.")
        )

    @Slot(object)
    def _on_status_read(self, status: object) -> None:
        assert isinstance(status, VaultStatus)
        self.status = status
        self.mode_label.setText(self.describe_mode(status.mode))
        self.backend_label.setText(keychain_display_name(status.backend) or self.tr("None"))
        self.key_label.setText(status.active_kek_id or self.tr("None yet"))
        self.count_label.setText(str(status.record_count))
        problem = status.problem_code or ""
        text = f"{catalogue_text(lookup(problem))[0]} ({problem})" if problem else self.tr("None")
        if status.detail:
            detail = translated(status.detail)
            text = f"{text}: {detail}" if problem else detail
        self.problem_label.setText(text)
        self.rotate_button.setEnabled(status.mode == VaultMode.PERSISTENT and not problem)

    def describe_mode(self, mode: str) -> str:
        words: dict[str, str] = {
            VaultMode.PERSISTENT: self.tr("Saved, protected by your system keychain"),
            VaultMode.SESSION_ONLY: self.tr("Session only: nothing is saved (no secure keychain)"),
            VaultMode.LOCKED: self.tr("Locked: the keychain needs unlocking"),
            VaultMode.KEYS_UNAVAILABLE: self.tr("Key missing from the keychain"),
        }
        return words.get(mode, mode)

    @Slot()
    def _on_rotate_clicked(self) -> None:
        if self._services is None or self._tasks is None:
            return
        self.rotate_button.setEnabled(False)
        self.rotate_status.setText(self.tr("Rotating…"))
        self._begin(self._on_rotate_clicked)
        self._tasks.submit(
            self._services.rotate_key, serial=True, on_success=self._on_rotated, on_failure=self._on_failed
        )

    @Slot(object)
    def _on_rotated(self, _result: object) -> None:
        self.rotate_status.setText(
            self.tr("Key rotated. Every stored token is now protected by the new key.")
        )
        self.refresh()
        self.vault_changed.emit()

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        error = exc if isinstance(exc, SocialdeskError) else SocialdeskError("internal_error")
        self.rotate_status.setText("")
        self.error_panel.show_error(error.code, error.detail, retry_text=self.tr("Try again"))
        self.error_panel.focus_primary_action()
        self._follower.follow(self.error_panel)
        self.refresh_button.setEnabled(True)

    def _begin(self, action: Callable[[], None]) -> None:
        """A check or a rotation starts: the last one's error goes, and Try again will repeat this one."""
        self.error_panel.clear()
        self._retry = action

    @Slot()
    def _on_error_panel_retry_requested(self) -> None:
        self._retry()
