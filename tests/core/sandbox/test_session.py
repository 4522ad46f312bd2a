"""Instagram's browser session: a signed-in browser continues as its account unless the app forces a sign-in."""

from __future__ import annotations

from pathlib import Path

import httpx

from desktop.core.clock import ManualClock
from desktop.core.instagram.scopes import BASIC, CONTENT_PUBLISH
from desktop.core.sandbox import SandboxServer
from tests.core.sandbox.helpers import (
    authorize_url,
    exchange,
    files_text,
    long_token,
    me,
    parse_form,
    redirect_params,
    running_sandbox,
    signed_in_as,
)


def _allow(http: httpx.Client, sandbox: SandboxServer, page: httpx.Response, account: str) -> httpx.Response:
    form = parse_form(page.text)
    data: dict[str, str | list[str]] = {**form.hidden, "account": account, "action": "allow"}
    data["scope"] = [scope for scope, _ in form.scopes]
    return http.post(f"{sandbox.www_url}{form.action}", data=data)


def _username_of(http: httpx.Client, sandbox: SandboxServer, redirect: httpx.Response) -> str:
    code = redirect_params(redirect)["code"]
    token = exchange(http, sandbox, code).json()["access_token"]
    return str(me(http, sandbox, token, "username").json()["username"])


def test_a_new_browser_chooses_and_stays_signed_in(sandbox: SandboxServer, http: httpx.Client) -> None:
    first = http.get(authorize_url(sandbox, scopes=[BASIC]))
    assert parse_form(first.text).accounts  # no session yet: the sign-in picker
    chosen = _allow(http, sandbox, first, "northwind_shop")

    assert "sandbox_ig_session=" in chosen.headers["set-cookie"]
    assert "HttpOnly" in chosen.headers["set-cookie"]
    again = http.get(authorize_url(sandbox, scopes=[BASIC, CONTENT_PUBLISH]))
    assert parse_form(again.text).accounts == []
    assert signed_in_as(again.text) == "northwind_shop"


def test_a_signed_in_browser_cannot_pick_another_account_without_force(
    sandbox: SandboxServer, http: httpx.Client
) -> None:
    _allow(http, sandbox, http.get(authorize_url(sandbox, scopes=[BASIC])), "acme_business")
    page = http.get(authorize_url(sandbox, scopes=[BASIC, CONTENT_PUBLISH]))

    answer = _allow(http, sandbox, page, "northwind_shop")  # a forged choice is ignored

    assert _username_of(http, sandbox, answer) == "acme_business"


def test_an_existing_grant_skips_the_dialog(sandbox: SandboxServer, http: httpx.Client) -> None:
    long_token(http, sandbox, account="studio.creator")

    skipped = http.get(authorize_url(sandbox, state="again"))

    assert skipped.status_code == 302
    assert redirect_params(skipped)["state"] == "again"
    assert _username_of(http, sandbox, skipped) == "studio.creator"


def test_a_grant_for_fewer_scopes_shows_the_dialog_again(sandbox: SandboxServer, http: httpx.Client) -> None:
    long_token(http, sandbox, untick=[CONTENT_PUBLISH])

    page = http.get(authorize_url(sandbox))

    assert page.status_code == 200
    assert signed_in_as(page.text) == "acme_business"


def test_a_revoked_grant_shows_the_dialog_again(sandbox: SandboxServer, http: httpx.Client) -> None:
    sandbox.set_knobs(revoke_answer="success_object")
    token = long_token(http, sandbox)
    http.delete(f"{sandbox.graph_url}/v25.0/me/permissions", params={"access_token": token})

    assert http.get(authorize_url(sandbox)).status_code == 200


def test_force_authentication_offers_every_account_and_switches_the_session(
    sandbox: SandboxServer, http: httpx.Client
) -> None:
    long_token(http, sandbox)

    forced = http.get(authorize_url(sandbox, force_authentication=True))
    switched = _allow(http, sandbox, forced, "northwind_shop")
    assert _username_of(http, sandbox, switched) == "northwind_shop"
    after = http.get(authorize_url(sandbox, scopes=[BASIC]))

    assert "acme_business" in parse_form(forced.text).accounts
    assert "sign in again" in forced.text
    assert redirect_params(after)  # northwind's grant covers basic: skipped, as northwind
    assert _username_of(http, sandbox, after) == "northwind_shop"


def test_another_browser_has_its_own_session(sandbox: SandboxServer, http: httpx.Client) -> None:
    long_token(http, sandbox)

    with httpx.Client(timeout=10.0, follow_redirects=False) as other:
        page = other.get(authorize_url(sandbox))

    assert page.status_code == 200
    assert parse_form(page.text).accounts


def test_sessions_are_stored_hashed_and_survive_a_restart(
    state_dir: Path, clock: ManualClock, http: httpx.Client
) -> None:
    with running_sandbox(state_dir, clock) as first:
        long_token(http, first, untick=[CONTENT_PUBLISH])
    cookie = http.cookies["sandbox_ig_session"]

    assert cookie not in files_text(state_dir)
    with running_sandbox(state_dir, clock) as second:
        assert signed_in_as(http.get(authorize_url(second)).text) == "acme_business"
