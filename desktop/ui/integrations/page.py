"""The Integrations page: one card per provider (Instagram today)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.ui.integrations.instagram_card import InstagramCard
from desktop.ui.widgets import page_layout


class IntegrationsPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("integrations_page")
        layout = page_layout(
            self,
            self.tr("Integrations"),
            self.tr("Connect an Instagram Business or Creator account to publish and read insights."),
        )
        self.instagram_card = InstagramCard(self)
        layout.addWidget(self.instagram_card)
        layout.addStretch(1)
