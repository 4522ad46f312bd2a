"""A calm one-line outcome above the accounts: information, success or warning, each with its icon.

Errors have their own panel; a notice never needs an action, so it never takes the focus.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from desktop.ui import assets
from desktop.ui.widgets import SPACING, label, named, restyle

KINDS = ("info", "success", "warning")
ICON_SIZE = 18


class Notice(QFrame):
    """``set_notice(text, kind)`` shows it; an empty text hides it."""

    def __init__(self, object_name: str = "notice", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setProperty("role", "notice")
        self.setProperty("kind", "info")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 12, 8)
        layout.setSpacing(SPACING - 4)
        self.icon = named(QLabel(), f"{object_name}_icon")
        self.icon.setFixedSize(ICON_SIZE, ICON_SIZE)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        self.text_label = label("", object_name=f"{object_name}_label")
        layout.addWidget(self.text_label, 1)
        self.hide()

    def _icon_for(self, kind: str) -> tuple[Path, str]:
        return {
            "success": (assets.SUCCESS_ICON, self.tr("Done")),
            "warning": (assets.WARNING_ICON, self.tr("Warning")),
        }.get(kind, (assets.INFO_ICON, self.tr("Information")))

    def set_notice(self, text: str, kind: str = "info") -> None:
        kind = kind if kind in KINDS else "info"
        path, name = self._icon_for(kind)
        self.icon.setPixmap(QIcon(str(path)).pixmap(QSize(ICON_SIZE, ICON_SIZE)))
        self.icon.setAccessibleName(name)
        self.text_label.setText(text)
        self.setAccessibleName(name)
        self.setAccessibleDescription(text)
        if self.property("kind") != kind:
            self.setProperty("kind", kind)
            restyle(self)
        self.setVisible(bool(text))

    @property
    def kind(self) -> str:
        return str(self.property("kind"))

    def text(self) -> str:
        return self.text_label.text()
