"""Emitting a signal from Python without losing a reference to ``True``.

PySide6 6.12.0's ``SignalInstance.emit`` returns ``True`` without taking a new reference to it, so
every emit from Python drops ``True``'s reference count by one; after a few thousand emits (a list
model signalling per row, a worker pool relaying each result) the interpreter aborts in
``bool_dealloc``. :func:`emit` gives the reference back, and only where the running PySide6 has
the defect (probed once at import), so a fixed release needs nothing.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 64


class _Probe(QObject):
    fired = Signal()


def _emit_loses_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    results: list[object] = [probe.fired.emit() for _ in range(_PROBES)]  # type: ignore[func-returns-value]
    after = sys.getrefcount(True) - len(results)
    lost = before - after
    for result in results:
        if lost >= _PROBES // 2:
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
    return lost >= _PROBES // 2


_COMPENSATE = _emit_loses_a_reference()


def emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)``, keeping the interpreter's reference counts right."""
    result: object = signal.emit(*args)  # type: ignore[func-returns-value]
    if _COMPENSATE and isinstance(result, bool):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
