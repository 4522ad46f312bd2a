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
    """Hidden until :meth:`show_error`; :meth:`clear` hides it again.

    Its icon is drawn on the first error: a form has one under each field, most are never shown,
    and drawing the icon is most of what one costs to build.
    """

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 2, 0, 2)
        self._row.setSpacing(6)
        self.icon: QLabel | None = None
        self.text_label = label("", role="error_text", object_name=f"{object_name}_label")
        # Level with the icon, however tall the row the form gives it.
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._row.addWidget(self.text_label, 1)
        self.hide()

    def _add_icon(self) -> None:
        icon = named(QLabel(self), f"{self.objectName()}_icon")
        icon.setPixmap(QIcon(str(assets.ERROR_ICON)).pixmap(QSize(ICON_SIZE, ICON_SIZE)))
        icon.setFixedSize(ICON_SIZE, ICON_SIZE)
        icon.setAccessibleName(self.tr("Error"))
        self._row.insertWidget(0, icon, 0, Qt.AlignmentFlag.AlignTop)
        icon.stackUnder(self.text_label)  # first among the children, so read before the text
        self.icon = icon

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
        if self.icon is None:
            self._add_icon()
        self.text_label.setText(describe(error) if isinstance(error, SocialdeskError) else error)
        self.setAccessibleDescription(self.text_label.text())
        self.show()

    def clear(self) -> None:
        self.text_label.clear()
        self.hide()

    def text(self) -> str:
        return self.text_label.text() if self.isVisibleTo(self.parentWidget() or self) else ""
