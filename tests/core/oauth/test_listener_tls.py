"""The listener over TLS: the same routes and hardening, behind a leaf from the local CA.

Clients trust only the test's CA, as a browser does after "Let your browser trust…"; a client that
trusts nothing, or speaks plain http to the https port, gets no answer and the flow goes on.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from desktop.core.clock import ManualClock
from desktop.core.errors import SocialdeskError
from desktop.core.oauth.callback import CallbackResult
from desktop.core.oauth.http_wire import WireLimits
from desktop.core.oauth.listener import LoopbackListener
from desktop.core.oauth.session import ConnectSession, ConnectSessions
from desktop.core.tls.local_ca import LocalCa
from desktop.core.vault.keychain import MemoryKeyStore
from tests.core.oauth.conftest import ipv6_loopback_available, port_is_free

CODE = "AQDcode-0123456789abcdefghijklmnopqrstuvwxyz_ABC"
AUTHORIZE = "https://www.instagram.test/oauth/authorize"


def authorize_url_for(session: ConnectSession) -> str:
    return f"{AUTHORIZE}?client_id=1&state={quote(session.state)}"


@pytest.fixture
def local_ca(tmp_path: Path) -> LocalCa:
    return LocalCa(MemoryKeyStore(), tmp_path / "tls" / "local-ca.pem")


@pytest.fixture
def trusting(local_ca: LocalCa) -> Iterator[httpx.Client]:
    context = ssl.create_default_context(cadata=local_ca.info().pem)
    with httpx.Client(trust_env=False, timeout=10.0, verify=context) as client:
        yield client


@pytest.fixture
def https_uri(port: int) -> str:
    return f"https://localhost:{port}/callback/"


@pytest.fixture
def results() -> list[CallbackResult]:
    return []


@pytest.fixture
def make_listener(
    https_uri: str, sessions: ConnectSessions, local_ca: LocalCa, results: list[CallbackResult]
) -> Iterator[Callable[..., LoopbackListener]]:
    made: list[LoopbackListener] = []

    def make(**options: object) -> LoopbackListener:
        listener = LoopbackListener(
            https_uri,
            sessions,
            on_callback=results.append,
            authorize_url_for=authorize_url_for,
            tls=local_ca.server_context,
            **options,  # type: ignore[arg-type]
        )
        made.append(listener)
        listener.start()
        return listener

    yield make
    for listener in made:
        listener.stop()


def test_an_https_redirect_without_a_certificate_is_refused_clearly(
    https_uri: str, sessions: ConnectSessions
) -> None:
    with pytest.raises(SocialdeskError) as refused:
        LoopbackListener(
            https_uri, sessions, on_callback=lambda _r: None, authorize_url_for=authorize_url_for
        )
    assert refused.value.code == "tls_unavailable"


def test_start_callback_and_landing_page_over_tls(
    make_listener: Callable[..., LoopbackListener],
    sessions: ConnectSessions,
    trusting: httpx.Client,
    results: list[CallbackResult],
    port: int,
) -> None:
    listener = make_listener()
    session = sessions.new(1)
    start = listener.start_url(session.state)
    assert start.startswith(f"https://localhost:{port}/start?")

    trampoline = trusting.get(start)
    assert trampoline.status_code == 303
    assert trampoline.headers["location"].startswith(AUTHORIZE)

    callback = trusting.get(f"https://localhost:{port}/callback/?code={CODE}&state={session.state}")
    assert callback.status_code == 303 and callback.headers["location"] == "/done"
    assert callback.headers["cache-control"] == "no-store"
    assert callback.headers["referrer-policy"] == "no-referrer"
    done = trusting.get(f"https://localhost:{port}/done")
    assert done.status_code == 200
    assert "default-src 'none'" in done.headers["content-security-policy"]
    assert [r.code.reveal() for r in results if r.code is not None] == [CODE]


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_both_loopback_addresses_serve_tls(
    make_listener: Callable[..., LoopbackListener],
    sessions: ConnectSessions,
    local_ca: LocalCa,
    port: int,
    host: str,
) -> None:
    if host == "::1" and not ipv6_loopback_available():
        pytest.skip("no IPv6 loopback here")
    make_listener()
    context = ssl.create_default_context(cadata=local_ca.info().pem)
    with (
        socket.create_connection((host, port), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname="localhost") as tls,
    ):
        tls.sendall(f"GET /favicon.ico HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n".encode())
        head = tls.recv(4096)
    assert head.startswith(b"HTTP/1.1 404 ")


def test_the_host_check_holds_over_tls(
    make_listener: Callable[..., LoopbackListener],
    sessions: ConnectSessions,
    trusting: httpx.Client,
    port: int,
) -> None:
    make_listener()
    session = sessions.new(1)
    answer = trusting.get(
        f"https://localhost:{port}/callback/?code={CODE}&state={session.state}",
        headers={"Host": "evil.example"},
    )
    assert answer.status_code == 404
    assert sessions.peek(session.state) is not None  # still pending


def test_a_client_that_does_not_trust_the_ca_gets_nothing_and_the_flow_goes_on(
    make_listener: Callable[..., LoopbackListener],
    sessions: ConnectSessions,
    trusting: httpx.Client,
    port: int,
) -> None:
    make_listener()
    session = sessions.new(1)
    with httpx.Client(trust_env=False, timeout=10.0) as untrusting, pytest.raises(httpx.ConnectError):
        untrusting.get(f"https://localhost:{port}/callback/?code={CODE}&state={session.state}")
    assert sessions.peek(session.state) is not None
    assert trusting.get(f"https://localhost:{port}/favicon.ico").status_code == 404


def test_plain_http_to_the_https_port_is_dropped(
    make_listener: Callable[..., LoopbackListener],
    sessions: ConnectSessions,
    trusting: httpx.Client,
    port: int,
) -> None:
    make_listener()
    session = sessions.new(1)
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        raw.sendall(
            f"GET /callback/?code={CODE}&state={session.state} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode()
        )
        try:
            answer = raw.recv(4096)
        except ConnectionResetError:
            answer = b""
        assert b"303" not in answer
    assert sessions.peek(session.state) is not None
    assert trusting.get(f"https://localhost:{port}/favicon.ico").status_code == 404


def test_a_stalled_handshake_holds_up_nobody_and_times_out(
    make_listener: Callable[..., LoopbackListener], trusting: httpx.Client, port: int
) -> None:
    make_listener(limits=WireLimits(request_timeout=1.0))
    stalled = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        stalled.sendall(b"\x16\x03\x01")  # the start of a ClientHello, and then nothing
        assert trusting.get(f"https://localhost:{port}/favicon.ico").status_code == 404
        started = time.monotonic()
        assert stalled.recv(1) == b""  # closed by the listener at its deadline
        assert time.monotonic() - started < 8
    finally:
        stalled.close()


def test_stop_interrupts_open_tls_connections_and_frees_the_port(
    make_listener: Callable[..., LoopbackListener], local_ca: LocalCa, port: int
) -> None:
    listener = make_listener(limits=WireLimits(request_timeout=30.0))
    context = ssl.create_default_context(cadata=local_ca.info().pem)
    raw = socket.create_connection(("127.0.0.1", port), timeout=10)
    tls = context.wrap_socket(raw, server_hostname="localhost")  # handshake done, no request sent
    try:
        stopper = threading.Thread(target=listener.stop)
        started = time.monotonic()
        stopper.start()
        stopper.join(10)
        assert not stopper.is_alive()
        assert time.monotonic() - started < 5
        assert port_is_free(port)
    finally:
        tls.close()


def test_the_leaf_served_is_renewed_for_a_later_connect(
    https_uri: str, sessions: ConnectSessions, tmp_path: Path
) -> None:
    clock = ManualClock()
    ca = LocalCa(MemoryKeyStore(), tmp_path / "ca.pem", clock=clock)
    first = ca.current_leaf()
    clock.advance(timedelta(days=6))
    with LoopbackListener(
        https_uri,
        sessions,
        on_callback=lambda _r: None,
        authorize_url_for=authorize_url_for,
        tls=ca.server_context,
    ):
        assert ca.current_leaf() is not first
