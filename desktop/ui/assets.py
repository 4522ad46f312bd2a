"""Every resource file the UI uses, declared once so the smoke test can prove each one ships."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon, QPixmap

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
ABOUT_ICON = _asset("icons", "about.svg")
WARNING_ICON = _asset("icons", "warning.svg")
ERROR_ICON = _asset("icons", "error.svg")
INFO_ICON = _asset("icons", "info.svg")
AVATAR_PLACEHOLDER = _asset("icons", "avatar.svg")
STYLESHEET = _asset("styles", "app.qss")


def declared_assets() -> tuple[Path, ...]:
    return tuple(_DECLARED)


def icon(path: Path) -> QIcon:
    return QIcon(str(path))


def pixmap(path: Path, size: int, device_pixel_ratio: float = 1.0) -> QPixmap:
    """An SVG rendered sharp at the screen's scale (200% displays included)."""
    pm = QIcon(str(path)).pixmap(size, size)
    pm.setDevicePixelRatio(device_pixel_ratio if pm.width() > size else 1.0)
    return pm
