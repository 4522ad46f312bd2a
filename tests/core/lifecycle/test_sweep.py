"""The refresh sweep on the sandbox's clock: when tokens are refreshed, and what each answer does."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import text

from desktop.core.lifecycle import REFRESH_OVERDUE, Lifecycle
from desktop.core.services import Services
from tests.core.lifecycle.conftest import Pauses
from tests.core.lifecycle.helpers import connect, connect_six_due, current, sandbox_of, stored_token

REFRESH = "/refresh_access_token"
DAY = timedelta(days=1)


class Crash(Exception):
    """Stands for the process dying at a chosen step."""


def test_a_token_under_24_hours_old_is_not_even_tried_and_at_25_hours_it_is_refreshed(
    services: Services, make_lifecycle: Callable[..., Lifecycle]
) -> None:
    sandbox = sandbox_of(services)
    view = connect(services)
    old = stored_token(services, view)
    # A window as long as the token's life: due at once, so only the 24-hour rule holds it back.
    lifecycle = make_lifecycle(window=timedelta(days=60))

    sandbox.advance_clock(timedelta(hours=23))
    report = lifecycle.run()
    (item,) = report.outcomes
    assert item.outcome == "too_young"
    assert item.notice is None
    assert item.view.status == "active"
    assert sandbox.request_count(REFRESH) == 0
    assert stored_token(services, view) == old

    sandbox.advance_clock(timedelta(hours=2))
    (item,) = lifecycle.run().outcomes
    assert item.outcome == "refreshed"
    assert sandbox.request_count(REFRESH) == 1
    new = stored_token(services, view)
    assert new != old
    fresh = sandbox.token_status(new)
    assert fresh.status == "active"
    assert item.view.expires_at is not None and fresh.expires_at is not None
    assert abs(item.view.expires_at - fresh.expires_at) < timedelta(minutes=1)


def test_a_token_is_refreshed_in_the_window_and_not_before(
    services: Services, make_lifecycle: Callable[..., Lifecycle]
) -> None:
    sandbox = sandbox_of(services)
    view = connect(services)
    old = stored_token(services, view)
    assert view.expires_at is not None
    lifecycle = make_lifecycle()

    sandbox.advance_clock(timedelta(days=52))  # 8 days left: outside the 7-day window
    (item,) = lifecycle.run().outcomes
    assert item.outcome in {"verified", "not_due"}
    assert sandbox.request_count(REFRESH) == 0

    sandbox.advance_clock(timedelta(days=2))  # 6 days left
    (item,) = lifecycle.run().outcomes
    assert item.outcome == "refreshed"
    assert item.notice is None
    assert item.view.status == "active"
    assert item.view.expires_at is not None
    assert item.view.expires_at - view.expires_at > timedelta(days=53)
    assert current(services, view).expires_at == item.view.expires_at
    # The old token keeps working until its own expiry: a refresh never cut anyone off.
    assert sandbox.token_status(old).status == "active"
    assert sandbox.token_status(stored_token(services, view)).status == "active"

    (again,) = lifecycle.run().outcomes  # freshly refreshed: nothing to do
    assert again.outcome in {"verified", "not_due"}
    assert sandbox.request_count(REFRESH) == 1


def test_an_expired_token_becomes_needs_reconnect_once_without_asking_instagram(
    services: Services, make_lifecycle: Callable[..., Lifecycle]
) -> None:
    sandbox = sandbox_of(services)
    view = connect(services)
    before = sandbox.request_counts()
    sandbox.advance_clock(timedelta(days=61))

    (item,) = make_lifecycle().run().outcomes
    assert item.outcome == "expired"
    assert item.view.status == "needs_reconnect"
    assert item.previous_status == "active"
    assert item.notice == "needs_reconnect"
    assert "expired" in item.view.status_reason
    assert sandbox.request_counts() == before
    assert current(services, view).status == "needs_reconnect"

    # A later sweep, even by a fresh app start, says nothing new.
    for lifecycle in (make_lifecycle(), make_lifecycle()):
        (later,) = lifecycle.run().outcomes
        assert later.outcome == "skipped"
        assert later.notice is None
    assert sandbox.request_counts() == before


def test_access_removed_at_instagram_is_noticed_on_the_next_sweep(
    services: Services, make_lifecycle: Callable[..., Lifecycle]
) -> None:
    sandbox = sandbox_of(services)
    view = connect(services)
    lifecycle = make_lifecycle()
    (first,) = lifecycle.run().outcomes
    assert first.outcome == "verified"

    sandbox.kill_tokens(reason="removed", token=stored_token(services, view))  # "Remove" at instagram.com
    sandbox.advance_clock(timedelta(days=1, minutes=1))

    (item,) = lifecycle.run().outcomes
    assert item.outcome == "needs_reconnect"
    assert item.error_code == "needs_reconnect"
    assert item.notice == "needs_reconnect"
    assert item.view.status == "needs_reconnect"
    assert "removed at Instagram" in item.view.status_reason
    (later,) = make_lifecycle().run().outcomes
    assert (later.outcome, later.notice) == ("skipped", None)


def test_a_token_revoked_at_instagram_fails_its_refresh_and_needs_reconnect(
    services: Services, make_lifecycle: Callable[..., Lifecycle]
) -> None:
    sandbox = sandbox_of(services)
    view = connect(services)
    sandbox.kill_tokens(reason="removed", token=stored_token(services, view))
    sandbox.advance_clock(timedelta(days=55))
    checks_before = sandbox.request_count("/me")

    (item,) = make_lifecycle(verify_every=None).run().outcomes
    assert item.outcome == "needs_reconnect"
    assert item.view.status == "needs_reconnect"
    # The account check that precedes every refresh already meets the dead token.
    assert sandbox.request_count("/me") == checks_before + 1
    assert sandbox.request_count(REFRESH) == 0


@pytest.mark.parametrize(
    ("subcode", "words"),
    [
        (459, "log in on instagram.com first"),
        (460, "password changed"),
        (463, "expired"),
        (467, "invalid"),
        (None, "no longer accepts"),
    ],
)
def test_every_190_answer_needs_reconnect_with_its_reason(
    services: Services, make_lifecycle: Callable[..., Lifecycle], subcode: int | None, words: str
) -> None:
    sandbox = sandbox_of(services)
    connect(services)
    sandbox.advance_clock(timedelta(days=55))
    sandbox.inject_fault("error", endpoint=REFRESH, graph_code=190, graph_subcode=subcode, count=1)

    (item,) = make_lifecycle().run().outcomes
    assert item.outcome == "needs_reconnect"
    assert item.view.status == "needs_reconnect"
    assert item.notice == "needs_reconnect"
    assert words in item.view.status_reason
    assert item.error_code == ("checkpoint_required" if subcode == 459 else "needs_reconnect")


@pytest.mark.parametrize(
    ("graph_code", "permission"),
    [(10, "instagram_business_basic"), (200, "instagram_business_content_publish")],
)
def test_a_missing_permission_is_named_and_told_once(
    services: Services, make_lifecycle: Callable[..., Lifecycle], graph_code: int, permission: str
) -> None:
    sandbox = sandbox_of(services)
    connect(services)
    sandbox.advance_clock(timedelta(days=55))
    sandbox.inject_fault("error", endpoint=REFRESH, graph_code=graph_code)
    lifecycle = make_lifecycle()

    (item,) = lifecycle.run().outcomes
    assert item.outcome == "missing_permission"
    assert item.view.status == "missing_permission"
    assert item.notice == "missing_permission"
    assert permission in item.view.status_reason

    sandbox.advance_clock(timedelta(hours=1))
    (again,) = make_lifecycle().run().outcomes
    assert again.outcome == "missing_permission"
    assert again.notice is None


def test_a_5xx_storm_leaves_the_status_alone_and_warns_once_close_to_expiry(
    services: Services, make_lifecycle: Callable[..., Lifecycle], pauses: Pauses
) -> None:
    sandbox = sandbox_of(services)
    view = connect(services)
    old = stored_token(services, view)
    lifecycle = make_lifecycle()
    sandbox.inject_fault("status", endpoint=REFRESH, status=503)
    sandbox.advance_clock(timedelta(days=54))  # 6 days left: in the window, not yet worth a notice

    (item,) = lifecycle.run().outcomes
    assert item.outcome == "failed"
    assert item.error_code == "network_error"
    assert (item.view.status, item.notice) == ("active", None)
    assert item.retry_at is not None and item.retry_at > services.clock.now()
    assert sandbox.request_count(REFRESH) == 4  # one call, retried by the client with pauses
    assert len(pauses.seconds) == 3

    (deferred,) = lifecycle.run().outcomes  # the next tick comes too soon: Instagram is left alone
    assert deferred.outcome == "deferred"
    assert sandbox.request_count(REFRESH) == 4

    sandbox.advance_clock(timedelta(days=3))  # under the 3.5-day warning time
    (warned,) = lifecycle.run().outcomes
    assert warned.outcome == "failed"
    assert warned.notice == "expiring"
    assert warned.view.status == "active"
    assert warned.view.status_reason == REFRESH_OVERDUE
    for _ in range(2):
        sandbox.advance_clock(timedelta(hours=7))
        (quiet,) = make_lifecycle().run().outcomes
        assert quiet.outcome == "failed"
        assert quiet.notice is None
        assert quiet.view.status == "active"
    assert stored_token(services, view) == old

    sandbox.clear_faults()
    sandbox.advance_clock(timedelta(hours=7))
    (healed,) = make_lifecycle().run().outcomes
    assert healed.outcome == "refreshed"
    assert (healed.view.status, healed.view.status_reason, healed.notice) == ("active", "", None)


def test_a_rate_limit_waits_as_long_as_instagram_asks_and_changes_nothing(
    services: Services, make_lifecycle: Callable[..., Lifecycle]
) -> None:
    sandbox = sandbox_of(services)
    connect(services, "acme_business")
    connect(services, "northwind_shop")
    sandbox.advance_clock(timedelta(days=55))
    sandbox.inject_fault("rate_limit", endpoint=REFRESH, regain_minutes=90, count=1)
    lifecycle = make_lifecycle(max_workers=1)

    first = lifecycle.run().outcomes
    outcomes = sorted(item.outcome for item in first)
    assert outcomes == ["deferred", "rate_limited"]  # app-wide limit: the other one waits too
    limited = next(item for item in first if item.outcome == "rate_limited")
    assert limited.error_code == "rate_limited"
    assert limited.retry_at is not None
    assert limited.retry_at - services.clock.now() > timedelta(minutes=85)
    assert all(item.view.status == "active" and item.notice is None for item in first)
    assert sandbox.request_count(REFRESH) == 1

    sandbox.advance_clock(timedelta(minutes=30))
    assert {item.outcome for item in lifecycle.run().outcomes} == {"deferred"}
    assert sandbox.request_count(REFRESH) == 1

    sandbox.advance_clock(timedelta(minutes=61))
    assert {item.outcome for item in lifecycle.run().outcomes} == {"refreshed"}
    assert sandbox.request_count(REFRESH) == 3


def test_a_failed_save_keeps_the_old_token_stored_and_working(
    services: Services, make_lifecycle: Callable[..., Lifecycle]
) -> None:
    sandbox = sandbox_of(services)
    view = connect(services)
    old = stored_token(services, view)
    sandbox.advance_clock(timedelta(days=55))
    with services.storage.engine.begin() as db:
        db.execute(
            text(
                "CREATE TRIGGER refuse_tokens BEFORE INSERT ON token_records "
                "BEGIN SELECT RAISE(ABORT, 'no room'); END"
            )
        )
    lifecycle = make_lifecycle()

    (item,) = lifecycle.run().outcomes
    assert item.outcome == "save_failed"
    assert item.view.status == "active"
    assert sandbox.request_count(REFRESH) == 1
    assert stored_token(services, view) == old
    assert services.connections.client.me(old).username == "acme_business"
    assert current(services, view).expires_at == view.expires_at

    with services.storage.engine.begin() as db:
        db.execute(text("DROP TRIGGER refuse_tokens"))
    sandbox.advance_clock(timedelta(minutes=11))
    (retried,) = lifecycle.run().outcomes
    assert retried.outcome == "refreshed"
    assert stored_token(services, view) != old


@pytest.mark.parametrize("step", ["refreshed", "sealed"])
def test_a_crash_between_refresh_and_commit_keeps_a_working_token(
    services: Services, make_lifecycle: Callable[..., Lifecycle], step: str
) -> None:
    sandbox = sandbox_of(services)
    view = connect(services)
    old = stored_token(services, view)
    sandbox.advance_clock(timedelta(days=55))

    def crash(name: str) -> None:
        if name == step:
            raise Crash(name)

    with pytest.raises(Crash):
        make_lifecycle(after_step=crash).run()
    assert sandbox.request_count(REFRESH) == 1
    assert stored_token(services, view) == old
    assert services.connections.client.me(old).username == "acme_business"
    assert current(services, view).status == "active"

    (item,) = make_lifecycle().run().outcomes
    assert item.outcome == "refreshed"
    assert stored_token(services, view) != old


def test_a_reconnect_during_the_refresh_wins(
    services: Services, make_lifecycle: Callable[..., Lifecycle]
) -> None:
    sandbox = sandbox_of(services)
    view = connect(services)
    sandbox.advance_clock(timedelta(days=55))
    reconnected: list[str] = []

    def reconnect(name: str) -> None:
        if name == "refreshed" and not reconnected:
            connect(services, reconnect_of=view.ig_user_id)
            reconnected.append(stored_token(services, view).reveal())

    (item,) = make_lifecycle(after_step=reconnect).run().outcomes
    assert item.outcome == "superseded"
    assert stored_token(services, view).reveal() == reconnected[0]


def test_refreshes_run_on_a_bounded_pool(
    services: Services, make_lifecycle: Callable[..., Lifecycle]
) -> None:
    connect_six_due(services)
    threads: set[str] = set()
    lock = threading.Lock()

    def record(name: str) -> None:
        if name == "refreshed":
            with lock:
                threads.add(threading.current_thread().name)

    report = make_lifecycle(max_workers=2, after_step=record).run()
    assert [item.outcome for item in report.outcomes] == ["refreshed"] * 6
    assert 1 <= len(threads) <= 2
    assert threading.current_thread().name not in threads


def test_checks_with_me_happen_at_most_once_a_day(
    services: Services, make_lifecycle: Callable[..., Lifecycle]
) -> None:
    sandbox = sandbox_of(services)
    connect(services)
    before = sandbox.request_count("/me")
    lifecycle = make_lifecycle()
    assert [i.outcome for i in lifecycle.run().outcomes] == ["verified"]
    assert [i.outcome for i in lifecycle.run().outcomes] == ["not_due"]
    sandbox.advance_clock(DAY)
    assert [i.outcome for i in lifecycle.run().outcomes] == ["verified"]
    assert sandbox.request_count("/me") == before + 2
    quiet = make_lifecycle(verify_every=None)
    assert [i.outcome for i in quiet.run().outcomes] == ["not_due"]
    assert sandbox.request_count("/me") == before + 2


def test_without_an_instagram_app_expiry_is_still_enforced(services: Services) -> None:
    sandbox = sandbox_of(services)
    connect(services, "acme_business")
    sandbox.advance_clock(timedelta(days=55))
    connect(services, "northwind_shop")
    sandbox.advance_clock(timedelta(days=6))
    lifecycle = Lifecycle(
        sessions=services.storage.sessions,
        vault=services.storage.vault,
        client=None,
        clock=services.clock,
        verify_every=None,
    )
    outcomes = {item.view.username: item for item in lifecycle.run().outcomes}
    assert outcomes["acme_business"].outcome == "expired"
    assert outcomes["northwind_shop"].outcome == "not_due"
    sandbox.advance_clock(timedelta(days=50))
    outcomes = {item.view.username: item for item in lifecycle.run().outcomes}
    assert outcomes["northwind_shop"].outcome == "failed"
    assert outcomes["northwind_shop"].error_code == "not_configured"
    assert outcomes["northwind_shop"].view.status == "active"


# -- rate limits from the sandbox's call budget ------------------------------------------------------


def test_an_account_over_its_call_budget_waits_as_instagram_says_and_the_others_go_on(
    services: Services, make_lifecycle: Callable[..., Lifecycle]
) -> None:
    sandbox = sandbox_of(services)
    acme = connect(services)
    connect(services, "northwind_shop")
    sandbox.set_knobs(call_budget=1)  # code 80002: the account's own limit
    services.connections.client.me(stored_token(services, acme))  # acme's one call this hour
    lifecycle = make_lifecycle()

    outcomes = {o.view.username: o for o in lifecycle.run().outcomes}
    calls = sandbox.request_count("/me")
    again = {o.view.username: o for o in lifecycle.run().outcomes}

    assert outcomes["acme_business"].outcome == "rate_limited"
    retry_at = outcomes["acme_business"].retry_at
    assert retry_at is not None and retry_at >= services.clock.now() + timedelta(minutes=59)
    assert outcomes["northwind_shop"].outcome == "verified"
    assert again["acme_business"].outcome == "deferred"
    assert sandbox.request_count("/me") == calls  # nothing sent while Instagram said to wait
    sandbox.advance_clock(timedelta(hours=1, minutes=1))
    later = {o.view.username: o for o in lifecycle.run().outcomes}
    assert later["acme_business"].outcome == "verified"


def test_the_app_wide_limit_pauses_every_account(
    services: Services, make_lifecycle: Callable[..., Lifecycle]
) -> None:
    sandbox = sandbox_of(services)
    acme = connect(services)
    connect(services, "northwind_shop")
    sandbox.set_knobs(call_budget=1, budget_code=4)
    client = services.connections.client
    client.me(stored_token(services, acme))
    lifecycle = make_lifecycle(max_workers=1)

    first = {o.view.username: o.outcome for o in lifecycle.run().outcomes}
    calls = sandbox.request_count("/me")
    second = {o.view.username: o.outcome for o in lifecycle.run().outcomes}

    assert first["acme_business"] == "rate_limited"
    assert set(second.values()) == {"deferred"}
    assert sandbox.request_count("/me") == calls
