"""Banners that say how the app is running: sandbox, session-only, locked keychain, missing keys.

They sit at the top of the window because they concern everything in it. Each one says what is
happening, why, and the way out; the locked and missing-key banners carry a button that retries.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.core.errors import lookup
from desktop.core.settings import Paths, load_settings, save_settings
from desktop.ui import assets
from desktop.ui.i18n import catalogue_text
from desktop.ui.widgets import SPACING, button, icon_label, label

STORAGE_PERSISTENT = "persistent"
STORAGE_SESSION_ONLY = "session-only"
STORAGE_LOCKED = "locked"
STORAGE_KEYS_UNAVAILABLE = "keys-unavailable"
#: Keys-unavailable reasons of a team desktop, each with its own words in the banner.
TEAM_PROBLEMS = ("team_member_pending", "team_member_removed", "team_key_unverified")


def remember_sandbox_banner(paths: Paths, collapsed: bool) -> None:
    """Keep the sandbox banner folded or not for next time; re-read first so no other setting is lost."""
    settings = load_settings(paths)
    if settings.sandbox_banner_collapsed != collapsed:
        settings.sandbox_banner_collapsed = collapsed
        save_settings(paths, settings)


class Banner(QFrame):
    """An icon, a title, an explanation and an optional action button; ``collapsible`` ones fold to their title."""

    collapsed_changed = Signal(bool)

    def __init__(
        self,
        object_name: str,
        icon: Path,
        *,
        kind: str,
        title: str,
        text: str,
        action: QPushButton | None = None,
        collapsible: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setProperty("role", "banner")
        self.setProperty("kind", kind)
        self.setAccessibleName(title)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 10, 14, 10)
        row.setSpacing(SPACING)
        row.addWidget(
            icon_label(icon, 20, object_name=f"{object_name}_icon", accessible_name=kind),
            0,
            Qt.AlignmentFlag.AlignTop,
        )
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title_label = label(title, role="banner_title", object_name=f"{object_name}_title")
        self.text_label = label(text, object_name=f"{object_name}_text")
        texts.addWidget(self.title_label)
        texts.addWidget(self.text_label)
        row.addLayout(texts, 1)
        if action is not None:
            row.addWidget(action, 0, Qt.AlignmentFlag.AlignVCenter)
        self.collapse_button: QPushButton | None = None
        if collapsible:
            self.collapse_button = button(self.tr("Hide details"), f"{object_name}_collapse_button")
            self.collapse_button.setCheckable(True)
            self.collapse_button.toggled.connect(self._on_collapse_toggled)
            row.addWidget(self.collapse_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setAccessibleDescription(text)

    def is_collapsed(self) -> bool:
        return self.collapse_button is not None and self.collapse_button.isChecked()

    def set_collapsed(self, collapsed: bool) -> None:
        """Fold to the title (or unfold) without announcing it: for the state remembered at start."""
        if self.collapse_button is None:
            return
        self.collapse_button.blockSignals(True)
        self.collapse_button.setChecked(collapsed)
        self.collapse_button.blockSignals(False)
        self._apply_collapsed(collapsed)

    @Slot(bool)
    def _on_collapse_toggled(self, collapsed: bool) -> None:
        self._apply_collapsed(collapsed)
        self.collapsed_changed.emit(collapsed)

    def _apply_collapsed(self, collapsed: bool) -> None:
        assert self.collapse_button is not None
        self.text_label.setVisible(not collapsed)
        text = self.tr("Show details") if collapsed else self.tr("Hide details")
        self.collapse_button.setText(text)
        self.collapse_button.setAccessibleName(text)


class BannerArea(QWidget):
    """Shows the banners that fit the current mode; asks for retries by signal."""

    unlock_retry_requested = Signal()
    #: The sandbox banner's "Set up Instagram app": show the Instagram app form.
    app_form_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner_area")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 0)
        layout.setSpacing(8)
        self.app_form_button = button(self.tr("Set up Instagram app"), "sandbox_app_form_button")
        self.app_form_button.clicked.connect(self.app_form_requested)
        self.sandbox_banner = Banner(
            "sandbox_banner",
            assets.SANDBOX_ICON,
            kind="info",
            title=self.tr("Sandbox mode"),
            text=self._sandbox_text(form_below=False),
            action=self.app_form_button,
            collapsible=True,
        )
        self.session_only_banner = Banner(
            "session_only_banner",
            assets.WARNING_ICON,
            kind="warning",
            title=self.tr("Connections last only until you quit"),
            text=self.tr(
                "No secure keychain is available, so Socialdesk keeps its encryption key in memory and "
                "saves nothing to disk; it never falls back to storing tokens in plain text. "
                "Install and start GNOME Keyring or KWallet (or sign in to a desktop session), then restart "
                "Socialdesk."
            ),
        )
        self.unlock_retry_button = button(self.tr("Unlock and retry"), "unlock_retry_button", role="primary")
        self.unlock_retry_button.clicked.connect(self._on_unlock_retry_clicked)
        locked_message, _locked_meaning, locked_action = catalogue_text(lookup("keychain_locked"))
        self.keychain_locked_banner = Banner(
            "keychain_locked_banner",
            assets.LOCK_ICON,
            kind="warning",
            title=locked_message,
            text=self.tr(
                "Socialdesk needs the key in your system keychain to read and save connections. {action}"
            ).format(action=locked_action),
            action=self.unlock_retry_button,
        )
        self.keys_retry_button = button(
            self.tr("Retry"), "keys_retry_button", accessible_name=self.tr("Retry reading the key")
        )
        self.keys_retry_button.clicked.connect(self._on_unlock_retry_clicked)
        keys = lookup("vault_keys_unavailable")
        self.keys_unavailable_banner = Banner(
            "keys_unavailable_banner",
            assets.ERROR_ICON,
            kind="error",
            title=keys.message,
            text=f"{keys.meaning} {keys.action}",
            action=self.keys_retry_button,
        )
        for banner in self.banners():
            layout.addWidget(banner)
            banner.hide()
        self.hide()

    def _sandbox_text(self, *, form_below: bool) -> str:
        if form_below:
            return self.tr(
                "Socialdesk is talking to a local Instagram on this computer, so you can try every step "
                "safely. Nothing reaches the real Instagram until you set up your Instagram app in the "
                "Instagram app form below."
            )
        return self.tr(
            "Socialdesk is talking to a local Instagram on this computer, so you can try every step "
            "safely. Nothing reaches the real Instagram until you set up your Instagram app under Integrations → "
            "Instagram app."
        )

    def set_app_form_below(self, below: bool) -> None:
        """Follow the page on show: "below" only where the Instagram app form is below the banner.

        Where it is, the banner needs no button to reach it; elsewhere "Set up Instagram app" goes there.
        """
        text = self._sandbox_text(form_below=below)
        self.sandbox_banner.text_label.setText(text)
        self.sandbox_banner.setAccessibleDescription(text)
        self.app_form_button.setVisible(not below)

    def banners(self) -> tuple[Banner, ...]:
        return (
            self.sandbox_banner,
            self.keychain_locked_banner,
            self.keys_unavailable_banner,
            self.session_only_banner,
        )

    def show_state(self, *, sandbox: bool, storage_mode: str, problem_code: str | None = None) -> None:
        """``problem_code``: why the keys are unavailable, when it is a team's reason (not yet approved,
        removed), which the banner then states instead of "the key is missing from the keychain"."""
        keys = lookup(problem_code if problem_code in TEAM_PROBLEMS else "vault_keys_unavailable")
        message, meaning, action = catalogue_text(keys)
        self.keys_unavailable_banner.title_label.setText(message)
        self.keys_unavailable_banner.text_label.setText(f"{meaning} {action}")
        self.sandbox_banner.setVisible(sandbox)
        self.session_only_banner.setVisible(storage_mode == STORAGE_SESSION_ONLY)
        self.keychain_locked_banner.setVisible(storage_mode == STORAGE_LOCKED)
        self.keys_unavailable_banner.setVisible(storage_mode == STORAGE_KEYS_UNAVAILABLE)
        self.set_retrying(False)
        self.setVisible(any(not banner.isHidden() for banner in self.banners()))

    def set_retrying(self, retrying: bool) -> None:
        for widget in (self.unlock_retry_button, self.keys_retry_button):
            widget.setEnabled(not retrying)
        self.unlock_retry_button.setText(self.tr("Unlocking…") if retrying else self.tr("Unlock and retry"))

    @Slot()
    def _on_unlock_retry_clicked(self) -> None:
        self.set_retrying(True)
        self.unlock_retry_requested.emit()
