"""The lifecycle timer on real services: a run at start-up, one per interval, results on the GUI thread."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from desktop.core.lifecycle import Lifecycle, LifecycleReport
from desktop.core.services import Services
from desktop.ui.lifecycle_timer import LifecycleTimer
from desktop.ui.tasks import TaskRunner
from tests.core.lifecycle.helpers import connect, open_services, sandbox_of, sandbox_settings
from tests.support.memory_keyring import MemoryKeyring


@pytest.fixture
def services(base_dir: Path, memory_keyring: MemoryKeyring) -> Iterator[Services]:
    opened = open_services(base_dir, sandbox_settings(), memory_keyring)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def tasks(qtbot: QtBot) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    assert runner.wait_for_done(20_000)
    qtbot.wait(1)


def test_start_runs_at_once_then_every_interval_and_tells_each_change_once(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    view = connect(services)
    sandbox_of(services).advance_clock(timedelta(days=61))
    timer = LifecycleTimer(tasks, services.lifecycle(), interval_minutes=30)
    notices: list[tuple[object, str]] = []
    timer.notice.connect(lambda v, kind: notices.append((v, kind)))

    with qtbot.waitSignals([timer.finished, timer.changed], timeout=20_000):
        timer.start()
    assert timer.active
    assert timer.interval_minutes == 30
    assert [(v.ig_user_id, kind) for v, kind in notices] == [(view.ig_user_id, "needs_reconnect")]  # type: ignore[attr-defined]
    assert services.connections.list_all()[0].status == "needs_reconnect"

    tick = timer.findChild(QTimer, "lifecycle_tick")
    assert tick is not None and tick.interval() == 30 * 60_000
    with qtbot.waitSignal(timer.finished, timeout=20_000) as second, qtbot.assertNotEmitted(timer.changed):
        tick.timeout.emit()
    report = second.args[0]
    assert isinstance(report, LifecycleReport)
    assert [o.outcome for o in report.outcomes] == ["skipped"]
    assert len(notices) == 1

    timer.stop()
    assert not timer.active


def test_a_tick_during_a_run_is_skipped(qtbot: QtBot, services: Services, tasks: TaskRunner) -> None:
    timer = LifecycleTimer(tasks, services.lifecycle(), interval_minutes=60)
    with qtbot.waitSignal(timer.finished, timeout=20_000):
        assert timer.run_now()
        assert timer.running
        assert not timer.run_now()
    assert not timer.running
    assert not timer.active


def test_a_failed_run_is_reported_and_the_next_one_still_runs(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    def broken_outbox() -> object:
        raise RuntimeError("outbox exploded")

    lifecycle = Lifecycle(
        sessions=services.storage.sessions,
        vault=services.storage.vault,
        client=services.connections.client,
        clock=services.clock,
        retry_outbox=broken_outbox,  # type: ignore[arg-type]
    )
    timer = LifecycleTimer(tasks, lifecycle, interval_minutes=60)
    with qtbot.waitSignal(timer.failed, timeout=20_000) as failed:
        timer.run_now()
    assert isinstance(failed.args[0], RuntimeError)
    assert not timer.running
    with qtbot.waitSignal(timer.failed, timeout=20_000):
        assert timer.run_now()
