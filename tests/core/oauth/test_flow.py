"""One connect attempt end to end over loopback: listener, pasted address, cancel, expiry."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from urllib.parse import quote

import httpx
import pytest

from desktop.core.clock import ManualClock
from desktop.core.errors import SocialdeskError
from desktop.core.oauth.callback import CallbackResult
from desktop.core.oauth.flow import FlowCancelled, PendingFlow
from desktop.core.oauth.session import ConnectSession, ConnectSessions
from tests.core.oauth.conftest import port_is_free

CODE = "AQDflow-code-0123456789abcdefghijklmnopqrstuvwxyz"
AUTHORIZE = "https://www.instagram.test/oauth/authorize"


def authorize_url_for(session: ConnectSession) -> str:
    return f"{AUTHORIZE}?client_id=1&response_type=code&state={quote(session.state)}"


@pytest.fixture
def begin(redirect_uri: str, sessions: ConnectSessions) -> Iterator[Callable[..., PendingFlow]]:
    flows: list[PendingFlow] = []

    def start(**options: object) -> PendingFlow:
        settings: dict[str, object] = {"check_interval": 0.02, "landing_grace": 5.0}
        settings.update(options)
        flow = PendingFlow.begin(
            sessions,
            1,
            redirect_uri=redirect_uri,
            authorize_url_for=authorize_url_for,
            **settings,  # type: ignore[arg-type]
        )
        flows.append(flow)
        return flow

    yield start
    for flow in flows:
        flow.close()


class Waiter:
    """Runs ``flow.wait()`` on a thread, as the UI's worker would."""

    def __init__(self, flow: PendingFlow) -> None:
        self.result: CallbackResult | None = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(flow,))
        self._thread.start()

    def _run(self, flow: PendingFlow) -> None:
        try:
            self.result = flow.wait(timeout=30)
        except BaseException as exc:
            self.error = exc

    def join(self) -> None:
        self._thread.join(timeout=30)
        assert not self._thread.is_alive()


def test_browser_round_trip_connects_and_frees_the_port(
    begin: Callable[..., PendingFlow], http: httpx.Client, port: int
) -> None:
    flow = begin()
    assert flow.listening
    assert flow.start_url.startswith(f"http://localhost:{port}/start?state=")
    assert flow.authorize_url == authorize_url_for(flow.session)

    to_instagram = http.get(flow.start_url)
    assert to_instagram.headers["location"] == flow.authorize_url
    landed = http.get(
        f"http://localhost:{port}/callback/?code={CODE}&state={flow.state}", follow_redirects=True
    )
    result = flow.wait(timeout=10)

    assert landed.status_code == 200
    assert landed.url.path == "/done"
    assert result.code is not None
    assert result.code.reveal() == CODE
    assert flow.ended
    assert not flow.listening
    assert port_is_free(port)


def test_wait_returns_after_the_grace_when_the_browser_never_loads_the_page(
    begin: Callable[..., PendingFlow], http: httpx.Client, port: int
) -> None:
    flow = begin(landing_grace=0.2)
    http.get(f"http://localhost:{port}/callback/?code={CODE}&state={flow.state}")  # no redirect followed

    result = flow.wait(timeout=10)

    assert result.code is not None
    assert port_is_free(port)


NAVIGATE = {"Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"}


def test_a_stateless_error_is_reported_but_leaves_the_flow_pending_and_a_real_code_still_connects(
    begin: Callable[..., PendingFlow], http: httpx.Client, port: int
) -> None:
    """Any web page can navigate to this address (``location.href = …``); only the user may end on it."""
    flow = begin()
    reports: list[str] = []
    reported = threading.Event()

    def report() -> None:
        reports.append(flow.state)
        reported.set()

    flow.on_stateless_error(report)
    page = http.get(
        f"http://localhost:{port}/callback/?error=access_denied&error_reason=user_denied"
        "&error_description=Call+0800+now",
        headers=NAVIGATE,
        follow_redirects=True,
    )

    assert reported.wait(5)
    assert flow.stateless_error_seen
    assert not flow.ended
    assert flow.listening
    assert "0800" not in page.text  # never its words
    with pytest.raises(TimeoutError):
        flow.wait(timeout=0.2)
    http.get(f"http://localhost:{port}/callback/?code={CODE}&state={flow.state}", follow_redirects=True)
    result = flow.wait(timeout=10)
    assert result.code is not None and result.code.reveal() == CODE
    assert reports == [flow.state]


def test_a_stateless_error_ends_when_the_user_says_stop(
    begin: Callable[..., PendingFlow], http: httpx.Client, port: int
) -> None:
    flow = begin()
    reported = threading.Event()
    flow.on_stateless_error(reported.set)
    http.get(f"http://localhost:{port}/callback/?error=access_denied", headers=NAVIGATE)
    assert reported.wait(5)
    flow.cancel()
    with pytest.raises(FlowCancelled):
        flow.wait(timeout=10)
    assert port_is_free(port)


