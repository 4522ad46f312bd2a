"""Hands a launcher the QApplication the app makes for itself, the moment it is made.

The app builds its QApplication with its own arguments (``create_application``), and a launcher that
built one first would start it differently. Nor may a launcher import ``desktop.ui.app`` early to
wrap that function: the command line imports it with the automatic garbage collector off, and an
early import would run with it on. So the wrap is applied as the module finishes loading, wherever
the app imports it.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from types import ModuleType
from typing import Any

from PySide6.QtWidgets import QApplication

MODULE = "desktop.ui.app"


class _WrapOnLoad(importlib.abc.MetaPathFinder):
    def __init__(self, callback: Callable[[QApplication], None]) -> None:
        self._callback = callback

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None) -> Any:
        if fullname != MODULE:
            return None
        sys.meta_path.remove(self)  # once, and so the search below finds the real module
        spec = importlib.util.find_spec(fullname)
        assert spec is not None and spec.loader is not None
        load = spec.loader.exec_module
        callback = self._callback

        def exec_module(module: ModuleType) -> None:
            load(module)
            made = module.create_application

            @wraps(made)
            def create_application(*args: Any, **kwargs: Any) -> QApplication:
                app = made(*args, **kwargs)
                callback(app)
                return app

            module.create_application = create_application

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def when_application_made(callback: Callable[[QApplication], None]) -> None:
    """Calls ``callback`` with the app's QApplication as soon as ``create_application`` returns it."""
    if MODULE in sys.modules:
        raise RuntimeError(f"{MODULE} is already imported; call this before the app starts")
    sys.meta_path.insert(0, _WrapOnLoad(callback))
