"""The loopback listener over real loopback sockets."""

from __future__ import annotations

import contextlib
import html
import http.client
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from urllib.parse import quote

import httpx
import pytest

from desktop.core.clock import ManualClock
from desktop.core.errors import CATALOGUE, SocialdeskError
from desktop.core.oauth.callback import CallbackResult
from desktop.core.oauth.http_wire import WireLimits
from desktop.core.oauth.listener import STATELESS_ERROR_TEXT, LoopbackListener, Outcome
from desktop.core.oauth.session import ConnectSession, ConnectSessions
from tests.core.oauth.conftest import ipv6_loopback_available, port_is_free

CODE = "AQDcode-0123456789abcdefghijklmnopqrstuvwxyz_ABC"
AUTHORIZE = "https://www.instagram.test/oauth/authorize"

SECURITY_HEADERS = {
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
}


class Recorder:
    def __init__(self) -> None:
        self.results: list[CallbackResult] = []
        self.stateless: list[str] = []

    def __call__(self, result: CallbackResult) -> None:
        self.results.append(result)

    def stateless_error(self, session: ConnectSession) -> None:
        self.stateless.append(session.state)


def authorize_url_for(session: ConnectSession) -> str:
    return f"{AUTHORIZE}?client_id=1&state={quote(session.state)}"


#: What a browser sends when it loads a page in its window (Fetch Metadata).
NAVIGATION = {"Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document", "Sec-Fetch-Site": "cross-site"}


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def make_listener(
    redirect_uri: str, sessions: ConnectSessions, recorder: Recorder
) -> Iterator[Callable[..., LoopbackListener]]:
    made: list[LoopbackListener] = []

    def make(uri: str | None = None, **options: object) -> LoopbackListener:
        listener = LoopbackListener(
            uri or redirect_uri,
            sessions,
            on_callback=options.pop("on_callback", recorder),  # type: ignore[arg-type]
            on_stateless_error=options.pop("on_stateless_error", recorder.stateless_error),  # type: ignore[arg-type]
            authorize_url_for=authorize_url_for,
            **options,  # type: ignore[arg-type]
        )
        made.append(listener)
        listener.start()
        return listener

    yield make
    for listener in made:
        listener.stop()


@pytest.fixture
def listener(make_listener: Callable[..., LoopbackListener]) -> LoopbackListener:
    return make_listener()


def callback_url(port: int, query: str, path: str = "/callback/", host: str = "localhost") -> str:
    return f"http://{host}:{port}{path}?{query}"


