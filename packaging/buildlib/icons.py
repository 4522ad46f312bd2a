"""App icons for the installers, rendered from ``resources/icons/socialdesk.svg`` at build time.

PNGs come from Qt's own SVG renderer (the one the app uses), so every size matches what the window
shows; Pillow packs them into the Windows ``.ico`` and the macOS ``.icns``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: hicolor sizes for Linux, and the sizes .ico and .icns files hold.
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


@dataclass(frozen=True, slots=True)
class IconSet:
    folder: Path
    svg: Path

    def png(self, size: int) -> Path:
        return self.folder / f"socialdesk-{size}.png"

    @property
    def ico(self) -> Path:
        return self.folder / "socialdesk.ico"

    @property
    def icns(self) -> Path:
        return self.folder / "socialdesk.icns"


def render_pngs(svg: Path, folder: Path, sizes: tuple[int, ...] = PNG_SIZES) -> list[Path]:
    """Render the SVG to square PNGs with a transparent background, one per size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["socialdesk-icons"])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG")
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        path = folder / f"socialdesk-{size}.png"
        if not image.save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)
    return written


def make_ico(icons: IconSet) -> Path:
    from PIL import Image

    largest = max(ICO_SIZES)
    with Image.open(icons.png(largest)) as image:
        frames = [Image.open(icons.png(size)) for size in ICO_SIZES if size != largest]
        try:
            image.save(icons.ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=frames)
        finally:
            for frame in frames:
                frame.close()
    return icons.ico


def make_icns(icons: IconSet) -> Path:
    from PIL import Image

    with Image.open(icons.png(1024)) as image:
        image.save(icons.icns, format="ICNS")
    return icons.icns


def build_icons(svg: Path, folder: Path) -> IconSet:
    """PNGs at every size, plus ``.ico`` and ``.icns`` when Pillow is installed (``.[package]``)."""
    render_pngs(svg, folder)
    icons = IconSet(folder=folder, svg=svg)
    try:
        import PIL  # noqa: F401
    except ImportError:
        return icons
    make_ico(icons)
    make_icns(icons)
    return icons