def test_a_stateless_error_that_is_not_a_page_load_is_not_even_reported(
    begin: Callable[..., PendingFlow], http: httpx.Client, port: int
) -> None:
    flow = begin()
    answer = http.get(
        f"http://localhost:{port}/callback/?error=access_denied",
        headers={"Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"},
    )
    assert answer.status_code == 404
    assert not flow.stateless_error_seen


def test_cancel_in_the_dialog_with_the_state_is_returned_at_once(
    begin: Callable[..., PendingFlow], http: httpx.Client, port: int
) -> None:
    flow = begin()
    http.get(
        f"http://localhost:{port}/callback/?error=access_denied&error_reason=user_denied"
        f"&error_description=The+user+denied+your+request&state={flow.state}",
        headers=NAVIGATE,
        follow_redirects=True,
    )
    result = flow.wait(timeout=10)
    assert result.denied
    assert result.state == flow.state
    assert not flow.stateless_error_seen


def test_stray_requests_during_a_live_flow_do_not_end_it(
    begin: Callable[..., PendingFlow], sessions: ConnectSessions, http: httpx.Client, port: int
) -> None:
    flow = begin()
    base = f"http://localhost:{port}"
    strays = [
        http.get(f"{base}/"),
        http.get(f"{base}/favicon.ico"),
        http.get(f"{base}/done"),
        http.get(f"{base}/callback/?code={CODE}&state=forged"),
        http.get(f"{base}/callback/?code={CODE}"),
        http.get(f"{base}/callback/?code={CODE}&state={flow.state}", headers={"Host": "evil.example"}),
        http.post(f"{base}/callback/?code={CODE}&state={flow.state}"),
        http.get(f"{base}/callback?code={CODE}&state={flow.state}"),
    ]
    assert {r.status_code for r in strays} == {404}
    with pytest.raises(TimeoutError):
        flow.wait(timeout=0.1)
    assert not flow.ended
    assert flow.listening

    landed = http.get(f"{base}/callback/?code={CODE}&state={flow.state}", follow_redirects=True)
    assert landed.url.path == "/done"
    assert flow.wait(timeout=10).code is not None


def test_expiry_ends_the_flow_and_stops_the_listener(
    begin: Callable[..., PendingFlow], clock: ManualClock, http: httpx.Client, port: int
) -> None:
    flow = begin()
    waiter = Waiter(flow)
    clock.advance(timedelta(minutes=10))
    waiter.join()

    assert isinstance(waiter.error, SocialdeskError)
    assert waiter.error.code == "state_expired"
    assert port_is_free(port)
    with pytest.raises(httpx.ConnectError):
        http.get(f"http://localhost:{port}/callback/?code={CODE}&state={flow.state}")
    with pytest.raises(SocialdeskError) as again:
        flow.wait(timeout=1)
    assert again.value.code == "state_expired"


def test_countdown_follows_the_clock(begin: Callable[..., PendingFlow], clock: ManualClock) -> None:
    flow = begin()
    assert flow.expires_at - flow.created_at == timedelta(minutes=10)
    clock.advance(timedelta(minutes=3))
    assert flow.time_left() == timedelta(minutes=7)


def test_cancel_ends_the_wait_and_retires_the_state(
    begin: Callable[..., PendingFlow], sessions: ConnectSessions, port: int
) -> None:
    flow = begin()
    waiter = Waiter(flow)
    flow.cancel()
    waiter.join()

    assert isinstance(waiter.error, FlowCancelled)
    assert sessions.peek(flow.state) is None
    assert port_is_free(port)
    flow.cancel()  # idempotent
    with pytest.raises(SocialdeskError) as late:
        flow.submit_pasted_url(f"?code={CODE}&state={flow.state}")
    assert late.value.code == "state_expired"


def test_wait_with_a_timeout_leaves_the_flow_running(begin: Callable[..., PendingFlow]) -> None:
    flow = begin()
    with pytest.raises(TimeoutError):
        flow.wait(timeout=0.05)
    assert flow.listening
    assert not flow.ended


@pytest.mark.parametrize("tail", ["#_", ""])
def test_pasted_address_ends_the_flow(begin: Callable[..., PendingFlow], port: int, tail: str) -> None:
    flow = begin()
    waiter = Waiter(flow)

    pasted = flow.submit_pasted_url(
        f"  http://localhost:{port}/callback/?code={CODE}&state={flow.state}{tail}\n"
    )
    waiter.join()

    assert pasted.code is not None
    assert pasted.code.reveal() == CODE
    assert waiter.result is pasted
    assert port_is_free(port)


def test_pasted_cancel_without_state_is_returned(begin: Callable[..., PendingFlow]) -> None:
    flow = begin()
    result = flow.submit_pasted_url("?error=access_denied&error_reason=user_denied")
    assert result.denied
    assert result.state == flow.state
    assert flow.wait(timeout=5) is result


