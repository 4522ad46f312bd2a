"""Keep a field the app has just focused in view while the page around it is still growing.

A page fills in after it is shown: the connection list, the trust card and the error panels arrive
from worker threads and push what is below them down. Scrolling to a field once leaves it out of
sight when that happens a moment later, with the caret blinking where no one can see it. The
follower scrolls it back into view each time the page's body or its viewport (a banner above it
folding or unfolding) changes size, until the person scrolls themselves or focus moves on.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget


class FocusFollower(QObject):
    """Scrolls ``area`` to the followed widget now and whenever it is resized, until let go."""

    def __init__(self, area: QScrollArea, x_margin: int = 24, y_margin: int = 80) -> None:
        super().__init__(area)
        self._area = area
        self._margins = (x_margin, y_margin)
        self._target: QWidget | None = None
        self._body: QWidget | None = None
        area.verticalScrollBar().actionTriggered.connect(self._on_scrolled_by_hand)
        area.horizontalScrollBar().actionTriggered.connect(self._on_scrolled_by_hand)

    def follow(self, widget: QWidget) -> None:
        """Bring ``widget`` into view once laid out, and keep it there while the page settles."""
        self.release()
        body = self._area.widget()
        if body is None:
            return
        self._target, self._body = widget, body
        body.installEventFilter(self)
        self._area.viewport().installEventFilter(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        QTimer.singleShot(0, self, self._scroll)

    def following(self) -> QWidget | None:
        target = self._target
        return target if target is not None and shiboken6.isValid(target) else None

    def release(self) -> None:
        body = self._body
        if body is not None and shiboken6.isValid(body):
            body.removeEventFilter(self)
        self._area.viewport().removeEventFilter(self)
        if self._target is not None:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                app.focusChanged.disconnect(self._on_focus_changed)
        self._target = self._body = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self._target is not None:
            # After this resize has moved the scroll bar's range, not before.
            QTimer.singleShot(0, self, self._scroll)
        return False

    @Slot()
    def _scroll(self) -> None:
        target = self.following()
        if target is None:
            return
        if target.isVisible():
            self._area.ensureWidgetVisible(target, *self._margins)

    @Slot(int)
    def _on_scrolled_by_hand(self, _action: int) -> None:
        # Only the person's scrolling (wheel, keys, the bar) triggers an action; ours sets the value.
        self.release()

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        target = self.following()
        if target is None or new is None:
            return
        if new is not target and not target.isAncestorOf(new):
            self.release()
