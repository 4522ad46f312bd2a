"""The sandbox's app registers redirect URIs as Meta's dashboard does: https only, unless allowed.

Instagram Login refuses http redirect URIs, localhost included; a Facebook app in Development Mode
accepts http://localhost, which the ``allow_http_localhost`` knob models. The dialog never redirects
to a URI that is not registered under the current policy: it shows an error page, as Meta does.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from desktop.core.clock import ManualClock
from desktop.core.sandbox import SandboxServer
from desktop.core.sandbox.control import ACCEPTED_FIELDS
from desktop.core.sandbox.redirect_policy import RedirectRefused
from tests.core.sandbox.helpers import authorize_url, running_sandbox

HTTP_URI = "http://localhost:8765/callback/"


def test_an_http_redirect_uri_is_refused_with_the_reason_and_the_way_out(sandbox: SandboxServer) -> None:
    with pytest.raises(RedirectRefused) as refused:
        sandbox.register_redirect_uri(HTTP_URI)
    message = str(refused.value)
    assert HTTP_URI in message
    assert "only https://" in message
    assert "allow_http_localhost" in message
    assert HTTP_URI not in sandbox.credentials.redirect_uris


def test_the_constructor_refuses_an_http_uri_too(state_dir: Path, clock: ManualClock) -> None:
    with pytest.raises(RedirectRefused):
        SandboxServer(state_dir, clock=clock, redirect_uris=[HTTP_URI])


def test_the_knob_allows_http_localhost_only(sandbox: SandboxServer) -> None:
    sandbox.set_allow_http_localhost(True)
    sandbox.register_redirect_uri(HTTP_URI)
    sandbox.register_redirect_uri("http://127.0.0.1:8765/callback/")
    with pytest.raises(RedirectRefused):
        sandbox.register_redirect_uri("http://example.com/callback/")
    assert HTTP_URI in sandbox.credentials.redirect_uris


def test_the_dialog_shows_an_error_page_for_an_unregistered_uri_and_never_redirects(
    sandbox: SandboxServer, http: httpx.Client
) -> None:
    page = http.get(authorize_url(sandbox, redirect_uri="https://localhost:9999/elsewhere/"))
    assert page.status_code == 400
    assert "location" not in page.headers
    assert "URL Blocked" in page.text


def test_an_http_uri_registered_under_the_knob_stops_working_once_it_is_off(
    sandbox: SandboxServer, http: httpx.Client
) -> None:
    sandbox.set_allow_http_localhost(True)
    sandbox.register_redirect_uri(HTTP_URI)
    assert http.get(authorize_url(sandbox, redirect_uri=HTTP_URI)).status_code == 200

    sandbox.set_allow_http_localhost(False)
    page = http.get(authorize_url(sandbox, redirect_uri=HTTP_URI))
    assert page.status_code == 400
    assert "location" not in page.headers
    assert "URL Blocked" in page.text


def test_a_restart_forgets_the_knob(state_dir: Path, clock: ManualClock, http: httpx.Client) -> None:
    with running_sandbox(state_dir, clock, allow_http_localhost=True, redirect_uris=[HTTP_URI]):
        pass
    with running_sandbox(state_dir, clock) as again:
        assert http.get(authorize_url(again, redirect_uri=HTTP_URI)).status_code == 400


def test_control_api_refuses_http_registration_with_a_400_and_the_reason(
    sandbox: SandboxServer, http: httpx.Client
) -> None:
    answer = http.post(f"{sandbox.base_url}/_sandbox/redirect-uris", json={"uri": HTTP_URI})
    assert answer.status_code == 400
    assert "only https://" in answer.json()["error"]

    knob = http.post(f"{sandbox.base_url}/_sandbox/redirect-policy", json={"allow_http_localhost": True})
    assert knob.status_code == 200 and knob.json() == {"allow_http_localhost": True}
    assert http.get(f"{sandbox.base_url}/_sandbox").json()["allow_http_localhost"] is True
    answer = http.post(f"{sandbox.base_url}/_sandbox/redirect-uris", json={"uri": HTTP_URI})
    assert answer.status_code == 200
    assert HTTP_URI in answer.json()["redirect_uris"]


def test_the_knob_takes_only_true_or_false(sandbox: SandboxServer, http: httpx.Client) -> None:
    answer = http.post(f"{sandbox.base_url}/_sandbox/redirect-policy", json={"allow_http_localhost": "yes"})
    assert answer.status_code == 400
    assert sandbox.allow_http_localhost is False


def test_a_mistyped_clock_field_is_a_400_naming_it_not_a_silent_200(
    sandbox: SandboxServer, http: httpx.Client
) -> None:
    before = sandbox.now()
    answer = http.post(f"{sandbox.base_url}/_sandbox/clock", json={"advance_seconds": 90000})
    assert answer.status_code == 400
    body = answer.json()
    assert "advance_seconds" in body["error"]
    assert body["unknown_fields"] == ["advance_seconds"]
    assert body["accepted_fields"] == ["days", "hours", "minutes", "seconds"]
    assert all(name in body["error"] for name in ("days", "hours", "minutes", "seconds"))
    assert sandbox.now() == before


@pytest.mark.parametrize("route", sorted(ACCEPTED_FIELDS))
def test_every_control_post_rejects_an_unknown_field(
    sandbox: SandboxServer, http: httpx.Client, route: str
) -> None:
    before = http.get(f"{sandbox.base_url}/_sandbox").json()
    answer = http.post(f"{sandbox.base_url}/_sandbox{route}", json={"bogus_field": 1})
    assert answer.status_code == 400
    body = answer.json()
    assert body["unknown_fields"] == ["bogus_field"]
    assert body["accepted_fields"] == list(ACCEPTED_FIELDS[route])
    assert "bogus_field" in body["error"]
    after = http.get(f"{sandbox.base_url}/_sandbox").json()
    before.pop("now"), after.pop("now")
    assert after == before  # nothing changed
    assert sandbox.faults.active() == []


def test_known_fields_still_work(sandbox: SandboxServer, http: httpx.Client) -> None:
    before = sandbox.now()
    answer = http.post(f"{sandbox.base_url}/_sandbox/clock", json={"seconds": 90000})
    assert answer.status_code == 200
    assert (sandbox.now() - before).total_seconds() == 90000
