"""About: version and where things live, so support can be given a path rather than a guess."""

from __future__ import annotations

import keyring
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFormLayout, QWidget

from desktop.core.environment import Environment
from desktop.core.vault.keychain import backend_name, choose_backend
from desktop.core.vault.keychain_names import keychain_display_name
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import label, page_layout


def _describe_backend() -> str:
    """The keychain as the Security page names it: the chosen member of a chain, by its known name."""
    backend = keyring.get_keyring()
    choice = choose_backend(backend)
    return keychain_display_name(choice.name if choice.persistent else backend_name(backend))


class AboutPage(QWidget):
    def __init__(self, env: Environment, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_page")
        layout = page_layout(self, self.tr("About"), self.tr("Socialdesk for social media managers."))
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(8)
        self._backend_label = label(self.tr("Checking…"), object_name="keychain_backend_label")
        mode = (
            self.tr("Sandbox (a local Instagram on this computer)")
            if env.sandbox_mode
            else self.tr("Instagram")
        )
        rows = (
            (self.tr("Version"), label(env.version, object_name="version_label")),
            (self.tr("Mode"), label(mode, object_name="mode_label")),
            (self.tr("Data folder"), label(str(env.paths.data_dir), object_name="data_dir_label")),
            (self.tr("Log folder"), label(str(env.paths.log_dir), object_name="log_dir_label")),
            (self.tr("Settings folder"), label(str(env.paths.config_dir), object_name="config_dir_label")),
            (self.tr("Keychain backend"), self._backend_label),
        )
        for caption, value in rows:
            # The caption describes the value; the name stays the value itself, which is read out.
            value.setAccessibleDescription(caption)
            form.addRow(caption + ":", value)
        layout.addLayout(form)
        layout.addStretch(1)
        tasks.submit(
            _describe_backend, on_success=self._on_backend_described, on_failure=self._on_backend_failed
        )

    @Slot(object)
    def _on_backend_described(self, name: object) -> None:
        self._backend_label.setText(str(name))

    @Slot(object)
    def _on_backend_failed(self, exc: object) -> None:
        self._backend_label.setText(self.tr("None available ({kind})").format(kind=type(exc).__name__))