def assert_security_headers(response: httpx.Response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    assert "default-src 'none'" in response.headers["content-security-policy"]


def raw_request(port: int, head: bytes, host: str = "127.0.0.1") -> bytes:
    """Send ``head`` as is and return whatever comes back (b"" when the listener drops us)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.settimeout(10)
        sock.connect((host, port))
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(head)
        data = b""
        try:
            while chunk := sock.recv(65536):
                data += chunk
        except ConnectionResetError:
            pass
        return data


# The happy path.


def test_callback_is_handed_over_and_answered_with_303_to_done(
    listener: LoopbackListener, sessions: ConnectSessions, recorder: Recorder, http: httpx.Client, port: int
) -> None:
    session = sessions.new(1)

    response = http.get(callback_url(port, f"code={CODE}&state={session.state}"))

    assert response.status_code == 303
    assert response.headers["location"] == "/done"
    assert_security_headers(response)
    assert len(recorder.results) == 1
    result = recorder.results[0]
    assert result.code is not None
    assert result.code.reveal() == CODE
    assert result.state == session.state
    assert sessions.peek(session.state) is None  # consumed

    done = http.get(f"http://localhost:{port}/done")
    assert done.status_code == 200
    assert done.headers["content-type"] == "text/html; charset=utf-8"
    assert_security_headers(done)
    assert "style-src 'sha256-" in done.headers["content-security-policy"]
    # Nobody reports an outcome to this listener: the page claims nothing.
    assert "Finishing in Socialdesk" in done.text
    assert "is connected" not in done.text
    assert CODE not in done.text
    assert listener.wait_landing_served(5)  # set just after the page is sent


@pytest.mark.parametrize(
    ("outcome", "heading", "words"),
    [
        (Outcome(username="acme_business", workspace="Acme"), "@acme_business is connected", "“Acme”"),
        (Outcome(code="scope_rejected"), "Not connected", "(scope_rejected)"),
        (None, "Finishing in Socialdesk", "Return to Socialdesk"),
    ],
    ids=["connected", "failed", "unknown"],
)
@pytest.mark.parametrize("when", ["before", "while_the_page_waits"])
def test_the_result_page_waits_for_the_outcome_and_tells_it(
    make_listener: Callable[..., LoopbackListener],
    sessions: ConnectSessions,
    http: httpx.Client,
    port: int,
    outcome: Outcome | None,
    heading: str,
    words: str,
    when: str,
) -> None:
    listener = make_listener(outcome_wait=20.0)
    session = sessions.new(1)
    assert http.get(callback_url(port, f"code={CODE}&state={session.state}")).status_code == 303
    if when == "before":
        listener.report_outcome(outcome)
    else:
        threading.Timer(0.3, listener.report_outcome, args=(outcome,)).start()
    started = time.monotonic()
    done = http.get(f"http://localhost:{port}/done", timeout=30)
    assert done.status_code == 200
    assert f"<h1>{heading}</h1>" in done.text and words in done.text
    assert time.monotonic() - started < 15  # answered when the outcome came, not at the wait's end


def test_past_the_wait_the_result_page_says_finishing(
    make_listener: Callable[..., LoopbackListener], sessions: ConnectSessions, http: httpx.Client, port: int
) -> None:
    listener = make_listener(outcome_wait=0.3)
    session = sessions.new(1)
    http.get(callback_url(port, f"code={CODE}&state={session.state}"))
    done = http.get(f"http://localhost:{port}/done", timeout=30)
    assert "<h1>Finishing in Socialdesk</h1>" in done.text
    listener.report_outcome(Outcome(username="late"))
    assert listener.wait_landing_served(5)


def test_start_redirects_to_the_authorize_url(
    listener: LoopbackListener, sessions: ConnectSessions, http: httpx.Client, port: int
) -> None:
    session = sessions.new(1)
    start = listener.start_url(session.state)
    assert start.startswith(f"http://localhost:{port}/start?state=")

    response = http.get(start)

    assert response.status_code == 303
    assert response.headers["location"] == authorize_url_for(session)
    assert_security_headers(response)
    assert sessions.peek(session.state) == session  # opening the link does not use the state


def test_start_with_unknown_or_expired_state_explains_without_redirecting(
    listener: LoopbackListener, sessions: ConnectSessions, clock: ManualClock, http: httpx.Client, port: int
) -> None:
    session = sessions.new(1)
    unknown = http.get(listener.start_url("forged-state"))
    clock.advance(timedelta(minutes=10))
    expired = http.get(listener.start_url(session.state))
    repeated = http.get(f"http://localhost:{port}/start?state=a&state=b")

    for response in (unknown, expired, repeated):
        assert response.status_code == 404
        assert "location" not in response.headers
        assert CATALOGUE["state_expired"].message in response.text
        assert_security_headers(response)


def test_cancel_in_the_dialog_lands_on_the_cancelled_page(
    listener: LoopbackListener, sessions: ConnectSessions, recorder: Recorder, http: httpx.Client, port: int
) -> None:
    session = sessions.new(1)
    query = (
        "error=access_denied&error_reason=user_denied&error_description=The+user+denied+your+request"
        f"&state={session.state}"
    )

    response = http.get(callback_url(port, query), follow_redirects=True)

    assert response.status_code == 200
    assert response.url.path == "/cancelled"
    assert CATALOGUE["access_denied"].message in response.text
    assert [r.error for r in recorder.results] == ["access_denied"]
    assert recorder.results[0].denied


def test_error_without_state_is_reported_but_ends_nothing_when_exactly_one_flow_is_pending(
    listener: LoopbackListener, sessions: ConnectSessions, recorder: Recorder, http: httpx.Client, port: int
) -> None:
    """Meta's Cancel may come back without state, but so can any web page's navigation: ask, don't end."""
    session = sessions.new(1)

    response = http.get(
        callback_url(port, "error=access_denied&error_reason=user_denied"), headers=NAVIGATION
    )

    assert response.status_code == 200
    assert STATELESS_ERROR_TEXT in html.unescape(response.text)
    assert recorder.results == []
    assert recorder.stateless == [session.state]
    assert sessions.pending() == [session]
    # The real answer, with its state, still ends the flow.
    code = http.get(callback_url(port, f"code=AQDlater&state={session.state}"))
    assert code.status_code == 303
    assert [r.state for r in recorder.results] == [session.state]


def test_error_without_state_is_refused_without_anyone_to_ask(
    make_listener: Callable[..., LoopbackListener],
    sessions: ConnectSessions,
    recorder: Recorder,
    http: httpx.Client,
    port: int,
) -> None:
    make_listener(on_stateless_error=None)
    session = sessions.new(1)

    response = http.get(callback_url(port, "error=access_denied"), headers=NAVIGATION)

    assert response.status_code == 404
    assert recorder.results == [] and recorder.stateless == []
    assert sessions.pending() == [session]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"},
        {"Sec-Fetch-Mode": "cors", "Sec-Fetch-Dest": "empty"},
        {"Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "iframe"},
    ],
)
def test_error_without_state_from_anything_but_a_page_load_is_refused(
    listener: LoopbackListener,
    sessions: ConnectSessions,
    recorder: Recorder,
    http: httpx.Client,
    port: int,
    headers: dict[str, str],
) -> None:
    """Another site's <img> or fetch, or a bare local request, must not end the user's connect."""
    session = sessions.new(1)

    response = http.get(callback_url(port, "error=access_denied"), headers=headers)

    assert response.status_code == 404
    assert recorder.results == [] and recorder.stateless == []
    assert sessions.pending() == [session]


