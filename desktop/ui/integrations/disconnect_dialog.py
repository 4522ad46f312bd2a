"""The confirmation before an account is disconnected: the safe choice is the default.

Its buttons are plain push buttons, not the style's standard Yes/Cancel (which carry a green tick
and a red cross that read inverted here), and the destructive one wears the danger style. Enter and
Escape both keep the account; only an explicit press of Disconnect removes it.

One dialog serves every account: it is built and styled once, while the window is idle, so the
Disconnect click only fills in the account's name and opens it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from desktop.ui.widgets import button, restyle


class DisconnectDialog(QMessageBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disconnect_dialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.confirm_button = button(self.tr("Disconnect"), "confirm_disconnect_button", role="danger")
        self.keep_button = button(self.tr("Keep connected"), "cancel_disconnect_button")
        self.addButton(self.confirm_button, QMessageBox.ButtonRole.DestructiveRole)
        self.addButton(self.keep_button, QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.keep_button)
        self.setEscapeButton(self.keep_button)
        restyle(self.confirm_button)
        self._clicked: QAbstractButton | None = None
        self.buttonClicked.connect(self._on_button_clicked)
        self.ensurePolished()

    def set_account(self, username: str, informative: str | None = None) -> None:
        """Ask about ``username``; ``informative`` replaces the default account of what happens."""
        self._clicked = None
        question = self.tr("Disconnect @{username}?").format(username=username)
        self.setWindowTitle(question)
        self.setText(question)
        self.setInformativeText(
            informative
            or self.tr(
                "This removes @{username} from this workspace and revokes Socialdesk's access at Instagram; "
                "other accounts are not affected."
            ).format(username=username)
        )
        self.confirm_button.setAccessibleName(self.tr("Disconnect @{username}").format(username=username))
        self.keep_button.setAccessibleName(self.tr("Keep @{username} connected").format(username=username))

    def _on_button_clicked(self, clicked: QAbstractButton) -> None:
        self._clicked = clicked

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.keep_button.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def confirmed(self, result: int) -> bool:
        """Whether the dialog ended in Disconnect: only its button counts, or an explicit accept()."""
        if self._clicked is not None:
            return self._clicked is self.confirm_button
        return result == int(QMessageBox.DialogCode.Accepted)
