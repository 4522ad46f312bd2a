"""One connected Instagram account: who it is, what it may do, how long its token lasts, its state."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.core.errors import CATALOGUE, MANAGE_ACCESS_URL, lookup
from desktop.core.vault.status import RESET_REASON as VAULT_RESET_REASON
from desktop.core.views import (
    STATUS_ACTIVE,
    STATUS_MISSING_PERMISSION,
    STATUS_NEEDS_RECONNECT,
    STATUS_REVOCATION_PENDING,
    ConnectionView,
    scope_in_words,
)
from desktop.ui import assets
from desktop.ui.integrations.pictures import PictureCache
from desktop.ui.widgets import button, chip, label, named, restyle

AVATAR_SIZE = 48


def round_avatar(source: QPixmap, size: int, device_pixel_ratio: float) -> QPixmap:
    """``source`` cropped to a circle, sharp at the screen's scale."""
    pixels = round(size * device_pixel_ratio)
    scaled = source.scaled(
        QSize(pixels, pixels),
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    result = QPixmap(pixels, pixels)
    result.fill(QColor(0, 0, 0, 0))
    painter = QPainter(result)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addEllipse(0, 0, pixels, pixels)
    painter.setClipPath(path)
    painter.drawPixmap((pixels - scaled.width()) // 2, (pixels - scaled.height()) // 2, scaled)
    painter.end()
    result.setDevicePixelRatio(device_pixel_ratio)
    return result


def _local_date(moment: datetime) -> str:
    """The locale's long date without the weekday ("29 November 2026", "November 29, 2026")."""
    stamp = QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()
    locale = QLocale()
    pattern = locale.dateFormat(QLocale.FormatType.LongFormat)
    for weekday in ("dddd, ", "dddd ", ", dddd", " dddd"):
        pattern = pattern.replace(weekday, "")
    return locale.toString(stamp.date(), pattern)


class ConnectionRow(QFrame):
    """A row of the Instagram card; its buttons only ask, the card does the work."""

    disconnect_requested = Signal(object)
    reconnect_requested = Signal(object)

    def __init__(
        self, view: ConnectionView, now: datetime, pictures: PictureCache, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.view = view
        self._pictures = pictures
        self.setObjectName("connection_row")
        self.setProperty("role", "row")
        self.setProperty("ig_username", view.username)
        self.setProperty("ig_user_id", view.ig_user_id)
        self.setProperty("status", view.status)
        self.setProperty("highlighted", False)
        self.setAccessibleName(self.tr("Instagram account @{username}").format(username=view.username))
        # The focus lands here after a connect, so it must be able to hold it (and show it).
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        row = QHBoxLayout(self)
        row.setContentsMargins(8, 14, 8, 14)
        row.setSpacing(14)
        self._avatar = named(QLabel(), "avatar_label")
        self._avatar.setFixedSize(AVATAR_SIZE, AVATAR_SIZE)
        self._avatar.setAccessibleName(
            self.tr("Profile picture of @{username}").format(username=view.username)
        )
        self._avatar.setProperty("placeholder", True)
        self._show_placeholder()
        row.addWidget(self._avatar, 0, Qt.AlignmentFlag.AlignTop)

        text = QVBoxLayout()
        text.setSpacing(4)
        title = QHBoxLayout()
        title.setSpacing(8)
        self.username_label = label(
            f"@{view.username}", role="row_title", object_name="username_label", wrap=False
        )
        title.addWidget(self.username_label)
        account_type = {"BUSINESS": self.tr("Business"), "MEDIA_CREATOR": self.tr("Creator")}.get(
            view.account_type.upper(), view.account_type_label
        )
        title.addWidget(chip(account_type, "neutral", object_name="account_type_label"))
        self.status_label = chip(self._status_text(), self._status_kind(), object_name="status_label")
        self.status_label.setAccessibleDescription(self.tr("Status"))
        title.addWidget(self.status_label)
        title.addStretch(1)
        text.addLayout(title)

        permissions = " · ".join(scope_in_words(scope) for scope in view.scopes) or self.tr("None")
        self.permissions_label = label(
            self.tr("Permissions: {permissions}").format(permissions=permissions),
            object_name="permissions_label",
        )
        self.permissions_label.setToolTip(", ".join(view.scopes))
        text.addWidget(self.permissions_label)
        details = [self.tr("Connected on {date}").format(date=_local_date(view.consented_at))]
        expiry = self._expiry_text(now)
        if expiry:
            details.append(expiry)
        self.details_label = label(" · ".join(details), role="muted", object_name="details_label")
        text.addWidget(self.details_label)
        if view.via == "facebook":
            via = (
                self.tr("Connected through the Facebook Page {page}").format(page=view.page_name)
                if view.page_name
                else self.tr("Connected through Facebook")
            )
        else:
            via = self.tr("Connected with Instagram Login")
        self.via_label = label(via, role="muted", object_name="via_label")
        self.via_label.setProperty("via", view.via)
        text.addWidget(self.via_label)
        reason = self._reason_text()
        if reason:
            text.addWidget(label(reason, role="status_reason", object_name="status_reason_label"))
        row.addLayout(text, 1)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.reconnect_button: QWidget | None = None
        if view.status in (STATUS_NEEDS_RECONNECT, STATUS_MISSING_PERMISSION):
            reconnect = button(
                self.tr("Reconnect"),
                "reconnect_button",
                role="primary",
                accessible_name=self.tr("Reconnect @{username}").format(username=view.username),
            )
            reconnect.clicked.connect(self._on_reconnect_clicked)
            actions.addWidget(reconnect)
            self.reconnect_button = reconnect
        self.disconnect_button = button(
            self.tr("Disconnect"),
            "disconnect_button",
            role="danger",
            accessible_name=self.tr("Disconnect @{username}").format(username=view.username),
        )
        self.disconnect_button.clicked.connect(self._on_disconnect_clicked)
        actions.addWidget(self.disconnect_button)
        row.addLayout(actions)
        row.setAlignment(actions, Qt.AlignmentFlag.AlignTop)
        if view.status == STATUS_REVOCATION_PENDING:
            self.disconnect_button.hide()

        pictures.loaded.connect(self._on_pictures_loaded)
        cached = pictures.pixmap(view.profile_picture_url)
        if cached is not None:
            self._show_picture(cached)

    @property
    def username(self) -> str:
        return self.view.username

    @property
    def has_picture(self) -> bool:
        return not bool(self._avatar.property("placeholder"))

    def set_busy(self, busy: bool, text: str = "") -> None:
        """Disable the buttons while the card works on this account."""
        self.disconnect_button.setEnabled(not busy)
        if self.reconnect_button is not None:
            self.reconnect_button.setEnabled(not busy)
        if busy and text:
            self.status_label.setText(text)
        elif not busy:
            self.status_label.setText(self._status_text())

    def set_highlighted(self, highlighted: bool) -> None:
        """Mark the row so the eye finds the account that just arrived (the card times it)."""
        if self.highlighted != highlighted:
            self.setProperty("highlighted", highlighted)
            restyle(self)

    @property
    def highlighted(self) -> bool:
        return bool(self.property("highlighted"))

    def _status_text(self) -> str:
        return {
            STATUS_ACTIVE: self.tr("Active"),
            STATUS_NEEDS_RECONNECT: self.tr("Needs reconnect"),
            STATUS_MISSING_PERMISSION: self.tr("Missing permission"),
            STATUS_REVOCATION_PENDING: self.tr("Revocation pending"),
        }.get(self.view.status, self.view.status)

    def _status_kind(self) -> str:
        return {
            STATUS_ACTIVE: "good",
            STATUS_NEEDS_RECONNECT: "warning",
            STATUS_MISSING_PERMISSION: "warning",
            STATUS_REVOCATION_PENDING: "neutral",
        }.get(self.view.status, "neutral")

    def _expiry_text(self, now: datetime) -> str:
        if self.view.expires_at is None:
            return ""
        if self.view.expires_at <= now:
            return self.tr("Token expired")
        days = self.view.days_left(now) or 0
        if days == 0:
            return self.tr("Token expires today")
        if days == 1:
            return self.tr("Token expires in 1 day")
        return self.tr("Token expires in {days} days").format(days=days)

    def _reason_text(self) -> str:
        status, reason = self.view.status, self.view.status_reason
        if status == STATUS_NEEDS_RECONNECT:
            return reason or self.tr(
                "Instagram no longer accepts this connection. Reconnect to sign in again."
            )
        if status == STATUS_MISSING_PERMISSION:
            return reason or self.tr("A permission is missing. Reconnect and leave all boxes checked.")
        if status == STATUS_REVOCATION_PENDING:
            return self.tr(
                "Removed from this workspace. Instagram could not be reached to revoke access; Socialdesk keeps "
                "trying. You can also remove Socialdesk at {url}."
            ).format(url=MANAGE_ACCESS_URL)
        return self._reason_in_words(reason)

    def _reason_in_words(self, reason: str) -> str:
        """``status_reason`` is a catalogue code or a short marker; show words, never a raw code alone."""
        if not reason:
            return ""
        if reason == VAULT_RESET_REASON:
            return self.tr(
                "The token vault was reset, so this account's token is gone. Reconnect to sign in again."
            )
        if reason in CATALOGUE:
            info = lookup(reason)
            return f"{info.message} {info.action}"
        if reason.replace("_", "").isalnum() and " " not in reason:
            return ""
        return reason

    def _show_placeholder(self) -> None:
        self._avatar.setPixmap(assets.icon(assets.AVATAR_PLACEHOLDER).pixmap(QSize(AVATAR_SIZE, AVATAR_SIZE)))

    def _show_picture(self, pixmap: QPixmap) -> None:
        self._avatar.setPixmap(round_avatar(pixmap, AVATAR_SIZE, self.devicePixelRatioF()))
        self._avatar.setProperty("placeholder", False)

    @Slot(str)
    def _on_pictures_loaded(self, url: str) -> None:
        if url == self.view.profile_picture_url:
            cached = self._pictures.pixmap(url)
            if cached is not None:
                self._show_picture(cached)

    @Slot()
    def _on_disconnect_clicked(self) -> None:
        self.disconnect_requested.emit(self.view)

    @Slot()
    def _on_reconnect_clicked(self) -> None:
        self.reconnect_requested.emit(self.view)


class PendingRevocationRow(QFrame):
    """An account already taken out of the workspace whose access Instagram has not yet confirmed revoked."""

    def __init__(self, username: str, parent: QWidget | None = None, *, state: str = "pending") -> None:
        """``state`` ``manual`` or ``gave_up``: Socialdesk no longer tries, the user must remove it."""
        super().__init__(parent)
        self.setObjectName("pending_revocation_row")
        self.setProperty("revocation_state", state)
        self.setProperty("role", "row")
        self.setProperty("ig_username", username)
        self.setProperty("status", STATUS_REVOCATION_PENDING)
        self.setAccessibleName(self.tr("@{username}, revocation pending").format(username=username))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 14, 8, 14)
        row.setSpacing(14)
        avatar = named(QLabel(), "avatar_label")
        avatar.setFixedSize(AVATAR_SIZE, AVATAR_SIZE)
        avatar.setPixmap(assets.icon(assets.AVATAR_PLACEHOLDER).pixmap(QSize(AVATAR_SIZE, AVATAR_SIZE)))
        avatar.setAccessibleName(self.tr("Profile picture of @{username}").format(username=username))
        row.addWidget(avatar, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(4)
        title = QHBoxLayout()
        title.setSpacing(8)
        title.addWidget(label(f"@{username}", role="row_title", object_name="username_label", wrap=False))
        by_hand = state != "pending"
        status = chip(
            self.tr("Remove by hand") if by_hand else self.tr("Revocation pending"),
            "warning" if by_hand else "neutral",
            object_name="status_label",
        )
        status.setAccessibleDescription(self.tr("Status"))
        title.addWidget(status)
        title.addStretch(1)
        text.addLayout(title)
        text.addWidget(
            label(
                self._explanation(state).format(url=MANAGE_ACCESS_URL),
                role="muted",
                object_name="status_reason_label",
            )
        )
        row.addLayout(text, 1)

    def _explanation(self, state: str) -> str:
        if state == "manual":
            return self.tr(
                "Removed from this workspace. Instagram does not let Socialdesk remove its own access, so "
                "only you can: open {url}, find Socialdesk and choose Remove."
            )
        if state == "gave_up":
            return self.tr(
                "Removed from this workspace. Removing Socialdesk's access at Instagram failed too many "
                "times, so Socialdesk stopped trying. Open {url}, find Socialdesk and choose Remove."
            )
        return self.tr(
            "Removed from this workspace. Instagram could not be reached to revoke Socialdesk's access, "
            "so Socialdesk keeps trying. To revoke it now, open {url}, find Socialdesk and choose Remove."
        )

    @property
    def username(self) -> str:
        return str(self.property("ig_username"))
