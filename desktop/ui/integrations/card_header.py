"""The Instagram card's header: the logo, the title and subtitle, and the Connect button.

Its words keep the card's translation context (``InstagramCard``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QVBoxLayout

from desktop.ui import assets
from desktop.ui.widgets import SPACING, button, icon_label, label


def build_header(layout: QBoxLayout) -> QPushButton:
    """Add the header to the card's ``layout``; the Connect button, disabled until there is a workspace."""
    header = QHBoxLayout()
    header.setSpacing(SPACING)
    header.addWidget(
        icon_label(
            assets.INSTAGRAM_ICON,
            32,
            object_name="instagram_logo",
            accessible_name=QCoreApplication.translate("InstagramCard", "Instagram"),
        )
    )
    titles = QVBoxLayout()
    titles.setSpacing(0)
    titles.addWidget(
        label(QCoreApplication.translate("InstagramCard", "Instagram"), role="section_title", wrap=False)
    )
    titles.addWidget(
        label(
            QCoreApplication.translate(
                "InstagramCard", "Business and Creator accounts: publish posts and read insights."
            ),
            role="muted",
            object_name="instagram_card_subtitle",
        )
    )
    header.addLayout(titles, 1)
    connect_button = button(
        QCoreApplication.translate("InstagramCard", "Connect Instagram"), "connect_button", role="primary"
    )
    connect_button.setEnabled(False)
    header.addWidget(connect_button, 0, Qt.AlignmentFlag.AlignVCenter)
    layout.addLayout(header)
    return connect_button
