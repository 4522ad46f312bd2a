"""The sandbox against the documented facts of Instagram API with Instagram Login, over real HTTP."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from desktop.core.clock import ManualClock
from desktop.core.instagram.scopes import BASIC, CONTENT_PUBLISH, MANAGE_INSIGHTS, REQUIRED_SCOPES
from desktop.core.sandbox import SandboxServer
from tests.core.sandbox.helpers import (
    REDIRECT_URI,
    authorize_url,
    decide,
    exchange,
    graph_error,
    long_token,
    me,
    obtain_code,
    redirect_params,
    refresh,
    short_token,
)

# -- the consent dialog: error screens never redirect ------------------------------------------------


@pytest.mark.parametrize(
    ("change", "title"),
    [
        ({"client_id": "1234567890123456"}, "Invalid platform app"),
        ({"redirect_uri": "https://localhost:8765/callback"}, "URL Blocked"),  # trailing slash missing
        ({"redirect_uri": "https://localhost:8765/callback//"}, "URL Blocked"),
        ({"redirect_uri": "https://127.0.0.1:8765/callback/"}, "URL Blocked"),  # host differs
        ({"redirect_uri": "https://localhost:8766/callback/"}, "URL Blocked"),  # port differs
        ({"redirect_uri": "http://localhost:8765/callback/"}, "URL Blocked"),  # scheme differs
        ({"redirect_uri": "https://localhost:8765/Callback/"}, "URL Blocked"),  # path case differs
        (
            {"scopes": ["instagram_basic", "instagram_content_publish"]},
            "Invalid Scopes",
        ),  # Facebook Login names
        ({"scopes": ["business_basic"]}, "Invalid Scopes"),  # retired on 2025-01-27
        ({"scopes": [BASIC, "instagram_business_everything"]}, "Invalid Scopes"),
    ],
)
def test_bad_authorize_requests_get_an_error_screen_and_no_redirect(
    sandbox: SandboxServer, http: httpx.Client, change: dict[str, object], title: str
) -> None:
    response = http.get(authorize_url(sandbox, **change))  # type: ignore[arg-type]

    assert response.status_code == 400
    assert "location" not in response.headers
    assert response.headers["content-type"].startswith("text/html")
    assert f'<h1 id="error-title">{title}</h1>' in response.text
    assert "<form" not in response.text


def test_a_post_with_a_tampered_redirect_uri_is_refused_without_redirect(
    sandbox: SandboxServer, http: httpx.Client
) -> None:
    page = http.get(authorize_url(sandbox))
    hidden = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
    hidden["redirect_uri"] = "https://attacker.example/steal"

    response = http.post(
        f"{sandbox.base_url}/oauth/authorize", data={**hidden, "account": "acme_business", "action": "allow"}
    )

    assert response.status_code == 400
    assert "location" not in response.headers


def test_response_type_other_than_code_is_refused(sandbox: SandboxServer, http: httpx.Client) -> None:
    url = authorize_url(sandbox).replace("response_type=code", "response_type=token")

    response = http.get(url)

    assert response.status_code == 400
    assert "location" not in response.headers


def test_allow_redirects_with_code_state_and_fragment(sandbox: SandboxServer, http: httpx.Client) -> None:
    response = decide(http, sandbox, state="s-123")

    location = response.headers["location"]
    assert location.startswith(REDIRECT_URI + "?code=")
    assert location.endswith("#_")
    params = redirect_params(response)
    assert params["state"] == "s-123"
    assert set(params) == {"code", "state"}


def test_allow_without_state_sends_no_state(sandbox: SandboxServer, http: httpx.Client) -> None:
    params = redirect_params(decide(http, sandbox, state=None))

    assert set(params) == {"code"}


def test_a_redirect_uri_with_its_own_query_keeps_it(sandbox: SandboxServer, http: httpx.Client) -> None:
    uri = "https://localhost:8765/callback/?tenant=a"
    sandbox.register_redirect_uri(uri)

    location = decide(http, sandbox, redirect_uri=uri).headers["location"]

    assert location.startswith(uri + "&code=")


def test_deny_redirects_without_state_or_fragment_by_default(
    sandbox: SandboxServer, http: httpx.Client
) -> None:
    response = decide(http, sandbox, action="deny", state="s-9")

    assert response.status_code == 302
    assert response.headers["location"] == (
        REDIRECT_URI
        + "?error=access_denied&error_reason=user_denied&error_description=The+user+denied+your+request"
    )


def test_deny_can_echo_state_and_fragment(sandbox: SandboxServer, http: httpx.Client) -> None:
    sandbox.set_knobs(deny_redirect="with_state")
    response = decide(http, sandbox, action="deny", state="s-9")

    assert (
        "error=access_denied&error_reason=user_denied&error_description=The+user+denied+your+request"
        in (response.headers["location"])
    )
    assert redirect_params(response) == {
        "error": "access_denied",
        "error_reason": "user_denied",
        "error_description": "The user denied your request",
        "state": "s-9",
    }


def test_unticked_scopes_are_not_granted_but_basic_always_is(
    sandbox: SandboxServer, http: httpx.Client
) -> None:
    code = obtain_code(http, sandbox, untick=[CONTENT_PUBLISH, BASIC])

    body = exchange(http, sandbox, code).json()

    assert body["permissions"] == [BASIC, MANAGE_INSIGHTS]


def test_unknown_account_re_renders_the_dialog(sandbox: SandboxServer, http: httpx.Client) -> None:
    response = decide(http, sandbox, account="nobody")

    assert response.status_code == 400
    assert "location" not in response.headers
    assert 'role="alert"' in response.text
    assert 'name="account"' in response.text


# -- code exchange -----------------------------------------------------------------------------------


def test_tokens_carry_the_sandbox_prefix(sandbox: SandboxServer, http: httpx.Client) -> None:
    assert short_token(http, sandbox).startswith("IGAASBX")
    assert long_token(http, sandbox).startswith("IGAASBX")


@pytest.mark.parametrize(("age", "works"), [(timedelta(minutes=59), True), (timedelta(minutes=60), False)])
def test_codes_live_one_hour(
    sandbox: SandboxServer, http: httpx.Client, clock: ManualClock, age: timedelta, works: bool
) -> None:
    code = obtain_code(http, sandbox)
    clock.advance(age)

    response = exchange(http, sandbox, code)

    if works:
        assert response.status_code == 200
    else:
        assert response.status_code == 400
        assert response.json() == {
            "error_type": "OAuthException",
            "code": 400,
            "error_message": "This authorization code has expired",
        }


def test_codes_work_once(sandbox: SandboxServer, http: httpx.Client) -> None:
    code = obtain_code(http, sandbox)
    assert exchange(http, sandbox, code).status_code == 200

    again = exchange(http, sandbox, code)

    assert again.status_code == 400
    assert again.json()["error_message"] == "Matching code was not found or was already used"


def test_a_code_with_the_fragment_still_attached_is_refused(
    sandbox: SandboxServer, http: httpx.Client
) -> None:
    code = obtain_code(http, sandbox)

    response = exchange(http, sandbox, code + "#_")

    assert response.status_code == 400
    assert response.json()["error_message"] == "Matching code was not found or was already used"


def test_the_secret_is_checked_at_exchange(sandbox: SandboxServer, http: httpx.Client) -> None:
    code = obtain_code(http, sandbox)

    response = exchange(http, sandbox, code, secret="0" * 32)

    assert response.status_code == 400
    assert response.json()["error_message"] == "Error validating client secret."
    # Strict by default: whether Meta spends a code on a failed exchange is unconfirmed.
    assert exchange(http, sandbox, code).json()["error_message"] == (
        "Matching code was not found or was already used"
    )


def test_a_knob_keeps_the_code_alive_after_a_failed_exchange(
    sandbox: SandboxServer, http: httpx.Client
) -> None:
    sandbox.set_knobs(failed_exchange="keeps_code")
    code = obtain_code(http, sandbox)

    assert exchange(http, sandbox, code, redirect_uri="http://localhost:8765/other/").status_code == 400
    assert exchange(http, sandbox, code).status_code == 200


@pytest.mark.parametrize(
    "other_uri",
    [
        "https://localhost:8765/callback",
        "http://localhost:8765/callback/?x=1",
        "https://localhost:8765/other/",
    ],
)
def test_the_redirect_uri_must_match_the_authorize_one_exactly(
    sandbox: SandboxServer, http: httpx.Client, other_uri: str
) -> None:
    code = obtain_code(http, sandbox)

    response = exchange(http, sandbox, code, redirect_uri=other_uri)

    assert response.status_code == 400
    assert response.json()["error_message"] == "Invalid redirect_uri"


def test_unknown_client_id_at_exchange(sandbox: SandboxServer, http: httpx.Client) -> None:
    code = obtain_code(http, sandbox)
    credentials = sandbox.credentials
    response = http.post(
        f"{sandbox.api_url}/oauth/access_token",
        data={
            "client_id": "1111111111111111",
            "client_secret": credentials.client_secret.reveal(),
            "grant_type": "authorization_code",
            "redirect_uri": REDIRECT_URI,
            "code": code,
        },
    )

    assert response.json()["error_message"] == "Invalid platform app"


def test_observed_shape_of_the_exchange(sandbox: SandboxServer, http: httpx.Client) -> None:
    sandbox.set_shape("observed")
    account = next(a for a in sandbox.accounts if a.username == "acme_business")

    response = exchange(http, sandbox, obtain_code(http, sandbox))

    body = response.json()
    assert set(body) == {"access_token", "user_id", "permissions"}
    assert body["permissions"] == list(REQUIRED_SCOPES)
    # A bare JSON number above 2^53, the app-scoped id (what /me calls "id").
    assert account.app_scoped_id > 2**53
    assert f'"user_id":{account.app_scoped_id}' in response.text


def test_documented_shape_of_the_exchange(sandbox: SandboxServer, http: httpx.Client) -> None:
    sandbox.set_shape("documented")
    account = next(a for a in sandbox.accounts if a.username == "acme_business")

    body = exchange(http, sandbox, obtain_code(http, sandbox)).json()

    assert set(body) == {"data"}
    (record,) = body["data"]
    assert record["user_id"] == str(account.app_scoped_id)
    assert record["permissions"] == ",".join(REQUIRED_SCOPES)
    assert record["access_token"].startswith("IGAASBX")


# -- lifetimes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "alive"), [(timedelta(minutes=59, seconds=59), True), (timedelta(hours=1), False)]
)
def test_short_lived_tokens_live_one_hour(
    sandbox: SandboxServer, http: httpx.Client, clock: ManualClock, age: timedelta, alive: bool
) -> None:
    token = short_token(http, sandbox)
    clock.advance(age)

    response = me(http, sandbox, token)

    if alive:
        assert response.status_code == 200
    else:
        assert graph_error(response) == (190, 463)


@pytest.mark.parametrize(
    ("age", "alive"), [(timedelta(days=60) - timedelta(seconds=1), True), (timedelta(days=60), False)]
)
def test_long_lived_tokens_live_sixty_days(
    sandbox: SandboxServer, http: httpx.Client, clock: ManualClock, age: timedelta, alive: bool
) -> None:
    token = long_token(http, sandbox)
    clock.advance(age)

    response = me(http, sandbox, token)

    assert (response.status_code == 200) is alive
    if not alive:
        assert graph_error(response) == (190, 463)


@pytest.mark.parametrize(("shape", "expires_in"), [("documented", 5184000), ("observed", 5183944)])
def test_long_lived_answer(sandbox: SandboxServer, http: httpx.Client, shape: str, expires_in: int) -> None:
    sandbox.set_shape(shape)
    short = short_token(http, sandbox)

    response = http.get(
        f"{sandbox.graph_url}/access_token",
        params={
            "grant_type": "ig_exchange_token",
            "client_secret": sandbox.credentials.client_secret.reveal(),
            "access_token": short,
        },
    )

    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in"}
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == expires_in


def test_the_long_lived_exchange_checks_the_secret(sandbox: SandboxServer, http: httpx.Client) -> None:
    short = short_token(http, sandbox)

    response = http.get(
        f"{sandbox.graph_url}/access_token",
        params={"grant_type": "ig_exchange_token", "client_secret": "wrong-secret", "access_token": short},
    )

    assert response.status_code == 400
    assert graph_error(response) == (101, None)


def test_only_short_lived_tokens_are_exchanged(sandbox: SandboxServer, http: httpx.Client) -> None:
    token = long_token(http, sandbox)

    response = http.get(
        f"{sandbox.graph_url}/access_token",
        params={
            "grant_type": "ig_exchange_token",
            "client_secret": sandbox.credentials.client_secret.reveal(),
            "access_token": token,
        },
    )

    assert graph_error(response) == (100, None)


# -- refresh -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "accepted"),
    [
        (timedelta(hours=23), False),
        (timedelta(hours=23, minutes=59, seconds=59), False),
        (timedelta(hours=24), True),
        (timedelta(hours=25), True),
        (timedelta(days=59, hours=23), True),
    ],
)
def test_refresh_needs_a_token_at_least_a_day_old(
    sandbox: SandboxServer, http: httpx.Client, clock: ManualClock, age: timedelta, accepted: bool
) -> None:
    token = long_token(http, sandbox)
    clock.advance(age)

    response = refresh(http, sandbox, token)

    if accepted:
        assert response.status_code == 200
        assert set(response.json()) == {"access_token", "token_type", "expires_in"}
    else:
        assert response.status_code == 400
        assert graph_error(response) == (100, None)


def test_refresh_after_expiry_answers_190(
    sandbox: SandboxServer, http: httpx.Client, clock: ManualClock
) -> None:
    token = long_token(http, sandbox)
    clock.advance(timedelta(days=61))

    assert graph_error(refresh(http, sandbox, token)) == (190, 463)


def test_a_refreshed_token_lives_sixty_days_from_the_refresh(
    sandbox: SandboxServer, http: httpx.Client, clock: ManualClock
) -> None:
    old = long_token(http, sandbox)
    clock.advance(timedelta(days=30))
    new = refresh(http, sandbox, old).json()["access_token"]

    clock.advance(timedelta(days=59))
    assert me(http, sandbox, new).status_code == 200
    assert graph_error(me(http, sandbox, old)) == (190, 463)
    clock.advance(timedelta(days=1))
    assert graph_error(me(http, sandbox, new)) == (190, 463)


def test_short_lived_tokens_cannot_be_refreshed(sandbox: SandboxServer, http: httpx.Client) -> None:
    assert graph_error(refresh(http, sandbox, short_token(http, sandbox))) == (100, None)


# -- /me and revoke ----------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["/v25.0", "/v21.0", ""])
def test_me_answers_on_any_version_prefix(sandbox: SandboxServer, http: httpx.Client, prefix: str) -> None:
    token = long_token(http, sandbox)

    response = http.get(
        f"{sandbox.graph_url}{prefix}/me", params={"fields": "username", "access_token": token}
    )

    assert response.json() == {"username": "acme_business", "id": "26160000000004201"}


def test_me_observed_shape(sandbox: SandboxServer, http: httpx.Client) -> None:
    token = long_token(http, sandbox, account="studio.creator")
    fields = (
        "user_id,username,name,account_type,profile_picture_url,followers_count,follows_count,media_count"
    )

    body = me(http, sandbox, token, fields).json()

    assert body["user_id"] == "17841400008460003"
    assert body["id"] == "26160000000004203"
    assert body["account_type"] == "MEDIA_CREATOR"
    assert body["profile_picture_url"] == f"{sandbox.base_url}/_sandbox/media/studio.creator.png"
    assert body["followers_count"] > 0 and body["media_count"] > 0


def test_me_documented_shape(sandbox: SandboxServer, http: httpx.Client) -> None:
    sandbox.set_shape("documented")
    token = long_token(http, sandbox, account="studio.creator")

    body = me(http, sandbox, token, "user_id,account_type").json()

    assert body == {
        "data": [{"user_id": "17841400008460003", "account_type": "Media_Creator", "id": "26160000000004203"}]
    }


def test_me_refuses_unknown_fields(sandbox: SandboxServer, http: httpx.Client) -> None:
    response = me(http, sandbox, long_token(http, sandbox), "username,email")

    assert graph_error(response) == (100, None)


def test_an_unknown_token_answers_190(sandbox: SandboxServer, http: httpx.Client) -> None:
    assert graph_error(me(http, sandbox, "IGAASBX" + "x" * 40)) == (190, None)


def test_a_token_in_an_authorization_header_is_not_accepted(
    sandbox: SandboxServer, http: httpx.Client
) -> None:
    token = long_token(http, sandbox)

    response = http.get(
        f"{sandbox.graph_url}/v25.0/me",
        params={"fields": "username"},
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 400
    assert graph_error(response) == (2500, None)


def test_revoke_is_unsupported_by_default_and_leaves_the_tokens_alive(
    sandbox: SandboxServer, http: httpx.Client
) -> None:
    long = long_token(http, sandbox)

    response = http.delete(f"{sandbox.graph_url}/v25.0/me/permissions", params={"access_token": long})

    assert response.status_code == 400
    assert graph_error(response) == (100, None)
    assert response.json()["error"]["message"].startswith("Unsupported delete request.")
    assert me(http, sandbox, long).status_code == 200
    assert sandbox.revoked_count() == 0


@pytest.mark.parametrize(("answer", "body"), [("success_object", {"success": True}), ("bare_true", True)])
def test_revoke_answers_in_both_success_shapes(
    sandbox: SandboxServer, http: httpx.Client, answer: str, body: object
) -> None:
    sandbox.set_knobs(revoke_answer=answer)
    long = long_token(http, sandbox)

    response = http.delete(f"{sandbox.graph_url}/v25.0/me/permissions", params={"access_token": long})

    assert response.status_code == 200
    assert response.json() == body
    assert graph_error(me(http, sandbox, long)) == (190, 458)


def test_a_noop_revoke_claims_success_and_revokes_nothing(sandbox: SandboxServer, http: httpx.Client) -> None:
    sandbox.set_knobs(revoke_answer="noop")
    long = long_token(http, sandbox)

    response = http.delete(f"{sandbox.graph_url}/v25.0/me/permissions", params={"access_token": long})

    assert response.json() == {"success": True}
    assert me(http, sandbox, long).status_code == 200


def test_revoke_kills_every_token_of_that_account_only(sandbox: SandboxServer, http: httpx.Client) -> None:
    sandbox.set_knobs(revoke_answer="success_object")  # the answer that revokes, to see what dies
    short = short_token(http, sandbox)
    long = long_token(http, sandbox)
    other = long_token(http, sandbox, account="northwind_shop")

    response = http.delete(f"{sandbox.graph_url}/v25.0/me/permissions", params={"access_token": long})

    assert response.json() == {"success": True}
    assert graph_error(me(http, sandbox, long)) == (190, 458)
    assert graph_error(me(http, sandbox, short)) == (190, 458)
    assert graph_error(refresh(http, sandbox, long)) == (190, 458)
    assert me(http, sandbox, other).status_code == 200
    assert sandbox.token_status(long).status == "revoked"
    assert sandbox.token_status(other).status == "active"
    # the first short token, and the long one with the short token it was exchanged from
    assert sandbox.revoked_count() == 3


def test_permissions_lists_the_grant(sandbox: SandboxServer, http: httpx.Client) -> None:
    token = long_token(http, sandbox, untick=[MANAGE_INSIGHTS])

    response = http.get(f"{sandbox.graph_url}/v25.0/me/permissions", params={"access_token": token})

    assert response.json() == {
        "data": [
            {"permission": BASIC, "status": "granted"},
            {"permission": CONTENT_PUBLISH, "status": "granted"},
        ]
    }


# -- Personal accounts --------------------------------------------------------------------------------


def test_personal_refused_at_the_dialog_never_returns_to_the_app(
    sandbox: SandboxServer, http: httpx.Client
) -> None:
    sandbox.set_personal_failure("dialog")

    response = decide(http, sandbox, account="jane.personal", state="p")

    assert response.status_code == 403
    assert "location" not in response.headers
    assert "isn&#x27;t available for this account" in response.text


def test_personal_refused_at_the_dialog_can_return_as_a_plain_denial(
    sandbox: SandboxServer, http: httpx.Client
) -> None:
    sandbox.set_personal_failure("dialog_denied")

    response = decide(http, sandbox, account="jane.personal", state="p")

    assert response.headers["location"] == (
        REDIRECT_URI
        + "?error=access_denied&error_reason=user_denied&error_description=The+user+denied+your+request"
    )


def test_personal_refused_at_exchange_in_meta_generic_words(
    sandbox: SandboxServer, http: httpx.Client
) -> None:
    sandbox.set_personal_failure("exchange")
    code = obtain_code(http, sandbox, account="jane.personal")

    response = exchange(http, sandbox, code)

    assert response.status_code == 400
    assert response.json() == {
        "error_type": "OAuthException",
        "code": 400,
        "error_message": "Invalid user id",
    }


def test_personal_shows_as_account_type(sandbox: SandboxServer, http: httpx.Client) -> None:
    sandbox.set_personal_failure("account_type")
    token = long_token(http, sandbox, account="jane.personal")

    assert me(http, sandbox, token, "account_type").json()["account_type"] == "PERSONAL"


def test_professional_accounts_pass_in_every_personal_mode(
    sandbox: SandboxServer, http: httpx.Client
) -> None:
    for mode in ("dialog", "dialog_denied", "exchange", "account_type"):
        sandbox.set_personal_failure(mode)
        token = long_token(http, sandbox, account="northwind_shop")
        assert me(http, sandbox, token, "account_type").json()["account_type"] == "BUSINESS"


def test_unknown_knob_values_are_refused(sandbox: SandboxServer) -> None:
    with pytest.raises(ValueError):
        sandbox.set_shape("pretty")
    with pytest.raises(ValueError):
        sandbox.set_personal_failure("maybe")


def test_redirect_code_is_urlsafe(sandbox: SandboxServer, http: httpx.Client) -> None:
    location = decide(http, sandbox).headers["location"]
    code = parse_qs(urlsplit(location).query)["code"][0]

    assert re.fullmatch(r"[A-Za-z0-9_-]{40,}", code)
