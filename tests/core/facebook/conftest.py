"""A Facebook client talking to the sandbox's Facebook half over loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop.core.clock import ManualClock
from desktop.core.facebook.client import FacebookClient
from desktop.core.sandbox.facebook import FacebookSandbox
from tests.core.facebook.helpers import running_facebook


@pytest.fixture
def facebook(tmp_path: Path, clock: ManualClock) -> Iterator[FacebookSandbox]:
    with running_facebook(tmp_path / "sandbox", clock) as server:
        yield server


@pytest.fixture
def client(
    facebook: FacebookSandbox, http: httpx.Client, clock: ManualClock, sleeps: list[float]
) -> FacebookClient:
    return FacebookClient(
        http,
        facebook.endpoints(),
        facebook.client_id,
        facebook.client_secret,
        clock=clock,
        sleep=sleeps.append,
    )
