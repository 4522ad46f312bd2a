"""Contract tests: the Facebook client against the sandbox's Facebook half, endpoint by endpoint."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from desktop.core.clock import ManualClock
from desktop.core.facebook.client import FacebookClient
from desktop.core.facebook.models import Business
from desktop.core.facebook.scopes import BUSINESS_MANAGEMENT, CONTENT_PUBLISH, REQUESTED_SCOPES
from desktop.core.instagram.errors import InstagramError
from desktop.core.sandbox.facebook import FacebookSandbox
from desktop.core.secrets import SecretStr
from tests.core.facebook.helpers import REDIRECT_URI, answer_dialog, code_from

ACME_PAGE, LUMEN_PAGE, BAKERY_PAGE = "201000000000001", "202000000000002", "203000000000003"


def consent(client: FacebookClient, **options: object) -> SecretStr:
    reply = answer_dialog(client.authorize_url(REDIRECT_URI, "s" * 43), **options)  # type: ignore[arg-type]
    assert reply.status_code == 302, reply.text
    return SecretStr(code_from(reply))


@pytest.mark.parametrize("shape", ["documented", "observed"])
def test_code_to_long_lived_to_pages_in_both_shapes(
    client: FacebookClient, facebook: FacebookSandbox, shape: str
) -> None:
    facebook.provider.set_shape(shape)
    short = client.exchange_code(consent(client), REDIRECT_URI)
    assert short.access_token.reveal().startswith("EAA") and short.expires_in == 3600
    long_lived = client.exchange_long_lived(short.access_token)
    assert long_lived.expires_in == (60 * 86400 if shape == "documented" else None)
    pages = client.pages(long_lived.access_token)
    assert [p.page_id for p in pages] == [ACME_PAGE, LUMEN_PAGE, BAKERY_PAGE]  # three pages over two requests
    assert facebook.request_count("/me/accounts") == 2
    acme = pages[0]
    assert acme.access_token is not None and acme.linked is not None
    assert acme.linked.ig_user_id == "17841400000000101"
    assert acme.linked.username == ("acme_coffee" if shape == "documented" else "")
    assert pages[2].linked is None
    account = client.ig_account(acme.access_token, acme.linked.ig_user_id)
    assert account.username == "acme_coffee" and account.profile_picture_url


def test_unticked_page_is_left_out_of_me_accounts(client: FacebookClient) -> None:
    token = client.exchange_code(consent(client, untick_pages=(LUMEN_PAGE,)), REDIRECT_URI).access_token
    assert [p.page_id for p in client.pages(client.exchange_long_lived(token).access_token)] == [
        ACME_PAGE,
        BAKERY_PAGE,
    ]


def test_business_portfolio_pages_need_business_management(client: FacebookClient) -> None:
    token = client.exchange_code(consent(client), REDIRECT_URI).access_token
    businesses = client.businesses(token)
    assert businesses == [Business("301000000000001", "Northwind Group")]
    pages = client.business_pages(token, businesses[0])
    assert [(p.name, p.business_name, p.linked is not None) for p in pages] == [
        ("Northwind Outfitters", "Northwind Group", True),
        ("Harbor Florist", "Northwind Group", True),
    ]
    other = client.exchange_code(consent(client, untick_scopes=(BUSINESS_MANAGEMENT,)), REDIRECT_URI)
    with pytest.raises(InstagramError) as refused:
        client.businesses(other.access_token)
    assert refused.value.code == "missing_permission" and refused.value.graph_code == 200


def test_permissions_read_back_granted_and_declined(client: FacebookClient) -> None:
    token = client.exchange_code(consent(client, untick_scopes=(CONTENT_PUBLISH,)), REDIRECT_URI).access_token
    permissions = client.permissions(token)
    assert CONTENT_PUBLISH in permissions.declined and CONTENT_PUBLISH not in permissions.granted
    assert set(permissions.granted) == set(REQUESTED_SCOPES) - {CONTENT_PUBLISH}


def test_declined_permission_is_asked_again_only_with_rerequest(client: FacebookClient) -> None:
    client.exchange_code(consent(client, untick_scopes=(CONTENT_PUBLISH,)), REDIRECT_URI)
    again = client.exchange_code(consent(client), REDIRECT_URI).access_token
    assert CONTENT_PUBLISH in client.permissions(again).declined
    reply = answer_dialog(client.authorize_url(REDIRECT_URI, "t" * 43, rerequest=True))
    assert "auth_type=rerequest" in client.authorize_url(REDIRECT_URI, "t", rerequest=True)
    token = client.exchange_code(SecretStr(code_from(reply)), REDIRECT_URI).access_token
    assert CONTENT_PUBLISH in client.permissions(token).granted


def test_code_errors_36009_36007_36008(client: FacebookClient, clock: ManualClock) -> None:
    code = consent(client)
    client.exchange_code(code, REDIRECT_URI)
    with pytest.raises(InstagramError) as used:
        client.exchange_code(code, REDIRECT_URI)
    assert (used.value.code, used.value.graph_subcode) == ("code_invalid", 36009)
    late = consent(client)
    clock.advance(timedelta(minutes=11))
    with pytest.raises(InstagramError) as expired:
        client.exchange_code(late, REDIRECT_URI)
    assert (expired.value.code, expired.value.graph_subcode) == ("code_invalid", 36007)
    with pytest.raises(InstagramError) as mismatch:
        client.exchange_code(consent(client), "https://localhost:8765/callback")
    assert (mismatch.value.code, mismatch.value.graph_subcode) == ("app_misconfigured", 36008)


def test_wrong_secret_is_app_misconfigured(facebook: FacebookSandbox, http: httpx.Client) -> None:
    wrong = FacebookClient(http, facebook.endpoints(), facebook.client_id, SecretStr("0" * 32))
    with pytest.raises(InstagramError) as refused:
        wrong.exchange_code(SecretStr("AQxyz"), REDIRECT_URI)
    assert refused.value.code == "app_misconfigured"


@pytest.mark.parametrize(
    ("event", "subcode"), [("app_removed", 458), ("password_changed", 460), ("role_removed", 467)]
)
def test_dead_page_tokens_are_needs_reconnect(
    client: FacebookClient, facebook: FacebookSandbox, clock: ManualClock, event: str, subcode: int
) -> None:
    token = client.exchange_code(consent(client), REDIRECT_URI).access_token
    page = client.pages(client.exchange_long_lived(token).access_token)[0]
    assert page.access_token is not None and page.linked is not None
    clock.advance(timedelta(days=400))  # no timer on a Page token from a long-lived user token
    assert client.ig_account(page.access_token, page.linked.ig_user_id).ig_user_id == page.linked.ig_user_id
    clock.advance(timedelta(seconds=1))
    facebook.provider.person_event("maria.agency", event, page.page_id)
    with pytest.raises(InstagramError) as dead:
        client.ig_account(page.access_token, page.linked.ig_user_id)
    assert (dead.value.code, dead.value.graph_code, dead.value.graph_subcode) == (
        "needs_reconnect",
        190,
        subcode,
    )


def test_page_token_from_short_lived_user_token_expires(client: FacebookClient, clock: ManualClock) -> None:
    short = client.exchange_code(consent(client), REDIRECT_URI).access_token
    page = client.pages(short)[0]
    assert page.access_token is not None and page.linked is not None
    clock.advance(timedelta(hours=2))
    with pytest.raises(InstagramError) as dead:
        client.ig_account(page.access_token, page.linked.ig_user_id)
    assert dead.value.graph_subcode == 463


def test_instagram_login_token_is_not_a_facebook_token(client: FacebookClient) -> None:
    with pytest.raises(InstagramError) as refused:
        client.pages(SecretStr("IGAASBX" + "x" * 60))
    assert (refused.value.code, refused.value.graph_code) == ("needs_reconnect", 190)


@pytest.mark.parametrize("shape", ["documented", "observed"])
def test_revoke_grant_with_the_app_token_kills_every_page_token(
    client: FacebookClient, facebook: FacebookSandbox, shape: str
) -> None:
    facebook.provider.set_shape(shape)
    token = client.exchange_code(consent(client), REDIRECT_URI).access_token
    pages = client.pages(client.exchange_long_lived(token).access_token)
    client.revoke_grant(client.me(token).user_id)
    for page in pages:
        assert page.access_token is not None
        assert facebook.provider.token_status(page.access_token.reveal())["status"] == "revoked"


def test_network_and_transient_errors(
    client: FacebookClient, facebook: FacebookSandbox, sleeps: list[float]
) -> None:
    token = client.exchange_code(consent(client), REDIRECT_URI).access_token
    facebook.inject_fault("status", endpoint="/me/accounts", count=2, status=503)
    assert len(client.pages(token)) == 3 and len(sleeps) == 2  # GETs are retried
    facebook.inject_fault("status", endpoint="/oauth/access_token", status=500)
    with pytest.raises(InstagramError) as failed:
        client.exchange_code(consent(client), REDIRECT_URI)
    assert failed.value.code == "network_error"
    assert facebook.request_count("/oauth/access_token") == 2  # the code exchange is never retried blindly
