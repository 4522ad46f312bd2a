"""The note above a connect that uses https on localhost with a certificate the browser does not trust.

Shown before the browser opens, so its warning page is expected rather than alarming, and it says
the two ways past it (proceed, or let the browser trust the local address).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from desktop.ui.widgets import label


def certificate_note() -> QLabel:
    """The note, hidden until the card knows a warning will appear."""
    note = label(
        QCoreApplication.translate(
            "CertificateNote",
            "Before Instagram's page, your browser will warn that the connection to localhost is not "
            "private. That is expected: Socialdesk's local address uses its own certificate, which your "
            "browser does not trust yet. Choose Advanced, then Proceed to localhost, or paste the address "
            "from the browser below. To skip the warning, let your browser trust Socialdesk's local "
            "address (further down this page).",
        ),
        role="muted",
        object_name="certificate_warning_note",
    )
    note.setAccessibleDescription(
        QCoreApplication.translate("CertificateNote", "A certificate warning will appear")
    )
    note.hide()
    return note
