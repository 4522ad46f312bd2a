"""The two ways in, and the picker of Page-linked accounts after a Facebook consent.

:class:`WayChooser` sits beside Connect Instagram: "Sign in with Instagram" (one account, today's
path) or "Sign in with Facebook" (the accounts linked to Pages you manage), each with one line
saying who it is for. :class:`FacebookPicker` lists every eligible account with its picture,
@username and Page, ticked, and under it each Page that has no account to connect with the reason
in words. It only asks; the card does the work on its TaskRunner.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.facebook.discovery import NO_PAGE_ACCESS, NOT_LINKED, NOT_TICKED, Candidate, Discovery
from desktop.ui import assets
from desktop.ui.integrations.connection_delegate import AVATAR_SIZE, round_avatar
from desktop.ui.integrations.pictures import PictureCache
from desktop.ui.widgets import SPACING, button, label, named

VIA_INSTAGRAM = "instagram"
VIA_FACEBOOK = "facebook"


class _WayOption(QRadioButton):
    """An option that stays a tab stop when not ticked: Qt takes Tab focus from a group's unticked
    buttons whenever one takes the focus or is ticked, so a Tab-and-Space user could never pick it."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._keep_tabbable()

    def checkStateSet(self) -> None:
        super().checkStateSet()
        self._keep_tabbable()

    def _keep_tabbable(self) -> None:
        group = self.group()
        for option in group.buttons() if group is not None else [self]:
            option.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class WayChooser(QFrame):
    """Which sign-in Connect Instagram starts; Instagram unless the user picks Facebook."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("way_chooser")
        self.setAccessibleName(self.tr("How to connect"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self._group = QButtonGroup(self)
        self.instagram_option = named(
            _WayOption(self.tr("Sign in with Instagram")), "sign_in_instagram_option"
        )
        self.instagram_option.setChecked(True)
        self.facebook_option = named(_WayOption(self.tr("Sign in with Facebook")), "sign_in_facebook_option")
        for option, line, name in (
            (
                self.instagram_option,
                self.tr("One account: you sign in as that Instagram account."),
                "sign_in_instagram_help",
            ),
            (
                self.facebook_option,
                self.tr(
                    "The accounts linked to Facebook Pages you manage, several at once, no Instagram password."
                ),
                "sign_in_facebook_help",
            ),
        ):
            self._group.addButton(option)
            layout.addWidget(option)
            help_label = label(line, role="muted", object_name=name)
            help_label.setContentsMargins(24, 0, 0, 4)
            option.setAccessibleName(option.text())
            option.setAccessibleDescription(line)
            layout.addWidget(help_label)
        self.instagram_option._keep_tabbable()

    def options(self) -> list[QRadioButton]:
        """The options in tab order."""
        return [self.instagram_option, self.facebook_option]

    @property
    def via(self) -> str:
        """Facebook only when offered (the chooser is shown once a Facebook app is available)."""
        return VIA_FACEBOOK if self.facebook_option.isChecked() and not self.isHidden() else VIA_INSTAGRAM

    def choose(self, via: str) -> None:
        (self.facebook_option if via == VIA_FACEBOOK else self.instagram_option).setChecked(True)


class _CandidateRow(QFrame):
    """One account's row. Rows are kept and refilled for the next discovery, never torn down while
    a screen reader may be reading them (deleting accessible widgets under Qt's accessibility cache
    has crashed it)."""

    def __init__(self, pictures: PictureCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.candidate: Candidate | None = None
        self._pictures = pictures
        self.setObjectName("picker_row")
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 6, 4, 6)
        row.setSpacing(10)
        self.checkbox = named(QCheckBox(), "picker_checkbox")
        row.addWidget(self.checkbox, 0, Qt.AlignmentFlag.AlignVCenter)
        self.avatar = named(QLabel(), "picker_avatar")
        self.avatar.setFixedSize(AVATAR_SIZE, AVATAR_SIZE)
        row.addWidget(self.avatar)
        text = QVBoxLayout()
        text.setSpacing(2)
        self.username_label = label("", role="row_title", object_name="picker_username", wrap=False)
        text.addWidget(self.username_label)
        self.page_label = label("", role="muted", object_name="picker_page")
        text.addWidget(self.page_label)
        row.addLayout(text, 1)
        pictures.loaded.connect(self._on_picture_loaded)

    def fill(self, candidate: Candidate) -> None:
        """Show ``candidate``, ticked."""
        self.candidate = candidate
        self.setProperty("ig_username", candidate.username)
        self.checkbox.setChecked(True)
        self.checkbox.setAccessibleName(
            self.tr("Connect @{username} (Page {page})").format(
                username=candidate.username, page=candidate.page_name
            )
        )
        self.avatar.setAccessibleName(
            self.tr("Profile picture of @{username}").format(username=candidate.username)
        )
        self.avatar.setPixmap(assets.icon(assets.AVATAR_PLACEHOLDER).pixmap(QSize(AVATAR_SIZE, AVATAR_SIZE)))
        self.avatar.setProperty("placeholder", True)
        self.username_label.setText(f"@{candidate.username}")
        page = self.tr("Page: {page}").format(page=candidate.page_name)
        if candidate.business_name:
            page = self.tr("Page: {page}, through {business}").format(
                page=candidate.page_name, business=candidate.business_name
            )
        if candidate.connected:
            page = self.tr("{page} · already connected: its access is renewed").format(page=page)
        self.page_label.setText(page)
        # The row is read out as what it shows: the @username and its Page.
        self.setAccessibleName(f"@{candidate.username}, {page}")
        self._show(self._pictures.pixmap(candidate.profile_picture_url))

    def _show(self, pixmap: QPixmap | None) -> None:
        if pixmap is not None:
            self.avatar.setPixmap(round_avatar(pixmap, AVATAR_SIZE, self.devicePixelRatioF()))
            self.avatar.setProperty("placeholder", False)

    @Slot(str)
    def _on_picture_loaded(self, url: str) -> None:
        if self.candidate is not None and url == self.candidate.profile_picture_url:
            self._show(self._pictures.pixmap(url))


class FacebookPicker(QFrame):
    """The accounts one Facebook consent reaches; Connect stores the ticked ones in one step."""

    connect_requested = Signal(object, object)  # (Discovery, list of Instagram user ids)
    dismissed = Signal(object)  # Discovery

    def __init__(self, pictures: PictureCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("facebook_picker")
        self.setProperty("role", "panel")
        self.setAccessibleName(self.tr("Choose the accounts to connect"))
        self._pictures = pictures
        self.discovery: Discovery | None = None
        # Every row and reason line ever made, the first ones in use: kept for the next discovery.
        self._row_pool: list[_CandidateRow] = []
        self._reason_pool: list[QLabel] = []
        self._rows_in_use = 0
        self._reasons_in_use = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(SPACING)
        self.title_label = label("", role="section_title", object_name="picker_title")
        layout.addWidget(self.title_label)
        # Their own containers, made before the buttons: read and tabbed through before them.
        self._rows_box = named(QWidget(self), "picker_rows")
        self._rows = QVBoxLayout(self._rows_box)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(0)
        layout.addWidget(self._rows_box)
        self._reasons_box = named(QWidget(self), "picker_reasons")
        self._reasons = QVBoxLayout(self._reasons_box)
        self._reasons.setContentsMargins(0, 0, 0, 0)
        self._reasons.setSpacing(4)
        layout.addWidget(self._reasons_box)
        self.hint_label = label(
            self.tr(
                "A Page you manage is missing? It was not ticked in the Facebook dialog: reconnect with Facebook "
                "and tick it."
            ),
            role="muted",
            object_name="picker_hint",
        )
        layout.addWidget(self.hint_label)
        actions = QHBoxLayout()
        actions.addStretch(1)
        self.cancel_button = button(self.tr("Cancel"), "picker_cancel_button")
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        actions.addWidget(self.cancel_button)
        self.connect_button = button(self.tr("Connect"), "picker_connect_button", role="primary")
        self.connect_button.clicked.connect(self._on_connect_clicked)
        actions.addWidget(self.connect_button)
        for action in (self.cancel_button, self.connect_button):
            action.setAutoDefault(True)  # Enter presses it, as Space does (outside a dialog it would not)
        layout.addLayout(actions)
        self.hide()

    def show_discovery(self, discovery: Discovery) -> None:
        self.discovery = discovery
        self._clear()
        who = discovery.person_name or self.tr("you")
        self.title_label.setText(
            self.tr("Accounts linked to Pages {person} manages").format(person=who)
            if discovery.person_name
            else self.tr("Accounts linked to your Pages")
        )
        for index, candidate in enumerate(discovery.candidates):
            if index == len(self._row_pool):
                row = _CandidateRow(self._pictures, self._rows_box)
                row.checkbox.toggled.connect(self._update_button)
                self._rows.addWidget(row)
                self._row_pool.append(row)
            row = self._row_pool[index]
            row.checkbox.blockSignals(True)
            row.fill(candidate)
            row.checkbox.blockSignals(False)
            row.show()
        self._rows_in_use = len(discovery.candidates)
        for index, problem in enumerate(discovery.problems):
            if index == len(self._reason_pool):
                line = label("", role="status_reason", object_name="picker_reason")
                self._reasons.addWidget(line)
                self._reason_pool.append(line)
            line = self._reason_pool[index]
            reason = self._reason_words(problem.reason)
            line.setText(
                self.tr("{page}: {reason}").format(page=problem.page_name or problem.page_id, reason=reason)
            )
            line.setProperty("reason", problem.reason)
            line.show()
        self._reasons_in_use = len(discovery.problems)
        self._update_button()
        self.setEnabled(True)
        self.show()
        first = self.rows()[0].checkbox if self.rows() else self.connect_button
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _reason_words(self, reason: str) -> str:
        return {
            NOT_LINKED: self.tr(
                "No Instagram Business or Creator account is linked to this Page. If the account is Personal, "
                "switch it to professional in the Instagram app; then link it to the Page in Meta Business Suite "
                "and retry."
            ),
            NOT_TICKED: self.tr(
                "This Page was not ticked in the Facebook dialog. Reconnect with Facebook and tick it."
            ),
            NO_PAGE_ACCESS: self.tr(
                "Facebook gave no access to this Page: your role on it may not allow managing its Instagram "
                "account. Ask a Page admin for full control, then retry."
            ),
        }.get(reason, reason)

    def rows(self) -> list[_CandidateRow]:
        return self._row_pool[: self._rows_in_use]

    def reason_labels(self) -> list[QLabel]:
        return self._reason_pool[: self._reasons_in_use]

    def focus_chain(self) -> list[QWidget]:
        """Its controls in tab order: the accounts' boxes top to bottom, Cancel, Connect."""
        chain: list[QWidget] = [row.checkbox for row in self.rows()]
        return [*chain, self.cancel_button, self.connect_button]

    def chosen(self) -> list[str]:
        return [
            row.candidate.ig_user_id
            for row in self.rows()
            if row.candidate is not None and row.checkbox.isChecked()
        ]

    def close_picker(self) -> None:
        self.discovery = None
        self._clear()
        self.hide()

    def _clear(self) -> None:
        """Hide the rows and reason lines in use; they are refilled by the next discovery."""
        for widget in [*self.rows(), *self.reason_labels()]:
            widget.hide()
        self._rows_in_use = 0
        self._reasons_in_use = 0

    @Slot()
    def _update_button(self) -> None:
        count = len(self.chosen())
        text = self.tr("Connect %n account(s)", "", count) if count else self.tr("Connect")
        self.connect_button.setText(text)
        self.connect_button.setAccessibleName(text)  # read out as it shows, the count included
        self.connect_button.setEnabled(count > 0)

    @Slot()
    def _on_connect_clicked(self) -> None:
        if self.discovery is not None and self.chosen():
            # Heard first, so the card can keep the focus before the picker's controls are disabled.
            self.connect_requested.emit(self.discovery, self.chosen())
            self.setEnabled(False)

    @Slot()
    def _on_cancel_clicked(self) -> None:
        discovery = self.discovery
        if discovery is not None:
            self.dismissed.emit(discovery)  # heard while the focus is still on Cancel
        self.close_picker()