def test_words_that_came_without_state_are_never_shown(
    listener: LoopbackListener, sessions: ConnectSessions, recorder: Recorder, http: httpx.Client, port: int
) -> None:
    """Any web page can navigate here with an error: its words never reach the page or the app."""
    sessions.new(1)
    lure = "Your account is suspended. Call +1 555 0100 to restore it"
    query = f"error=server_error&error_description={quote(lure)}"

    response = http.get(callback_url(port, query), headers=NAVIGATION, follow_redirects=True)

    assert "suspended" not in response.text and "555" not in response.text
    assert STATELESS_ERROR_TEXT in html.unescape(response.text)
    assert recorder.results == []


def test_error_without_state_is_refused_when_two_flows_are_pending(
    listener: LoopbackListener, sessions: ConnectSessions, recorder: Recorder, http: httpx.Client, port: int
) -> None:
    first, second = sessions.new(1), sessions.new(2)

    response = http.get(callback_url(port, "error=access_denied"), headers=NAVIGATION)

    assert response.status_code == 404
    assert recorder.results == [] and recorder.stateless == []
    assert sessions.pending() == [first, second]


def test_other_errors_land_on_an_escaped_error_page(
    listener: LoopbackListener, sessions: ConnectSessions, recorder: Recorder, http: httpx.Client, port: int
) -> None:
    session = sessions.new(1)
    query = f"error=server_error&error_description={quote('<script>alert(1)</script>')}&state={session.state}"

    response = http.get(callback_url(port, query), follow_redirects=True)

    assert response.url.path == "/error"
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert recorder.results[0].error == "server_error"


# What must not end the flow.


