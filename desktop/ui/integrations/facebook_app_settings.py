"""The Facebook app form (Facebook Login): the App ID goes to the settings file, the App Secret to the keychain.

As with the Instagram app, the secret field never shows a stored secret and is emptied once saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from desktop.core.errors import SocialdeskError
from desktop.core.settings import Settings
from desktop.ui.integrations.field_error import FieldError
from desktop.ui.widgets import SPACING, button, label, named


class FacebookAppCard(QFrame):
    """Emits :attr:`save_requested` with the App ID and the secret already wrapped."""

    save_requested = Signal(str, object)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("facebook_app_card")
        self.setProperty("role", "card")
        self.setAccessibleName(self.tr("Facebook app"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(SPACING)
        layout.addWidget(
            label(self.tr("Facebook app (Sign in with Facebook)"), role="section_title", wrap=False)
        )
        layout.addWidget(
            label(
                self.tr(
                    "For the accounts linked to Facebook Pages: an app with Facebook Login for Business in the Meta "
                    "dashboard, with the same redirect URI as above. The App Secret is kept in your system keychain."
                ),
                role="muted",
                object_name="facebook_app_intro",
            )
        )
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(8)
        self.app_id_field = named(QLineEdit(settings.facebook_app_id), "facebook_app_id_field")
        self.app_id_field.setPlaceholderText(self.tr("Facebook App ID, digits only"))
        self.app_id_field.setAccessibleName(self.tr("Facebook App ID"))
        self.app_secret_field = named(QLineEdit(), "facebook_app_secret_field")
        self.app_secret_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.app_secret_field.setAccessibleName(self.tr("Facebook App Secret"))
        self.app_secret_field.setPlaceholderText(
            self.tr("Stored in your keychain; type to replace")
            if settings.facebook_app_id
            else self.tr("From the Meta dashboard")
        )
        form.addRow(self.tr("App ID:"), self.app_id_field)
        form.addRow(self.tr("App Secret:"), self.app_secret_field)
        layout.addLayout(form)
        self.form_error = FieldError("facebook_app_error", self)
        layout.addWidget(self.form_error)
        actions = QHBoxLayout()
        self.save_button = button(self.tr("Save Facebook app"), "save_facebook_app_button")
        self.save_button.clicked.connect(self._on_save_clicked)
        self.status_label = label("", role="muted", object_name="facebook_app_status_label")
        actions.addWidget(self.save_button)
        actions.addWidget(self.status_label, 1)
        layout.addLayout(actions)
        for field in (self.app_id_field, self.app_secret_field):
            field.textChanged.connect(self._on_field_changed)
        self._on_field_changed()

    def saved(self) -> None:
        self.form_error.clear()
        self.app_secret_field.clear()
        self.app_secret_field.setPlaceholderText(self.tr("Stored in your keychain; type to replace"))
        self.status_label.setText(
            self.tr("Saved. Restart Socialdesk to sign in with Facebook using this app.")
        )

    def failed(self, error: SocialdeskError | None = None) -> None:
        """Not saved: the reason goes under the form, with its code."""
        self.status_label.setText(self.tr("Not saved."))
        self._on_field_changed()
        if error is not None:
            self.form_error.show_error(error)
            self.save_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _complete(self) -> bool:
        return bool(self.app_id_field.text().strip() and self.app_secret_field.text().strip())

    @Slot()
    def _on_field_changed(self) -> None:
        self.save_button.setEnabled(self._complete())

    @Slot()
    def _on_save_clicked(self) -> None:
        from desktop.core.secrets import SecretStr  # on save: not part of the first paint

        if not self._complete():
            return
        self.save_button.setEnabled(False)
        self.status_label.setText(self.tr("Saving…"))
        self.save_requested.emit(
            self.app_id_field.text().strip(), SecretStr(self.app_secret_field.text().strip())
        )
