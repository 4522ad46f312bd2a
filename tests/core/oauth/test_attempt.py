"""A connect attempt around a real flow and listener: the answer, the result page, the ending."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from urllib.parse import quote

import httpx
import pytest

from desktop.core.clock import ManualClock
from desktop.core.errors import NO_CALLBACK, SocialdeskError
from desktop.core.oauth.attempt import FlowAttempt
from desktop.core.oauth.callback import CallbackResult
from desktop.core.oauth.flow import FlowCancelled, PendingFlow
from desktop.core.oauth.listener import Outcome
from desktop.core.oauth.session import ConnectSession, ConnectSessions

CODE = "AQDattempt-code-0123456789abcdefghijklmnopqrstuvwxyz"


def authorize_url_for(session: ConnectSession) -> str:
    return f"https://www.instagram.test/oauth/authorize?client_id=1&state={quote(session.state)}"


class Attempt(FlowAttempt):
    """The smallest provider: its steps and its outcome are given by the test."""

    def __init__(
        self,
        flow: PendingFlow,
        ended: list[FlowAttempt],
        steps: Callable[[CallbackResult], str],
    ) -> None:
        super().__init__(flow, ended.append)
        self._steps = steps

    def wait(self, timeout: float | None = None) -> str:
        return self._complete(timeout, self._steps, lambda name: Outcome(username=name, workspace="Main"))


@pytest.fixture
def flow(redirect_uri: str, sessions: ConnectSessions) -> Iterator[PendingFlow]:
    started = PendingFlow.begin(
        sessions,
        1,
        redirect_uri=redirect_uri,
        authorize_url_for=authorize_url_for,
        check_interval=0.02,
        outcome_wait=10.0,
    )
    try:
        yield started
    finally:
        started.close()


class Browser:
    """Brings the code back to the listener and follows it to the result page, on its own thread."""

    def __init__(self, url: str) -> None:
        self.page = ""
        self._thread = threading.Thread(target=self._run, args=(url,))
        self._thread.start()

    def _run(self, url: str) -> None:
        with httpx.Client(trust_env=False, timeout=20.0) as http:
            self.page = http.get(url, follow_redirects=True).text

    def join(self) -> str:
        self._thread.join(30)
        return self.page


def _callback(flow: PendingFlow, redirect_uri: str) -> str:
    return f"{redirect_uri}?code={CODE}&state={quote(flow.state)}#_"


def test_the_result_page_shows_what_the_steps_made_and_the_owner_hears_the_end(
    flow: PendingFlow, redirect_uri: str
) -> None:
    ended: list[FlowAttempt] = []
    attempt = Attempt(flow, ended, lambda result: f"got_{len(result.code.reveal()) if result.code else 0}")
    browser = Browser(_callback(flow, redirect_uri))
    assert attempt.wait(timeout=20) == f"got_{len(CODE)}"
    page = browser.join()
    assert f"got_{len(CODE)}" in page and "Main" in page
    assert ended == [attempt] and attempt.ended and not flow.listening


def test_a_failed_step_shows_its_code_on_the_result_page_and_is_raised(
    flow: PendingFlow, redirect_uri: str
) -> None:
    ended: list[FlowAttempt] = []

    def refuse(_result: CallbackResult) -> str:
        raise SocialdeskError("instagram_no_business_account")

    attempt = Attempt(flow, ended, refuse)
    browser = Browser(_callback(flow, redirect_uri))
    with pytest.raises(SocialdeskError) as raised:
        attempt.wait(timeout=20)
    assert raised.value.code == "instagram_no_business_account"
    assert "instagram_no_business_account" in browser.join()
    assert ended == [attempt]


def test_an_expired_attempt_says_no_callback_came(flow: PendingFlow, clock: ManualClock) -> None:
    ended: list[FlowAttempt] = []
    attempt = Attempt(flow, ended, lambda _result: "never")
    clock.advance(timedelta(hours=1))
    with pytest.raises(SocialdeskError) as raised:
        attempt.wait(timeout=20)
    assert raised.value.code == "state_expired" and raised.value.detail == NO_CALLBACK
    assert ended == [attempt] and not flow.listening


def test_a_cancelled_attempt_ends_and_says_so(flow: PendingFlow) -> None:
    ended: list[FlowAttempt] = []
    attempt = Attempt(flow, ended, lambda _result: "never")
    attempt.cancel()
    with pytest.raises(FlowCancelled):
        attempt.wait(timeout=5)
    assert attempt in ended and attempt.ended
