"""Shared pieces for the OAuth tests: free loopback ports, an HTTP client, and a leak check."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import httpx
import pytest

from desktop.core.clock import ManualClock
from desktop.core.oauth.session import ConnectSessions
from tests.support.net import find_free_port, ipv6_loopback_available, port_free

__all__ = ["find_free_port", "ipv6_loopback_available", "port_free"]


@pytest.fixture
def port() -> int:
    return find_free_port()


@pytest.fixture
def redirect_uri(port: int) -> str:
    return f"http://localhost:{port}/callback/"


@pytest.fixture
def sessions(clock: ManualClock) -> ConnectSessions:
    return ConnectSessions(clock)


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    # trust_env=False: a proxy configured on the machine must not see loopback traffic.
    with httpx.Client(trust_env=False, timeout=10.0) as client:
        yield client


@pytest.fixture(autouse=True)
def no_listener_left_running() -> Iterator[None]:
    """A test that leaves a listener thread behind fails at the test that did it."""
    yield
    leftovers = [
        t.name for t in threading.enumerate() if t.name.startswith("socialdesk-listener") and t.is_alive()
    ]
    assert not leftovers, f"listener threads still running: {leftovers}"


def port_is_free(port: int) -> bool:
    """Nothing listens on the port: a new listener (which sets SO_REUSEADDR, as ours does) can bind it.

    Connections the listener closed may linger in TIME_WAIT; they do not keep a port from being reused.
    """
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True
