"""The Instagram card: the workspace's Instagram connections and the Connect button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.ui import assets
from desktop.ui.widgets import label, named


class InstagramCard(QFrame):
    connect_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("instagram_card")
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(12)

        header = QHBoxLayout()
        logo = named(QLabel(), "instagram_logo")
        logo.setPixmap(assets.icon(assets.INSTAGRAM_ICON).pixmap(32, 32))
        logo.setAccessibleName(self.tr("Instagram"))
        header.addWidget(logo)
        header.addWidget(label(self.tr("Instagram"), role="section_title", wrap=False))
        header.addStretch(1)
        self._connect_button = named(QPushButton(self.tr("Connect Instagram")), "connect_button")
        self._connect_button.setProperty("role", "primary")
        self._connect_button.setAccessibleName(self.tr("Connect Instagram"))
        self._connect_button.clicked.connect(self._on_connect_clicked)
        header.addWidget(self._connect_button)
        layout.addLayout(header)

        self._empty_label = label(
            self.tr("No Instagram account connected yet"), object_name="empty_state_label"
        )
        self._empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self._empty_label)
        self._notice = label("", role="muted", object_name="connect_notice")
        self._notice.hide()
        layout.addWidget(self._notice)

    @Slot()
    def _on_connect_clicked(self) -> None:
        self._notice.setText(self.tr("Connecting accounts is not available in this version yet."))
        self._notice.show()
        self.connect_requested.emit()
