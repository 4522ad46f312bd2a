"""A live connect flow to attack: the real listener waiting for the real callback, which is held back.

The browser part has run (consent given at the sandbox), but its redirect to the app has not been
delivered: the test owns the one genuine callback and delivers it after the attacks.

The attacks are on the listener's HTTP layer (raw bytes, slow heads, smuggling), so this flow uses an
``http://localhost`` redirect, with the sandbox's Development Mode knob that lets its app register
one. The TLS layer in front of the same code is attacked in tests/core/oauth/test_listener_tls.py.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from desktop.core.connections import ConnectAttempt
from desktop.core.environment import Environment
from desktop.core.services import Services
from desktop.core.settings import Paths, Settings, save_settings
from desktop.core.views import ConnectionView
from tests.attack import tally
from tests.attack.wire import Answer, request, send_raw
from tests.integration.conftest import services, start
from tests.support.consent import ConsentBot
from tests.support.net import find_free_port, ipv6_loopback_available

__all__ = ["app_env", "live_flow", "services"]


@dataclass
class LiveFlow:
    services: Services
    attempt: ConnectAttempt
    #: The genuine redirect from the consent page: ``http://localhost:PORT/callback/?code=…&state=…#_``.
    callback: httpx.URL
    hosts: tuple[str, ...]
    port: int
    host_header: str

    @property
    def state(self) -> str:
        return self.callback.params["state"]

    @property
    def code(self) -> str:
        return self.callback.params["code"]

    @property
    def path(self) -> str:
        return self.callback.path

    def host(self, index: int) -> str:
        return self.hosts[index % len(self.hosts)]

    def probe(self, index: int = 0) -> Answer:
        """A harmless request that a healthy listener answers with 404 at once."""
        return send_raw(
            self.host(index), self.port, request("GET", "/favicon.ico", [("Host", self.host_header)])
        )

    def assert_alive(self, index: int = 0) -> None:
        """The flow still waits and the listener answers (once clients it is busy with are gone)."""
        assert not self.attempt.ended, "the flow ended: something other than the real callback was accepted"
        statuses = []
        for attempt in range(50):
            statuses.append(self.probe(index + attempt).status)
            if statuses[-1] == 404:
                return
            time.sleep(0.1)
        raise AssertionError(f"the listener stopped answering: {statuses}")

    def land(self, path: str) -> Answer:
        """Follow the listener's redirect to its landing page, as the browser does (it then stops)."""
        return send_raw(self.host(0), self.port, request("GET", path, [("Host", self.host_header)]))

    def land_while_waiting(self, attempt: ConnectAttempt, path: str) -> ConnectionView:
        """Load the landing page while the app finishes, as a browser and the app do side by side.

        The page waits for the connection's outcome, so it is fetched on a thread of its own.
        """
        landed: list[Answer] = []
        browser = threading.Thread(target=lambda: landed.append(self.land(path)), daemon=True)
        browser.start()
        view = attempt.wait(timeout=30)
        browser.join(30)
        assert landed and landed[0].status == 200, landed
        return view

    def deliver(self) -> ConnectionView:
        """The real callback, as the browser would send it; the flow must then complete."""
        answer = send_raw(
            self.host(0),
            self.port,
            request("GET", self.callback.raw_path.decode("ascii"), [("Host", self.host_header)]),
        )
        assert answer.status == 303, answer.head
        assert answer.location == "/done"
        view = self.land_while_waiting(self.attempt, "/done")
        assert self.services.sandbox is not None
        assert self.services.sandbox.request_count("/oauth/access_token") == 1, "more than one code was used"
        assert [c.ig_user_id for c in self.services.connections.list_all()] == [view.ig_user_id]
        return view


@pytest.fixture
def app_env(base_dir: Path) -> Environment:
    paths = Paths.resolve(base_dir).ensure()
    settings = Settings(
        redirect_uri=f"http://localhost:{find_free_port()}/callback/", sandbox_allow_http_localhost=True
    )
    save_settings(paths, settings)
    return Environment(paths=paths, settings=settings)


@pytest.fixture
def live_flow(services: Services, caplog: pytest.LogCaptureFixture) -> Iterator[LiveFlow]:
    caplog.set_level(logging.INFO, logger="desktop.core.oauth")
    attempt = start(services)
    outcome = ConsentBot(deliver=False).open(attempt.start_url)
    assert outcome.redirect_location is not None
    callback = httpx.URL(outcome.redirect_location)
    assert callback.port is not None
    hosts = ("127.0.0.1", "::1") if ipv6_loopback_available() else ("127.0.0.1",)
    flow = LiveFlow(services, attempt, callback, hosts, callback.port, f"localhost:{callback.port}")
    try:
        yield flow
    finally:
        attempt.cancel()
    crashes = [
        r.getMessage()
        for r in caplog.records
        if r.name.startswith("desktop.core.oauth") and "a request failed" in r.getMessage()
    ]
    assert crashes == [], "a listener handler raised"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    counts = tally.counts()
    if not counts:
        return
    terminalreporter.section("listener attacks tried")
    for category, count in counts.items():
        terminalreporter.write_line(f"{category:<32} {count:>6}")
    terminalreporter.write_line(f"{'total':<32} {sum(counts.values()):>6}")
