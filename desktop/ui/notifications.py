"""Desktop notifications for connections that need the user, once per change of state.

The lifecycle decides *when* (a connection entered ``needs_reconnect`` or ``missing_permission``, or
its token will expire soon and could not be refreshed); this only says it, in the system tray.
Clicking the message asks the window to open Settings → Integrations at that account's row. Where
there is no system tray (some Linux desktops, offscreen test runs) nothing is shown and nothing
complains: the Integrations page shows the same state on its rows.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QDateTime, QLocale, QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from desktop.core.lifecycle import (
    NOTICE_EXPIRING,
    NOTICE_MISSING_PERMISSION,
    NOTICE_NEEDS_RECONNECT,
    LifecycleReport,
)
from desktop.core.views import ConnectionView

log = logging.getLogger(__name__)

MESSAGE_MSECS = 15_000


def _local_date(view: ConnectionView) -> str:
    if view.expires_at is None:
        return ""
    stamp = QDateTime.fromSecsSinceEpoch(int(view.expires_at.timestamp())).toLocalTime()
    return QLocale().toString(stamp.date(), QLocale.FormatType.LongFormat)


class TrayNotifier(QObject):
    """Shows lifecycle notices as tray messages; ``clicked(workspace_id, ig_user_id)`` on a click."""

    clicked = Signal(int, str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        tray: QSystemTrayIcon | None = None,
        icon: QIcon | None = None,
    ) -> None:
        """Use the app's own ``tray`` icon if it has one; otherwise one is made when the desktop has a tray.

        ``icon`` is the tray icon's picture when this notifier makes its own (the window icon by default).
        """
        super().__init__(parent)
        self._target: tuple[int, str] | None = None
        self._last: tuple[str, str] | None = None
        self._owns_tray = tray is None
        if tray is None:
            tray = self._make_tray(icon if icon is not None else QGuiApplication.windowIcon())
        self._tray = tray
        if self._tray is not None:
            self._tray.messageClicked.connect(self._on_tray_message_clicked)

    def _make_tray(self, icon: QIcon) -> QSystemTrayIcon | None:
        if not QSystemTrayIcon.isSystemTrayAvailable() or not QSystemTrayIcon.supportsMessages():
            log.info("no system tray: connection notices appear on the Integrations page only")
            return None
        if icon.isNull():
            log.info("no icon for the system tray: connection notices appear on the Integrations page only")
            return None
        tray = QSystemTrayIcon(icon, self)
        tray.setObjectName("lifecycle_tray_icon")
        tray.setToolTip(self.tr("Socialdesk"))
        return tray

    @property
    def available(self) -> bool:
        return self._tray is not None

    @property
    def last_message(self) -> tuple[str, str] | None:
        """Title and text of the last message shown."""
        return self._last

    def message_for(self, view: ConnectionView, kind: str) -> tuple[str, str]:
        """Title and text of the notice ``kind`` for ``view`` (raises ValueError for an unknown kind)."""
        who = self.tr("@{username} in {workspace}").format(
            username=view.username, workspace=view.workspace_name
        )
        if kind == NOTICE_NEEDS_RECONNECT:
            reason = view.status_reason or self.tr(
                "Instagram no longer accepts this connection. Reconnect to sign in again."
            )
            return self.tr("Instagram account needs reconnecting"), f"{who}: {reason}"
        if kind == NOTICE_MISSING_PERMISSION:
            reason = view.status_reason or self.tr(
                "A permission is missing. Reconnect and leave all boxes checked."
            )
            return self.tr("Instagram permission missing"), f"{who}: {reason}"
        if kind == NOTICE_EXPIRING:
            text = self.tr(
                "{who}: Socialdesk could not renew access, which ends on {date}. It keeps trying; "
                "if this goes on, check your network or reconnect the account."
            ).format(who=who, date=_local_date(view))
            return self.tr("Instagram access ends soon"), text
        raise ValueError(f"unknown notice kind: {kind}")

    def notify(self, view: ConnectionView, kind: str) -> bool:
        """Show one notice; False when there is no tray to show it in."""
        title, text = self.message_for(view, kind)
        if self._tray is None:
            return False
        if self._owns_tray and not self._tray.isVisible():
            self._tray.show()
        self._target = (view.workspace_id, view.ig_user_id)
        self._last = (title, text)
        icon = (
            QSystemTrayIcon.MessageIcon.Information
            if kind == NOTICE_EXPIRING
            else QSystemTrayIcon.MessageIcon.Warning
        )
        self._tray.showMessage(title, text, icon, MESSAGE_MSECS)
        log.info("notice shown: %s for account %s", kind, view.ig_user_id)
        return True

    def notify_report(self, report: LifecycleReport) -> int:
        """Show every notice of a lifecycle run; returns how many were shown."""
        shown = 0
        for outcome in report.notices:
            assert outcome.notice is not None
            shown += self.notify(outcome.view, outcome.notice)
        return shown

    @Slot()
    def _on_tray_message_clicked(self) -> None:
        # A tray shows one message at a time, so the click belongs to the last one shown.
        if self._target is not None:
            self.clicked.emit(*self._target)
