from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from pytestqt.qtbot import QtBot

from desktop.core.sandbox import SandboxServer
from desktop.core.views import ConnectionView
from desktop.ui.integrations.connections_model import ConnectionsModel, Role
from desktop.ui.integrations.pictures import PictureCache, cache_file_for
from desktop.ui.tasks import TaskRunner
from tests.ui.integrations.rows import summary


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(tmp_path / "sandbox") as server:
        yield server


class CountingFetch:
    """Fetches over real HTTP and counts calls and the threads they ran on."""

    def __init__(self) -> None:
        self.calls = 0
        self.on_main_thread = False

    def __call__(self, url: str) -> bytes:
        self.calls += 1
        self.on_main_thread |= threading.current_thread() is threading.main_thread()
        response = httpx.get(url, timeout=10)
        response.raise_for_status()
        return response.content


def _view(url: str) -> ConnectionView:
    now = datetime(2026, 3, 1, tzinfo=UTC)
    return ConnectionView(
        1,
        "Acme",
        "1",
        "acme_business",
        "BUSINESS",
        (),
        now,
        now + timedelta(days=60),
        profile_picture_url=url,
    )


def test_a_row_shows_the_placeholder_then_the_fetched_picture(
    qtbot: QtBot, tmp_path: Path, sandbox: SandboxServer
) -> None:
    fetch = CountingFetch()
    cache = PictureCache(TaskRunner(), tmp_path / "pictures")
    cache.set_fetcher(fetch)
    url = f"{sandbox.base_url}/_sandbox/media/acme_business.png"
    shown = _view(url)
    model = ConnectionsModel(cache, parent=cache)
    model.set_fetcher(lambda workspace_id, ids: model.add_views(workspace_id, {shown.ig_user_id: shown}))
    model.set_listing(1, [summary(shown)])
    model.data(model.index(0), Role.VIEW)
    qtbot.waitUntil(lambda: model.view_for(shown.ig_user_id) is not None, timeout=2000)
    assert model.data(model.index(0), Role.PICTURE) is None  # the placeholder, while it loads
    # Each redraw of the row: whether the picture was there to draw.
    drawn: list[bool] = []
    model.dataChanged.connect(lambda *_: drawn.append(model.data(model.index(0), Role.PICTURE) is not None))
    qtbot.waitUntil(lambda: any(drawn), timeout=10_000)
    assert fetch.calls == 1 and not fetch.on_main_thread
    assert cache_file_for(tmp_path / "pictures", url).read_bytes().startswith(b"\x89PNG")


def test_the_disk_cache_saves_a_second_fetch(qtbot: QtBot, tmp_path: Path, sandbox: SandboxServer) -> None:
    url = f"{sandbox.base_url}/_sandbox/media/acme_business.png"
    first = PictureCache(TaskRunner(), tmp_path / "pictures")
    first.set_fetcher(CountingFetch())
    with qtbot.waitSignal(first.loaded, timeout=10_000):
        assert first.pixmap(url) is None
    assert first.pixmap(url) is not None

    fetch = CountingFetch()
    second = PictureCache(TaskRunner(), tmp_path / "pictures")
    second.set_fetcher(fetch)
    with qtbot.waitSignal(second.loaded, timeout=10_000):
        second.pixmap(url)
    assert fetch.calls == 0


def test_a_failed_fetch_keeps_the_placeholder_and_is_not_retried(
    qtbot: QtBot, tmp_path: Path, sandbox: SandboxServer
) -> None:
    fetch = CountingFetch()
    cache = PictureCache(TaskRunner(), tmp_path / "pictures")
    cache.set_fetcher(fetch)
    url = f"{sandbox.base_url}/_sandbox/media/nobody.png"
    assert cache.pixmap(url) is None
    qtbot.waitUntil(lambda: cache.pending == 0, timeout=10_000)
    assert cache.pixmap(url) is None
    assert fetch.calls == 1
