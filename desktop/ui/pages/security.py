"""Security: how tokens are protected here, in plain words."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.ui.widgets import card, label, page_layout


class SecurityPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("security_page")
        layout = page_layout(self, self.tr("Security"))
        frame, body = card("threat_model_card")
        body.addWidget(label(self.tr("How your tokens are protected"), role="section_title"))
        body.addWidget(
            label(
                self.tr(
                    "Access tokens are encrypted with a key of their own, which is itself encrypted with a key "
                    "kept in your system keychain. A copy of the disk or of the database holds no usable token. "
                    "Programs running as you on this computer are outside what encryption can stop."
                )
            )
        )
        layout.addWidget(frame)
        layout.addStretch(1)
