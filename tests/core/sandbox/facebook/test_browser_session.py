"""The Facebook half's browser session: a signed-in browser continues as its person, as at Facebook,
and only ``auth_type=reauthenticate`` asks again who signs in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urljoin

import httpx
import pytest

from desktop.core.clock import ManualClock
from desktop.core.facebook.client import FacebookClient
from desktop.core.facebook.scopes import REQUESTED_SCOPES
from desktop.core.instagram.http import new_http_client
from desktop.core.sandbox.facebook import FacebookSandbox
from desktop.core.sandbox.facebook.browser_session import SESSION_COOKIE
from desktop.core.sandbox.facebook.people import PEOPLE, person_by_handle
from desktop.core.sandbox.user import parse_consent_form
from desktop.core.secrets import SecretStr
from tests.core.facebook.helpers import REDIRECT_URI, code_from, running_facebook
from tests.core.sandbox.helpers import files_text

MARIA, PAUL = "maria.agency", "paul.personal"


@pytest.fixture
def facebook(tmp_path: Path) -> Iterator[FacebookSandbox]:
    with running_facebook(tmp_path / "sandbox", ManualClock()) as server:
        yield server


def dialog_url(facebook: FacebookSandbox, **extra: str) -> str:
    params = {
        "client_id": facebook.client_id,
        "redirect_uri": REDIRECT_URI,
        "state": "st" * 20,
        "response_type": "code",
        "scope": ",".join(REQUESTED_SCOPES),
        **extra,
    }
    return f"{facebook.endpoints().dialog_url}?{urlencode(params)}"


def consent(browser: httpx.Client, url: str, person: str) -> tuple[list[str], httpx.Response]:
    """Open the dialog in ``browser`` (its cookie jar kept) and allow as ``person``."""
    page = browser.get(url)
    assert page.status_code == 200
    form = parse_consent_form(page.text)
    data = [*form.hidden.items(), ("account", person)]
    data += [("scope", s) for s in form.scopes] + [("page", p) for p in form.pages]
    data.append(("action", "allow"))
    reply = browser.post(
        urljoin(str(page.url), form.action),
        content=urlencode(data),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    return form.accounts, reply


def person_of(facebook: FacebookSandbox, reply: httpx.Response) -> str:
    with new_http_client() as http:
        client = FacebookClient(http, facebook.endpoints(), facebook.client_id, facebook.client_secret)
        token = client.exchange_code(SecretStr(code_from(reply)), REDIRECT_URI).access_token
        return client.me(token).user_id


def user_id(handle: str) -> str:
    person = person_by_handle(handle)
    assert person is not None
    return person.user_id


def test_a_signed_in_browser_continues_as_its_person_whatever_the_form_says(
    facebook: FacebookSandbox,
) -> None:
    with httpx.Client(timeout=10.0) as browser:
        offered, first = consent(browser, dialog_url(facebook), MARIA)
        assert offered == [p.handle for p in PEOPLE]
        assert SESSION_COOKIE in first.headers["set-cookie"]
        assert person_of(facebook, first) == user_id(MARIA)

        offered, second = consent(browser, dialog_url(facebook), PAUL)

    assert offered == [MARIA]  # no choice of person
    assert person_of(facebook, second) == user_id(MARIA)


def test_reauthenticate_asks_who_signs_in_even_with_the_session_cookie(facebook: FacebookSandbox) -> None:
    with httpx.Client(timeout=10.0) as browser:
        consent(browser, dialog_url(facebook), MARIA)
        page = browser.get(dialog_url(facebook, auth_type="reauthenticate"))
        assert "sign in again" in page.text
        offered, switched = consent(browser, dialog_url(facebook, auth_type="reauthenticate"), PAUL)
        assert offered == [p.handle for p in PEOPLE]
        assert person_of(facebook, switched) == user_id(PAUL)
        # The browser is now signed in as the person who signed in last.
        offered, after = consent(browser, dialog_url(facebook), MARIA)
    assert offered == [PAUL]
    assert person_of(facebook, after) == user_id(PAUL)


def test_the_session_outlives_a_restart_and_is_kept_only_as_a_hash(tmp_path: Path) -> None:
    state_dir = tmp_path / "sandbox"
    with httpx.Client(timeout=10.0) as browser:
        with running_facebook(state_dir, ManualClock()) as facebook:
            consent(browser, dialog_url(facebook), MARIA)
        cookie = browser.cookies[SESSION_COOKIE]
        assert cookie not in files_text(state_dir)
        with running_facebook(state_dir, ManualClock()) as facebook:
            offered, _reply = consent(browser, dialog_url(facebook), PAUL)
    assert offered == [MARIA]
