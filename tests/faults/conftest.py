"""The app's core on the sandbox, with an Instagram client that retries without the real back-off.

The client's back-off (0.5 s, 1 s, 2 s) is right for users and too slow for forty fault cases, so
the fault tests compose the same parts as :class:`Services` with a 10 ms back-off: one connections
service and one token lifecycle over the same storage, sandbox and HTTP client.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from desktop.core.connections import Connections
from desktop.core.instagram.client import InstagramClient
from desktop.core.lifecycle import Lifecycle
from desktop.core.oauth import ConnectSessions
from desktop.core.sandbox import SandboxServer
from desktop.core.services import Services
from tests.faults import tally
from tests.integration.conftest import app_env, services

__all__ = ["App", "app", "app_env", "services"]


@dataclass
class App:
    services: Services
    connections: Connections
    lifecycle: Lifecycle

    @property
    def sandbox(self) -> SandboxServer:
        assert self.services.sandbox is not None
        return self.services.sandbox

    @property
    def workspace_id(self) -> int:
        return self.services.workspaces.default().id


@pytest.fixture
def app(services: Services) -> App:
    sandbox = services.sandbox
    assert sandbox is not None
    creds = sandbox.credentials
    client = InstagramClient(
        services.http,
        sandbox.endpoints(),
        creds.client_id,
        creds.client_secret,
        clock=services.clock,
        backoff_seconds=0.01,
    )
    connections = Connections(
        sessions=services.storage.sessions,
        vault=services.storage.vault,
        client=client,
        connect_sessions=ConnectSessions(services.clock),
        redirect_uri=services.connections.redirect_uri,
        clock=services.clock,
        check_interval=0.05,
        tls=services.local_ca.server_context if services.local_ca is not None else None,
    )
    lifecycle = Lifecycle(
        sessions=services.storage.sessions,
        vault=services.storage.vault,
        client=client,
        clock=services.clock,
        retry_outbox=connections.retry_outbox,
        window=timedelta(days=services.env.settings.refresh_window_days),
    )
    return App(services, connections, lifecycle)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    counts = tally.counts()
    if not counts:
        return
    terminalreporter.section("faults and crashes survived")
    for category, count in counts.items():
        terminalreporter.write_line(f"{category:<40} {count:>5}")
    terminalreporter.write_line(f"{'total':<40} {sum(counts.values()):>5}")
