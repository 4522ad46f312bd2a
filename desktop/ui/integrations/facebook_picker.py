"""The two ways in, and the picker of Page-linked accounts after a Facebook consent.

:class:`WayChooser` sits beside Connect Instagram: "Sign in with Instagram" (one account, today's
path) or "Sign in with Facebook" (the accounts linked to Pages you manage), each with one line
saying who it is for. :class:`FacebookPicker` lists every eligible account with its picture,
@username and Page, ticked, and under it each Page that has no account to connect with the reason
in words. It only asks; the card does the work on its TaskRunner.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QPixmap
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
from desktop.ui.widgets import SPACING, button, clear_layout, label, named

VIA_INSTAGRAM = "instagram"
VIA_FACEBOOK = "facebook"


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
            QRadioButton(self.tr("Sign in with Instagram")), "sign_in_instagram_option"
        )
        self.instagram_option.setChecked(True)
        self.facebook_option = named(
            QRadioButton(self.tr("Sign in with Facebook")), "sign_in_facebook_option"
        )
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

    @property
    def via(self) -> str:
        """Facebook only when offered (the chooser is shown once a Facebook app is available)."""
        return VIA_FACEBOOK if self.facebook_option.isChecked() and not self.isHidden() else VIA_INSTAGRAM

    def choose(self, via: str) -> None:
        (self.facebook_option if via == VIA_FACEBOOK else self.instagram_option).setChecked(True)


class _CandidateRow(QFrame):
    def __init__(self, candidate: Candidate, pictures: PictureCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.candidate = candidate
        self._pictures = pictures
        self.setObjectName("picker_row")
        self.setProperty("ig_username", candidate.username)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 6, 4, 6)
        row.setSpacing(10)
        self.checkbox = named(QCheckBox(), "picker_checkbox")
        self.checkbox.setChecked(True)
        self.checkbox.setAccessibleName(
            self.tr("Connect @{username} (Page {page})").format(
                username=candidate.username, page=candidate.page_name
            )
        )
        row.addWidget(self.checkbox, 0, Qt.AlignmentFlag.AlignVCenter)
        self.avatar = named(QLabel(), "picker_avatar")
        self.avatar.setFixedSize(AVATAR_SIZE, AVATAR_SIZE)
        self.avatar.setAccessibleName(
            self.tr("Profile picture of @{username}").format(username=candidate.username)
        )
        self.avatar.setPixmap(assets.icon(assets.AVATAR_PLACEHOLDER).pixmap(QSize(AVATAR_SIZE, AVATAR_SIZE)))
        row.addWidget(self.avatar)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(
            label(f"@{candidate.username}", role="row_title", object_name="picker_username", wrap=False)
        )
        page = self.tr("Page: {page}").format(page=candidate.page_name)
        if candidate.business_name:
            page = self.tr("Page: {page}, through {business}").format(
                page=candidate.page_name, business=candidate.business_name
            )
        if candidate.connected:
            page = self.tr("{page} · already connected: its access is renewed").format(page=page)
        text.addWidget(label(page, role="muted", object_name="picker_page"))
        row.addLayout(text, 1)
        pictures.loaded.connect(self._on_picture_loaded)
        self._show(pictures.pixmap(candidate.profile_picture_url))

    def _show(self, pixmap: QPixmap | None) -> None:
        if pixmap is not None:
            self.avatar.setPixmap(round_avatar(pixmap, AVATAR_SIZE, self.devicePixelRatioF()))
            self.avatar.setProperty("placeholder", False)

    @Slot(str)
    def _on_picture_loaded(self, url: str) -> None:
        if url == self.candidate.profile_picture_url:
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
        self._row_widgets: list[_CandidateRow] = []
        self._reason_widgets: list[QLabel] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(SPACING)
        self.title_label = label("", role="section_title", object_name="picker_title")
        layout.addWidget(self.title_label)
        self._rows = QVBoxLayout()
        self._rows.setSpacing(0)
        layout.addLayout(self._rows)
        self._reasons = QVBoxLayout()
        self._reasons.setSpacing(4)
        layout.addLayout(self._reasons)
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
        for candidate in discovery.candidates:
            row = _CandidateRow(candidate, self._pictures, self)
            row.checkbox.toggled.connect(self._update_button)
            self._rows.addWidget(row)
            self._row_widgets.append(row)
        for problem in discovery.problems:
            reason = self._reason_words(problem.reason)
            text = self.tr("{page}: {reason}").format(
                page=problem.page_name or problem.page_id, reason=reason
            )
            line = label(text, role="status_reason", object_name="picker_reason")
            line.setProperty("reason", problem.reason)
            self._reasons.addWidget(line)
            self._reason_widgets.append(line)
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
        return list(self._row_widgets)

    def reason_labels(self) -> list[QLabel]:
        return list(self._reason_widgets)

    def chosen(self) -> list[str]:
        return [row.candidate.ig_user_id for row in self.rows() if row.checkbox.isChecked()]

    def close_picker(self) -> None:
        self.discovery = None
        self._clear()
        self.hide()

    def _clear(self) -> None:
        clear_layout(self._rows)
        clear_layout(self._reasons)
        self._row_widgets.clear()
        self._reason_widgets.clear()

    @Slot()
    def _update_button(self) -> None:
        count = len(self.chosen())
        self.connect_button.setText(
            self.tr("Connect %n account(s)", "", count) if count else self.tr("Connect")
        )
        self.connect_button.setEnabled(count > 0)

    @Slot()
    def _on_connect_clicked(self) -> None:
        if self.discovery is not None and self.chosen():
            self.setEnabled(False)
            self.connect_requested.emit(self.discovery, self.chosen())

    @Slot()
    def _on_cancel_clicked(self) -> None:
        discovery = self.discovery
        self.close_picker()
        if discovery is not None:
            self.dismissed.emit(discovery)
