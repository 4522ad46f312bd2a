"""``socialdesk screenshots DIR``: the window's states rendered to PNG against the embedded sandbox."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop.commands import screenshots
from desktop.core.errors import SEED_CODES
from desktop.core.settings import Paths, Settings


def _run(argv: list[str], base_dir: Path) -> int:
    parser = argparse.ArgumentParser()
    screenshots.add_parser(parser.add_subparsers())
    args = parser.parse_args(["screenshots", *argv])
    paths = Paths.resolve(base_dir).ensure()
    return int(args.handler(args, paths, Settings()))


def _brightness(image: QImage, x: int, y: int) -> int:
    return image.pixelColor(x, y).lightness()


def test_every_main_state_is_rendered_in_light_and_dark(qtbot: QtBot, tmp_path: Path, base_dir: Path) -> None:
    out = tmp_path / "shots"
    assert _run([str(out), "--seed-errors-only"], base_dir) == 0
    states = [
        "empty",
        "certificate-warning",
        "connecting",
        "connected",
        *(f"error-{code}" for code in SEED_CODES),
    ]
    # The window at its real sizes: as it opens, its smallest, and as it opens at 200 %.
    variants = {"": (1000, 720), "-820x600": (820, 600), "@2x": (2000, 1440)}
    for state in states:
        for scheme in ("", "-dark"):
            for variant, size in variants.items():
                image = QImage(str(out / f"{state}{scheme}{variant}.png"))
                assert not image.isNull(), f"{state}{scheme}{variant}"
                assert (image.width(), image.height()) == size, f"{state}{scheme}{variant}"
    light, dark = QImage(str(out / "empty.png")), QImage(str(out / "empty-dark.png"))
    # The page background (right of the sidebar, near the bottom) follows the palette.
    assert _brightness(light, 900, light.height() - 10) > 180
    assert _brightness(dark, 900, dark.height() - 10) < 80
    # Nothing was written to the user's folders: the run used a throwaway one.
    assert not any(base_dir.joinpath("data").iterdir())


def test_the_scale_option_is_checked() -> None:
    parser = argparse.ArgumentParser()
    screenshots.add_parser(parser.add_subparsers())
    args = parser.parse_args(["screenshots", "out", "--scale", "2", "--size", "1280x800"])
    assert args.scale == 2.0
    assert args.size == (1280, 800)
    with pytest.raises(SystemExit):
        parser.parse_args(["screenshots", "out", "--size", "640x480"])
