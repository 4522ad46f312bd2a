"""desktop/core must import and work with PySide6 absent (the import-linter contract says so too)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import desktop.core

ROOT = Path(__file__).resolve().parents[2]
BLOCKER = """
import importlib.abc, sys
class _NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("PySide6 is blocked for this check")
        return None
sys.meta_path.insert(0, _NoQt())
"""


def test_every_core_module_imports_without_pyside6() -> None:
    modules = sorted(
        info.name
        for info in pkgutil.walk_packages(desktop.core.__path__, "desktop.core.")
        if ".migrations" not in info.name
    )
    assert "desktop.core.errors" in modules
    code = BLOCKER + "import importlib\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
    code += "assert not any(n.startswith('PySide6') for n in sys.modules)\nprint('ok', len(sys.argv))\n"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")
