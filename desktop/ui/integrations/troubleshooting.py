"""The troubleshooting table: every error a user can meet, with its code and what it means.

The rows come from the error catalogue (the help article's four rows first, in its order), so the
table in the window, the README and the CLI never drift apart.

It is read inline, never scrolled: the table is exactly as tall as its visible rows, which wrap to
the window's width, and the page around it scrolls. Collapsed it shows only the row of the error on
show, in full; expanded ("Show all codes") every row. The code sits under the message rather than in
a column of its own, so the longest code never takes the width the explanations need.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Slot
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.core.errors import CATALOGUE, SEED_CODES, ErrorInfo
from desktop.ui.i18n import catalogue_text

CODE_ROLE = Qt.ItemDataRole.UserRole
MESSAGE_COLUMN, MEANING_COLUMN = 0, 1


def troubleshooting_entries() -> list[ErrorInfo]:
    """User-facing catalogue entries, the help article's rows first."""
    seed = [CATALOGUE[code] for code in SEED_CODES]
    rest = [info for info in CATALOGUE.values() if info.code not in SEED_CODES]
    return [info for info in (*seed, *rest) if info.user_facing]


class TroubleshootingTable(QTableWidget):
    """Message (with its code) / What it means; :meth:`select_code` finds a row, :meth:`set_expanded`
    shows every row or only the selected one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("troubleshooting_table")
        self.setAccessibleName(self.tr("Troubleshooting table"))
        self.setAccessibleDescription(
            self.tr("Every message Socialdesk can show, its code and what it means")
        )
        self.setColumnCount(2)
        self.setHorizontalHeaderLabels([self.tr("Message and code"), self.tr("What it means")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Read, not navigated: Tab passes it by, and it never needs scrolling.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setTabKeyNavigation(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        self.verticalHeader().setAccessibleName(self.tr("Rows"))
        self.horizontalHeader().setAccessibleName(self.tr("Columns"))
        header = self.horizontalHeader()
        header.setSectionResizeMode(MESSAGE_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MEANING_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setSectionsClickable(False)
        entries = troubleshooting_entries()
        self._codes = [info.code for info in entries]
        self._expanded = True
        self.setRowCount(len(entries))
        for row, info in enumerate(entries):
            message, meaning, action = catalogue_text(info)
            # A break opportunity after each underscore, so a long code wraps instead of clipping.
            code = info.code.replace("_", "_\u200b")
            quoted = self.tr("“{message}”", "the message as quoted in the table").replace(
                "{message}", message
            )
            cells = (f"{quoted}\n{code}", f"{meaning} {action}")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(CODE_ROLE, info.code)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.setItem(row, column, item)
        self._fit()

    def codes(self) -> list[str]:
        return list(self._codes)

    def row_of(self, code: str) -> int:
        """The row of ``code``, or -1 when it has none."""
        try:
            return self._codes.index(code)
        except ValueError:
            return -1

    def code_at(self, row: int) -> str:
        return self._codes[row]

    def selected_code(self) -> str | None:
        rows = self.selectionModel().selectedRows()
        return self._codes[rows[0].row()] if rows else None

    def select_code(self, code: str) -> None:
        """Select the row of ``code`` (clears the selection for codes without a row)."""
        row = self.row_of(code)
        if row < 0:
            self.clearSelection()
        else:
            self.selectRow(row)
        self._apply_visibility()

    @property
    def expanded(self) -> bool:
        return self._expanded

    def set_expanded(self, expanded: bool) -> None:
        """Every row, or only the selected one (every row when nothing is selected)."""
        self._expanded = expanded
        self._apply_visibility()

    def visible_codes(self) -> list[str]:
        return [code for row, code in enumerate(self._codes) if not self.isRowHidden(row)]

    def _apply_visibility(self) -> None:
        selected = self.selected_code()
        for row, code in enumerate(self._codes):
            self.setRowHidden(row, not (self._expanded or selected is None or code == selected))
        self._fit()

    def _fit(self) -> None:
        """Column widths from the width available, rows to their wrapped text, height to the rows."""
        width = self.viewport().width()
        if width > 0:
            self.setColumnWidth(MESSAGE_COLUMN, max(140, int(width * 0.4)))
        self.resizeRowsToContents()
        height = self.horizontalHeader().height() if not self.horizontalHeader().isHidden() else 0
        for row in range(self.rowCount()):
            if not self.isRowHidden(row):
                height += self.rowHeight(row)
        height += 2 * self.frameWidth()
        if self.height() != height:
            self.setFixedHeight(height)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.height())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Column widths settle after the first layout pass; fit the rows once they have.
        QTimer.singleShot(0, self._fit)

    @Slot()
    def refit(self) -> None:
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()
