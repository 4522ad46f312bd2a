"""Small building blocks shared by the settings pages, so spacing and roles stay consistent."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QVBoxLayout, QWidget

SPACING = 12
MARGIN = 24


W = TypeVar("W", bound=QObject)


def named(widget: W, object_name: str) -> W:
    """Give ``widget`` the objectName that tests, styles and accessibility tools find it by."""
    widget.setObjectName(object_name)
    return widget


def label(text: str, *, role: str | None = None, object_name: str | None = None, wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        widget.setProperty("role", role)
    if object_name:
        widget.setObjectName(object_name)
    return widget


def card(object_name: str) -> tuple[QFrame, QVBoxLayout]:
    frame = named(QFrame(), object_name)
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 16, 16, 16)
    layout.setSpacing(SPACING)
    return frame, layout


def page_layout(page: QWidget, title: str, subtitle: str = "") -> QVBoxLayout:
    layout = QVBoxLayout(page)
    layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
    layout.setSpacing(SPACING)
    layout.addWidget(label(title, role="page_title", wrap=False))
    if subtitle:
        layout.addWidget(label(subtitle, role="muted"))
    return layout


def clear_layout(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()