def test_pasted_garbage_is_invalid_and_the_flow_goes_on(
    begin: Callable[..., PendingFlow], http: httpx.Client, port: int
) -> None:
    flow = begin()
    for text in (
        "hello",
        f"http://localhost:{port}/wrong/?code={CODE}&state={flow.state}",
        f"?state={flow.state}",
    ):
        with pytest.raises(SocialdeskError) as refused:
            flow.submit_pasted_url(text)
        assert refused.value.code == "invalid_callback"
        assert CODE not in str(refused.value)
    assert flow.listening

    landed = http.get(
        f"http://localhost:{port}/callback/?code={CODE}&state={flow.state}", follow_redirects=True
    )
    assert landed.url.path == "/done"
    assert flow.wait(timeout=10).code is not None


def test_pasted_address_of_another_attempt_is_refused(
    begin: Callable[..., PendingFlow], sessions: ConnectSessions
) -> None:
    other = sessions.new(2)
    flow = begin()
    with pytest.raises(SocialdeskError) as refused:
        flow.submit_pasted_url(f"?code={CODE}&state={other.state}")
    assert refused.value.code == "state_expired"
    assert not flow.ended
    assert sessions.peek(other.state) == other  # the other attempt is untouched


def test_pasted_address_after_expiry_is_state_expired(
    begin: Callable[..., PendingFlow], clock: ManualClock
) -> None:
    flow = begin()
    clock.advance(timedelta(minutes=11))
    with pytest.raises(SocialdeskError) as refused:
        flow.submit_pasted_url(f"?code={CODE}&state={flow.state}")
    assert refused.value.code == "state_expired"
    with pytest.raises(SocialdeskError) as waited:
        flow.wait(timeout=5)
    assert waited.value.code == "state_expired"
    assert not flow.listening


def test_paste_only_flow_without_a_listener(sessions: ConnectSessions, port: int) -> None:
    with PendingFlow.begin(
        sessions,
        3,
        redirect_uri=f"https://example.com:{port}/cb",
        authorize_url_for=authorize_url_for,
        listen=False,
    ) as flow:
        assert flow.start_url == flow.authorize_url
        assert not flow.listening
        result = flow.submit_pasted_url(f"https://example.com:{port}/cb?code={CODE}&state={flow.state}#_")
        assert flow.wait(timeout=5) is result
        assert flow.workspace_id == 3


def test_port_in_use_leaves_nothing_behind(redirect_uri: str, sessions: ConnectSessions, port: int) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", port))
        blocker.listen()
        with pytest.raises(SocialdeskError) as refused:
            PendingFlow.begin(sessions, 1, redirect_uri=redirect_uri, authorize_url_for=authorize_url_for)
    assert refused.value.code == "port_in_use"
    assert str(port) in refused.value.detail
    assert sessions.pending() == []


def test_a_second_flow_can_listen_once_the_first_has_ended(
    begin: Callable[..., PendingFlow], http: httpx.Client, port: int
) -> None:
    first = begin()
    http.get(f"http://localhost:{port}/callback/?code={CODE}&state={first.state}", follow_redirects=True)
    first.wait(timeout=10)

    second = begin()
    assert http.get(f"http://localhost:{port}/callback/?code={CODE}&state={first.state}").status_code == 404
    landed = http.get(
        f"http://localhost:{port}/callback/?code={CODE}&state={second.state}", follow_redirects=True
    )
    assert landed.url.path == "/done"
    assert second.wait(timeout=10).state == second.state


def test_state_stays_out_of_repr(begin: Callable[..., PendingFlow]) -> None:
    flow = begin()
    assert flow.state not in repr(flow)
    assert "workspace_id=1" in repr(flow)


def test_context_manager_cancels_an_unfinished_flow(
    redirect_uri: str, sessions: ConnectSessions, port: int
) -> None:
    with PendingFlow.begin(
        sessions, 1, redirect_uri=redirect_uri, authorize_url_for=authorize_url_for
    ) as flow:
        assert flow.listening
    assert port_is_free(port)
    with pytest.raises(FlowCancelled):
        flow.wait(timeout=1)


def test_only_the_first_stateless_error_asks_the_rest_are_counted_and_a_real_code_still_connects(
    begin: Callable[..., PendingFlow], http: httpx.Client, port: int
) -> None:
    """A page that keeps navigating to the loopback port must not make the question come back."""
    flow = begin()
    reports: list[str] = []
    flow.on_stateless_error(lambda: reports.append(flow.state))

    for _ in range(4):
        page = http.get(f"http://localhost:{port}/callback/?error=access_denied", headers=NAVIGATE)
        assert page.status_code == 200

    assert flow.stateless_error_count == 4
    assert reports == [flow.state]
    assert not flow.ended
    http.get(f"http://localhost:{port}/callback/?code={CODE}&state={flow.state}", follow_redirects=True)
    result = flow.wait(timeout=10)
    assert result.code is not None and result.code.reveal() == CODE
    assert reports == [flow.state]
