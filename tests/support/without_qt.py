"""Run pytest with PySide6 made unimportable: ``python -m tests.support.without_qt tests/core``."""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

import pytest


class _BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname == "PySide6" or fullname.startswith(("PySide6.", "pytestqt")):
            raise ImportError(f"{fullname} is blocked: desktop/core must not need Qt")
        return None


if __name__ == "__main__":
    sys.meta_path.insert(0, _BlockQt())
    sys.exit(pytest.main(["-p", "no:pytest-qt", "-W", "ignore::pytest.PytestConfigWarning", *sys.argv[1:]]))
