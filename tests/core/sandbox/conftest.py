"""A running sandbox on a manual clock, and an HTTP client that does not follow redirects."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop.core.clock import ManualClock
from desktop.core.sandbox import SandboxServer
from tests.core.sandbox.helpers import running_sandbox


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    return tmp_path / "sandbox"


@pytest.fixture
def sandbox(state_dir: Path, clock: ManualClock) -> Iterator[SandboxServer]:
    with running_sandbox(state_dir, clock) as server:
        yield server


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10.0, follow_redirects=False) as client:
        yield client
