"""A standalone sandbox reached by URL: its clock is followed without the caller waiting on it."""

from __future__ import annotations

import gc
import threading
import time
from datetime import timedelta

import httpx
import pytest

from desktop.core.clock import ManualClock
from desktop.core.sandbox import SandboxServer
from desktop.core.sandbox.remote import RemoteSandbox
from desktop.core.secrets import SecretStr


def _follows(remote: RemoteSandbox, expected: object, *, within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if abs((remote.now() - expected).total_seconds()) < 5:  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def test_the_clock_follows_an_advance_made_by_another_client(
    sandbox: SandboxServer, clock: ManualClock, http: httpx.Client
) -> None:
    remote = RemoteSandbox(sandbox.base_url, http, client_secret=SecretStr("unused"))
    assert abs((remote.now() - clock.now()).total_seconds()) < 5

    httpx.post(f"{sandbox.base_url}/_sandbox/clock", json={"days": 55}).raise_for_status()

    assert _follows(remote, clock.now())
    assert remote.now() - (clock.now() - timedelta(days=55)) > timedelta(days=54)


def test_the_clock_keeps_its_last_reading_when_the_sandbox_goes_away(
    sandbox: SandboxServer, clock: ManualClock, http: httpx.Client
) -> None:
    httpx.post(f"{sandbox.base_url}/_sandbox/clock", json={"days": 3}).raise_for_status()
    remote = RemoteSandbox(sandbox.base_url, http, client_secret=SecretStr("unused"))
    sandbox.stop()

    # Before, each reading past a quarter second asked the sandbox on the caller's thread and raised
    # network_error once it was gone; now the caller gets the last reading and a refresh is tried aside.
    for _ in range(5):
        assert _follows(remote, clock.now(), within=0.01)
        time.sleep(0.3)


def test_reading_the_clock_starts_no_thread_and_its_reader_ends_with_the_client(
    sandbox: SandboxServer, clock: ManualClock, http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Starting a thread makes the caller wait for it to run: the GUI thread asks for the time often."""
    remote = RemoteSandbox(sandbox.base_url, http, client_secret=SecretStr("unused"))
    started: list[str] = []
    start = threading.Thread.start

    def counted(thread: threading.Thread) -> None:
        started.append(thread.name)
        start(thread)

    monkeypatch.setattr(threading.Thread, "start", counted)
    httpx.post(f"{sandbox.base_url}/_sandbox/clock", json={"days": 9}).raise_for_status()
    for _ in range(4):
        time.sleep(0.3)  # each reading is stale by then
        remote.now()
    assert _follows(remote, clock.now())
    assert "sandbox-clock" not in started  # (the in-process sandbox starts its own per request)
    monkeypatch.undo()

    readers = {t for t in threading.enumerate() if t.name == "sandbox-clock"}
    del remote
    gc.collect()
    deadline = time.monotonic() + 15
    while any(t.is_alive() for t in readers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(t.is_alive() for t in readers)
