"""Light and dark palettes, so the window reads the same on every platform and in screenshots.

The stylesheet takes its colours from the palette (``palette(base)``, ``palette(mid)`` …); only the
status colours are fixed, and those are chosen to read on both backgrounds.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from desktop.ui import assets

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

_LIGHT = {
    _Role.Window: "#f3f4f6",
    _Role.WindowText: "#111827",
    _Role.Base: "#ffffff",
    _Role.AlternateBase: "#eef0f4",
    _Role.ToolTipBase: "#111827",
    _Role.ToolTipText: "#f9fafb",
    _Role.PlaceholderText: "#5b6472",
    _Role.Text: "#111827",
    _Role.Button: "#ffffff",
    _Role.ButtonText: "#111827",
    _Role.BrightText: "#ffffff",
    _Role.Light: "#ffffff",
    _Role.Midlight: "#e5e7eb",
    _Role.Mid: "#cfd4dc",
    _Role.Dark: "#9ca3af",
    _Role.Shadow: "#6b7280",
    _Role.Highlight: "#4f46e5",
    _Role.HighlightedText: "#ffffff",
    _Role.Link: "#4338ca",
    _Role.LinkVisited: "#6d28d9",
}

_DARK = {
    _Role.Window: "#17181c",
    _Role.WindowText: "#e5e7eb",
    _Role.Base: "#202127",
    _Role.AlternateBase: "#1b1c21",
    _Role.ToolTipBase: "#e5e7eb",
    _Role.ToolTipText: "#111827",
    _Role.PlaceholderText: "#a0a7b4",
    _Role.Text: "#e5e7eb",
    _Role.Button: "#2a2c33",
    _Role.ButtonText: "#e5e7eb",
    _Role.BrightText: "#ffffff",
    _Role.Light: "#3a3d46",
    _Role.Midlight: "#30323a",
    _Role.Mid: "#454955",
    _Role.Dark: "#111216",
    _Role.Shadow: "#000000",
    _Role.Highlight: "#6366f1",
    _Role.HighlightedText: "#ffffff",
    _Role.Link: "#a5b4fc",
    _Role.LinkVisited: "#c4b5fd",
}


def _build(colours: dict[QPalette.ColorRole, str], disabled_text: str) -> QPalette:
    palette = QPalette()
    for role, value in colours.items():
        palette.setColor(role, QColor(value))
    for role in (_Role.Text, _Role.WindowText, _Role.ButtonText):
        palette.setColor(_Group.Disabled, role, QColor(disabled_text))
    return palette


def light_palette() -> QPalette:
    return _build(_LIGHT, "#9ca3af")


def dark_palette() -> QPalette:
    return _build(_DARK, "#6b7280")


def palette_for(scheme: str) -> QPalette:
    """``"dark"`` or ``"light"``."""
    return dark_palette() if scheme == "dark" else light_palette()


#: Accent colours with enough contrast on each scheme's backgrounds (WCAG AA for normal text).
_ACCENTS = {
    "light": {"@danger": "#b91c1c", "@caution": "#92400e", "@success": "#15803d"},
    "dark": {"@danger": "#f87171", "@caution": "#fbbf24", "@success": "#4ade80"},
}


def stylesheet_for(scheme: str) -> str:
    """The application stylesheet with its accent tokens filled in for ``scheme``."""
    text = assets.STYLESHEET.read_text(encoding="utf-8")
    text = text.replace("@icons", assets.CHEVRON_DOWN_ICON.parent.as_posix())
    for token, colour in _ACCENTS["dark" if scheme == "dark" else "light"].items():
        text = text.replace(token, colour)
    return text
