"""The troubleshooting table: every error a user can meet, with its code and what it means.

The rows come from the error catalogue (the help article's four rows first, in its order), so the
table in the window, the README and the CLI never drift apart.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from desktop.core.errors import CATALOGUE, SEED_CODES, ErrorInfo

CODE_ROLE = Qt.ItemDataRole.UserRole


def troubleshooting_entries() -> list[ErrorInfo]:
    """User-facing catalogue entries, the help article's rows first."""
    seed = [CATALOGUE[code] for code in SEED_CODES]
    rest = [info for info in CATALOGUE.values() if info.code not in SEED_CODES]
    return [info for info in (*seed, *rest) if info.user_facing]


class TroubleshootingTable(QTableWidget):
    """Message / Code / What it means, one row per catalogue entry; :meth:`select_code` finds one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("troubleshooting_table")
        self.setAccessibleName(self.tr("Troubleshooting table"))
        self.setAccessibleDescription(
            self.tr("Every message Socialdesk can show, its code and what it means")
        )
        self.setColumnCount(3)
        self.setHorizontalHeaderLabels([self.tr("Message"), self.tr("Code"), self.tr("What it means")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        self.verticalHeader().setAccessibleName(self.tr("Rows"))
        self.horizontalHeader().setAccessibleName(self.tr("Columns"))
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        # Wrapped text needs its row height recomputed whenever a column's width settles.
        header.sectionResized.connect(self._on_header_section_resized)
        entries = troubleshooting_entries()
        self._codes = [info.code for info in entries]
        self.setRowCount(len(entries))
        for row, info in enumerate(entries):
            cells = (f"“{info.message}”", info.code, info.explanation)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(CODE_ROLE, info.code)
                item.setToolTip(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.setItem(row, column, item)
        self.setMinimumHeight(self.fontMetrics().height() * 12)

    def codes(self) -> list[str]:
        return list(self._codes)

    def row_of(self, code: str) -> int:
        """The row of ``code``, or -1 when it has none."""
        try:
            return self.codes().index(code)
        except ValueError:
            return -1

    def selected_code(self) -> str | None:
        rows = self.selectionModel().selectedRows()
        return self._codes[rows[0].row()] if rows else None

    def select_code(self, code: str) -> None:
        """Select the row of ``code`` and scroll it into view (clears the selection for other codes)."""
        row = self.row_of(code)
        if row < 0:
            self.clearSelection()
            return
        self.selectRow(row)
        self.setCurrentCell(row, 0)
        self._scroll_to_row(row)

    def _scroll_to_row(self, row: int) -> None:
        item = self.item(row, 0)
        if item is not None:
            self.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)

    @Slot(int, int, int)
    def _on_header_section_resized(self, _index: int, _old: int, _new: int) -> None:
        self.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Column widths settle after the first layout pass; fit the rows once they have.
        QTimer.singleShot(0, self._fit_rows)

    @Slot()
    def _fit_rows(self) -> None:
        self.resizeRowsToContents()
        current = self.currentRow()
        if current >= 0:
            self._scroll_to_row(current)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = self.viewport().width()
        self.setColumnWidth(0, max(160, int(width * 0.34)))
        self.resizeRowsToContents()
        current = self.currentRow()
        if current >= 0:
            self._scroll_to_row(current)
