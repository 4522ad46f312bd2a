"""The app icon offers every PNG rendering and reads each from disk only when it is drawn."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.ui import assets


def test_the_app_icon_offers_every_rendered_size(qtbot: QtBot) -> None:
    icon = assets.app_icon()
    assert not icon.isNull()
    assert [size.width() for size in icon.availableSizes()] == list(assets.APP_ICON_SIZES)
    assert icon.pixmap(32, 32).width() == 32
    assert icon.pixmap(40, 40).width() == 40  # scaled from the next larger rendering


def test_the_app_icon_reads_a_rendering_only_when_it_is_first_drawn(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copies = {}
    for size, png in assets.APP_ICON_PNGS.items():
        copies[size] = tmp_path / png.name
        shutil.copyfile(png, copies[size])
    monkeypatch.setattr(assets, "APP_ICON_PNGS", copies)
    icon = assets.app_icon()
    # Swapped after the icon was made: an icon that had read its PNGs up front still draws 512 px.
    shutil.copyfile(copies[256], copies[512])
    assert icon.pixmap(512, 512).width() == 256
