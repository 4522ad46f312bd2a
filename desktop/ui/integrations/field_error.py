"""An error shown right under the field (or dialog) that caused it, with the catalogue's code."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QIcon, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop.core.errors import SocialdeskError
from desktop.ui import assets
from desktop.ui.i18n import catalogue_text, detail_text
from desktop.ui.widgets import label, named

ICON_SIZE = 16


def describe(error: SocialdeskError) -> str:
    """One or two sentences for a field: the specific problem when known, then what to do; the code."""
    message, _meaning, action = catalogue_text(error.info)
    problem = detail_text(error.detail) if error.detail else message
    return QCoreApplication.translate("FieldError", "{problem} {action} ({code})").format(
        problem=problem, action=action, code=error.code
    )


class FieldError(QWidget):
    """Hidden until :meth:`show_error`; :meth:`clear` hides it again."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 2, 0, 2)
        row.setSpacing(6)
        self.icon = named(QLabel(), f"{object_name}_icon")
        self.icon.setPixmap(QIcon(str(assets.ERROR_ICON)).pixmap(QSize(ICON_SIZE, ICON_SIZE)))
        self.icon.setFixedSize(ICON_SIZE, ICON_SIZE)
        self.icon.setAccessibleName(self.tr("Error"))
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        self.text_label = label("", role="error_text", object_name=f"{object_name}_label")
        # Level with the icon, however tall the row the form gives it.
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text_label, 1)
        self.hide()

    def sizeHint(self) -> QSize:
        # A form layout sizes its rows by size hint, not height-for-width: ask for the height the
        # wrapped text needs at the width the row has, not at the label's own preferred width.
        hint = super().sizeHint()
        width = self.width() if self.width() > ICON_SIZE * 4 else hint.width()
        return QSize(hint.width(), max(self.heightForWidth(width), ICON_SIZE))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()

    def show_error(self, error: SocialdeskError | str) -> None:
        self.text_label.setText(describe(error) if isinstance(error, SocialdeskError) else error)
        self.setAccessibleDescription(self.text_label.text())
        self.show()

    def clear(self) -> None:
        self.text_label.clear()
        self.hide()

    def text(self) -> str:
        return self.text_label.text() if self.isVisibleTo(self.parentWidget() or self) else ""
