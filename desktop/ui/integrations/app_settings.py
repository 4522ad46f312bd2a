"""The Instagram app form: App ID and redirect URI go to the settings file, the App Secret to the keychain.

The secret field never shows a stored secret (it is never read back) and is emptied once saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from desktop.core.errors import SocialdeskError
from desktop.core.secrets import SecretStr
from desktop.core.settings import Settings
from desktop.ui.integrations.field_error import FieldError
from desktop.ui.widgets import SPACING, button, label, named, restyle


class InstagramAppCard(QFrame):
    """Asks for the app's credentials; emits :attr:`save_requested` with the secret already wrapped."""

    save_requested = Signal(str, str, object)

    def __init__(self, settings: Settings, *, sandbox: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("instagram_app_card")
        self.setProperty("role", "card")
        self.setAccessibleName(self.tr("Instagram app"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(SPACING)
        layout.addWidget(label(self.tr("Instagram app"), role="section_title", wrap=False))
        if sandbox:
            intro = self.tr(
                "To connect real accounts, create an app with Instagram Login in the Meta dashboard and enter "
                "its details here. Until then Socialdesk stays in sandbox mode."
            )
        else:
            intro = self.tr(
                "Socialdesk signs in with your own Instagram app. The App Secret is kept in your system keychain, "
                "never in a file."
            )
        layout.addWidget(label(intro, role="muted", object_name="instagram_app_intro"))

        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(8)
        self.app_id_field = named(QLineEdit(settings.instagram_app_id), "app_id_field")
        self.app_id_field.setPlaceholderText(self.tr("Instagram App ID, digits only"))
        self.app_id_field.setAccessibleName(self.tr("Instagram App ID"))
        self.redirect_uri_field = named(QLineEdit(settings.redirect_uri), "redirect_uri_field")
        self.redirect_uri_field.setAccessibleName(self.tr("Redirect URI"))
        self.redirect_uri_field.setToolTip(
            self.tr(
                "Must match a redirect URI registered for the app at Meta exactly, including the trailing /"
            )
        )
        self.app_secret_field = named(QLineEdit(), "app_secret_field")
        self.app_secret_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.app_secret_field.setAccessibleName(self.tr("Instagram App Secret"))
        self.app_secret_field.setPlaceholderText(
            self.tr("Stored in your keychain; type to replace")
            if settings.instagram_app_id
            else self.tr("From the Meta dashboard")
        )
        self.app_id_error = FieldError("app_id_error", self)
        self.redirect_uri_error = FieldError("redirect_uri_error", self)
        self.form_error = FieldError("app_form_error", self)
        form.addRow(self.tr("App ID:"), self.app_id_field)
        form.addRow("", self.app_id_error)
        form.addRow(self.tr("Redirect URI:"), self.redirect_uri_field)
        form.addRow("", self.redirect_uri_error)
        form.addRow(self.tr("App Secret:"), self.app_secret_field)
        layout.addLayout(form)
        self.app_id_field.textEdited.connect(self.app_id_error.clear)
        self.redirect_uri_field.textEdited.connect(self.redirect_uri_error.clear)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.save_button = button(self.tr("Save Instagram app"), "save_app_button")
        self.save_button.clicked.connect(self._on_save_clicked)
        self.status_label = label("", role="muted", object_name="app_settings_status_label")
        actions.addWidget(self.save_button)
        actions.addWidget(self.status_label, 1)
        layout.addLayout(actions)
        layout.addWidget(self.form_error)
        for field in (self.app_id_field, self.redirect_uri_field, self.app_secret_field):
            field.textChanged.connect(self._on_field_changed)
        self._on_field_changed()

    def set_saving(self, saving: bool) -> None:
        self.save_button.setEnabled(not saving and self._complete())
        if saving:
            self.status_label.setText(self.tr("Saving…"))

    def saved(self) -> None:
        self.clear_errors()
        self.app_secret_field.clear()
        self.app_secret_field.setPlaceholderText(self.tr("Stored in your keychain; type to replace"))
        self.status_label.setText(self.tr("Saved. Restart Socialdesk to connect accounts with this app."))
        self.status_label.setProperty("role", "success_text")
        restyle(self.status_label)

    def failed(self, error: SocialdeskError | None = None) -> None:
        """Not saved: the reason goes under the field it is about (or under the form), focus there."""
        self.clear_errors()
        self.status_label.setText(self.tr("Not saved."))
        self.status_label.setProperty("role", "error_text")
        restyle(self.status_label)
        self.set_saving(False)
        if error is None:
            return
        detail = error.detail.lower()
        if "app id" in detail:
            self.app_id_error.show_error(error)
            self.app_id_field.setFocus(Qt.FocusReason.OtherFocusReason)
        elif "redirect uri" in detail:
            self.redirect_uri_error.show_error(error)
            self.redirect_uri_field.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.form_error.show_error(error)
            self.save_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_errors(self) -> None:
        for error in (self.app_id_error, self.redirect_uri_error, self.form_error):
            error.clear()

    def _complete(self) -> bool:
        return all(
            f.text().strip() for f in (self.app_id_field, self.redirect_uri_field, self.app_secret_field)
        )

    @Slot()
    def _on_field_changed(self) -> None:
        self.save_button.setEnabled(self._complete())

    @Slot()
    def _on_save_clicked(self) -> None:
        if not self._complete():
            return
        secret = SecretStr(self.app_secret_field.text().strip())
        self.set_saving(True)
        self.save_requested.emit(
            self.app_id_field.text().strip(), self.redirect_uri_field.text().strip(), secret
        )
