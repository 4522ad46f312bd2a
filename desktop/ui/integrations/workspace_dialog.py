"""Asks for a workspace name and stays open until the name is saved, showing any problem at the field.

A taken or empty name is the dialog's business, not the page's: the error appears under the name,
the text stays selected for retyping, and Save tries again. Opened window-modal without blocking,
so tests and screen readers drive it like any other window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from desktop.core.errors import SocialdeskError
from desktop.ui.integrations.field_error import FieldError
from desktop.ui.widgets import SPACING, button, label, named

NAME_MAX_LENGTH = 80


class WorkspaceNameDialog(QDialog):
    #: The name to save; the dialog waits for :meth:`saved` or :meth:`show_error`.
    submitted = Signal(str)

    def __init__(self, title: str, prompt: str, initial: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._initial = initial
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING - 4)
        caption = label(prompt, object_name="workspace_name_prompt")
        layout.addWidget(caption)
        self.field = named(QLineEdit(initial), "workspace_name_field")
        self.field.setMaxLength(NAME_MAX_LENGTH)
        self.field.setAccessibleName(self.tr("Workspace name"))
        self.field.setMinimumWidth(320)
        self.field.textEdited.connect(self._on_field_edited)
        caption.setBuddy(self.field)
        layout.addWidget(self.field)
        self.error = FieldError("workspace_name_error", self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        self.save_button = button(self.tr("Save"), "save_workspace_button", role="primary")
        self.cancel_button = button(self.tr("Cancel"), "cancel_workspace_button")
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.field.selectAll()

    def setTextValue(self, text: str) -> None:
        self.field.setText(text)

    def textValue(self) -> str:
        return self.field.text()

    def accept(self) -> None:
        """Save: ask for the name to be stored; the dialog closes once it is."""
        name = self.field.text().strip()
        if not name:
            self.show_error(SocialdeskError("workspace_name_invalid"))
            return
        if self._initial and name == self._initial:
            super().accept()
            return
        self.error.clear()
        self.save_button.setEnabled(False)
        self.field.setEnabled(False)
        self.submitted.emit(name)

    def saved(self) -> None:
        super().accept()

    def show_error(self, error: SocialdeskError) -> None:
        self.save_button.setEnabled(True)
        self.field.setEnabled(True)
        self.error.show_error(error)
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.field.selectAll()

    def _on_field_edited(self, _text: str) -> None:
        self.error.clear()
