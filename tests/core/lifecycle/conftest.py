"""Real services on the embedded sandbox: its clock is the app's clock, so time moves for both.

Connections are made the way a user makes them (consent form filled over HTTP, loopback listener,
code exchange); sweeps use a client that records the client's own retry pauses instead of sleeping
them, so a 5xx storm costs no wall-clock time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop.core.connections import Connections
from desktop.core.instagram.client import InstagramClient
from desktop.core.lifecycle import Lifecycle
from desktop.core.oauth import ConnectSessions
from desktop.core.services import Services
from desktop.core.settings import Settings
from tests.core.lifecycle.helpers import open_services, sandbox_of, sandbox_settings
from tests.support.memory_keyring import MemoryKeyring


@pytest.fixture
def settings() -> Settings:
    return sandbox_settings()


@pytest.fixture
def services(base_dir: Path, settings: Settings, memory_keyring: MemoryKeyring) -> Iterator[Services]:
    opened = open_services(base_dir, settings, memory_keyring)
    try:
        yield opened
    finally:
        opened.close()


class Pauses:
    """The client's ``sleep``: remembers each pause it was asked for."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


@pytest.fixture
def pauses() -> Pauses:
    return Pauses()


@pytest.fixture
def fast_client(services: Services, pauses: Pauses) -> InstagramClient:
    """The app's client as Services builds it, except that retry pauses are recorded, not slept."""
    sandbox = sandbox_of(services)
    creds = sandbox.credentials
    return InstagramClient(
        services.http,
        sandbox.endpoints(),
        creds.client_id,
        creds.client_secret,
        clock=services.clock,
        sleep=pauses,
    )


@pytest.fixture
def fast_connections(services: Services, fast_client: InstagramClient) -> Connections:
    """The Connections use cases on the same storage, speaking through :func:`fast_client`."""
    return Connections(
        sessions=services.storage.sessions,
        vault=services.storage.vault,
        client=fast_client,
        connect_sessions=ConnectSessions(services.clock),
        redirect_uri=services.connections.redirect_uri,
        clock=services.clock,
        tls=services.local_ca.server_context if services.local_ca is not None else None,
    )


@pytest.fixture
def make_lifecycle(
    services: Services, fast_client: InstagramClient, fast_connections: Connections
) -> Callable[..., Lifecycle]:
    """A Lifecycle on the test's services, built like ``Services.lifecycle`` but with the fast client."""

    def make(**options: Any) -> Lifecycle:
        options.setdefault("window", timedelta(days=7))
        return Lifecycle(
            sessions=services.storage.sessions,
            vault=services.storage.vault,
            client=fast_client,
            clock=services.clock,
            retry_outbox=fast_connections.retry_outbox,
            **options,
        )

    return make
