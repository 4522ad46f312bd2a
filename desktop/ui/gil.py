"""The GUI thread's share of Python's global interpreter lock.

Workers (the store, HTTP, the sandbox, the refresh sweep) run Python too, and a thread that wants
the lock waits for the holder to give it up: by default after 5 ms, and again at every return from
Qt into a Python slot, paint or timer. A frame that crosses into Python a few times can so wait
longer than a frame lasts. A 1 ms interval keeps the GUI thread's waits short; the workers spend
their time mostly waiting on sockets and SQLite (which release the lock), so they lose little.
"""

from __future__ import annotations

import sys

#: Seconds a thread may hold the lock while another waits for it.
GUI_SWITCH_INTERVAL = 0.001


def share_gil_with_gui_thread() -> None:
    """Shorten the interval (never lengthen one that is shorter already)."""
    if sys.getswitchinterval() > GUI_SWITCH_INTERVAL:
        sys.setswitchinterval(GUI_SWITCH_INTERVAL)
