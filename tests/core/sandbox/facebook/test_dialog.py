"""The Facebook half's dialog: Meta's checks, the form contract, and the redirects back."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest

from desktop.core.clock import ManualClock
from desktop.core.facebook.client import FacebookClient
from desktop.core.facebook.scopes import REQUESTED_SCOPES
from desktop.core.instagram.http import new_http_client
from desktop.core.sandbox.facebook import FacebookSandbox
from desktop.core.sandbox.facebook.people import PEOPLE
from desktop.core.sandbox.facebook.state import saved_state
from desktop.core.sandbox.user import parse_consent_form
from desktop.core.secrets import SecretStr
from tests.core.facebook.helpers import REDIRECT_URI, answer_dialog, code_from, running_facebook
from tests.core.sandbox.helpers import files_text


@pytest.fixture
def facebook(tmp_path: Path) -> FacebookSandbox:
    with running_facebook(tmp_path / "sandbox", ManualClock()) as server:
        yield server  # type: ignore[misc]


def dialog_url(facebook: FacebookSandbox, **overrides: str) -> str:
    params = {
        "client_id": facebook.client_id,
        "redirect_uri": REDIRECT_URI,
        "state": "st" * 20,
        "response_type": "code",
        "scope": ",".join(REQUESTED_SCOPES),
        **overrides,
    }
    return f"{facebook.endpoints().dialog_url}?{urlencode(params)}"


def test_form_contract(facebook: FacebookSandbox) -> None:
    page = httpx.get(dialog_url(facebook))
    assert page.status_code == 200
    form = parse_consent_form(page.text)
    assert form.hidden["requested_scopes"] == ",".join(REQUESTED_SCOPES)
    assert form.hidden["state"] == "st" * 20 and form.hidden["response_type"] == "code"
    assert form.accounts == [person.handle for person in PEOPLE]
    assert form.scopes == list(REQUESTED_SCOPES)
    assert form.buttons == ["allow", "deny"]
    every_page = [page.page_id for person in PEOPLE for page in person.all_pages]
    assert form.pages == every_page
    assert page.text.count('name="page"') == page.text.count('name="page" value=') == len(every_page)
    assert "checked" in page.text.split('name="page"', 1)[1].split(">", 1)[0]


@pytest.mark.parametrize(
    ("overrides", "title"),
    [
        ({"client_id": "1"}, "Invalid App ID"),
        ({"redirect_uri": "https://localhost:8765/callback"}, "URL blocked"),
        ({"scope": "instagram_business_basic"}, "Invalid Scopes"),
    ],
)
def test_meta_checks_show_an_error_screen_never_a_redirect(
    facebook: FacebookSandbox, overrides: dict[str, str], title: str
) -> None:
    page = httpx.get(dialog_url(facebook, **overrides))
    assert page.status_code == 400 and title in page.text and "location" not in page.headers


def test_http_redirect_only_in_development_mode(facebook: FacebookSandbox) -> None:
    insecure = "http://localhost:8765/callback/"
    facebook.register_redirect_uri(insecure)
    page = httpx.get(dialog_url(facebook, redirect_uri=insecure))
    assert page.status_code == 400 and "Insecure Login Blocked" in page.text
    facebook.provider.development_mode = True
    assert httpx.get(dialog_url(facebook, redirect_uri=insecure)).status_code == 200


def test_cancel_redirects_with_access_denied_and_the_fragment(facebook: FacebookSandbox) -> None:
    reply = answer_dialog(dialog_url(facebook), action="deny")
    location = reply.headers["location"]
    assert reply.status_code == 302 and location.endswith("#_=_")
    query = parse_qs(urlsplit(location).query)
    assert query["error"] == ["access_denied"] and query["error_reason"] == ["user_denied"]
    assert query["error_code"] == ["200"] and query["state"] == ["st" * 20]


def test_personal_only_person_has_a_page_with_nothing_linked(facebook: FacebookSandbox) -> None:
    code = code_from(answer_dialog(dialog_url(facebook), person="paul.personal"))
    with new_http_client() as http:
        client = FacebookClient(http, facebook.endpoints(), facebook.client_id, facebook.client_secret)
        token = client.exchange_code(SecretStr(code), REDIRECT_URI).access_token
        pages = client.pages(token)
        assert [(p.name, p.linked) for p in pages] == [("Paul's Garage", None)]
        assert client.businesses(token) == []


def test_another_persons_pages_are_not_shared(facebook: FacebookSandbox) -> None:
    """The dialog lists every test person's Pages; only the chosen person's are granted."""
    code = code_from(answer_dialog(dialog_url(facebook), person="paul.personal"))
    with new_http_client() as http:
        client = FacebookClient(http, facebook.endpoints(), facebook.client_id, facebook.client_secret)
        token = client.exchange_code(SecretStr(code), REDIRECT_URI).access_token
        assert all(p.name == "Paul's Garage" for p in client.pages(token))


def test_graph_needs_a_version_and_refuses_igaa_tokens(facebook: FacebookSandbox) -> None:
    unversioned = httpx.get(f"{facebook.base_url}/me/accounts", params={"access_token": "EAASBXx"})
    assert unversioned.status_code == 400
    igaa = httpx.get(facebook.endpoints().graph("me/accounts"), params={"access_token": "IGAASBX" + "a" * 40})
    assert igaa.json()["error"]["code"] == 190
    assert igaa.json()["error"]["message"] == "Invalid OAuth access token - Cannot parse access token"


def test_state_file_keeps_only_hashes(facebook: FacebookSandbox, tmp_path: Path) -> None:
    code = code_from(answer_dialog(dialog_url(facebook)))
    with new_http_client() as http:
        client = FacebookClient(http, facebook.endpoints(), facebook.client_id, facebook.client_secret)
        token = client.exchange_code(SecretStr(code), REDIRECT_URI).access_token
        pages = client.pages(token)
    saved = json.dumps(saved_state(tmp_path / "sandbox")) + files_text(tmp_path / "sandbox")
    assert code not in saved and token.reveal() not in saved
    assert facebook.client_secret.reveal() not in saved
    assert all(p.access_token is not None and p.access_token.reveal() not in saved for p in pages)
