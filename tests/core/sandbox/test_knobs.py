"""Contract tests for each knob and for tokens killed for good, through the control API where it has one."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from desktop.core.clock import ManualClock
from desktop.core.instagram.scopes import CONTENT_PUBLISH, MANAGE_INSIGHTS
from desktop.core.sandbox import SandboxServer
from tests.core.sandbox.helpers import authorize_url, graph_error, long_token, me, refresh


def test_every_knob_starts_at_its_strict_value(sandbox: SandboxServer, http: httpx.Client) -> None:
    response = http.get(f"{sandbox.base_url}/_sandbox/knobs")

    assert response.json() == {
        "shape": "observed",
        "personal_failure": "account_type",
        "revoke_answer": "unsupported",
        "failed_exchange": "burns_code",
        "refresh_token": "new_string",
        "deny_redirect": "bare",
        "call_budget": 0,
        "budget_code": 80002,
    }


def test_knobs_change_and_reset_over_the_control_api(sandbox: SandboxServer, http: httpx.Client) -> None:
    changed = http.post(f"{sandbox.base_url}/_sandbox/knobs", json={"revoke_answer": "bare_true"})
    reset = http.delete(f"{sandbox.base_url}/_sandbox/knobs")

    assert changed.status_code == 200
    assert changed.json()["revoke_answer"] == "bare_true"
    assert reset.json()["revoke_answer"] == "unsupported"
    assert sandbox.knobs.revoke_answer == "unsupported"


@pytest.mark.parametrize(
    ("payload", "named"),
    [
        ({"revoke_answr": "noop"}, "revoke_answr"),
        ({"revoke_answer": "maybe"}, "revoke_answer"),
        ({"call_budget": -1}, "call_budget"),
        ({"call_budget": True}, "call_budget"),
        ({"budget_code": 17}, "budget_code"),
    ],
)
def test_a_bad_knob_is_refused_by_name_and_changes_nothing(
    sandbox: SandboxServer, http: httpx.Client, payload: dict[str, object], named: str
) -> None:
    response = http.post(f"{sandbox.base_url}/_sandbox/knobs", json=payload)

    assert response.status_code == 400
    assert named in response.json()["error"]
    assert sandbox.knobs.revoke_answer == "unsupported"
    assert sandbox.knobs.call_budget == 0


def test_refresh_hands_back_a_new_string_by_default(
    sandbox: SandboxServer, http: httpx.Client, clock: ManualClock
) -> None:
    token = long_token(http, sandbox)
    clock.advance(timedelta(hours=25))

    fresh = refresh(http, sandbox, token).json()["access_token"]

    assert fresh != token
    assert me(http, sandbox, fresh).status_code == 200


def test_a_knob_makes_refresh_hand_back_the_same_string_newly_dated(
    sandbox: SandboxServer, http: httpx.Client, clock: ManualClock
) -> None:
    sandbox.set_knobs(refresh_token="same_string")
    token = long_token(http, sandbox)
    clock.advance(timedelta(hours=25))

    answer = refresh(http, sandbox, token).json()
    status = sandbox.token_status(token)

    assert answer["access_token"] == token
    assert status.status == "active"
    assert status.expires_at == clock.now() + timedelta(days=60)
    # it is newly dated, so the 24-hour rule starts again
    assert graph_error(refresh(http, sandbox, token)) == (100, None)


def test_a_dialog_without_the_basic_scope_is_an_invalid_scopes_screen(
    sandbox: SandboxServer, http: httpx.Client
) -> None:
    response = http.get(authorize_url(sandbox, scopes=[CONTENT_PUBLISH, MANAGE_INSIGHTS]))

    assert response.status_code == 400
    assert "location" not in response.headers
    assert "Invalid Scopes" in response.text


@pytest.mark.parametrize(
    ("reason", "subcode"), [("removed", 458), ("password_changed", 460), ("checkpoint", 459)]
)
def test_a_killed_token_stays_dead(
    sandbox: SandboxServer, http: httpx.Client, clock: ManualClock, reason: str, subcode: int
) -> None:
    token = long_token(http, sandbox)
    other = long_token(http, sandbox, account="northwind_shop")

    killed = http.post(
        f"{sandbox.base_url}/_sandbox/kill-token", json={"access_token": token, "reason": reason}
    )
    clock.advance(timedelta(hours=25))

    assert killed.json() == {"killed_tokens": 2}  # the long token and the short one it came from
    for _ in range(3):
        assert graph_error(me(http, sandbox, token)) == (190, subcode)
    assert graph_error(refresh(http, sandbox, token)) == (190, subcode)
    assert sandbox.token_status(token).status == "killed"
    assert me(http, sandbox, other).status_code == 200


def test_tokens_can_be_killed_by_username(sandbox: SandboxServer, http: httpx.Client) -> None:
    token = long_token(http, sandbox)

    sandbox.kill_tokens(reason="password_changed", username="acme_business")

    assert graph_error(me(http, sandbox, token)) == (190, 460)
    assert long_token(http, sandbox) != token  # a new sign-in gives a token that works
    assert me(http, sandbox, long_token(http, sandbox)).status_code == 200


@pytest.mark.parametrize(
    "payload",
    [
        {"reason": "removed"},
        {"access_token": "IGAASBXnope", "reason": "removed"},
        {"username": "acme_business"},
    ],
)
def test_kill_token_refuses_what_it_cannot_do(
    sandbox: SandboxServer, http: httpx.Client, payload: dict[str, str]
) -> None:
    response = http.post(f"{sandbox.base_url}/_sandbox/kill-token", json=payload)

    assert response.status_code == 400
    assert response.json()["error"]
