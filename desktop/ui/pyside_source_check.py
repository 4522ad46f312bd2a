"""PySide6's import hook, made to test each new module's source without keeping it.

PySide6 (6.12) watches every import after its own to learn whether the new module uses PySide6
(for its ``__feature__`` switches). It asks ``inspect.getsource``, which reads the whole file
through ``linecache`` and keeps every line for the life of the process: 5 to 33 MiB more in a
settled window (the runs differ), in Python's own arenas, which stay with the process even if the
cache is cleared later. The same question is answered here by reading the file and letting it go.
"""

from __future__ import annotations

import sys
from types import ModuleType

#: Where PySide6 keeps the hook's module (the same object is also ``shibokensupport.feature``).
FEATURE_MODULE = "PySide6.support.feature"
MARK = "PySide6"


def uses_pyside(module: ModuleType) -> bool:
    """Whether ``module``'s source names PySide6: the hook's own test, without ``linecache``."""
    path = getattr(module, "__file__", None)
    if isinstance(path, str) and path.endswith(".py"):
        try:
            with open(path, "rb") as source:
                return MARK.encode() in source.read()
        except OSError:
            pass  # no file (a frozen bundle): the loader may still hold the source
    get_source = getattr(getattr(module, "__loader__", None), "get_source", None)
    if get_source is None:
        return False
    try:
        text = get_source(module.__name__)
    except (ImportError, OSError, SyntaxError, UnicodeDecodeError):
        return False
    return isinstance(text, str) and MARK in text


def install() -> bool:
    """Swap the hook's source test for :func:`uses_pyside`; False where PySide6 has no such hook."""
    import PySide6.QtCore  # noqa: F401  (loads the hook)

    feature = sys.modules.get(FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]  # looked up at each import
    return True
