"""The consent page: its documented form contract, accessibility, escaping and headers."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import httpx
import pytest

from desktop.core.instagram.scopes import KNOWN_SCOPES, REQUIRED_SCOPES
from desktop.core.sandbox import DEFAULT_ACCOUNTS, SandboxServer
from desktop.core.sandbox.consent import render_consent, render_error
from tests.core.sandbox.helpers import authorize_url, parse_form, redirect_params


class _Outline(HTMLParser):
    """Collects what accessibility checks need: lang, headings, labels and the ids they point to."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.h1 = 0
        self.label_targets: set[str] = set()
        self.ids: set[str] = set()
        self.controls: list[tuple[str, str]] = []  # (tag/type, id)
        self.legend = False
        self.main = False
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "h1":
            self.h1 += 1
        if tag == "label" and "for" in a:
            self.label_targets.add(a["for"])
        if tag == "legend":
            self.legend = True
        if tag == "main":
            self.main = True
        if tag == "script":
            self.scripts += 1
        if tag == "select" or (tag == "input" and a.get("type") == "checkbox"):
            self.controls.append((tag, a.get("id", "")))


def _page(sandbox: SandboxServer, http: httpx.Client, **kwargs: object) -> httpx.Response:
    response = http.get(authorize_url(sandbox, **kwargs))  # type: ignore[arg-type]
    assert response.status_code == 200
    return response


def test_the_form_contract(sandbox: SandboxServer, http: httpx.Client) -> None:
    form = parse_form(_page(sandbox, http, state="st").text)

    assert form.method == "post"
    assert form.action == "/oauth/authorize"
    assert form.hidden == {
        "client_id": sandbox.credentials.client_id,
        "redirect_uri": "https://localhost:8765/callback/",
        "response_type": "code",
        "requested_scopes": ",".join(REQUIRED_SCOPES),
        "state": "st",
    }
    assert form.accounts == [account.username for account in DEFAULT_ACCOUNTS]
    assert form.selected_account == "acme_business"
    assert form.scopes == [(scope, True) for scope in REQUIRED_SCOPES]
    assert form.buttons == ["allow", "deny"]  # Allow first: Enter in the form means Allow


def test_every_known_scope_is_described_in_plain_words(sandbox: SandboxServer, http: httpx.Client) -> None:
    text = _page(sandbox, http, scopes=KNOWN_SCOPES).text

    assert "Publish posts, reels and stories" in text
    assert "Read insights" in text
    assert "instagram_business_manage_comments" in text  # as the checkbox value
    assert len(parse_form(text).scopes) == len(KNOWN_SCOPES)


def test_the_page_is_accessible(sandbox: SandboxServer, http: httpx.Client) -> None:
    outline = _Outline()
    outline.feed(_page(sandbox, http).text)

    assert outline.lang == "en"
    assert outline.h1 == 1
    assert outline.main
    assert outline.legend
    assert outline.scripts == 0
    for tag, control_id in outline.controls:
        assert control_id, f"{tag} without id"
        assert control_id in outline.label_targets, f"{control_id} has no label"


def test_account_types_are_named_in_the_picker(sandbox: SandboxServer, http: httpx.Client) -> None:
    text = _page(sandbox, http).text

    assert re.search(
        r'<option value="studio\.creator"[^>]*>studio\.creator \(Creator account\)</option>', text
    )
    assert re.search(
        r'<option value="jane\.personal"[^>]*>jane\.personal \(Personal account\)</option>', text
    )


@pytest.mark.parametrize("state", ['"><script>alert(1)</script>', "a&b<c>'d"])
def test_the_state_is_escaped_and_echoed_intact(
    sandbox: SandboxServer, http: httpx.Client, state: str
) -> None:
    page = _page(sandbox, http, state=state)

    assert "<script>" not in page.text
    form = parse_form(page.text)
    assert form.hidden["state"] == state
    data: dict[str, str | list[str]] = {**form.hidden, "account": "acme_business", "action": "allow"}
    data["scope"] = [scope for scope, _ in form.scopes]
    decision = http.post(f"{sandbox.base_url}/oauth/authorize", data=data)
    assert redirect_params(decision)["state"] == state


def test_render_escapes_app_name_and_accounts() -> None:
    html = render_consent(
        app_name="<b>App</b>",
        hidden={"x": '"quoted"'},
        accounts=DEFAULT_ACCOUNTS,
        requested_scopes=["<scope>"],
        notice="<i>notice</i>",
    )

    assert "<b>App</b>" not in html
    assert "&lt;b&gt;App&lt;/b&gt;" in html
    assert 'value="&quot;quoted&quot;"' in html
    assert "<scope>" not in html
    assert "<i>notice</i>" not in html


def test_error_page_escapes() -> None:
    html = render_error("<t>", "<m>")

    assert "<t>" not in html and "&lt;t&gt;" in html
    assert "<m>" not in html and "&lt;m&gt;" in html
    assert 'lang="en"' in html
    assert "<form" not in html


def test_page_headers(sandbox: SandboxServer, http: httpx.Client) -> None:
    response = _page(sandbox, http)

    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "default-src 'none'" in response.headers["content-security-policy"]


def test_the_stylesheet_is_served(sandbox: SandboxServer, http: httpx.Client) -> None:
    href = re.search(r'<link rel="stylesheet" href="([^"]+)"', _page(sandbox, http).text)
    assert href is not None

    css = http.get(f"{sandbox.base_url}{href.group(1)}")

    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    assert ".dialog" in css.text


def test_force_authentication_is_carried_and_announced(sandbox: SandboxServer, http: httpx.Client) -> None:
    url = authorize_url(sandbox) + "&force_authentication=1"

    page = http.get(url)

    assert parse_form(page.text).hidden["force_authentication"] == "1"
    assert "sign in again" in page.text
