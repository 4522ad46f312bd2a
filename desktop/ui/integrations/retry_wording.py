""" "What to do" in the error panel names the button the panel offers.

The catalogue's action says "retry" or "click Connect Instagram again", but the panel's button may
read "Connect again", "Reconnect again" or "Try again". When a flow gives its button a label, the
panel's "What to do" speaks of that button by name; the troubleshooting table keeps the help
article's words.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


class RetryWording(QObject):
    """The action of ``code`` phrased around the button labelled ``button``, or None to keep the catalogue's."""

    def action(self, code: str, button: str) -> str | None:
        start_fresh = self.tr("Click {button} to start fresh.")
        in_a_moment = self.tr("Wait a moment, then click {button}.")
        persists = self.tr(
            "Click {button}; if it persists, send the log file from Settings → About to support."
        )
        templates = {
            "instagram_no_business_account": self.tr(
                "Switch to Business or Creator in the Instagram app, then click {button}."
            ),
            "scope_rejected": self.tr("Click {button} and leave all boxes checked."),
            "state_expired": start_fresh,
            "code_invalid": start_fresh,
            "network_error": in_a_moment,
            "database_busy": in_a_moment,
            "provider_error": persists,
            "internal_error": persists,
            "needs_reconnect": self.tr("Click {button} and sign in again."),
            "missing_permission": self.tr(
                "Click {button} and leave all boxes checked on the Instagram dialog."
            ),
            "checkpoint_required": self.tr(
                "Log in on instagram.com, complete the check, then click {button}."
            ),
            "disk_full": self.tr("Free some disk space, then click {button}; nothing was lost."),
            "database_unreachable": self.tr(
                "Check the network (or VPN) and that the database server is running, then click {button}."
            ),
            "vault_keys_unavailable": self.tr(
                "Restore the keychain and click {button}, or reset the vault and reconnect your accounts."
            ),
            "tls_unavailable": self.tr(
                "Unlock the keychain and click {button}, or paste the address from your browser's address bar."
            ),
            "connect_in_progress": self.tr(
                "Finish or cancel the connection in progress, then click {button}."
            ),
        }
        template = templates.get(code)
        return template.replace("{button}", button) if template else None
