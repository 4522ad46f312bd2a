"""An error shown right under the field (or dialog) that caused it, with the catalogue's code."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QIcon
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
        row.addWidget(self.text_label, 1)
        self.hide()

    def show_error(self, error: SocialdeskError | str) -> None:
        self.text_label.setText(describe(error) if isinstance(error, SocialdeskError) else error)
        self.setAccessibleDescription(self.text_label.text())
        self.show()

    def clear(self) -> None:
        self.text_label.clear()
        self.hide()

    def text(self) -> str:
        return self.text_label.text() if self.isVisibleTo(self.parentWidget() or self) else ""
