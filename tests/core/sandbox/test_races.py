"""Requests that race: real HTTP over loopback, many threads released at the same instant.

The sandbox serves each request on its own thread; what a provider must keep atomic stays atomic:
a code is spent once, each refresh issues exactly one token, and a revoke leaves nothing alive
however the calls interleave.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

import httpx

from desktop.core.clock import ManualClock
from desktop.core.sandbox import SandboxServer
from desktop.core.sandbox.provider import CODE_NOT_FOUND
from desktop.core.sandbox.state import saved_state
from tests.core.sandbox.helpers import exchange, long_token, me, obtain_code, refresh

T = TypeVar("T")
RACERS = 12


def _at_once(calls: list[Callable[[], T]]) -> list[T]:
    """Run every call on its own thread and client, all released together; results in call order."""
    barrier = threading.Barrier(len(calls))
    results: list[T | BaseException | None] = [None] * len(calls)

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = calls[index]()
        except BaseException as exc:  # handed back to the test below
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(thread.is_alive() for thread in threads)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results  # type: ignore[return-value]


def _client() -> httpx.Client:
    return httpx.Client(timeout=30.0, follow_redirects=False, trust_env=False)


def _tokens_issued(state_dir: Path, kind: str) -> int:
    """Tokens of ``kind`` the sandbox has on disk (each commit is there as soon as it answers)."""
    return sum(1 for token in saved_state(state_dir)["tokens_sha256"].values() if token["kind"] == kind)


def test_a_code_exchanged_by_many_at_once_yields_one_token(
    sandbox: SandboxServer, state_dir: Path, http: httpx.Client
) -> None:
    code = obtain_code(http, sandbox)

    def attempt() -> httpx.Response:
        with _client() as client:
            return exchange(client, sandbox, code)

    answers = _at_once([attempt] * RACERS)

    won = [a for a in answers if a.status_code == 200]
    lost = [a for a in answers if a.status_code != 200]
    assert len(won) == 1
    assert len(lost) == RACERS - 1
    assert {a.json()["error_message"] for a in lost} == {CODE_NOT_FOUND}
    assert _tokens_issued(state_dir, "short") == 1
    # The one winner's token is real; the code is spent for good.
    record = won[0].json()
    token = (record["data"][0] if "data" in record else record)["access_token"]
    assert me(http, sandbox, token).status_code == 200
    assert exchange(http, sandbox, code).json()["error_message"] == CODE_NOT_FOUND


def test_racing_refreshes_each_issue_exactly_one_live_token(
    sandbox: SandboxServer, state_dir: Path, clock: ManualClock, http: httpx.Client
) -> None:
    token = long_token(http, sandbox)
    clock.advance(timedelta(days=2))
    before = _tokens_issued(state_dir, "long")

    def attempt() -> httpx.Response:
        with _client() as client:
            return refresh(client, sandbox, token)

    answers = _at_once([attempt] * RACERS)

    assert [a.status_code for a in answers] == [200] * RACERS
    issued = [a.json()["access_token"] for a in answers]
    assert len(set(issued)) == RACERS, "two refreshes were handed the same token"
    assert token not in issued
    assert _tokens_issued(state_dir, "long") == before + RACERS
    assert {sandbox.token_status(t).status for t in issued} == {"active"}


def test_racing_refreshes_that_keep_the_string_renew_it_once(
    sandbox: SandboxServer, state_dir: Path, clock: ManualClock, http: httpx.Client
) -> None:
    """Renewed, the token is new again, too young to refresh: the first call wins, the rest are refused."""
    sandbox.set_knobs(refresh_token="same_string")
    token = long_token(http, sandbox)
    clock.advance(timedelta(days=2))
    before = _tokens_issued(state_dir, "long")

    def attempt() -> httpx.Response:
        with _client() as client:
            return refresh(client, sandbox, token)

    answers = _at_once([attempt] * RACERS)

    won = [a for a in answers if a.status_code == 200]
    assert [a.json()["access_token"] for a in won] == [token]
    assert {a.json()["error"]["code"] for a in answers if a not in won} == {100}
    assert _tokens_issued(state_dir, "long") == before
    assert sandbox.token_status(token).expires_at == clock.now() + timedelta(days=60)


def test_a_revoke_racing_uses_and_refreshes_leaves_nothing_alive(
    sandbox: SandboxServer, clock: ManualClock, http: httpx.Client
) -> None:
    # A real revoke is needed here; the strict default answers "unsupported".
    sandbox.set_knobs(revoke_answer="success_object")
    token = long_token(http, sandbox)
    clock.advance(timedelta(days=2))

    def use() -> tuple[str, httpx.Response]:
        with _client() as client:
            return "me", me(client, sandbox, token)

    def renew() -> tuple[str, httpx.Response]:
        with _client() as client:
            return "refresh", refresh(client, sandbox, token)

    def revoke() -> tuple[str, httpx.Response]:
        with _client() as client:
            return "revoke", client.delete(
                f"{sandbox.graph_url}/v25.0/me/permissions", params={"access_token": token}
            )

    calls: list[Callable[[], tuple[str, httpx.Response]]] = [use, renew] * (RACERS // 2)
    calls.insert(RACERS // 2, revoke)
    answers = _at_once(calls)

    for name, answer in answers:
        if answer.status_code != 200:
            # Whatever lost the race was refused as Meta refuses a revoked token: 190, subcode 458.
            error = answer.json()["error"]
            assert (error["code"], error.get("error_subcode")) == (190, 458), (name, error)
    assert dict(answers)["revoke"].status_code == 200
    refreshed = [
        a.json()["access_token"] for name, a in answers if name == "refresh" and a.status_code == 200
    ]
    # A refresh that won the race issued a token the revoke then killed with the rest.
    for issued in [token, *refreshed]:
        assert sandbox.token_status(issued).status == "revoked"
        assert me(http, sandbox, issued).json()["error"]["code"] == 190


def test_a_slow_request_does_not_hold_up_the_others(sandbox: SandboxServer, http: httpx.Client) -> None:
    token = long_token(http, sandbox)
    sandbox.inject_fault("latency", endpoint="/refresh_access_token", latency_ms=60_000)
    url = f"{sandbox.graph_url}/refresh_access_token"

    def wait_for_refresh() -> None:
        with _client() as client, contextlib.suppress(httpx.HTTPError):
            client.get(url, params={"grant_type": "ig_refresh_token", "access_token": token})

    slow = threading.Thread(target=wait_for_refresh)
    slow.start()
    try:
        deadline = time.monotonic() + 30
        while sandbox.request_count("/refresh_access_token") == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert sandbox.request_count("/refresh_access_token") == 1
        # Served while the refresh is still waiting out its latency on another thread.
        for _ in range(5):
            assert me(http, sandbox, token).status_code == 200
        assert slow.is_alive()
    finally:
        sandbox.stop()  # cuts the slow one short
        slow.join(30)
    assert not slow.is_alive()
