from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.tasks import TaskRunner


def test_work_runs_off_the_gui_thread_and_reports_back_on_it(qtbot: QtBot) -> None:
    runner = TaskRunner()
    gui_thread = QThread.currentThread()
    seen: dict[str, object] = {}

    def work() -> str:
        seen["worker_is_gui"] = threading.current_thread() is threading.main_thread()
        return "done"

    def on_success(result: object) -> None:
        seen["result"] = result
        seen["slot_thread"] = QThread.currentThread()

    runner.submit(work, on_success=on_success)
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["worker_is_gui"] is False
    assert seen["result"] == "done"
    assert seen["slot_thread"] is gui_thread
    assert QApplication.instance() is not None
    assert runner.wait_for_done()


def test_failures_arrive_as_exceptions(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []

    def work() -> None:
        raise ValueError("bad")

    runner.submit(work, on_failure=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValueError)
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)


def test_serial_jobs_never_overlap(qtbot: QtBot) -> None:
    runner = TaskRunner()
    active, peak = [0], [0]
    done: list[object] = []
    lock = threading.Lock()

    def work(i: int) -> int:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        threading.Event().wait(0.01)
        with lock:
            active[0] -= 1
        return i

    for i in range(8):
        runner.submit(work, i, serial=True, on_success=done.append)
    qtbot.waitUntil(lambda: len(done) == 8, timeout=10000)
    assert peak[0] == 1
    assert done == list(range(8))
    assert runner.wait_for_done()
