"""Small building blocks shared by the settings pages, so spacing and roles stay consistent."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QEnterEvent, QIcon
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

SPACING = 12
MARGIN = 24


W = TypeVar("W", bound=QObject)


def named(widget: W, object_name: str) -> W:
    """Give ``widget`` the objectName that tests, styles and accessibility tools find it by."""
    widget.setObjectName(object_name)
    return widget


class SelectableLabel(QLabel):
    """A label whose text the mouse can select and copy, made selectable when the pointer first
    reaches it: a selectable label carries a text document of its own, which costs time to build
    and to lay out, and most labels on screen are never pointed at."""

    def enterEvent(self, event: QEnterEvent) -> None:
        if not self.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        super().enterEvent(event)


def label(text: str, *, role: str | None = None, object_name: str | None = None, wrap: bool = True) -> QLabel:
    widget = SelectableLabel(text)
    widget.setWordWrap(wrap)
    if role:
        widget.setProperty("role", role)
    if object_name:
        widget.setObjectName(object_name)
    return widget


def card(object_name: str) -> tuple[QFrame, QVBoxLayout]:
    frame = named(QFrame(), object_name)
    return frame, card_layout(frame)


def card_layout(frame: QFrame) -> QVBoxLayout:
    """Style ``frame`` as a card and give it the cards' layout (for card classes of their own)."""
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 16, 16, 16)
    layout.setSpacing(SPACING)
    return layout


def page_layout(page: QWidget, title: str, subtitle: str = "") -> QVBoxLayout:
    layout = QVBoxLayout(page)
    layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
    layout.setSpacing(SPACING)
    layout.addWidget(label(title, role="page_title", wrap=False))
    if subtitle:
        layout.addWidget(label(subtitle, role="muted"))
    return layout


def clear_layout(layout: QLayout) -> None:
    """Remove and delete the layout's widgets.

    They stay children of their window until deleted: ``setParent(None)`` would make each a
    top-level window for a moment, which the accessibility bridge announces and may then ask about
    after it is gone (a crash in Qt's accessible cache).
    """
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()


def icon_label(path: Path, size: int, *, object_name: str, accessible_name: str) -> QLabel:
    """An SVG icon as a label, rendered at the screen's scale."""
    widget = named(QLabel(), object_name)
    widget.setPixmap(QIcon(str(path)).pixmap(QSize(size, size)))
    widget.setFixedSize(size, size)
    widget.setAccessibleName(accessible_name)
    return widget


def chip(text: str, kind: str, *, object_name: str) -> QLabel:
    """A small coloured status label; the stylesheet colours it by ``kind``."""
    widget = named(QLabel(text), object_name)
    widget.setProperty("role", "chip")
    widget.setProperty("kind", kind)
    widget.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    return widget


def restyle(widget: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property the stylesheet matches on has changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def button(text: str, object_name: str, *, role: str | None = None, accessible_name: str = "") -> QPushButton:
    widget = named(QPushButton(text), object_name)
    widget.setAccessibleName(accessible_name or text.replace("…", "").replace("&", ""))
    if role:
        widget.setProperty("role", role)
    widget.setAutoDefault(False)
    return widget
