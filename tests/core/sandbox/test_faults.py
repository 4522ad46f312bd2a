"""Fault injection: targeting, counting, and the answers each fault produces on the wire."""

from __future__ import annotations

import httpx
import pytest

from desktop.core.sandbox import SandboxServer
from desktop.core.sandbox.faults import FaultPlan, endpoint_of
from tests.core.sandbox.helpers import exchange, graph_error, long_token, me, obtain_code, short_token


@pytest.mark.parametrize(
    ("path", "endpoint"),
    [
        ("/v25.0/me", "/me"),
        ("/me/", "/me"),
        ("/v21.0/me/permissions", "/me/permissions"),
        ("/access_token", "/access_token"),
        ("/v25.0/refresh_access_token", "/refresh_access_token"),
        ("/oauth/access_token", "/oauth/access_token"),
        ("/_sandbox/media/acme_business.png", "/_sandbox/media"),
        ("/", "/"),
    ],
)
def test_endpoint_names(path: str, endpoint: str) -> None:
    assert endpoint_of(path) == endpoint


def test_count_limited_faults_are_used_up() -> None:
    plan = FaultPlan()
    plan.add("status", endpoint="/access_token", count=2, status=503)

    answers = [plan.take("/access_token")[1] for _ in range(3)]

    assert [a.status if a else None for a in answers] == [503, 503, None]
    assert plan.active() == []


def test_faults_without_endpoint_hit_every_api_endpoint_but_not_the_dialog() -> None:
    plan = FaultPlan()
    plan.add("drop")

    assert plan.take("/me")[1] is not None
    assert plan.take("/oauth/access_token")[1] is not None
    assert plan.take("/oauth/authorize")[1] is None
    assert plan.take("/_sandbox/media")[1] is None


def test_latency_adds_up_and_one_answer_fault_applies_at_a_time() -> None:
    plan = FaultPlan()
    plan.add("latency", latency_ms=100)
    plan.add("latency", endpoint="me", latency_ms=50, count=1)
    plan.add("status", endpoint="/me", count=1, status=500)
    plan.add("status", endpoint="/me", count=1, status=502)

    first = plan.take("/me")
    second = plan.take("/me")
    third = plan.take("/me")

    assert first[0] == 150 and first[1] is not None and first[1].status == 500
    assert second[0] == 100 and second[1] is not None and second[1].status == 502
    assert third == (100, None)


@pytest.mark.parametrize(
    ("kind", "options", "reason"),
    [
        ("flood", {}, "kind"),
        ("status", {"endpoint": "/media"}, "endpoint"),
        ("status", {"count": 0}, "count"),
        ("latency", {}, "latency_ms"),
        ("status", {"status": 200}, "status"),
        ("status", {"body": "xml"}, "body"),
        ("rate_limit", {"regain_minutes": -1}, "regain_minutes"),
    ],
)
def test_bad_faults_are_refused_with_a_reason(kind: str, options: dict[str, object], reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        FaultPlan().add(kind, **options)  # type: ignore[arg-type]


# -- on the wire ---------------------------------------------------------------------------------------


def test_next_two_requests_get_503(sandbox: SandboxServer, http: httpx.Client) -> None:
    short = short_token(http, sandbox)
    sandbox.inject_fault("status", endpoint="/access_token", count=2, status=503)
    params = {
        "grant_type": "ig_exchange_token",
        "client_secret": sandbox.credentials.client_secret.reveal(),
        "access_token": short,
    }

    statuses = [http.get(f"{sandbox.graph_url}/access_token", params=params).status_code for _ in range(3)]

    assert statuses == [503, 503, 200]


def test_status_fault_bodies(sandbox: SandboxServer, http: httpx.Client) -> None:
    token = long_token(http, sandbox)
    sandbox.inject_fault("status", endpoint="/me", count=1, status=500)
    sandbox.inject_fault("status", endpoint="/me", count=1, status=502, body="html")
    sandbox.inject_fault("status", endpoint="/me", count=1, status=504, body="empty")

    graph, html, empty = (me(http, sandbox, token) for _ in range(3))

    assert graph.status_code == 500 and graph.json()["error"]["code"] == 1
    assert html.status_code == 502 and html.headers["content-type"].startswith("text/html")
    assert empty.status_code == 504 and empty.content == b""


def test_a_dropped_connection_sends_nothing(sandbox: SandboxServer, http: httpx.Client) -> None:
    sandbox.inject_fault("drop", endpoint="/me", count=1)

    with pytest.raises(httpx.RemoteProtocolError):
        http.get(f"{sandbox.graph_url}/v25.0/me")


def test_rate_limit_fault(sandbox: SandboxServer, http: httpx.Client) -> None:
    token = long_token(http, sandbox)
    sandbox.inject_fault(
        "rate_limit", endpoint="/me", count=1, graph_code=80002, status=403, regain_minutes=7
    )

    response = me(http, sandbox, token)

    assert response.status_code == 403
    assert graph_error(response) == (80002, None)
    usage = httpx.Response(200, content=response.headers["x-business-use-case-usage"]).json()
    (entries,) = usage.values()
    assert entries[0]["estimated_time_to_regain_access"] == 7


def test_error_fault_uses_the_flat_shape_on_the_token_endpoint(
    sandbox: SandboxServer, http: httpx.Client
) -> None:
    code = obtain_code(http, sandbox)
    sandbox.inject_fault("error", endpoint="/oauth/access_token", count=1)

    response = exchange(http, sandbox, code)

    assert response.status_code == 400
    assert response.json() == {
        "error_type": "OAuthException",
        "code": 400,
        "error_message": "Matching code was not found or was already used",
    }


def test_error_fault_uses_the_graph_envelope_elsewhere(sandbox: SandboxServer, http: httpx.Client) -> None:
    token = long_token(http, sandbox)
    sandbox.inject_fault("error", endpoint="/me", count=1, graph_code=190, graph_subcode=459)

    response = me(http, sandbox, token)

    error = response.json()["error"]
    assert (error["code"], error["error_subcode"], error["type"]) == (190, 459, "OAuthException")
    assert error["fbtrace_id"] == response.headers["x-fb-trace-id"]


def test_faults_on_the_dialog_show_an_error_page(sandbox: SandboxServer, http: httpx.Client) -> None:
    sandbox.inject_fault("status", endpoint="/oauth/authorize", count=1, status=500)

    response = http.get(f"{sandbox.base_url}/oauth/authorize")

    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")
    assert "location" not in response.headers