def test_replayed_callback_is_refused(
    listener: LoopbackListener, sessions: ConnectSessions, recorder: Recorder, http: httpx.Client, port: int
) -> None:
    session = sessions.new(1)
    url = callback_url(port, f"code={CODE}&state={session.state}")

    assert http.get(url).status_code == 303
    replay = http.get(url)

    assert replay.status_code == 404
    assert "location" not in replay.headers
    assert_security_headers(replay)
    assert len(recorder.results) == 1


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1:{port}", "localhost:1", "localhost", ""])
def test_wrong_host_header_is_404_and_the_flow_goes_on(
    listener: LoopbackListener,
    sessions: ConnectSessions,
    recorder: Recorder,
    http: httpx.Client,
    port: int,
    host: str,
) -> None:
    session = sessions.new(1)
    url = callback_url(port, f"code={CODE}&state={session.state}")

    forged = http.get(url, headers={"Host": host.format(port=port)})
    start = http.get(listener.start_url(session.state), headers={"Host": host.format(port=port)})

    assert forged.status_code == 404
    assert start.status_code == 404
    assert recorder.results == []
    assert sessions.peek(session.state) == session
    assert http.get(url).status_code == 303


def test_missing_or_repeated_host_header_is_404(
    listener: LoopbackListener, sessions: ConnectSessions, recorder: Recorder, port: int
) -> None:
    session = sessions.new(1)
    target = f"/callback/?code={CODE}&state={session.state}"
    missing = raw_request(port, f"GET {target} HTTP/1.0\r\n\r\n".encode())
    twice = raw_request(
        port, f"GET {target} HTTP/1.1\r\nHost: localhost:{port}\r\nHost: localhost:{port}\r\n\r\n".encode()
    )

    assert missing.startswith(b"HTTP/1.1 404 ")
    assert twice.startswith(b"HTTP/1.1 404 ")
    assert recorder.results == []


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS", "HEAD"])
def test_wrong_method_is_refused_and_the_flow_goes_on(
    listener: LoopbackListener,
    sessions: ConnectSessions,
    recorder: Recorder,
    port: int,
    method: str,
) -> None:
    session = sessions.new(1)
    connection = http.client.HTTPConnection("localhost", port, timeout=10)
    try:
        connection.request(method, f"/callback/?code={CODE}&state={session.state}")
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()

    assert response.status == 404
    assert response.getheader("Cache-Control") == "no-store"
    if method == "HEAD":
        assert body == b""
    assert recorder.results == []
    assert sessions.peek(session.state) == session


def test_a_request_with_a_body_is_refused(
    listener: LoopbackListener, sessions: ConnectSessions, recorder: Recorder, http: httpx.Client, port: int
) -> None:
    session = sessions.new(1)
    response = http.post(callback_url(port, f"code={CODE}&state={session.state}"), content=b"x" * 1000)
    assert response.status_code == 413
    assert recorder.results == []


@pytest.mark.parametrize(
    "path", ["/callback", "/callback/x", "/CALLBACK/", "/callback%2F", "/", "/favicon.ico", "/robots.txt"]
)
def test_wrong_path_is_404(
    listener: LoopbackListener,
    sessions: ConnectSessions,
    recorder: Recorder,
    http: httpx.Client,
    port: int,
    path: str,
) -> None:
    session = sessions.new(1)
    response = http.get(callback_url(port, f"code={CODE}&state={session.state}", path=path))
    assert response.status_code == 404
    assert_security_headers(response)
    assert recorder.results == []
    assert sessions.peek(session.state) == session


@pytest.mark.parametrize(
    "query",
    [
        f"code={CODE}&state=forged-state-value",
        f"code={CODE}",
        "state={state}",
        "",
        f"code={CODE}&state={{state}}&state={{state}}",
        "code=a%20b&state={state}",
    ],
)
def test_forged_or_malformed_callbacks_get_a_neutral_page(
    listener: LoopbackListener,
    sessions: ConnectSessions,
    recorder: Recorder,
    http: httpx.Client,
    port: int,
    query: str,
) -> None:
    session = sessions.new(1)
    response = http.get(callback_url(port, query.format(state=session.state)))
    assert response.status_code == 404
    assert "Nothing to do here" in response.text
    assert recorder.results == []
    assert sessions.peek(session.state) == session


