"""Icons rendered from the app's SVG at build time, and packed for Windows and macOS."""

from __future__ import annotations

from pathlib import Path

from buildlib.icons import ICO_SIZES, PNG_SIZES, build_icons
from PIL import Image
from PySide6.QtGui import QImage

from tests.packaging.conftest import ROOT

SVG = ROOT / "resources" / "icons" / "socialdesk.svg"


def test_every_size_is_rendered_square_with_a_transparent_corner(tmp_path: Path) -> None:
    icons = build_icons(SVG, tmp_path / "icons")

    for size in PNG_SIZES:
        image = QImage(str(icons.png(size)))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
        assert image.pixelColor(0, 0).alpha() == 0
        assert image.pixelColor(size // 2, size // 2).alpha() == 255


def test_ico_and_icns_hold_the_sizes_each_platform_asks_for(tmp_path: Path) -> None:
    icons = build_icons(SVG, tmp_path / "icons")

    with Image.open(icons.ico) as ico:
        assert ico.format == "ICO"
        assert set(ico.info["sizes"]) == {(s, s) for s in ICO_SIZES}
    with Image.open(icons.icns) as icns:
        assert icns.format == "ICNS"
        assert icns.size == (1024, 1024)
        assert (512, 512, 2) in icns.info["sizes"]
