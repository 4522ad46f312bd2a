"""The workspace switcher: pick the workspace whose connections are shown; create or rename one.

Names are asked in a small window-modal dialog opened without blocking, so tests and screen readers
drive it like any other window. The bar only asks; the page does the work off the GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLayout, QSizePolicy, QWidget

from desktop.core.errors import SocialdeskError
from desktop.ui import assets
from desktop.ui.widgets import button, icon_label, label, named

if TYPE_CHECKING:
    from desktop.core.views import WorkspaceView
    from desktop.ui.integrations.workspace_dialog import WorkspaceNameDialog


class WorkspaceBar(QWidget):
    switched = Signal(object)
    create_requested = Signal(str)
    rename_requested = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workspace_bar")
        self._workspaces: list[WorkspaceView] = []
        self._dialog: WorkspaceNameDialog | None = None
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(8)
        # The bar's minimum is its two-row form (below), so a narrow page can still take it.
        self._grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        icon = icon_label(
            assets.WORKSPACE_ICON, 20, object_name="workspace_icon", accessible_name=self.tr("Workspace")
        )
        caption = label(self.tr("Workspace:"), wrap=False)
        self.combo = named(QComboBox(), "workspace_combo")
        self.combo.setAccessibleName(self.tr("Workspace"))
        self.combo.view().setAccessibleName(self.tr("Workspaces"))
        # Room for about six characters at the least, more when the window has it; a longer name is
        # elided with "…" rather than widening the page past the window (820 px, 200 %, German).
        self.combo.setMinimumContentsLength(6)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo.setMaximumWidth(360)
        caption.setBuddy(self.combo)
        self.combo.currentIndexChanged.connect(self._on_combo_index_changed)
        self.new_button = button(self.tr("New workspace…"), "new_workspace_button")
        self.new_button.clicked.connect(self._on_new_clicked)
        self.rename_button = button(
            self.tr("Rename…"), "rename_workspace_button", accessible_name=self.tr("Rename workspace")
        )
        self.rename_button.clicked.connect(self._on_rename_clicked)
        self.store_label = label("", object_name="workspace_store_label", wrap=False)
        self._lead: tuple[QWidget, ...] = (icon, caption, self.combo)
        self._buttons: tuple[QWidget, ...] = (self.new_button, self.rename_button, self.store_label)
        self._second_row = QHBoxLayout()
        self._second_row.setSpacing(8)
        self._wrapped: bool | None = None
        self._place(wrapped=False)
        self.setEnabled(False)

    def set_workspaces(
        self, workspaces: list[WorkspaceView], current_id: int, team_name: str | None = None
    ) -> None:
        """Fill the list without announcing a switch; ``team_name``: they live in that team's database."""
        self._workspaces = list(workspaces)
        store = (
            self.tr("Team workspace: stored in the database of team {team}").format(team=team_name)
            if team_name
            else self.tr("Local workspace: stored on this computer only")
        )
        self.store_label.setText(
            self.tr("Team: {team}").format(team=team_name) if team_name else self.tr("Local")
        )
        self.store_label.setToolTip(store)
        self.store_label.setAccessibleName(store)
        self.combo.setAccessibleDescription(store)
        self.combo.blockSignals(True)
        self.combo.clear()
        for workspace in self._workspaces:
            self.combo.addItem(workspace.name, workspace.id)
            self.combo.setItemData(self.combo.count() - 1, store, Qt.ItemDataRole.ToolTipRole)
        index = self.combo.findData(current_id)
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)
        self.setEnabled(True)

    # --- layout: one row where it fits, the buttons on a second row where it does not --------

    def _place(self, *, wrapped: bool) -> None:
        if wrapped == self._wrapped:
            return
        self._wrapped = wrapped
        grid, second = self._grid, self._second_row
        for widget in (*self._lead, *self._buttons):
            grid.removeWidget(widget)
            second.removeWidget(widget)
        for column, widget in enumerate(self._lead):
            grid.addWidget(widget, 0, column)
        last = len(self._lead) + len(self._buttons)
        if wrapped:
            grid.removeWidget(self.combo)
            grid.addWidget(self.combo, 0, 2, 1, last - 1)
            for widget in self._buttons:
                second.addWidget(widget)
            second.addStretch(1)
            grid.addLayout(second, 1, 0, 1, last + 1)
        else:
            while second.count():
                second.takeAt(0)
            grid.removeItem(second)
            second.setParent(None)  # free to be added again when the bar narrows
            for offset, widget in enumerate(self._buttons):
                grid.addWidget(widget, 0, len(self._lead) + offset)
        # The box takes the spare room up to its limit, then the empty last column the rest. Equal
        # stretches would split the room in half and elide a name that fits ("My workspac" beside
        # German's wider buttons); the layout hands out stretched room in proportion, hence 100 to 1.
        grid.setColumnStretch(2, 100)
        grid.setColumnStretch(last, 1)
        self.updateGeometry()

    def _one_row_width(self) -> int:
        widgets = (*self._lead, *self._buttons)
        return sum(w.minimumSizeHint().width() for w in widgets) + self._grid.spacing() * len(widgets)

    def minimumSizeHint(self) -> QSize:
        spacing = self._grid.spacing()
        lead = sum(w.minimumSizeHint().width() for w in self._lead) + spacing * (len(self._lead) - 1)
        buttons = sum(w.minimumSizeHint().width() for w in self._buttons) + spacing * (len(self._buttons) - 1)
        return QSize(max(lead, buttons), self._grid.minimumSize().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place(wrapped=event.size().width() < self._one_row_width())

    def current(self) -> WorkspaceView | None:
        index = self.combo.currentIndex()
        return self._workspaces[index] if 0 <= index < len(self._workspaces) else None

    def select(self, workspace_id: int) -> None:
        """Switch to ``workspace_id`` as if the user had picked it."""
        index = self.combo.findData(workspace_id)
        if index >= 0:
            self.combo.setCurrentIndex(index)

    @property
    def dialog(self) -> WorkspaceNameDialog | None:
        return self._dialog

    def _ask_name(self, title: str, prompt: str, initial: str, object_name: str) -> WorkspaceNameDialog:
        if self._dialog is not None:
            self._dialog.close()
        from desktop.ui.integrations.workspace_dialog import WorkspaceNameDialog  # on first use

        dialog = WorkspaceNameDialog(title, prompt, initial, self.window())
        dialog.setObjectName(object_name)
        dialog.submitted.connect(self._on_dialog_submitted)
        dialog.finished.connect(self._on_dialog_finished)
        self._dialog = dialog
        dialog.open()
        return dialog

    def name_saved(self) -> bool:
        """The name asked for was stored: close the dialog (True when one was open)."""
        if self._dialog is None:
            return False
        self._dialog.saved()
        return True

    def name_failed(self, error: SocialdeskError) -> bool:
        """Show why the name was not stored in the dialog (True when one was open to show it)."""
        if self._dialog is None:
            return False
        self._dialog.show_error(error)
        return True

    @Slot(int)
    def _on_combo_index_changed(self, index: int) -> None:
        if 0 <= index < len(self._workspaces):
            self.switched.emit(self._workspaces[index])

    @Slot()
    def _on_new_clicked(self) -> None:
        self._ask_name(
            self.tr("New workspace"),
            self.tr("Name of the new workspace:"),
            "",
            "new_workspace_dialog",
        )

    @Slot()
    def _on_rename_clicked(self) -> None:
        current = self.current()
        if current is None:
            return
        self._ask_name(
            self.tr("Rename workspace"),
            self.tr("New name for “{name}”:").format(name=current.name),
            current.name,
            "rename_workspace_dialog",
        )

    @Slot(str)
    def _on_dialog_submitted(self, name: str) -> None:
        dialog = self._dialog
        if dialog is None:
            return
        if dialog.objectName() == "new_workspace_dialog":
            self.create_requested.emit(name)
            return
        current = self.current()
        if current is not None:
            self.rename_requested.emit(current.id, name)

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is not None:
            dialog.deleteLater()