def test_expired_state_is_refused(
    listener: LoopbackListener,
    sessions: ConnectSessions,
    clock: ManualClock,
    recorder: Recorder,
    http: httpx.Client,
    port: int,
) -> None:
    session = sessions.new(1)
    clock.advance(timedelta(minutes=10, seconds=1))
    response = http.get(callback_url(port, f"code={CODE}&state={session.state}"))
    assert response.status_code == 404
    assert recorder.results == []


def test_landing_pages_are_not_served_before_a_callback(
    listener: LoopbackListener, sessions: ConnectSessions, http: httpx.Client, port: int
) -> None:
    sessions.new(1)
    for path in ("/done", "/cancelled", "/error"):
        response = http.get(f"http://localhost:{port}{path}")
        assert response.status_code == 404
        assert "connected" not in response.text
    assert not listener.wait_landing_served(0)


def test_sessions_not_owned_by_the_listener_are_left_alone(
    make_listener: Callable[..., LoopbackListener],
    sessions: ConnectSessions,
    recorder: Recorder,
    http: httpx.Client,
    port: int,
) -> None:
    mine = sessions.new(1)
    other = sessions.new(2)
    make_listener(owns=lambda s: s.state == mine.state)

    refused = http.get(callback_url(port, f"code={CODE}&state={other.state}"))
    accepted = http.get(callback_url(port, f"code={CODE}&state={mine.state}"))

    assert refused.status_code == 404
    assert accepted.status_code == 303
    assert sessions.pending() == [other]


def test_a_failing_callback_handler_answers_500_and_the_state_stays_used(
    make_listener: Callable[..., LoopbackListener], sessions: ConnectSessions, http: httpx.Client, port: int
) -> None:
    def explode(_result: CallbackResult) -> None:
        raise RuntimeError("handler failed")

    make_listener(on_callback=explode)
    session = sessions.new(1)
    url = callback_url(port, f"code={CODE}&state={session.state}")

    assert http.get(url).status_code == 500
    assert http.get(url).status_code == 404


# Limits.


def test_oversized_request_line_is_refused_and_the_listener_keeps_working(
    listener: LoopbackListener, sessions: ConnectSessions, http: httpx.Client, port: int
) -> None:
    answer = raw_request(
        port, b"GET /callback/?" + b"a" * 100_000 + f" HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n".encode()
    )
    assert answer == b"" or answer.startswith(b"HTTP/1.1 414 ")

    session = sessions.new(1)
    assert http.get(callback_url(port, f"code={CODE}&state={session.state}")).status_code == 303


def test_oversized_headers_are_refused_and_the_listener_keeps_working(
    listener: LoopbackListener, sessions: ConnectSessions, http: httpx.Client, port: int
) -> None:
    huge_line = f"GET /done HTTP/1.1\r\nHost: localhost:{port}\r\nCookie: {'c' * 100_000}\r\n\r\n".encode()
    many = (
        f"GET /done HTTP/1.1\r\nHost: localhost:{port}\r\n".encode()
        + b"".join(b"X-H%d: v\r\n" % i for i in range(500))
        + b"\r\n"
    )
    for head in (huge_line, many):
        answer = raw_request(port, head)
        assert answer == b"" or answer.startswith(b"HTTP/1.1 431 ")

    session = sessions.new(1)
    assert http.get(callback_url(port, f"code={CODE}&state={session.state}")).status_code == 303


def test_a_slow_client_does_not_block_a_real_callback(
    make_listener: Callable[..., LoopbackListener],
    sessions: ConnectSessions,
    recorder: Recorder,
    http: httpx.Client,
    port: int,
) -> None:
    make_listener(limits=WireLimits(request_timeout=0.5))
    session = sessions.new(1)
    with socket.create_connection(("127.0.0.1", port), timeout=10) as slow:
        slow.sendall(b"GET /callback/?code=x")  # and then nothing

        response = http.get(callback_url(port, f"code={CODE}&state={session.state}"))
        assert response.status_code == 303
        assert len(recorder.results) == 1

        # The slow client is cut off at the deadline instead of holding its thread.
        answer = b""
        while chunk := slow.recv(4096):
            answer += chunk
        assert answer.startswith(b"HTTP/1.1 408 ")


