"""PySide6's import hook still tells PySide modules from others, and keeps no module's source."""

from __future__ import annotations

import importlib
import linecache
import sys
from pathlib import Path

import pytest

import desktop.ui  # noqa: F401  (installs the source check)
from desktop.ui import pyside_source_check


@pytest.fixture
def fresh_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in ("sd_uses_qt", "sd_plain"):
        sys.modules.pop(name, None)


def _write(folder: Path, name: str, text: str) -> str:
    path = folder / f"{name}.py"
    path.write_text(text, encoding="utf-8")
    importlib.invalidate_caches()
    return str(path)


def test_a_module_imported_after_pyside_leaves_no_source_in_linecache(fresh_modules: Path) -> None:
    # ``__import__``, as an import statement calls it: the hook wraps the builtin, not importlib.
    path = _write(fresh_modules, "sd_plain", "VALUE = 1\n" + "# padding line\n" * 500)
    linecache.checkcache()
    __import__("sd_plain")
    assert path not in linecache.cache


def test_the_hook_still_marks_modules_that_use_pyside(fresh_modules: Path) -> None:
    _write(fresh_modules, "sd_uses_qt", "from PySide6.QtCore import QObject\n")
    _write(fresh_modules, "sd_plain", "VALUE = 1\n")
    __import__("sd_uses_qt")
    __import__("sd_plain")
    feature = sys.modules[pyside_source_check.FEATURE_MODULE]
    assert feature.pyside_feature_dict["sd_uses_qt"] == 0  # type: ignore[attr-defined]
    assert feature.pyside_feature_dict["sd_plain"] == -1  # type: ignore[attr-defined]


def test_a_module_without_a_file_is_answered_from_its_loader() -> None:
    class Loader:
        @staticmethod
        def get_source(name: str) -> str:
            return "import PySide6\n" if name == "bundled" else "x = 1\n"

    bundled = type(sys)("bundled")
    bundled.__file__ = "/nonexistent/bundled.py"
    bundled.__loader__ = Loader()
    other = type(sys)("other")
    other.__loader__ = Loader()
    assert pyside_source_check.uses_pyside(bundled)
    assert not pyside_source_check.uses_pyside(other)
    assert not pyside_source_check.uses_pyside(type(sys)("no_loader"))
