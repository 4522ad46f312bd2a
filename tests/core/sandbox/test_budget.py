"""The per-account call budget: usage headers rising with each call, then Meta's refusal and its wait."""

from __future__ import annotations

import json
from datetime import timedelta

import httpx
import pytest

from desktop.core.clock import ManualClock
from desktop.core.sandbox import SandboxServer
from tests.core.sandbox.helpers import graph_error, long_token, me


def _usage(response: httpx.Response, user_id: str) -> tuple[int, dict[str, int]]:
    app = json.loads(response.headers["x-app-usage"])
    (business,) = json.loads(response.headers["x-business-use-case-usage"])[user_id]
    return app["call_count"], business


def test_without_a_budget_no_usage_headers_are_sent(sandbox: SandboxServer, http: httpx.Client) -> None:
    response = me(http, sandbox, long_token(http, sandbox))

    assert "x-app-usage" not in response.headers
    assert "x-business-use-case-usage" not in response.headers


def test_usage_rises_then_the_account_is_refused_with_the_time_to_regain_access(
    sandbox: SandboxServer, http: httpx.Client, clock: ManualClock
) -> None:
    token = long_token(http, sandbox)
    user_id = me(http, sandbox, token).json()["user_id"]
    sandbox.set_knobs(call_budget=4)

    counts = [_usage(me(http, sandbox, token), user_id)[0] for _ in range(4)]
    clock.advance(timedelta(minutes=20))
    refused = me(http, sandbox, token)

    assert counts == [25, 50, 75, 100]
    assert refused.status_code == 403
    assert graph_error(refused) == (80002, None)
    assert refused.json()["error"]["is_transient"] is True
    assert _usage(refused, user_id)[1]["estimated_time_to_regain_access"] == 40
    clock.advance(timedelta(minutes=40))
    assert me(http, sandbox, token).status_code == 200


def test_the_budget_is_per_account(sandbox: SandboxServer, http: httpx.Client) -> None:
    acme = long_token(http, sandbox)
    north = long_token(http, sandbox, account="northwind_shop")
    sandbox.set_knobs(call_budget=1)

    me(http, sandbox, acme)

    assert graph_error(me(http, sandbox, acme)) == (80002, None)
    assert me(http, sandbox, north).status_code == 200


@pytest.mark.parametrize(("code", "status"), [(4, 400), (80002, 403)])
def test_the_refusal_code_is_a_knob(
    sandbox: SandboxServer, http: httpx.Client, code: int, status: int
) -> None:
    token = long_token(http, sandbox)
    sandbox.set_knobs(call_budget=1, budget_code=code)
    me(http, sandbox, token)

    refused = me(http, sandbox, token)

    assert (refused.status_code, graph_error(refused)) == (status, (code, None))
