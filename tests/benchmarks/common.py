"""Shared parts of the benchmarks: the result row, a throw-away app environment, seeding, timing."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from desktop.core.environment import Environment
from desktop.core.instagram.scopes import REQUIRED_SCOPES
from desktop.core.secrets import SecretStr
from desktop.core.services import Services
from desktop.core.settings import Paths, Settings, save_settings
from desktop.core.store import connections as repo
from desktop.core.store.errors import transaction
from tests.support.memory_keyring import MemoryKeyring
from tests.support.net import find_free_port


@dataclass(frozen=True)
class Result:
    """One row of the table: a measurement, the baseline it is compared with, and the target."""

    name: str
    measured: float
    baseline: float
    unit: str
    #: What is held against the target: "ratio" (measured / baseline) or "measured".
    judged: str
    #: None where the issue sets no target: the figure is reported for the record.
    target: float | None
    baseline_name: str
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.measured / self.baseline if self.baseline else float("inf")

    @property
    def judged_value(self) -> float:
        return self.ratio if self.judged == "ratio" else self.measured

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.judged_value <= self.target


def median(values: list[float]) -> float:
    return statistics.median(values)


def ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000.0


@contextmanager
def app_environment() -> Iterator[Environment]:
    """A fresh base folder with settings on a free redirect port (sandbox mode)."""
    with tempfile.TemporaryDirectory(prefix="socialdesk-bench-") as folder:
        paths = Paths.resolve(Path(folder)).ensure()
        settings = Settings(redirect_uri=f"https://localhost:{find_free_port()}/callback/")
        save_settings(paths, settings)
        yield Environment(paths=paths, settings=settings, force_sandbox=True)


@contextmanager
def open_services(env: Environment) -> Iterator[Services]:
    backend = MemoryKeyring()
    services = Services.open(
        env, keyring_backend=backend, allow_backends=(MemoryKeyring,), check_interval=0.05
    )
    try:
        yield services
    finally:
        services.close()


def seed_connections(services: Services, count: int, *, workspace_id: int | None = None) -> None:
    """``count`` stored connections with encrypted (made-up) tokens, in one transaction."""
    workspace = workspace_id if workspace_id is not None else services.workspaces.default().id
    now = services.clock.now()
    with transaction(services.storage.sessions) as session:
        for index in range(count):
            repo.upsert_connection(
                session,
                services.storage.vault,
                workspace_id=workspace,
                ig_user_id=str(17841400100000000 + index),
                username=f"bench_account_{index:04d}",
                account_type="BUSINESS",
                scopes=REQUIRED_SCOPES,
                consented_at=now,
                expires_at=now + timedelta(days=60),
                token=SecretStr(f"IGAABENCH{index:06d}" + "x" * 180),
                profile_picture_url=None,
            )


def wait_until(condition: Callable[[], bool], timeout: float, poll: Callable[[], None]) -> None:
    give_up = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > give_up:
            raise TimeoutError("the benchmark's condition never came true")
        poll()


def offscreen() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
