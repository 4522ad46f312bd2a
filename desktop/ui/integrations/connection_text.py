"""The words a connection row shows, shared by the painted list, the details pane and screen readers.

Computed once per row and cached by the model (:class:`RowText`), so painting a row is only drawing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from desktop.core.errors import CATALOGUE, FACEBOOK_INTEGRATIONS_URL, MANAGE_ACCESS_URL, lookup
from desktop.core.vault.status import RESET_REASON as VAULT_RESET_REASON
from desktop.core.views import (
    STATUS_ACTIVE,
    STATUS_MISSING_PERMISSION,
    STATUS_NEEDS_RECONNECT,
    STATUS_REVOCATION_PENDING,
    ConnectionView,
    scope_in_words,
)


def local_date(moment: datetime) -> str:
    """The locale's long date without the weekday ("29 November 2026", "November 29, 2026")."""
    stamp = QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()
    locale = QLocale()
    pattern = locale.dateFormat(QLocale.FormatType.LongFormat)
    for weekday in ("dddd, ", "dddd ", ", dddd", " dddd"):
        pattern = pattern.replace(weekday, "")
    return locale.toString(stamp.date(), pattern)


def account_type_text(account_type: str) -> str:
    upper = account_type.upper()
    if upper == "BUSINESS":
        return QCoreApplication.translate("ConnectionRow", "Business")
    if upper == "MEDIA_CREATOR":
        return QCoreApplication.translate("ConnectionRow", "Creator")
    return account_type


def status_text(status: str) -> str:
    if status == STATUS_ACTIVE:
        return QCoreApplication.translate("ConnectionRow", "Active")
    if status == STATUS_NEEDS_RECONNECT:
        return QCoreApplication.translate("ConnectionRow", "Needs reconnect")
    if status == STATUS_MISSING_PERMISSION:
        return QCoreApplication.translate("ConnectionRow", "Missing permission")
    if status == STATUS_REVOCATION_PENDING:
        return QCoreApplication.translate("ConnectionRow", "Revocation pending")
    return status


def status_kind(status: str) -> str:
    """The chip style of a status (``good``, ``warning``, ``neutral``)."""
    return {
        STATUS_ACTIVE: "good",
        STATUS_NEEDS_RECONNECT: "warning",
        STATUS_MISSING_PERMISSION: "warning",
    }.get(status, "neutral")


def can_reconnect(status: str) -> bool:
    return status in (STATUS_NEEDS_RECONNECT, STATUS_MISSING_PERMISSION)


def expiry_text(view: ConnectionView, now: datetime) -> str:
    if view.expires_at is None:
        return ""
    if view.expires_at <= now:
        return QCoreApplication.translate("ConnectionRow", "Token expired")
    days = view.days_left(now) or 0
    if days == 0:
        return QCoreApplication.translate("ConnectionRow", "Token expires today")
    if days == 1:
        return QCoreApplication.translate("ConnectionRow", "Token expires in 1 day")
    return QCoreApplication.translate("ConnectionRow", "Token expires in {days} days").format(days=days)


def _reason_in_words(reason: str) -> str:
    """``status_reason`` is a catalogue code or a short marker; show words, never a raw code alone."""
    if not reason:
        return ""
    if reason == VAULT_RESET_REASON:
        return QCoreApplication.translate(
            "ConnectionRow",
            "The token vault was reset, so this account's token is gone. Reconnect to sign in again.",
        )
    if reason in CATALOGUE:
        info = lookup(reason)
        return f"{info.message} {info.action}"
    if reason.replace("_", "").isalnum() and " " not in reason:
        return ""
    return reason


def reason_text(view: ConnectionView) -> str:
    status, reason = view.status, view.status_reason
    if status == STATUS_NEEDS_RECONNECT:
        return reason or QCoreApplication.translate(
            "ConnectionRow", "Instagram no longer accepts this connection. Reconnect to sign in again."
        )
    if status == STATUS_MISSING_PERMISSION:
        return reason or QCoreApplication.translate(
            "ConnectionRow", "A permission is missing. Reconnect and leave all boxes checked."
        )
    if status == STATUS_REVOCATION_PENDING:
        return pending_revocation_text()
    return _reason_in_words(reason)


def via_text(view: ConnectionView) -> str:
    """Which way the account was connected: Reconnect goes the same way."""
    if view.via == "facebook":
        if view.page_name:
            return QCoreApplication.translate(
                "ConnectionRow", "Connected through the Facebook Page {page}"
            ).format(page=view.page_name)
        return QCoreApplication.translate("ConnectionRow", "Connected through Facebook")
    return QCoreApplication.translate("ConnectionRow", "Connected with Instagram Login")


