"""Every resource file the UI uses, declared once so the smoke test can prove each one ships."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPixmap

from desktop.core.resources import resource_path

_DECLARED: list[Path] = []


def _asset(*parts: str) -> Path:
    path = resource_path(*parts)
    _DECLARED.append(path)
    return path


APP_ICON = _asset("icons", "socialdesk.svg")
INSTAGRAM_ICON = _asset("icons", "instagram.svg")
GENERAL_ICON = _asset("icons", "general.svg")
INTEGRATIONS_ICON = _asset("icons", "integrations.svg")
SECURITY_ICON = _asset("icons", "security.svg")
TEAM_ICON = _asset("icons", "team.svg")
ABOUT_ICON = _asset("icons", "about.svg")
WARNING_ICON = _asset("icons", "warning.svg")
ERROR_ICON = _asset("icons", "error.svg")
INFO_ICON = _asset("icons", "info.svg")
SUCCESS_ICON = _asset("icons", "success.svg")
AVATAR_PLACEHOLDER = _asset("icons", "avatar.svg")
BROWSER_ICON = _asset("icons", "browser.svg")
SANDBOX_ICON = _asset("icons", "sandbox.svg")
LOCK_ICON = _asset("icons", "lock.svg")
WORKSPACE_ICON = _asset("icons", "workspace.svg")
CHEVRON_DOWN_ICON = _asset("icons", "chevron-down.svg")
STYLESHEET = _asset("styles", "app.qss")


def declared_assets() -> tuple[Path, ...]:
    return tuple(_DECLARED)


def icon(path: Path) -> QIcon:
    return QIcon(str(path))


def tinted(path: Path, colour: QColor, size: int = 64) -> QPixmap:
    """The SVG's shape filled with one colour (a white icon on a selected, coloured row)."""
    source = QIcon(str(path)).pixmap(size, size)
    result = QPixmap(source.size())
    # At a display scale above 1 the source has more pixels than points: keep its ratio, or the
    # tinted copy is drawn at a fraction of its size (the selected sidebar icon at half size at 200 %).
    result.setDevicePixelRatio(source.devicePixelRatio())
    result.fill(QColor(0, 0, 0, 0))
    painter = QPainter(result)
    painter.drawPixmap(0, 0, source)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(result.rect(), colour)
    painter.end()
    return result


class _TintedWhenSelected(QIconEngine):
    """Draws the SVG at the size and scale asked, filled with one colour in the Selected mode.

    Each rendering is made on first request and kept: the sidebar's icons cost nothing before the
    first paint beyond the sizes that paint needs, and stay sharp at any display scale.
    """

    def __init__(self, path: Path, colour: QColor) -> None:
        super().__init__()
        self._path, self._colour = path, QColor(colour)
        self._svg = QIcon(str(path))
        self._made: dict[tuple[int, int, bool], QPixmap] = {}

    def _rendered(self, width: int, height: int, selected: bool) -> QPixmap:
        key = (width, height, selected)
        made = self._made.get(key)
        if made is None:
            made = self._svg.pixmap(QSize(width, height), 1.0)
            if selected:
                tint = QPixmap(made.size())
                tint.fill(QColor(0, 0, 0, 0))
                painter = QPainter(tint)
                painter.drawPixmap(0, 0, made)
                painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
                painter.fillRect(tint.rect(), self._colour)
                painter.end()
                made = tint
            self._made[key] = made
        return made

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        width, height = max(1, round(size.width() * scale)), max(1, round(size.height() * scale))
        result = QPixmap(self._rendered(width, height, mode == QIcon.Mode.Selected))
        result.setDevicePixelRatio(scale)
        return result

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        device = painter.device()
        scale = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def clone(self) -> QIconEngine:
        return _TintedWhenSelected(self._path, self._colour)


def sidebar_icon(path: Path, selected_colour: QColor) -> QIcon:
    """The icon as drawn, and tinted with ``selected_colour`` when its row is selected; rendered
    when first painted, at the display's scale (sharp at 200 %)."""
    return QIcon(_TintedWhenSelected(path, selected_colour))


#: Sizes of the app icon rendered to PNG (for platforms and packagers that want bitmaps).
APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


APP_ICON_PNGS = {size: _asset("icons", "app", f"socialdesk-{size}.png") for size in APP_ICON_SIZES}


def app_icon() -> QIcon:
    """The app icon as its PNG renderings, each read from disk only when a size is first asked for.

    An icon made from the SVG would read every PNG added to it at once and keep them all (1.4 MiB,
    mostly the 512 px one) for a window icon that most platforms draw at 16-64 px. The renderings
    come from the same SVG, and a size between them is scaled from the next larger one.
    """
    result = QIcon()
    for size, png in APP_ICON_PNGS.items():
        result.addFile(str(png), QSize(size, size))
    return result


def pixmap(path: Path, size: int, device_pixel_ratio: float = 1.0) -> QPixmap:
    """An SVG rendered sharp at the screen's scale (200% displays included)."""
    pm = QIcon(str(path)).pixmap(size, size)
    pm.setDevicePixelRatio(device_pixel_ratio if pm.width() > size else 1.0)
    return pm
