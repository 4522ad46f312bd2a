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
# The banners from the top down.
BANNER_ORDER = ("sandbox", "keychain_locked", "keys_unavailable", "session_only")


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
    """Shows the banners that fit the current mode; asks for retries by signal.

    Each banner is built the first time it is shown or asked for: most starts show none, and a
    hidden banner would still be styled when the window first shows.
    """

    unlock_retry_requested = Signal()
    #: The sandbox banner's "Set up Instagram app": show the Instagram app form.
    app_form_requested = Signal()
    #: The sandbox banner folded (True) or unfolded by the user.
    sandbox_collapsed_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *, sandbox_collapsed: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("banner_area")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(24, 16, 24, 0)
        self._layout.setSpacing(8)
        self._sandbox_collapsed = sandbox_collapsed
        self._form_below = False
        self._retrying = False
        self._built: dict[str, Banner] = {}
        self.hide()

    # --- each banner, built on first use (in the order they stack) ----------------------------

    def _place(self, name: str, banner: Banner) -> Banner:
        banner.hide()
        index = sum(1 for other in BANNER_ORDER[: BANNER_ORDER.index(name)] if other in self._built)
        self._layout.insertWidget(index, banner)
        self._built[name] = banner
        return banner

    @property
    def sandbox_banner(self) -> Banner:
        built = self._built.get("sandbox")
        if built is not None:
            return built
        self.app_form_button = button(self.tr("Set up Instagram app"), "sandbox_app_form_button")
        self.app_form_button.clicked.connect(self.app_form_requested)
        banner = Banner(
            "sandbox_banner",
            assets.SANDBOX_ICON,
            kind="info",
            title=self.tr("Sandbox mode"),
            text=self._sandbox_text(form_below=self._form_below),
            action=self.app_form_button,
            collapsible=True,
            parent=self,
        )
        self.app_form_button.setVisible(not self._form_below)
        banner.set_collapsed(self._sandbox_collapsed)
        banner.collapsed_changed.connect(self._on_sandbox_collapsed_changed)
        return self._place("sandbox", banner)

    @property
    def session_only_banner(self) -> Banner:
        built = self._built.get("session_only")
        if built is not None:
            return built
        banner = Banner(
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
            parent=self,
        )
        return self._place("session_only", banner)

    @property
    def keychain_locked_banner(self) -> Banner:
        built = self._built.get("keychain_locked")
        if built is not None:
            return built
        self._unlock_retry_button = button(self.tr("Unlock and retry"), "unlock_retry_button", role="primary")
        self._unlock_retry_button.clicked.connect(self._on_unlock_retry_clicked)
        locked_message, _locked_meaning, locked_action = catalogue_text(lookup("keychain_locked"))
        banner = Banner(
            "keychain_locked_banner",
            assets.LOCK_ICON,
            kind="warning",
            title=locked_message,
            text=self.tr(
                "Socialdesk needs the key in your system keychain to read and save connections. {action}"
            ).format(action=locked_action),
            action=self._unlock_retry_button,
            parent=self,
        )
        self._place("keychain_locked", banner)
        self._show_retrying()
        return banner

    @property
    def keys_unavailable_banner(self) -> Banner:
        built = self._built.get("keys_unavailable")
        if built is not None:
            return built
        self._keys_retry_button = button(
            self.tr("Retry"),
            "keys_retry_button",
            accessible_name=self.tr("Retry reading the key"),
        )
        self._keys_retry_button.clicked.connect(self._on_unlock_retry_clicked)
        keys = lookup("vault_keys_unavailable")
        banner = Banner(
            "keys_unavailable_banner",
            assets.ERROR_ICON,
            kind="error",
            title=keys.message,
            text=f"{keys.meaning} {keys.action}",
            action=self._keys_retry_button,
            parent=self,
        )
        self._place("keys_unavailable", banner)
        self._show_retrying()
        return banner

    @property
    def unlock_retry_button(self) -> QPushButton:
        self.keychain_locked_banner  # noqa: B018 - builds it (and its button) on first use
        return self._unlock_retry_button

    @property
    def keys_retry_button(self) -> QPushButton:
        self.keys_unavailable_banner  # noqa: B018 - builds it (and its button) on first use
        return self._keys_retry_button

    @Slot(bool)
    def _on_sandbox_collapsed_changed(self, collapsed: bool) -> None:
        self._sandbox_collapsed = collapsed
        self.sandbox_collapsed_changed.emit(collapsed)

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
        self._form_below = below
        banner = self._built.get("sandbox")
        if banner is None:
            return
        text = self._sandbox_text(form_below=below)
        banner.text_label.setText(text)
        banner.setAccessibleDescription(text)
        self.app_form_button.setVisible(not below)

    def banners(self) -> tuple[Banner, ...]:
        """The banners built so far (the others have never been shown), in the order they stack."""
        return tuple(self._built[name] for name in BANNER_ORDER if name in self._built)

    def show_state(self, *, sandbox: bool, storage_mode: str, problem_code: str | None = None) -> None:
        """``problem_code``: why the keys are unavailable, when it is a team's reason (not yet approved,
        removed), which the banner then states instead of "the key is missing from the keychain"."""
        wanted = {
            "sandbox": sandbox,
            "session_only": storage_mode == STORAGE_SESSION_ONLY,
            "keychain_locked": storage_mode == STORAGE_LOCKED,
            "keys_unavailable": storage_mode == STORAGE_KEYS_UNAVAILABLE,
        }
        if wanted["keys_unavailable"] or "keys_unavailable" in self._built:
            keys = lookup(problem_code if problem_code in TEAM_PROBLEMS else "vault_keys_unavailable")
            message, meaning, action = catalogue_text(keys)
            self.keys_unavailable_banner.title_label.setText(message)
            self.keys_unavailable_banner.text_label.setText(f"{meaning} {action}")
        for name, show in wanted.items():
            if show or name in self._built:
                self._banner(name).setVisible(show)
        self.set_retrying(False)
        self.setVisible(any(not banner.isHidden() for banner in self.banners()))

    def _banner(self, name: str) -> Banner:
        return getattr(self, f"{name}_banner")  # type: ignore[no-any-return]

    def set_retrying(self, retrying: bool) -> None:
        self._retrying = retrying
        self._show_retrying()

    def _show_retrying(self) -> None:
        retrying = self._retrying
        if "keys_unavailable" in self._built:
            self._keys_retry_button.setEnabled(not retrying)
        if "keychain_locked" in self._built:
            self._unlock_retry_button.setEnabled(not retrying)
            self._unlock_retry_button.setText(
                self.tr("Unlocking…") if retrying else self.tr("Unlock and retry")
            )

    @Slot()
    def _on_unlock_retry_clicked(self) -> None:
        self.set_retrying(True)
        self.unlock_retry_requested.emit()