def pending_revocation_text(state: str = "pending", via: str = "instagram") -> str:
    """Why an account taken out of the workspace is still listed: ``pending`` (still retried),
    ``manual`` (Instagram does not let Socialdesk remove its access) or ``gave_up``. A Facebook
    Login grant is removed in Facebook's Business Integrations, not at Instagram."""
    if via == "facebook":
        return _facebook_pending_text(state).format(url=FACEBOOK_INTEGRATIONS_URL)
    if state == "manual":
        text = QCoreApplication.translate(
            "ConnectionRow",
            "Removed from this workspace. Instagram does not let Socialdesk remove its own access, so "
            "only you can: open {url}, find Socialdesk and choose Remove.",
        )
    elif state == "gave_up":
        text = QCoreApplication.translate(
            "ConnectionRow",
            "Removed from this workspace. Removing Socialdesk's access at Instagram failed too many "
            "times, so Socialdesk stopped trying. Open {url}, find Socialdesk and choose Remove.",
        )
    else:
        text = QCoreApplication.translate(
            "ConnectionRow",
            "Removed from this workspace. Instagram could not be reached to revoke Socialdesk's access, "
            "so Socialdesk keeps trying. To revoke it now, open {url}, find Socialdesk and choose Remove.",
        )
    return text.format(url=MANAGE_ACCESS_URL)


def _facebook_pending_text(state: str) -> str:
    if state == "manual":
        return QCoreApplication.translate(
            "ConnectionRow",
            "Removed from this workspace. Facebook did not confirm that Socialdesk's access was removed, "
            "so only you can: open Facebook's Business Integrations at {url}, find Socialdesk and choose "
            "Remove.",
        )
    if state == "gave_up":
        return QCoreApplication.translate(
            "ConnectionRow",
            "Removed from this workspace. Removing Socialdesk's access at Facebook failed too many times, "
            "so Socialdesk stopped trying. Open Facebook's Business Integrations at {url}, find Socialdesk "
            "and choose Remove.",
        )
    return QCoreApplication.translate(
        "ConnectionRow",
        "Removed from this workspace. Facebook could not be reached to revoke Socialdesk's access, so "
        "Socialdesk keeps trying. To revoke it now, open Facebook's Business Integrations at {url}, find "
        "Socialdesk and choose Remove.",
    )


@dataclass(frozen=True, slots=True)
class RowText:
    """Every string of one row, computed once."""

    username: str
    account_type: str
    status: str
    status_kind: str
    permissions: str
    #: "Connected on …" and the expiry, in the order shown; a new field (say, how it was connected)
    #: is one more entry here and shows up in the list, the details and the screen reader at once.
    details: tuple[str, ...]
    reason: str
    scopes_tooltip: str

    @property
    def details_line(self) -> str:
        return " · ".join(part for part in self.details if part)

    def accessible_name(self) -> str:
        """What a screen reader says for the row: who, what kind, in what state."""
        parts = [self.username, self.account_type, self.status, *self.details]
        return ", ".join(part for part in parts if part)


def row_text(view: ConnectionView, now: datetime) -> RowText:
    permissions = " · ".join(scope_in_words(scope) for scope in view.scopes) or QCoreApplication.translate(
        "ConnectionRow", "None"
    )
    return RowText(
        username=f"@{view.username}",
        account_type=account_type_text(view.account_type),
        status=status_text(view.status),
        status_kind=status_kind(view.status),
        permissions=QCoreApplication.translate("ConnectionRow", "Permissions: {permissions}").format(
            permissions=permissions
        ),
        details=(
            QCoreApplication.translate("ConnectionRow", "Connected on {date}").format(
                date=local_date(view.consented_at)
            ),
            expiry_text(view, now),
            via_text(view),
        ),
        reason=reason_text(view),
        scopes_tooltip=", ".join(view.scopes),
    )


def pending_row_text(username: str, state: str = "pending", via: str = "instagram") -> RowText:
    by_hand = state != "pending"
    return RowText(
        username=f"@{username}",
        account_type="",
        status=QCoreApplication.translate("ConnectionRow", "Remove by hand")
        if by_hand
        else status_text(STATUS_REVOCATION_PENDING),
        status_kind="warning" if by_hand else "neutral",
        permissions="",
        details=(),
        reason=pending_revocation_text(state, via),
        scopes_tooltip="",
    )
