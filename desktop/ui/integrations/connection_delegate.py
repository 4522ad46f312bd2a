"""Paints one connection row: picture, @username, type and status chips, permissions, dates, reason.

Rows all have the same height, so the view lays out 10,000 of them without asking each one; only
the rows on screen are painted, and a row's words come ready-made from the model
(:class:`~desktop.ui.integrations.connection_text.RowText`). Round avatars are cut once per picture.

Shaping and drawing a row's text is most of a paint, and the list repaints rows that did not change
whenever the page around it moves (a row removed above, a notice shown, the window activated again
after a dialog). So a row's picture and words are drawn once into a pixmap kept by what they show
(the words, busy text, picture, selection, size, palette and font); a repaint of an unchanged row
only copies it. The row's panel, highlight, focus ring and separator are drawn live, as the style's
state (hover, focus) changes often and costs little.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyledItemDelegate, QWidget

from desktop.ui import assets
from desktop.ui.integrations.connection_text import RowText
from desktop.ui.integrations.connections_model import Role

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem

AVATAR_SIZE = 48
PADDING = 12
LINE_GAP = 4
#: Cut avatars kept in memory (a screenful is about ten).
AVATAR_CACHE = 256
#: Memory for rows' drawn pictures and words: a screenful and some scrolling back at 100 %, a
#: screenful at 200 % (a row is about 0.35 MiB at 100 % in a 1000 px window, four times that at 200 %).
ROW_CACHE_BYTES = 12 * 1024 * 1024

_CHIP_COLOURS = {"good": QColor("#15803d"), "warning": QColor("#b45309")}
_HIGHLIGHT = QColor(99, 102, 241, 40)
AnyIndex = QModelIndex | QPersistentModelIndex


def round_avatar(source: QPixmap, size: int, device_pixel_ratio: float) -> QPixmap:
    """``source`` cropped to a circle, sharp at the screen's scale."""
    pixels = round(size * device_pixel_ratio)
    scaled = source.scaled(
        QSize(pixels, pixels),
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    result = QPixmap(pixels, pixels)
    result.fill(QColor(0, 0, 0, 0))
    painter = QPainter(result)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addEllipse(0, 0, pixels, pixels)
    painter.setClipPath(path)
    painter.drawPixmap((pixels - scaled.width()) // 2, (pixels - scaled.height()) // 2, scaled)
    painter.end()
    result.setDevicePixelRatio(device_pixel_ratio)
    return result


class ConnectionDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._avatars: OrderedDict[tuple[int, float], QPixmap] = OrderedDict()
        self._placeholder: dict[float, QPixmap] = {}
        self._rows: OrderedDict[tuple[object, ...], QPixmap] = OrderedDict()
        self._rows_bytes = 0

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        lines = metrics.height() * 4 + LINE_GAP * 3
        return QSize(400, max(AVATAR_SIZE, lines) + 2 * PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        # Imported here: QStyle's many enums cost milliseconds to set up, and the first paint of the
        # window shows no rows yet (a loaded module makes this a dictionary look-up).
        from PySide6.QtWidgets import QStyle

        rect: QRect = option.rect
        palette: QPalette = option.palette
        state = option.state
        widget = option.widget
        # The model is asked directly: QModelIndex.data() loses a reference to None on every call
        # that returns it in PySide6 6.12.0, and a painted list makes thousands of such calls.
        model = index.model()
        painter.save()
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        if model.data(index, Role.HIGHLIGHTED):
            painter.fillRect(rect.adjusted(2, 1, -2, -1), _HIGHLIGHT)
        if state & QStyle.StateFlag.State_HasFocus:
            # The current row of a focused list: a ring the eye finds (Tab landed here).
            ring = QPen(palette.color(QPalette.ColorRole.Highlight), 2)
            painter.setPen(ring)
            painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 6, 6)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.setPen(palette.color(QPalette.ColorRole.Midlight))
        painter.drawLine(rect.left() + PADDING, rect.bottom(), rect.right() - PADDING, rect.bottom())
        painter.restore()

        ratio = widget.devicePixelRatioF() if widget is not None else 1.0
        picture = model.data(index, Role.PICTURE)
        text: RowText | None = model.data(index, Role.TEXT)
        username = str(model.data(index, Qt.ItemDataRole.DisplayRole))
        busy = str(model.data(index, Role.BUSY) or "")
        font = option.font
        key = (
            username,
            text,
            busy,
            selected,
            picture.cacheKey() if isinstance(picture, QPixmap) and not picture.isNull() else 0,
            rect.width(),
            rect.height(),
            ratio,
            palette.cacheKey(),
            font.key(),
        )
        drawn = self._rows.get(key)
        if drawn is None:
            drawn = QPixmap(round(rect.width() * ratio), round(rect.height() * ratio))
            drawn.setDevicePixelRatio(ratio)
            drawn.fill(QColor(0, 0, 0, 0))
            row_painter = QPainter(drawn)
            self._paint_content(
                row_painter,
                QRect(0, 0, rect.width(), rect.height()),
                palette,
                QFont(font),
                selected=selected,
                avatar=self._avatar(picture, ratio),
                text=text,
                username=username,
                busy=busy,
            )
            row_painter.end()
            self._rows[key] = drawn
            self._rows_bytes += _bytes(drawn)
            while self._rows_bytes > ROW_CACHE_BYTES and len(self._rows) > 1:
                self._rows_bytes -= _bytes(self._rows.popitem(last=False)[1])
        else:
            self._rows.move_to_end(key)
        painter.drawPixmap(rect.topLeft(), drawn)

    def _paint_content(
        self,
        painter: QPainter,
        rect: QRect,
        palette: QPalette,
        font: QFont,
        *,
        selected: bool,
        avatar: QPixmap,
        text: RowText | None,
        username: str,
        busy: str,
    ) -> None:
        """The row's picture, title, chips and lines, within ``rect``."""
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = text_colour if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        where = QRect(rect.left() + PADDING, rect.top() + PADDING, AVATAR_SIZE, AVATAR_SIZE)
        painter.drawPixmap(where, avatar)

        metrics = QFontMetrics(font)
        left = where.right() + PADDING
        width = max(0, rect.right() - PADDING - left)
        y = rect.top() + PADDING
        line_height = metrics.height()

        title_font = QFont(font)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        title_metrics = QFontMetrics(title_font)
        shown = title_metrics.elidedText(username, Qt.TextElideMode.ElideRight, width // 2)
        painter.drawText(QRect(left, y, width, line_height), Qt.AlignmentFlag.AlignVCenter, shown)
        x = left + title_metrics.horizontalAdvance(shown) + 8

        chip_font = QFont(font)
        chip_font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        chip_font.setBold(True)
        painter.setFont(chip_font)
        status = busy or (text.status if text is not None else "")
        kind = "neutral" if busy or text is None else text.status_kind
        if text is not None and text.account_type:
            x = self._chip(
                painter, x, y, line_height, text=text.account_type, kind="neutral", palette=palette
            )
        if status:
            self._chip(painter, x, y, line_height, text=status, kind=kind, palette=palette)

        painter.setFont(font)
        if text is not None:
            lines = [(text.permissions, text_colour), (text.details_line, muted), (text.reason, muted)]
            for line, colour in lines:
                if not line:
                    continue
                y += line_height + LINE_GAP
                painter.setPen(colour)
                elided = metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)
                painter.drawText(QRect(left, y, width, line_height), Qt.AlignmentFlag.AlignVCenter, elided)

    def _chip(
        self, painter: QPainter, x: int, y: int, height: int, *, text: str, kind: str, palette: QPalette
    ) -> int:
        metrics = QFontMetrics(painter.font())
        width = metrics.horizontalAdvance(text) + 16
        box = QRect(x, y + 1, width, height - 2)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = _CHIP_COLOURS.get(kind)
        if fill is None:
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
            colour = palette.color(QPalette.ColorRole.Text)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            colour = QColor("#ffffff")
        painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
        painter.setPen(colour)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        return x + width + 6

    def _avatar(self, picture: object, ratio: float) -> QPixmap:
        if isinstance(picture, QPixmap) and not picture.isNull():
            key = (picture.cacheKey(), ratio)
            cut = self._avatars.get(key)
            if cut is None:
                cut = round_avatar(picture, AVATAR_SIZE, ratio)
                self._avatars[key] = cut
                while len(self._avatars) > AVATAR_CACHE:
                    self._avatars.popitem(last=False)
            else:
                self._avatars.move_to_end(key)
            return cut
        placeholder = self._placeholder.get(ratio)
        if placeholder is None:
            placeholder = assets.pixmap(assets.AVATAR_PLACEHOLDER, AVATAR_SIZE, ratio)
            self._placeholder[ratio] = placeholder
        return placeholder


def _bytes(pixmap: QPixmap) -> int:
    return pixmap.width() * pixmap.height() * 4