def test_connections_over_the_cap_are_closed_at_once(
    make_listener: Callable[..., LoopbackListener], sessions: ConnectSessions, http: httpx.Client, port: int
) -> None:
    make_listener(max_connections=2)
    idle = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(2)]
    try:
        # Connections are taken in arrival order, so the two idle ones hold both slots by now.
        with socket.create_connection(("127.0.0.1", port), timeout=10) as extra:
            answer = b""
            with contextlib.suppress(ConnectionResetError):  # closed unanswered, either way
                extra.sendall(f"GET /done HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n".encode())
                answer = extra.recv(4096)
            assert answer == b""
    finally:
        for sock in idle:
            sock.close()

    session = sessions.new(1)
    url = callback_url(port, f"code={CODE}&state={session.state}")
    for _ in range(100):  # the two handlers notice the close and free their slots
        try:
            response = http.get(url)
        except httpx.TransportError:
            time.sleep(0.05)
            continue
        assert response.status_code == 303
        break
    else:
        pytest.fail("the listener never served again after the idle connections closed")


# Binding, starting and stopping.


def test_port_in_use_is_a_clear_error(
    redirect_uri: str, sessions: ConnectSessions, recorder: Recorder, port: int
) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", port))
        blocker.listen()
        listener = LoopbackListener(
            redirect_uri, sessions, on_callback=recorder, authorize_url_for=authorize_url_for
        )
        with pytest.raises(SocialdeskError) as refused:
            listener.start()

    assert refused.value.code == "port_in_use"
    assert str(port) in refused.value.detail
    assert "free port" in refused.value.detail
    assert not listener.running
    listener.stop()


@pytest.mark.skipif(not ipv6_loopback_available(), reason="no IPv6 loopback on this machine")
def test_ipv6_port_in_use_is_also_reported(
    redirect_uri: str, sessions: ConnectSessions, recorder: Recorder, port: int
) -> None:
    with socket.socket(socket.AF_INET6) as blocker:
        blocker.bind(("::1", port))
        blocker.listen()
        listener = LoopbackListener(
            redirect_uri, sessions, on_callback=recorder, authorize_url_for=authorize_url_for
        )
        with pytest.raises(SocialdeskError) as refused:
            listener.start()
    assert refused.value.code == "port_in_use"
    assert "[::1]" in refused.value.detail
    assert port_is_free(port)  # the IPv4 socket bound first was closed again


@pytest.mark.skipif(not ipv6_loopback_available(), reason="no IPv6 loopback on this machine")
def test_localhost_is_served_on_ipv4_and_ipv6(
    listener: LoopbackListener, sessions: ConnectSessions, recorder: Recorder, http: httpx.Client, port: int
) -> None:
    assert sorted(listener.addresses) == sorted([("127.0.0.1", port), ("::1", port)])
    session = sessions.new(1)
    response = http.get(
        f"http://[::1]:{port}/callback/?code={CODE}&state={session.state}",
        headers={"Host": f"localhost:{port}"},
    )
    assert response.status_code == 303
    assert len(recorder.results) == 1


def test_ip_literal_redirect_binds_only_that_address(
    make_listener: Callable[..., LoopbackListener],
    sessions: ConnectSessions,
    recorder: Recorder,
    http: httpx.Client,
    port: int,
) -> None:
    listener = make_listener(f"http://127.0.0.1:{port}/cb")
    assert listener.addresses == [("127.0.0.1", port)]
    assert listener.start_url("s").startswith(f"http://127.0.0.1:{port}/start?")
    session = sessions.new(1)

    assert http.get(f"http://127.0.0.1:{port}/cb?code={CODE}&state={session.state}").status_code == 303
    if ipv6_loopback_available():
        with pytest.raises(OSError), socket.create_connection(("::1", port), timeout=5):
            pass


