"""``socialdesk sandbox`` in its own process, and its control API, for benchmarks of the app alone.

Meta does not run on the user's machine: a stand-in that shares the app's interpreter lock adds its
own request handling to every figure that waits on it. In its own process it still shares the cores
(as a busy machine would), but not the lock, and its CPU time is counted apart from the app's.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

from desktop.core.environment import SANDBOX_SECRET_ENV
from desktop.core.services import Services
from tests.benchmarks.common import app_environment, open_services
from tests.support.cli import ROOT, prepare_base_dir

_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class StandaloneSandbox:
    """A running ``socialdesk sandbox``: its URLs, its app credentials and its control API."""

    process: subprocess.Popen[str]
    lines: dict[str, str]
    http: httpx.Client

    @property
    def base_url(self) -> str:
        return self.lines["base_url"]

    @property
    def www_url(self) -> str:
        return self.lines["www_url"]

    @property
    def client_secret(self) -> str:
        return self.lines["client_secret"]

    def control(self, method: str, route: str, body: dict[str, Any] | None = None) -> Any:
        response = self.http.request(method, f"{self.base_url}/_sandbox{route}", json=body)
        response.raise_for_status()
        return response.json()

    def accounts(self) -> dict[str, str]:
        """User id by username."""
        return {a["username"]: a["user_id"] for a in self.control("GET", "/")["accounts"]}

    def advance_clock(self, delta: timedelta) -> None:
        self.control("POST", "/clock", {"seconds": delta.total_seconds()})

    def inject_latency(self, endpoint: str, latency_ms: int) -> None:
        self.control("POST", "/faults", {"kind": "latency", "endpoint": endpoint, "latency_ms": latency_ms})

    def clear_faults(self) -> None:
        self.control("DELETE", "/faults")

    def cpu_seconds(self) -> float:
        """The sandbox process's CPU time so far (user and system, all its threads)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS


@contextmanager
def standalone_sandbox() -> Iterator[StandaloneSandbox]:
    """Start the sandbox on free ports; the app finds it through ``SOCIALDESK_SANDBOX_SECRET``."""
    with tempfile.TemporaryDirectory(prefix="socialdesk-bench-sandbox-") as folder:
        base = prepare_base_dir(Path(folder))
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "desktop",
                "--base-dir",
                str(base),
                "sandbox",
                "--port",
                "0",
                "--facebook-port",
                "0",
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        previous = os.environ.get(SANDBOX_SECRET_ENV)
        try:
            assert process.stdout is not None
            lines = dict(process.stdout.readline().strip().split(": ", 1) for _ in range(10))
            os.environ[SANDBOX_SECRET_ENV] = lines["client_secret"]
            with httpx.Client(timeout=30, trust_env=False) as http:
                yield StandaloneSandbox(process, lines, http)
        finally:
            if previous is None:
                os.environ.pop(SANDBOX_SECRET_ENV, None)
            else:
                os.environ[SANDBOX_SECRET_ENV] = previous
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
            if process.stdout is not None:
                process.stdout.close()


@contextmanager
def app_against(sandbox: StandaloneSandbox) -> Iterator[Services]:
    """The app's services in sandbox mode, pointed at the standalone sandbox (``--sandbox-url``)."""
    with app_environment() as env:
        remote = dataclasses.replace(env, sandbox_url=sandbox.base_url, force_sandbox=False)
        with open_services(remote) as services:
            yield services


def advance_clock(services: Services, sandbox: StandaloneSandbox, delta: timedelta) -> None:
    """Move the sandbox's clock and wait until the app's reading of it has moved too."""
    target = services.clock.now() + delta
    sandbox.advance_clock(delta)
    give_up = time.monotonic() + 10
    while services.clock.now() < target:
        if time.monotonic() > give_up:
            raise TimeoutError("the app never saw the sandbox's clock move")
        time.sleep(0.05)
