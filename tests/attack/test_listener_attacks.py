"""The loopback listener under attack while a real connect flow waits for its callback.

Any program on the computer, and any web page through the browser, can reach the listener. These
tests throw malformed request lines, oversized and duplicated headers, wrong methods, bad encodings,
slow-loris clients, forged states and replays at it over raw sockets (127.0.0.1 and ::1), with
hypothesis choosing the bytes. After each one: the listener answered or closed (it never hung), no
handler crashed, and the flow is still waiting. Then the genuine callback is delivered and the
connection completes, with exactly one code exchanged: nothing but the right callback was accepted.
"""

from __future__ import annotations

import contextlib
import select
import socket
import string
import threading
import time
from urllib.parse import parse_qsl, quote, quote_from_bytes

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import SocialdeskError
from desktop.core.oauth.http_wire import WireLimits
from desktop.core.oauth.listener import DEFAULT_MAX_CONNECTIONS
from tests.attack import tally
from tests.attack.conftest import LiveFlow
from tests.attack.wire import Answer, ListenerHung, connect, read_answer, request, send_raw
from tests.integration.conftest import start
from tests.support.consent import ConsentBot

#: What a refusal may look like: an error status, or a closed connection without a word.
REFUSALS = frozenset({None, 400, 404, 405, 408, 413, 414, 431})
URLSAFE = string.ascii_letters + string.digits + "-_"
#: The listener's connection cap and request-head deadline, as the connect flow uses them.
MAX_CONNECTIONS = DEFAULT_MAX_CONNECTIONS
HEAD_DEADLINE = WireLimits().request_timeout


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def assert_refused(flow: LiveFlow, answer: Answer, category: str) -> None:
    tally.tried(category)
    assert answer.status in REFUSALS, answer.head[:200]
    assert not flow.attempt.ended, f"{category}: the listener accepted a request that is not the callback"