@pytest.mark.parametrize(
    ("uri", "why"),
    [
        ("http://example.com:8765/callback/", "localhost, 127.0.0.1 or [::1]"),
        ("http://192.168.1.10:8765/callback/", "localhost, 127.0.0.1 or [::1]"),
        ("http://localhost:8765/start", "/start"),
        ("http://localhost:8765/done", "/done"),
    ],
)
def test_unservable_redirect_uris_are_refused(
    sessions: ConnectSessions, recorder: Recorder, uri: str, why: str
) -> None:
    with pytest.raises(SocialdeskError) as refused:
        LoopbackListener(uri, sessions, on_callback=recorder, authorize_url_for=authorize_url_for)
    assert refused.value.code == "app_misconfigured"
    assert why in refused.value.detail


def test_stop_frees_the_port_even_with_a_client_connected(
    redirect_uri: str, sessions: ConnectSessions, recorder: Recorder, port: int
) -> None:
    listener = LoopbackListener(
        redirect_uri, sessions, on_callback=recorder, authorize_url_for=authorize_url_for
    )
    listener.start()
    assert listener.running
    assert not port_is_free(port)
    with socket.create_connection(("127.0.0.1", port), timeout=10) as hanging:
        hanging.sendall(b"GET /")
        time.sleep(0.1)  # the handler is now waiting on this client
        listener.stop()
        answer = b"not cut off"
        with contextlib.suppress(ConnectionResetError):  # reset or closed: cut off either way
            answer = hanging.recv(4096)
        assert answer == b""

    assert not listener.running
    assert port_is_free(port)
    listener.stop()  # idempotent
    with pytest.raises(RuntimeError):
        listener.start()


def test_every_concurrent_stop_returns_only_once_the_port_is_free(
    redirect_uri: str, sessions: ConnectSessions, recorder: Recorder, port: int
) -> None:
    """Cancel racing with the flow's own shutdown: neither caller may see the port still taken."""
    for _ in range(5):
        listener = LoopbackListener(
            redirect_uri, sessions, on_callback=recorder, authorize_url_for=authorize_url_for
        )
        listener.start()
        free_after_stop: list[bool] = []
        barrier = threading.Barrier(3)

        def stop_and_check(
            target: LoopbackListener = listener,
            barrier: threading.Barrier = barrier,
            free_after_stop: list[bool] = free_after_stop,
        ) -> None:
            barrier.wait()
            target.stop()
            free_after_stop.append(port_is_free(port))

        stoppers = [threading.Thread(target=stop_and_check) for _ in range(3)]
        for stopper in stoppers:
            stopper.start()
        for stopper in stoppers:
            stopper.join(10)
        assert free_after_stop == [True, True, True]


def test_context_manager_starts_and_stops(
    redirect_uri: str, sessions: ConnectSessions, recorder: Recorder, port: int
) -> None:
    with LoopbackListener(
        redirect_uri, sessions, on_callback=recorder, authorize_url_for=authorize_url_for
    ) as listener:
        assert listener.running
    assert port_is_free(port)


def test_no_code_or_state_in_the_logs(
    listener: LoopbackListener,
    sessions: ConnectSessions,
    http: httpx.Client,
    port: int,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    session = sessions.new(1)
    http.get(listener.start_url(session.state))
    http.get(callback_url(port, f"code={CODE}&state=forged"))
    http.get(callback_url(port, f"code={CODE}&state={session.state}"), follow_redirects=True)
    http.get(callback_url(port, f"code={CODE}&state={session.state}"))
    raw_request(port, b"GET /?" + CODE.encode() + b" HTTP/9\r\n\r\n")
    listener.stop()

    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("desktop."))
    assert "Instagram's answer arrived" in ours
    assert CODE not in ours
    assert session.state not in ours


def test_threads_are_gone_after_stop(
    redirect_uri: str, sessions: ConnectSessions, recorder: Recorder, http: httpx.Client, port: int
) -> None:
    listener = LoopbackListener(
        redirect_uri, sessions, on_callback=recorder, authorize_url_for=authorize_url_for
    )
    listener.start()
    for _ in range(5):
        http.get(f"http://localhost:{port}/")
    listener.stop()
    alive = [t for t in threading.enumerate() if t.name.startswith("socialdesk-listener")]
    assert alive == []
