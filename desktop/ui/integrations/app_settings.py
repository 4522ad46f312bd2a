"""The Instagram app form, with the step-by-step set-up at Meta beside it.

App ID and redirect URI go to the settings file, the App Secret to the keychain; the secret field
never shows a stored secret (it is never read back) and is emptied once saved. Everything a user
must know is on screen, not in tooltips: which App ID Meta means, the exact-match rule, why Save
is unavailable, and the offline checks (App ID digits, https, loopback host, fixed port, port free),
which run on a worker because one of them binds the port.

At the window's default size the form's fields are below the first frame, so they are built just
after it; a window tall or wide enough to show them builds them before its first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from desktop.core.errors import SocialdeskError
from desktop.core.i18n import translated
from desktop.core.meta_dashboard import META_PRODUCT
from desktop.core.settings import Settings
from desktop.ui.after_paint import after_next_paint
from desktop.ui.integrations.field_error import FieldError
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import SPACING, button, label, named, restyle

if TYPE_CHECKING:
    from desktop.core.app_setup import Check


def _checks_for(app_id: str, uri: str) -> tuple[tuple[str, str], list[Check]]:
    from desktop.core.app_setup import all_checks  # on the worker: it loads the keychain modules

    return (app_id, uri), all_checks(app_id, uri)


class InstagramAppCard(QFrame):
    """Asks for the app's credentials; emits :attr:`save_requested` with the secret already wrapped."""

    save_requested = Signal(str, str, object)
    #: The user asked to restart Socialdesk so the saved app takes effect.
    restart_requested = Signal()
    #: The form's fields exist now (see :meth:`build_form`).
    form_built = Signal()

    def __init__(
        self,
        settings: Settings,
        *,
        sandbox: bool,
        tasks: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("instagram_app_card")
        self.setProperty("role", "card")
        self.setAccessibleName(self.tr("Instagram app"))
        self._tasks = tasks
        self._settings = settings
        self._checks: list[Check] = []
        self._shown = False
        self._built = False
        #: Set once the window has painted: the checks may run from then on.
        self._checking = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(SPACING)
        layout.addWidget(label(self.tr("Instagram app"), role="section_title", wrap=False))
        if sandbox:
            intro = self.tr(
                "To connect real accounts, create an app at Meta and enter its details here. Until then "
                "Socialdesk stays in sandbox mode."
            )
        else:
            intro = self.tr(
                "Socialdesk signs in with your own Instagram app. The App Secret is kept in your system keychain, "
                "never in a file."
            )
        layout.addWidget(label(intro, role="muted", object_name="instagram_app_intro"))
        layout.addWidget(
            label(self.tr("Set up your app at Meta"), role="section_title", object_name="setup_title")
        )
        self.steps_label = label(self._steps(), object_name="setup_steps_label")
        layout.addWidget(self.steps_label)

    @property
    def is_built(self) -> bool:
        return self._built

    def build_form(self) -> None:
        """The fields, checks and Save, once; everything that uses them calls this first."""
        if self._built:
            return
        self._built = True
        settings = self._settings
        card_layout = self.layout()
        assert isinstance(card_layout, QVBoxLayout)
        # One box for all of it, shown at once: widgets added to a card already on screen would each
        # wait for a show of their own, queued after the frame.
        fields = named(QWidget(self), "app_form")
        layout = QVBoxLayout(fields)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(8)
        self.app_id_field = named(QLineEdit(settings.instagram_app_id), "app_id_field")
        self.app_id_field.setPlaceholderText(self.tr("Instagram App ID, digits only"))
        self.app_id_field.setAccessibleName(self.tr("Instagram App ID"))
        self.app_id_hint = label(
            self.tr(
                "The Instagram App ID from Instagram → API setup with Instagram business login, not the "
                "Facebook App ID at the top of Meta's dashboard."
            ),
            role="muted",
            object_name="app_id_hint_label",
        )
        self.redirect_uri_field = named(QLineEdit(settings.redirect_uri), "redirect_uri_field")
        self.redirect_uri_field.setAccessibleName(self.tr("OAuth redirect URI"))
        self.copy_redirect_button = button(self.tr("Copy"), "copy_redirect_button")
        self.copy_redirect_button.setAccessibleName(self.tr("Copy the redirect URI"))
        self.copy_redirect_button.clicked.connect(self._on_copy_redirect_clicked)
        redirect_row = QHBoxLayout()
        redirect_row.setSpacing(8)
        redirect_row.addWidget(self.redirect_uri_field, 1)
        redirect_row.addWidget(self.copy_redirect_button)
        self.redirect_rule = label(
            self.tr(
                "Meta compares it character for character with the one you register: https, host, port, "
                "path and the trailing / must all be the same."
            ),
            role="muted",
            object_name="redirect_rule_label",
        )
        self.redirect_uri_field.setAccessibleDescription(self.redirect_rule.text())
        self.app_secret_field = named(QLineEdit(), "app_secret_field")
        self.app_secret_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.app_secret_field.setAccessibleName(self.tr("Instagram App Secret"))
        self.app_secret_field.setPlaceholderText(
            self.tr("Stored in your keychain; type to replace")
            if settings.instagram_app_id
            else self.tr("From the Meta dashboard")
        )
        self.app_id_error = FieldError("app_id_error", fields)
        self.redirect_uri_error = FieldError("redirect_uri_error", fields)
        self.form_error = FieldError("app_form_error", fields)
        form.addRow(self.tr("Instagram App ID:"), self.app_id_field)
        form.addRow("", self.app_id_hint)
        form.addRow("", self.app_id_error)
        form.addRow(self.tr("OAuth redirect URI:"), redirect_row)
        form.addRow("", self.redirect_rule)
        form.addRow("", self.redirect_uri_error)
        form.addRow(self.tr("Instagram App Secret:"), self.app_secret_field)
        layout.addLayout(form)
        self.app_id_field.textEdited.connect(self.app_id_error.clear)
        self.redirect_uri_field.textEdited.connect(self.redirect_uri_error.clear)

        self.checks_label = label("", object_name="app_checks_label")
        self.checks_label.setAccessibleDescription(self.tr("Checks"))
        layout.addWidget(self.checks_label)
        self.save_hint_label = label("", role="muted", object_name="save_hint_label")
        layout.addWidget(self.save_hint_label)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.save_button = button(self.tr("Save Instagram app"), "save_app_button")
        self.save_button.clicked.connect(self._on_save_clicked)
        self.status_label = label("", role="muted", object_name="app_settings_status_label")
        self.restart_button = button(self.tr("Restart now"), "restart_button")
        self.restart_button.setAccessibleName(self.tr("Restart Socialdesk to use this app"))
        self.restart_button.clicked.connect(self.restart_requested)
        self.restart_button.hide()
        actions.addWidget(self.save_button)
        actions.addWidget(self.status_label, 1)
        actions.addWidget(self.restart_button)
        layout.addLayout(actions)
        layout.addWidget(self.form_error)
        card_layout.addWidget(fields)
        fields.show()
        for field in (self.app_id_field, self.redirect_uri_field, self.app_secret_field):
            field.textChanged.connect(self._on_field_changed)
        self._on_field_changed()
        self.form_built.emit()

    # --- what the page calls -------------------------------------------------------------------

    def set_saving(self, saving: bool) -> None:
        self.build_form()
        self.save_button.setEnabled(not saving and not self._missing())
        if saving:
            self.status_label.setText(self.tr("Saving…"))

    def saved(self) -> None:
        self.build_form()
        self.clear_errors()
        self.app_secret_field.clear()
        self.app_secret_field.setPlaceholderText(self.tr("Stored in your keychain; type to replace"))
        self.status_label.setText(self.tr("Saved. Restart Socialdesk to connect accounts with this app."))
        self.status_label.setProperty("role", "success_text")
        restyle(self.status_label)
        self.restart_button.show()
        self.restart_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def failed(self, error: SocialdeskError | None = None) -> QWidget:
        """Not saved: the reason goes under the field it is about (or under the form), focus there.

        Returns the widget that now has the focus, for the page to scroll to.
        """
        self.build_form()
        self.clear_errors()
        self.status_label.setText(self.tr("Not saved."))
        self.status_label.setProperty("role", "error_text")
        restyle(self.status_label)
        self.set_saving(False)
        if error is None:
            return self.save_button
        detail = error.detail.lower()
        field: QWidget
        if "app id" in detail:
            self.app_id_error.show_error(error)
            field = self.app_id_field
        elif "redirect uri" in detail:
            self.redirect_uri_error.show_error(error)
            field = self.redirect_uri_field
        else:
            self.form_error.show_error(error)
            field = self.save_button
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        return field

    def clear_errors(self) -> None:
        self.build_form()
        for error in (self.app_id_error, self.redirect_uri_error, self.form_error):
            error.clear()

    # --- the form ------------------------------------------------------------------------------

    def _missing(self) -> list[str]:
        """What keeps Save unavailable, in words."""
        missing: list[str] = []
        app_id = self.app_id_field.text().strip()
        if not app_id:
            missing.append(self.tr("the Instagram App ID"))
        if not self.redirect_uri_field.text().strip():
            missing.append(self.tr("the OAuth redirect URI"))
        if not self.app_secret_field.text().strip():
            missing.append(self.tr("the Instagram App Secret"))
        return missing

    def _steps(self) -> str:
        typed = self.redirect_uri_field.text() if self._built else self._settings.redirect_uri
        uri = typed.strip() or "https://localhost:8765/callback/"
        return "\n".join(
            [
                self.tr("1. At developers.facebook.com, open your app and add the product “%1”.").replace(
                    "%1", META_PRODUCT
                ),
                self.tr("2. Under Business login settings → OAuth redirect URIs, enter exactly: %1").replace(
                    "%1", uri
                ),
                self.tr(
                    "3. While the app is in Development Mode, add each Instagram account you will connect as an "
                    "Instagram tester (App roles → Roles), and accept the invitation in Instagram."
                ),
                self.tr(
                    "4. Copy the Instagram App ID and Instagram App Secret from Instagram → API setup with "
                    "Instagram business login, and enter them below."
                ),
            ]
        )

    @Slot()
    def _on_field_changed(self) -> None:
        self.steps_label.setText(self._steps())
        missing = self._missing()
        self.save_button.setEnabled(not missing)
        if missing:
            self.save_hint_label.setText(
                self.tr("Save becomes available once you enter %1.").replace("%1", ", ".join(missing))
            )
        else:
            self.save_hint_label.setText("")
        self._run_checks()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            if not self._built:
                if self._form_in_view():
                    self.build_form()  # laid out before the frame about to be painted
                else:
                    after_next_paint(self, self.build_form)
            # The checks load the keychain and OAuth modules: not while the window first paints.
            after_next_paint(self, self._start_checks)

    def _form_in_view(self) -> bool:
        """Whether the place under the steps, where the form goes, is on screen as the card shows."""
        shown = self.visibleRegion().boundingRect()
        return not shown.isEmpty() and shown.bottom() > self.steps_label.geometry().bottom()

    def _start_checks(self) -> None:
        self._checking = True
        self._run_checks()

    def _run_checks(self) -> None:
        if self._tasks is None or not self._checking or not self._built:
            return
        app_id, uri = self.app_id_field.text(), self.redirect_uri_field.text()
        self._tasks.submit(_checks_for, app_id, uri, on_success=self._on_checks_done)

    @Slot(object)
    def _on_checks_done(self, result: object) -> None:
        assert isinstance(result, tuple)
        inputs: tuple[str, str] = result[0]
        checks: list[Check] = result[1]
        if inputs != (self.app_id_field.text(), self.redirect_uri_field.text()):
            return  # the user has typed on since: a newer run is on its way
        self._checks = checks
        lines = [("✓ " if check.ok else "✗ ") + translated(check.message) for check in checks]
        self.checks_label.setText("\n".join(lines))

    @property
    def checks(self) -> list[Check]:
        return list(self._checks)

    @Slot()
    def _on_copy_redirect_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.redirect_uri_field.text().strip())
        self.status_label.setText(self.tr("Redirect URI copied."))

    @Slot()
    def _on_save_clicked(self) -> None:
        if self._missing():
            return
        from desktop.core.secrets import SecretStr  # on save: not part of the first paint

        secret = SecretStr(self.app_secret_field.text().strip())
        self.set_saving(True)
        self.save_requested.emit(
            self.app_id_field.text().strip(), self.redirect_uri_field.text().strip(), secret
        )
