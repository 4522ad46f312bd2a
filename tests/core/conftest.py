"""What the core's tests share: a clock they move by hand and the product's own HTTP client."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from desktop.core.clock import ManualClock
from desktop.core.instagram.http import new_http_client


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    """The client the app itself talks to Meta with, so its settings are the ones under test."""
    with new_http_client(timeout_seconds=10.0) as client:
        yield client


@pytest.fixture
def sleeps() -> list[float]:
    """Where a client's retries sleep: recorded, so tests neither wait nor lose the delays."""
    return []
