"""Python's cyclic garbage collector, run only on the GUI thread.

Left automatic, the collector runs on whichever thread happens to allocate, often a worker. When a
cycle it frees holds a Qt object that lives on the GUI thread, the object is destroyed on the wrong
thread and the process can crash. So automatic collection is switched off and a timer on the GUI
thread collects with the same thresholds (the approach long used by mature PyQt applications).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gui_thread_collector")
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        gc.disable()
        self._timer.start()
        self.destroyed.connect(gc.enable)

    @Slot()
    def _on_timer_timeout(self) -> None:
        count0, count1, count2 = gc.get_count()
        limit0, limit1, limit2 = self._thresholds
        if count0 > limit0:
            gc.collect(0)
            if count1 > limit1:
                gc.collect(1)
                if count2 > limit2:
                    gc.collect(2)


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Install the collector once per application object."""
    existing = app.findChild(GuiThreadCollector, "gui_thread_collector")
    return existing if isinstance(existing, GuiThreadCollector) else GuiThreadCollector(app)
