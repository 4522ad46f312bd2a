"""The data roles a connections row answers, beyond Qt's own: what the delegate paints from and
what the view, the card and the tests read back."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt


class Role(IntEnum):
    KEY = Qt.ItemDataRole.UserRole + 1
    VIEW = Qt.ItemDataRole.UserRole + 2
    TEXT = Qt.ItemDataRole.UserRole + 3
    PICTURE = Qt.ItemDataRole.UserRole + 4
    BUSY = Qt.ItemDataRole.UserRole + 5
    HIGHLIGHTED = Qt.ItemDataRole.UserRole + 6
    STATUS = Qt.ItemDataRole.UserRole + 7
    USERNAME = Qt.ItemDataRole.UserRole + 8
    PENDING = Qt.ItemDataRole.UserRole + 9
