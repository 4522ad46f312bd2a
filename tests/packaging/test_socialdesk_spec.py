"""What the spec puts in the bundle: everything the app reads at run time, and none of the weight it
doesn't use."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from buildlib.project import qt_modules_used

from tests.packaging.conftest import ROOT, FrozenBuild

pytestmark = pytest.mark.timeout(900)

LINUX_ONLY = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundle layout")


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_resources_ship_except_installer_only_folders(frozen_build: FrozenBuild) -> None:
    source = {name for name in _files(ROOT / "resources") if not name.startswith(("linux/", "screenshots/"))}

    shipped = _files(frozen_build.internal / "resources")

    assert shipped == source
    for name in source:
        assert (frozen_build.internal / "resources" / name).read_bytes() == (
            ROOT / "resources" / name
        ).read_bytes()


def test_alembic_scripts_ship_next_to_the_migrate_module(frozen_build: FrozenBuild) -> None:
    migrations = ROOT / "desktop" / "core" / "store" / "migrations"
    wanted = {"env.py", "script.py.mako"} | {
        f"versions/{p.name}" for p in (migrations / "versions").glob("*.py")
    }

    shipped = _files(frozen_build.internal / "desktop" / "core" / "store" / "migrations")

    assert wanted <= shipped
    assert not any("__pycache__" in name for name in shipped)


def test_keyring_ships_its_entry_points_for_backend_discovery(frozen_build: FrozenBuild) -> None:
    (dist_info,) = frozen_build.internal.glob("keyring-*.dist-info")
    entry_points = (dist_info / "entry_points.txt").read_text(encoding="utf-8")

    assert "SecretService = keyring.backends.SecretService" in entry_points


@LINUX_ONLY
def test_only_the_qt_plugins_linux_needs_ship(frozen_build: FrozenBuild) -> None:
    plugins = _files(frozen_build.internal / "PySide6" / "Qt" / "plugins")
    kinds = {name.split("/")[0] for name in plugins}

    assert {
        "platforms/libqxcb.so",
        "platforms/libqwayland.so",
        "platforms/libqoffscreen.so",
        "iconengines/libqsvgicon.so",
        "imageformats/libqsvg.so",
        "imageformats/libqjpeg.so",
        "platformthemes/libqxdgdesktopportal.so",
    } <= plugins
    assert "platformthemes/libqgtk3.so" not in plugins
    assert kinds.isdisjoint({"egldeviceintegrations", "generic", "networkinformation", "tls", "sqldrivers"})
    assert not (frozen_build.internal / "PySide6" / "Qt" / "translations").exists()


def _frozen_modules(executable: Path) -> set[str]:
    """Module names in the bundle's PYZ archive (appended to the executable)."""
    from PyInstaller.archive.readers import CArchiveReader

    return set(CArchiveReader(str(executable)).open_embedded_archive("PYZ.pyz").toc)


def test_modules_imported_by_name_are_frozen_and_test_tools_are_not(frozen_build: FrozenBuild) -> None:
    modules = _frozen_modules(frozen_build.executable)
    top_level = {name.split(".")[0] for name in modules}
    commands = {f"desktop.commands.{p.stem}" for p in (ROOT / "desktop" / "commands").glob("[!_]*.py")}

    assert commands <= modules
    assert {"alembic.op", "alembic.context", "desktop.core.store.models"} <= modules
    if sys.platform.startswith("linux"):
        assert {"keyring.backends.SecretService", "secretstorage", "jeepney.io.blocking"} <= modules
    assert top_level.isdisjoint(
        {"pytest", "_pytest", "hypothesis", "pytestqt", "PIL", "PyInstaller", "tests", "tkinter", "unittest"}
    )


def test_only_the_qt_modules_the_app_imports_ship(frozen_build: FrozenBuild) -> None:
    pyside = frozen_build.internal / "PySide6"
    qt_modules = {p.name.split(".")[0] for p in pyside.glob("Qt*.*")}
    libraries = [p.name for p in (pyside / "Qt" / "lib").glob("*")] + [
        p.name for p in frozen_build.internal.glob("lib*")
    ]

    assert qt_modules == qt_modules_used(ROOT / "desktop")
    assert {"QtCore", "QtGui", "QtWidgets"} <= qt_modules
    unused = ("libQt6Qml", "libQt6Quick", "libQt6Pdf", "libQt6WebEngine", "libgtk-3")
    assert [name for name in libraries if name.startswith(unused)] == []
