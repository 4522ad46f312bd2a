"""Project facts read without importing the app, and the digest that decides when to rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

from buildlib.project import app_info, qt_modules_used, source_digest

from desktop import APP_ID, APP_NAME, __version__
from tests.packaging.conftest import ROOT


def test_app_info_matches_the_package() -> None:
    info = app_info()

    assert (info.name, info.app_id, info.version) == (APP_NAME, APP_ID, __version__)


def _mini_tree(root: Path) -> Path:
    (root / "desktop").mkdir(parents=True)
    shutil.copy(ROOT / "desktop" / "__init__.py", root / "desktop" / "__init__.py")
    (root / "resources").mkdir()
    (root / "resources" / "page.html").write_text("<p>hi</p>", encoding="utf-8")
    (root / "packaging").mkdir()
    (root / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    return root


def test_digest_changes_with_any_source_file_and_ignores_bytecode(tmp_path: Path) -> None:
    root = _mini_tree(tmp_path)
    first = source_digest(root)

    cache = root / "desktop" / "__pycache__"
    cache.mkdir()
    (cache / "x.cpython-311.pyc").write_bytes(b"\0")
    assert source_digest(root) == first

    (root / "resources" / "page.html").write_text("<p>hello</p>", encoding="utf-8")
    assert source_digest(root) != first


def test_digest_changes_when_a_file_is_renamed(tmp_path: Path) -> None:
    root = _mini_tree(tmp_path)
    first = source_digest(root)

    (root / "resources" / "page.html").rename(root / "resources" / "other.html")

    assert source_digest(root) != first


def test_qt_modules_used_reads_every_import_form(tmp_path: Path) -> None:
    package = tmp_path / "app"
    (package / "ui").mkdir(parents=True)
    (package / "ui" / "a.py").write_text(
        "from PySide6.QtWidgets import QWidget\n"
        "import PySide6.QtNetwork\n"
        "from PySide6 import QtSvg, __version__\n"
        "def later():\n    from PySide6.QtGui import QIcon\n",
        encoding="utf-8",
    )
    (package / "core.py").write_text("from .ui import a\nimport shiboken6\n", encoding="utf-8")

    assert qt_modules_used(package) == {"QtWidgets", "QtNetwork", "QtSvg", "QtGui"}


def test_digest_ignores_screenshots_which_no_bundle_ships(tmp_path: Path) -> None:
    root = _mini_tree(tmp_path)
    first = source_digest(root)

    (root / "resources" / "screenshots").mkdir()
    (root / "resources" / "screenshots" / "empty.png").write_bytes(b"\x89PNG")

    assert source_digest(root) == first
