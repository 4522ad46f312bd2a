"""The client under test, talking to a running sandbox over loopback; retries sleep into a list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop.core.clock import ManualClock
from desktop.core.instagram import InstagramClient
from desktop.core.sandbox import SandboxServer
from tests.core.sandbox.helpers import running_sandbox


@pytest.fixture
def sandbox(tmp_path: Path, clock: ManualClock) -> Iterator[SandboxServer]:
    with running_sandbox(tmp_path / "sandbox", clock) as server:
        yield server


@pytest.fixture
def client(
    sandbox: SandboxServer, http: httpx.Client, clock: ManualClock, sleeps: list[float]
) -> InstagramClient:
    credentials = sandbox.credentials
    return InstagramClient(
        http,
        sandbox.endpoints(),
        credentials.client_id,
        credentials.client_secret,
        clock=clock,
        sleep=sleeps.append,
    )