def near_misses(state: str) -> st.SearchStrategy[str]:
    """States one edit away from the real one (and the real one dressed up): all must be refused."""
    positions = st.integers(min_value=0, max_value=len(state) - 1)

    def flip(i: int, ch: str) -> str:
        return state[:i] + ch + state[i + 1 :]

    return st.one_of(
        st.builds(flip, positions, st.sampled_from(URLSAFE)).filter(lambda s: s != state),
        positions.map(lambda i: state[:i] + state[i + 1 :]),
        st.builds(lambda i, ch: state[:i] + ch + state[i:], positions, st.sampled_from(URLSAFE)),
        st.builds(
            lambda a, b: a + state + b,
            st.sampled_from(["", " ", "%20", "\t"]),
            st.sampled_from(["", " ", "%00", "%0a", "."]),
        ).filter(lambda s: s != state),
        st.just(state.swapcase()),
        st.just(state[: len(state) // 2]),
        st.just(state * 2),
    )


#: States that are not ours. Never empty: an error callback without a state, from a page load, is
#: reported to the one pending flow on purpose, without ending it (see the state-less tests below).
FORGED_STATES = st.one_of(
    st.text(alphabet=URLSAFE, min_size=1, max_size=80),
    st.binary(min_size=1, max_size=64).map(lambda raw: quote_from_bytes(raw, safe="")),
    st.text(min_size=1, max_size=40).map(lambda text: quote(text, safe="")),
)


def carries_the_real_state(query: str, state: str) -> bool:
    """Junk that happens to leave exactly the real state in the query (``state=REAL&…``) is simply the
    callback with another code: the state is the secret, so that one would rightly be accepted."""
    states = [value for name, value in parse_qsl(query, keep_blank_values=True) if name == "state"]
    return states == [state]


def test_malformed_request_lines_are_refused_and_the_flow_goes_on(live_flow: LiveFlow) -> None:
    methods = st.one_of(
        st.sampled_from(["GET", "get", "G ET", "GET\x00", "", "GETT", "\x16\x03\x01", "PRI"]),
        st.text(alphabet=string.printable, max_size=20),
    )
    targets = st.one_of(
        st.sampled_from(
            [
                "*",
                "callback/",
                "//",
                "/\x00",
                "/%",
                "/" + "A" * 9000,
                f"http://{live_flow.host_header}{live_flow.path}",
                "/..%2f..%2fetc/passwd",
                "/\x7f",
            ]
        ),
        FORGED_STATES.map(lambda s: f"{live_flow.path}?code=forged&state={s}"),
        st.text(max_size=200),
    )
    versions = st.sampled_from(
        ["HTTP/1.1", "HTTP/1.0", "HTTP/2", "HTTP/0.9", "http/1.1", "HTTP/1.1 x", "", "HTTP/1.1\x00"]
    )
    separators = st.sampled_from([" ", "  ", "\t", "", " \r "])
    endings = st.sampled_from(["\r\n", "\n", "\r", ""])
    structured = st.builds(
        lambda m, t, v, sep, end: (sep.join([m, t, v]) + end).encode("utf-8", "surrogatepass"),
        methods,
        targets,
        versions,
        separators,
        endings,
    )
    lines = st.one_of(structured, st.binary(max_size=2048))
    seen = iter(range(1_000_000))

    @fuzz_settings(500)
    @given(line=lines)
    def attack(line: bytes) -> None:
        index = next(seen)
        payload = line + f"\r\nHost: {live_flow.host_header}\r\n\r\n".encode()
        answer = send_raw(live_flow.host(index), live_flow.port, payload)
        assert_refused(live_flow, answer, "malformed request line")

    attack()
    live_flow.assert_alive()
    live_flow.deliver()


def test_huge_and_duplicated_headers_are_refused_and_the_flow_goes_on(live_flow: LiveFlow) -> None:
    host = ("Host", live_flow.host_header)
    header_names = st.text(alphabet=string.ascii_letters + "-", min_size=1, max_size=20)
    bad_headers = st.one_of(
        # Far too many headers, or one far too long, or too much in all.
        st.integers(min_value=65, max_value=400).map(lambda n: [host] + [(f"X-H{i}", "v") for i in range(n)]),
        st.integers(min_value=16_385, max_value=80_000).map(lambda n: [host, ("Cookie", "c" * n)]),
        st.integers(min_value=9, max_value=40).map(
            lambda n: [host] + [(f"X-Big{i}", "b" * 8000) for i in range(n)]
        ),
        # Host twice (the same, or ours and another), another host, a host with bytes not ASCII.
        st.sampled_from(
            [
                [host, host],
                [host, ("Host", "evil.example")],
                [("Host", "evil.example"), host],
                [("Host", f"{live_flow.host_header}\xff")],
                [("Host", "")],
                [],
            ]
        ),
        # Broken header lines: folding, no colon, bad names, control bytes in values, bodies.
        st.builds(
            lambda name, value: [host, (name, value)],
            st.sampled_from([" folded", "\tfolded", "No Colon Here", "Bad:Name", "Ba(d", "X\x00"]),
            st.text(max_size=30),
        ),
        st.builds(
            lambda name, ch: [host, (name, f"a{ch}b")],
            header_names,
            st.sampled_from(["\x00", "\x01", "\x7f", "\x1b"]),
        ),
        st.sampled_from(
            [
                [host, ("Content-Length", "5")],
                [host, ("Transfer-Encoding", "chunked")],
                [host, ("Content-Length", "-1")],
                [host, ("Content-Length", "0"), ("Content-Length", "5")],
            ]
        ),
    )
    seen = iter(range(1_000_000))

    @fuzz_settings(300)
    @given(headers=bad_headers, state=FORGED_STATES)
    def attack(headers: list[tuple[str, str]], state: str) -> None:
        index = next(seen)
        target = f"{live_flow.path}?code=forged&state={state}"
        payload = request("GET", target, headers) + b"hello"
        answer = send_raw(live_flow.host(index), live_flow.port, payload)
        assert_refused(live_flow, answer, "huge or duplicated headers")

    attack()
    live_flow.assert_alive()
    live_flow.deliver()


def test_the_real_state_is_refused_in_every_request_that_is_not_the_callback(live_flow: LiveFlow) -> None:
    """The genuine code and state, sent any way but the right one, change nothing."""
    real = live_flow.callback.raw_path.decode("ascii")
    query = real.split("?", 1)[1]
    host = ("Host", live_flow.host_header)
    port = live_flow.port
    cases: list[tuple[str, str, list[tuple[str, str]], str]] = [
        ("GET", real, [], "HTTP/1.1"),  # no Host at all
        ("GET", real, [("Host", "evil.example")], "HTTP/1.1"),  # DNS rebinding
        ("GET", real, [("Host", f"127.0.0.1:{port}")], "HTTP/1.1"),  # redirect URI says localhost
        ("GET", real, [("Host", f"localhost:{port + 1}")], "HTTP/1.1"),
        ("GET", real, [("Host", f"localhost:{port}.")], "HTTP/1.1"),
        ("GET", real, [("Host", "localhost")], "HTTP/1.1"),
        ("GET", real, [host, host], "HTTP/1.1"),
        ("GET", real, [host, ("Host", "evil.example")], "HTTP/1.1"),
        ("GET", real, [host, ("Content-Length", "3")], "HTTP/1.1"),
        ("GET", real, [host, ("Transfer-Encoding", "chunked")], "HTTP/1.1"),
        ("GET", real, [host, ("X-Big", "x" * 17_000)], "HTTP/1.1"),
        ("GET", real, [host] + [(f"X-{i}", "1") for i in range(70)], "HTTP/1.1"),
        ("GET", real, [host, (" folded", "1")], "HTTP/1.1"),
        ("GET", real, [host], "HTTP/2.0"),
        ("GET", f"/callback?{query}", [host], "HTTP/1.1"),
        ("GET", f"/callback//?{query}", [host], "HTTP/1.1"),
        ("GET", f"/Callback/?{query}", [host], "HTTP/1.1"),
        ("GET", f"/callback/./?{query}", [host], "HTTP/1.1"),
        ("GET", f"/%63allback/?{query}", [host], "HTTP/1.1"),
        ("GET", f"/start?{query}&x=1", [("Host", "evil.example")], "HTTP/1.1"),
        ("GET", f"{real}&state={live_flow.state}", [host], "HTTP/1.1"),  # state twice
        ("GET", f"{real}&code=forged", [host], "HTTP/1.1"),  # code twice
        ("GET", f"{real}%00", [host], "HTTP/1.1"),
        ("GET", f"{live_flow.path}?code={live_flow.code}", [host], "HTTP/1.1"),  # state left out
    ]
    for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD", "CONNECT", "get", "Get"):
        cases.append((method, real, [host], "HTTP/1.1"))
    for index, (method, target, headers, version) in enumerate(cases):
        answer = send_raw(live_flow.host(index), port, request(method, target, headers, version=version))
        assert_refused(live_flow, answer, "real state, wrong request")
    live_flow.assert_alive()
    live_flow.deliver()


def test_wrong_methods_are_refused_and_the_flow_goes_on(live_flow: LiveFlow) -> None:
    real = live_flow.callback.raw_path.decode("ascii")
    methods = st.one_of(
        st.sampled_from(
            ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD", "CONNECT", "PROPFIND", "MKCOL"]
        ),
        st.text(alphabet=string.ascii_uppercase, min_size=1, max_size=20),
        st.text(alphabet=string.ascii_letters + string.digits + "-_.!", min_size=1, max_size=20),
    ).filter(lambda m: m != "GET")
    seen = iter(range(1_000_000))

    @fuzz_settings(200)
    @given(method=methods)
    def attack(method: str) -> None:
        index = next(seen)
        payload = request(method, real, [("Host", live_flow.host_header)])
        answer = send_raw(live_flow.host(index), live_flow.port, payload)
        assert_refused(live_flow, answer, "wrong method")

    attack()
    live_flow.assert_alive()
    live_flow.deliver()


def test_bad_encodings_are_refused_and_the_flow_goes_on(live_flow: LiveFlow) -> None:
    junk = st.one_of(
        st.sampled_from(
            [
                "%",
                "%z",
                "%zz",
                "%ff%fe",
                "%c0%af",
                "%ed%a0%80",
                "%00",
                "%0d%0a",
                "+%2B+",
                "&&&",
                "=",
                "%u0041",
            ]
        ),
        st.binary(min_size=1, max_size=24).map(lambda raw: quote_from_bytes(raw, safe="%&=")),
    )
    raw_bytes = st.binary(min_size=1, max_size=24).filter(lambda raw: any(b >= 0x80 for b in raw))
    real_state = live_flow.state
    queries = st.one_of(
        st.builds(lambda j, s: f"code={j}&state={s}", junk, FORGED_STATES),
        st.builds(lambda j: f"code=forged&state={real_state}{j}", junk),  # the real state, with junk
        st.builds(lambda j: f"code=forged&state={j}{real_state}", junk),
        junk.filter(lambda j: "error" not in j),
        st.builds(lambda j: f"error={j}&state=x{j}", junk),
    ).filter(lambda q: not carries_the_real_state(q, real_state))
    seen = iter(range(1_000_000))

    @fuzz_settings(400)
    @given(query=queries, raw=raw_bytes, in_path=st.booleans())
    def attack(query: str, raw: bytes, in_path: bool) -> None:
        index = next(seen)
        if in_path:  # bytes that are not ASCII, straight in the request target
            target = live_flow.path.encode() + b"?" + query.encode("latin-1", "replace") + raw
            payload = b"GET " + target + b" HTTP/1.1\r\nHost: " + live_flow.host_header.encode() + b"\r\n\r\n"
        else:
            payload = request("GET", f"{live_flow.path}?{query}", [("Host", live_flow.host_header)])
        answer = send_raw(live_flow.host(index), live_flow.port, payload)
        assert_refused(live_flow, answer, "bad encoding")

    attack()
    live_flow.assert_alive()
    live_flow.deliver()


def test_forged_states_with_the_real_code_are_refused_and_the_flow_goes_on(live_flow: LiveFlow) -> None:
    code = quote(live_flow.code, safe="")
    states = st.one_of(near_misses(live_flow.state), FORGED_STATES)
    seen = iter(range(1_000_000))

    @fuzz_settings(500)
    @given(state=states, denied=st.booleans())
    def attack(state: str, denied: bool) -> None:
        index = next(seen)
        query = f"error=access_denied&state={state}" if denied else f"code={code}&state={state}"
        payload = request("GET", f"{live_flow.path}?{query}", [("Host", live_flow.host_header)])
        answer = send_raw(live_flow.host(index), live_flow.port, payload)
        assert_refused(live_flow, answer, "forged state")

    attack()
    live_flow.assert_alive()
    live_flow.deliver()


@pytest.mark.parametrize("query", ["error=access_denied", "error=access_denied&state=", "error=x&state="])
@pytest.mark.parametrize(
    "fetch_metadata",
    [[], [("Sec-Fetch-Mode", "no-cors"), ("Sec-Fetch-Dest", "image")]],
    ids=["bare request", "embedded image"],
)
def test_an_error_callback_without_a_state_does_not_end_the_flow(
    live_flow: LiveFlow, query: str, fetch_metadata: list[tuple[str, str]]
) -> None:
    """Only a page the browser navigates to may stand for Meta's state-less cancel redirect."""
    answer = send_raw(
        live_flow.host(0),
        live_flow.port,
        request("GET", f"{live_flow.path}?{query}", [("Host", live_flow.host_header), *fetch_metadata]),
    )
    if answer.location is not None:
        live_flow.land(answer.location)
    assert_refused(live_flow, answer, "error callback without a state")


@pytest.mark.parametrize("site", ["cross-site", "same-site", "none"])
def test_a_navigation_to_an_error_without_a_state_only_asks_and_the_real_answer_still_connects(
    live_flow: LiveFlow, site: str
) -> None:
    """``location.href = "…/callback/?error=access_denied"`` from any web page is a top-level navigation
    with exactly the headers a real redirect has: the flow is told, the user decides, nothing ends."""
    headers = [
        ("Host", live_flow.host_header),
        ("Sec-Fetch-Mode", "navigate"),
        ("Sec-Fetch-Dest", "document"),
    ]
    lure = "error=access_denied&error_reason=user_denied&error_description=Call%200800%20now"
    answer = send_raw(
        live_flow.host(0),
        live_flow.port,
        request("GET", f"{live_flow.path}?{lure}", [*headers, ("Sec-Fetch-Site", site)]),
    )
    assert answer.status == 200
    assert b"0800" not in answer.head
    assert live_flow.attempt.stateless_error_seen
    live_flow.assert_alive()
    live_flow.deliver()


def test_slow_loris_clients_are_cut_off_and_the_real_callback_then_completes(live_flow: LiveFlow) -> None:
    """More trickling clients than the listener has slots: it refuses the extra ones at once, cuts the
    rest off at the head deadline, and never stops answering for good."""
    loris_count = MAX_CONNECTIONS + 8
    answers: list[Answer | BaseException] = []
    lock = threading.Lock()
    stop = threading.Event()

    def loris(index: int) -> None:
        try:
            sock = connect(live_flow.host(index), live_flow.port)
        except OSError as exc:
            with lock:
                answers.append(exc)
            return
        try:
            head = f"GET /favicon.ico HTTP/1.1\r\nHost: {live_flow.host_header}\r\nX-Slow: ".encode()
            for byte in head:
                readable, _, _ = select.select([sock], [], [], 0)
                if stop.is_set() or readable:
                    break  # answered or closed: stop sending, read what it said
                try:
                    sock.send(bytes([byte]))
                except OSError:
                    break  # refused or cut off: that is the listener defending itself
                time.sleep(0.4)
            outcome: Answer | BaseException
            try:
                outcome = read_answer(sock, deadline=HEAD_DEADLINE + 10)
            except (ListenerHung, OSError) as exc:
                outcome = exc
            with lock:
                answers.append(outcome)
        finally:
            sock.close()

    threads = [threading.Thread(target=loris, args=(i,), daemon=True) for i in range(loris_count)]
    for thread in threads:
        thread.start()
    tally.tried("slow-loris client", loris_count)
    time.sleep(1.0)
    # While they trickle: the listener still decides about every new connection at once.
    extra = []
    for index in range(4):
        try:
            extra.append(live_flow.probe(index).status)
        except ConnectionError:
            extra.append(None)
    tally.tried("connection while saturated", len(extra))
    assert set(extra) <= {None, 404}
    assert not live_flow.attempt.ended
    for thread in threads:
        thread.join(HEAD_DEADLINE + 25)
    stop.set()
    assert not any(thread.is_alive() for thread in threads), "a slow client was never cut off"
    hung = [a for a in answers if isinstance(a, ListenerHung)]
    assert hung == []
    statuses = {a.status for a in answers if isinstance(a, Answer)}
    assert statuses <= {None, 408}, statuses
    assert 408 in statuses  # the ones that got a slot were told they were too slow
    live_flow.assert_alive()
    live_flow.deliver()


def test_replays_are_refused_and_a_later_flow_still_completes(live_flow: LiveFlow) -> None:
    services = live_flow.services
    first = live_flow.deliver()
    old = live_flow.callback.raw_path.decode("ascii")
    for index in range(20):
        try:
            answer = send_raw(
                live_flow.host(index), live_flow.port, request("GET", old, [("Host", live_flow.host_header)])
            )
        except ConnectionRefusedError:
            answer = Answer(None, b"")  # the listener is gone once its flow ended
        tally.tried("replay after the flow ended")
        assert answer.status in REFUSALS

    # A second connect attempt: the old callback, replayed into it, is refused there too.
    second = start(services)
    outcome = ConsentBot(account="northwind_shop", deliver=False).open(second.start_url)
    assert outcome.redirect_location is not None
    for index in range(20):
        answer = send_raw(
            live_flow.host(index), live_flow.port, request("GET", old, [("Host", live_flow.host_header)])
        )
        tally.tried("replay into a new flow")
        assert answer.status == 404
        assert not second.ended
    with pytest.raises(SocialdeskError) as caught:
        second.submit_pasted_url(f"http://{live_flow.host_header}{old}#_")
    tally.tried("replay pasted into a new flow")
    assert caught.value.code == "state_expired"
    assert not second.ended

    answer = send_raw(
        live_flow.host(0),
        live_flow.port,
        request(
            "GET",
            httpx.URL(outcome.redirect_location).raw_path.decode("ascii"),
            [("Host", live_flow.host_header)],
        ),
    )
    assert answer.status == 303
    view = live_flow.land_while_waiting(second, "/done")
    assert view.username == "northwind_shop"
    assert services.sandbox is not None
    assert services.sandbox.request_count("/oauth/access_token") == 2  # one per genuine callback
    assert sorted(c.username for c in services.connections.list_all()) == ["acme_business", "northwind_shop"]
    assert first.username == "acme_business"


def test_a_flood_of_connections_never_takes_the_listener_down(live_flow: LiveFlow) -> None:
    """Many clients at once that connect and say nothing, or reset at once."""
    sockets: list[socket.socket] = []
    try:
        for index in range(60):
            with contextlib.suppress(OSError):
                sockets.append(connect(live_flow.host(index), live_flow.port))
        tally.tried("silent connection", len(sockets))
        for sock in sockets[::2]:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            sock.close()  # a reset, not a goodbye
    finally:
        for sock in sockets:
            sock.close()
    live_flow.assert_alive()
    live_flow.deliver()
