"""Latency, 5xx, dropped connections and rate limits at every step of connect, disconnect and refresh.

The sandbox injects each fault at one endpoint; the app must then either succeed (latency, a single
5xx on a request it may repeat) or fail with the catalogue code and change nothing. Every case ends
with the same checks: the database is intact, every stored token decrypts and is still accepted by
the sandbox, the connection made before the fault is still there, and once the fault clears the
operation works.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from desktop.core.errors import SocialdeskError
from desktop.core.lifecycle import report as r
from desktop.core.views import ConnectionView
from tests.faults import tally
from tests.faults.conftest import App
from tests.faults.store_check import Stored, assert_consistent
from tests.integration.conftest import BrowserThread
from tests.support.consent import ConsentBot
from tests.support.tls import ca_pem

#: name -> (fault options, outcome on a request the client may repeat, outcome on one it may not)
FAULTS: dict[str, tuple[dict[str, Any], str, str]] = {
    "latency 300 ms": ({"kind": "latency", "latency_ms": 300}, "ok", "ok"),
    "one 503": ({"kind": "status", "status": 503, "count": 1}, "ok", "network_error"),
    "500 until cleared": ({"kind": "status", "status": 500}, "network_error", "network_error"),
    "502 html until cleared": (
        {"kind": "status", "status": 502, "body": "html"},
        "network_error",
        "network_error",
    ),
    "dropped connections": ({"kind": "drop"}, "network_error", "network_error"),
    "rate limit": ({"kind": "rate_limit", "regain_minutes": 60}, "rate_limited", "rate_limited"),
}
#: The connect steps after consent, and whether the client may repeat that request.
CONNECT_STEPS = {"/oauth/access_token": False, "/access_token": True, "/me": True}


def connect(app: App, account: str = "acme_business") -> ConnectionView:
    attempt = app.connections.start_connect(app.workspace_id)
    browser = BrowserThread(ConsentBot(ca_pem=ca_pem(app.services), account=account), attempt.start_url)
    try:
        return attempt.wait(timeout=30)
    finally:
        browser.join()


def token_status(app: App, stored: Stored, username: str, *, outbox: bool = False) -> str:
    tokens = stored.outbox if outbox else stored.connections
    return app.sandbox.token_status(tokens[(app.workspace_id, username)]).status


def assert_survived(app: App, usernames: list[str]) -> Stored:
    stored = assert_consistent(app.services)
    assert stored.usernames() == usernames
    for username in usernames:
        assert token_status(app, stored, username) == "active"
    return stored


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("step", CONNECT_STEPS)
def test_connect_survives_faults_at_each_step(app: App, step: str, fault: str) -> None:
    connect(app, "northwind_shop")
    options, repeatable, unrepeatable = FAULTS[fault]
    expected = repeatable if CONNECT_STEPS[step] else unrepeatable
    app.sandbox.inject_fault(endpoint=step, **options)

    if expected == "ok":
        assert connect(app).username == "acme_business"
        assert_survived(app, ["acme_business", "northwind_shop"])
    else:
        with pytest.raises(SocialdeskError) as caught:
            connect(app)
        assert caught.value.code == expected
        assert_survived(app, ["northwind_shop"])
        app.sandbox.clear_faults()
        assert connect(app).username == "acme_business"
        assert_survived(app, ["acme_business", "northwind_shop"])
    tally.survived(f"connect: {fault}")


@pytest.mark.parametrize("fault", FAULTS)
def test_a_fault_on_the_consent_dialog_leaves_the_attempt_waiting_for_a_reload(app: App, fault: str) -> None:
    options, _repeatable, _unrepeatable = FAULTS[fault]
    app.sandbox.inject_fault(endpoint="/oauth/authorize", **options)
    attempt = app.connections.start_connect(app.workspace_id)
    try:
        first = ConsentBot(ca_pem=ca_pem(app.services)).open(attempt.start_url)
    except httpx.TransportError:
        first = None  # the dialog's connection was dropped
    if options["kind"] == "latency":
        assert first is not None and first.final_status == 200
        assert attempt.wait(timeout=30).username == "acme_business"
    else:
        assert first is None or first.consent_status >= 400
        assert not attempt.ended  # the app still waits: the person can reload the page
        app.sandbox.clear_faults()
        browser = BrowserThread(ConsentBot(ca_pem=ca_pem(app.services)), attempt.start_url)
        assert attempt.wait(timeout=30).username == "acme_business"
        browser.join()
    assert_survived(app, ["acme_business"])
    tally.survived(f"consent dialog: {fault}")


@pytest.mark.parametrize("fault", FAULTS)
def test_disconnect_survives_faults_at_the_revoke(app: App, fault: str) -> None:
    connect(app, "northwind_shop")
    acme = connect(app, "acme_business")
    before = assert_survived(app, ["acme_business", "northwind_shop"])
    acme_token = before.connections[(app.workspace_id, "acme_business")]
    options, repeatable, _unrepeatable = FAULTS[fault]
    app.sandbox.set_knobs(revoke_answer="success_object")  # a revoke that works once the faults clear
    app.sandbox.inject_fault(endpoint="/me/permissions", **options)

    outcome = app.connections.disconnect(app.workspace_id, acme.ig_user_id)

    # The account leaves the workspace at once, whatever Instagram does.
    assert outcome.revoked_at_provider == (repeatable == "ok")
    after = assert_survived(app, ["northwind_shop"])
    if repeatable == "ok":
        assert after.outbox == {}
        assert app.sandbox.token_status(acme_token).status == "revoked"
    else:
        # The token waits in the revocation outbox, still decryptable, still alive at Instagram.
        assert after.outbox_usernames() == ["acme_business"]
        assert token_status(app, after, "acme_business", outbox=True) == "active"
        app.sandbox.clear_faults()
        app.sandbox.advance_clock(timedelta(days=1, minutes=5))
        report = app.connections.retry_outbox()
        assert (report.revoked, report.still_pending) == (1, 0)
        assert app.sandbox.token_status(acme_token).status == "revoked"
        assert assert_survived(app, ["northwind_shop"]).outbox == {}
    tally.survived(f"disconnect: {fault}")


def outcomes(report: r.LifecycleReport) -> dict[str, str]:
    return {o.view.username: o.outcome for o in report.outcomes}


@pytest.mark.parametrize("fault", FAULTS)
def test_refresh_survives_faults_at_the_refresh(app: App, fault: str) -> None:
    connect(app, "acme_business")
    connect(app, "northwind_shop")
    app.sandbox.advance_clock(timedelta(days=55))  # inside the 7-day refresh window
    before = assert_survived(app, ["acme_business", "northwind_shop"])
    options, repeatable, _unrepeatable = FAULTS[fault]
    app.sandbox.inject_fault(endpoint="/refresh_access_token", **options)

    report = app.lifecycle.sweep()

    after = assert_survived(app, ["acme_business", "northwind_shop"])
    statuses = {c.username: c.status for c in app.connections.list(app.workspace_id)}
    assert statuses == {"acme_business": "active", "northwind_shop": "active"}
    if repeatable == "ok":
        assert set(outcomes(report).values()) == {r.REFRESHED}
        assert after.connections != before.connections
    else:
        assert set(outcomes(report).values()) == {
            r.RATE_LIMITED if repeatable == "rate_limited" else r.FAILED
        }
        assert after.connections == before.connections  # the old tokens stay, and still work
        app.sandbox.clear_faults()
        app.sandbox.advance_clock(timedelta(days=1))  # past the back-off
        assert set(outcomes(app.lifecycle.sweep()).values()) == {r.REFRESHED}
        refreshed = assert_survived(app, ["acme_business", "northwind_shop"])
        assert refreshed.connections.keys() == before.connections.keys()
        assert all(refreshed.connections[k] != before.connections[k] for k in before.connections)
    tally.survived(f"refresh: {fault}")


@pytest.mark.parametrize("fault", FAULTS)
def test_the_token_check_survives_faults_at_me(app: App, fault: str) -> None:
    connect(app, "acme_business")
    before = assert_survived(app, ["acme_business"])
    options, repeatable, _unrepeatable = FAULTS[fault]
    app.sandbox.inject_fault(endpoint="/me", **options)

    report = app.lifecycle.sweep()

    expected = {"ok": r.VERIFIED, "rate_limited": r.RATE_LIMITED}.get(repeatable, r.FAILED)
    assert outcomes(report) == {"acme_business": expected}
    after = assert_survived(app, ["acme_business"])
    assert after.connections == before.connections
    assert [c.status for c in app.connections.list(app.workspace_id)] == ["active"]
    tally.survived(f"token check: {fault}")
