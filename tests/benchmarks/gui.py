"""The window under load: how long the GUI thread stalls, and how fast 1,000 connections show.

A 1 ms heartbeat timer on the GUI thread records the longest gap between its ticks while the real
window connects an account (the Connect button, a scripted browser on its own thread), disconnects
one (the row's button and the confirmation), and runs a refresh sweep (the lifecycle timer's run).
The baseline is the same heartbeat while the window sits idle. Listing and rendering is timed from
the card's reload to 1,000 rows shown and painted, against 1,000 plain labels built and painted in
a window of the same size.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.services import Services
from desktop.ui.app import create_application
from desktop.ui.integrations.instagram_card import InstagramCard
from desktop.ui.lifecycle_timer import LifecycleTimer
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskRunner
from tests.benchmarks.common import (
    Result,
    app_environment,
    median,
    offscreen,
    open_services,
    seed_connections,
)
from tests.support.consent import ConsentBot
from tests.support.tls import ca_pem

ROWS = 1000
#: The quick variant (CI) renders fewer rows: it checks the benchmark runs, not the figure.
QUICK_ROWS = 200
TIMEOUT = 60.0


def spin(ms: int) -> None:
    """Run the event loop for ``ms`` milliseconds (sleeping when idle, as the real loop does)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def spin_until(condition: Callable[[], bool], timeout: float = TIMEOUT) -> None:
    give_up = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > give_up:
            raise TimeoutError("the window never got there")
        spin(2)


class Heartbeat:
    """The longest gap between ticks of a 1 ms timer on the GUI thread: how long it was blocked."""

    def __init__(self) -> None:
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.longest = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, (now - self._last) * 1000.0)
        self._last = now

    def measure(self, action: Callable[[], None]) -> float:
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer.start()
        try:
            action()
            self._tick()
        finally:
            self._timer.stop()
        return self.longest


class Browser:
    """The window's browser opener: a ConsentBot on its own thread (returns at once)."""

    def __init__(self, services: Services) -> None:
        self.account = "acme_business"
        self.services = services
        self.threads: list[threading.Thread] = []

    def __call__(self, url: str) -> bool:
        thread = threading.Thread(
            target=ConsentBot(account=self.account, ca_pem=ca_pem(self.services)).open,
            args=(url,),
            daemon=True,
        )
        self.threads.append(thread)
        thread.start()
        return True


def _usernames(card: InstagramCard) -> list[str]:
    return [row.username for row in card.rows()]


def run(quick: bool) -> list[Result]:
    offscreen()
    app = QApplication.instance()
    results: list[Result] = []
    with app_environment() as env, open_services(env) as services:
        if app is None:
            app = create_application(env)
        tasks = TaskRunner()
        browser = Browser(services)
        window = MainWindow(env, tasks, services, opener=browser)
        window.show()
        card = window.integrations_page.instagram_card
        spin_until(lambda: card.loaded and card.connect_button.isEnabled())
        heartbeat = Heartbeat()
        try:
            idle = heartbeat.measure(lambda: spin(1000 if quick else 3000))

            def connect(account: str) -> None:
                browser.account = account
                spin_until(lambda: card.connect_button.isEnabled())
                card.connect_button.click()
                spin_until(lambda: account in _usernames(card) and card.connect_button.isEnabled())

            connect("northwind_shop")  # warm-up: the first connect loads pages, pictures, fonts
            connect("studio.creator")
            assert services.sandbox is not None
            lifecycle = LifecycleTimer(tasks, services.lifecycle(), 60)
            lifecycle.changed.connect(card.reload)
            reports: list[object] = []
            lifecycle.finished.connect(reports.append)

            def disconnect(account: str) -> None:
                row = card.row_for(account)
                assert row is not None
                row.disconnect_button.click()
                spin_until(lambda: card.confirm_dialog is not None)
                dialog = card.confirm_dialog
                assert isinstance(dialog, QMessageBox)
                confirm = dialog.findChild(QPushButton, "confirm_disconnect_button")
                assert confirm is not None
                confirm.click()
                spin_until(lambda: account not in _usernames(card))

            def sweep() -> None:
                reports.clear()
                assert lifecycle.run_now()
                spin_until(lambda: bool(reports) and card.loaded)
                spin(50)  # the reload the sweep triggered

            stalls: dict[str, list[float]] = {"connect": [], "disconnect": [], "refresh sweep": []}
            for _ in range(2 if quick else 5):
                stalls["connect"].append(heartbeat.measure(lambda: connect("acme_business")))
                stalls["disconnect"].append(heartbeat.measure(lambda: disconnect("acme_business")))
                services.sandbox.advance_clock(timedelta(days=55))  # every token due for refresh
                stalls["refresh sweep"].append(heartbeat.measure(sweep))
            for name, values in stalls.items():
                results.append(
                    Result(
                        f"GUI thread longest stall: {name}",
                        median(values),
                        idle,
                        "ms",
                        "measured",
                        16.0,
                        "the same heartbeat, window idle",
                        note=f"worst of {len(values)} rounds {max(values):.0f} ms",
                    )
                )
            results += _rows(window, services, heartbeat, QUICK_ROWS if quick else ROWS)
        finally:
            window.close()
            for thread in browser.threads:
                thread.join(30)
            tasks.wait_for_done(30_000)
            window.deleteLater()
            spin(10)
    return results


def _rows(window: MainWindow, services: Services, heartbeat: Heartbeat, count: int) -> list[Result]:
    card = window.integrations_page.instagram_card
    seed_connections(services, count)
    spin(50)

    def list_and_render() -> None:
        card.reload()
        spin_until(lambda: len(card.rows()) >= count, timeout=600)
        window.repaint()

    start = time.perf_counter()
    stall = heartbeat.measure(list_and_render)
    app_ms = (time.perf_counter() - start) * 1000.0

    # Baseline: 1,000 plain labels in a scroll area, built and painted in a window of the same size.
    scroll = QScrollArea()
    scroll.resize(window.size())
    scroll.setWidgetResizable(True)
    scroll.show()
    spin(50)
    start = time.perf_counter()
    holder = QWidget()
    layout = QVBoxLayout(holder)
    for index in range(count):
        layout.addWidget(QLabel(f"@bench_account_{index:04d} · Business · Active"))
    scroll.setWidget(holder)
    scroll.repaint()
    bare_ms = (time.perf_counter() - start) * 1000.0
    scroll.close()
    scroll.deleteLater()
    return [
        Result(
            f"list and render {count:,} connections",
            app_ms,
            bare_ms,
            "ms",
            "measured",
            100.0,
            f"{count:,} plain QLabels",
            note=f"GUI thread blocked up to {stall:.0f} ms meanwhile",
        )
    ]
