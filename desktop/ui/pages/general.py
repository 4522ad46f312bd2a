"""General: the mode the app runs in and quick ways to the folders a user may need."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from desktop.core.environment import Environment
from desktop.ui.widgets import card, label, named, page_layout


class GeneralPage(QWidget):
    def __init__(self, env: Environment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("general_page")
        self._env = env
        layout = page_layout(self, self.tr("General"))
        frame, body = card("mode_card")
        body.addWidget(label(self.tr("Mode"), role="section_title"))
        if env.sandbox_mode:
            text = self.tr(
                "Sandbox mode: Socialdesk talks to a local Instagram on this computer, so you can try every "
                "step without a Meta app. Set up your Instagram app under Integrations to connect real accounts."
            )
        else:
            text = self.tr("Connected to Instagram with your own Instagram app.")
        body.addWidget(label(text, object_name="mode_description"))
        layout.addWidget(frame)

        folders, folders_body = card("folders_card")
        folders_body.addWidget(label(self.tr("Folders"), role="section_title"))
        buttons = QHBoxLayout()
        self._open_data = named(QPushButton(self.tr("Open data folder")), "open_data_button")
        self._open_logs = named(QPushButton(self.tr("Open log folder")), "open_logs_button")
        self._open_data.setAccessibleName(self.tr("Open data folder"))
        self._open_logs.setAccessibleName(self.tr("Open log folder"))
        self._open_data.clicked.connect(self._on_open_data_clicked)
        self._open_logs.clicked.connect(self._on_open_logs_clicked)
        buttons.addWidget(self._open_data)
        buttons.addWidget(self._open_logs)
        buttons.addStretch(1)
        folders_body.addLayout(buttons)
        layout.addWidget(folders)
        layout.addStretch(1)

    @Slot()
    def _on_open_data_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._env.paths.data_dir)))

    @Slot()
    def _on_open_logs_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._env.paths.log_dir)))
