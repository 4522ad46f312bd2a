"""Speaking the protocol by hand, with raw httpx, against a standalone sandbox.

The form POST, the code exchange, the long-lived exchange, ``/me``, refresh refused at 23 hours and
accepted at 25, revoke, then 190: each answer exactly as Meta documents it. Time moves through the
sandbox's control API, as it would for any script.
"""

from __future__ import annotations

import importlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest

from desktop.core.sandbox import SandboxServer

REDIRECT_URI = "https://localhost:8765/callback/"
SCOPES = "instagram_business_basic,instagram_business_content_publish,instagram_business_manage_insights"
FIELDS = "user_id,username,name,account_type,profile_picture_url,followers_count,follows_count,media_count"


@dataclass
class App:
    base_url: str
    client_id: str
    client_secret: str
    redirect_uri: str
    api_url: str
    graph_url: str


class _Form(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.scopes: list[str] = []
        self.accounts: list[str] = []
        self.action = ""
        self._select = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method") == "post":
            self.action = a.get("action", "")
        elif tag == "input" and a.get("type") == "hidden":
            self.hidden[a["name"]] = a["value"]
        elif tag == "input" and a.get("name") == "scope":
            self.scopes.append(a["value"])
        elif tag == "select" and a.get("name") == "account":
            self._select = True
        elif tag == "option" and self._select:
            self.accounts.append(a["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = False


def _authorize(http: httpx.Client, app: App, state: str = "by-hand-state") -> str:
    query = urlencode(
        {
            "client_id": app.client_id,
            "redirect_uri": app.redirect_uri,
            "response_type": "code",
            "scope": SCOPES,
            "state": state,
        }
    )
    return f"{app.base_url}/oauth/authorize?{query}"


def _consent(http: httpx.Client, app: App, action: str) -> httpx.Response:
    page = http.get(_authorize(http, app))
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    form = _Form()
    form.feed(page.text)
    assert {"acme_business", "northwind_shop", "studio.creator", "jane.personal"} <= set(form.accounts)
    assert form.scopes == SCOPES.split(",")
    body = {**form.hidden, "account": "acme_business", "scope": form.scopes, "action": action}
    return http.post(app.base_url + form.action, data=body)


def _graph_error(response: httpx.Response) -> dict[str, object]:
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "OAuthException"
    assert isinstance(error["fbtrace_id"], str)
    return error  # type: ignore[no-any-return]


def speak_the_protocol(app: App) -> None:
    with httpx.Client(timeout=10.0, follow_redirects=False) as http:
        # 1. The consent form, submitted with Allow.
        decision = _consent(http, app, "allow")
        assert decision.status_code == 302
        location = decision.headers["location"]
        assert location.startswith(app.redirect_uri + "?code=") and location.endswith("#_")
        query = parse_qs(urlsplit(location).query)
        assert query["state"] == ["by-hand-state"]
        code = query["code"][0]

        # 2. Code → short-lived token (form POST with the app secret).
        form = {
            "client_id": app.client_id,
            "client_secret": app.client_secret,
            "grant_type": "authorization_code",
            "redirect_uri": app.redirect_uri,
            "code": code,
        }
        exchanged = http.post(f"{app.api_url}/oauth/access_token", data=form)
        assert exchanged.status_code == 200
        short = exchanged.json()
        assert set(short) == {"access_token", "user_id", "permissions"}
        assert short["access_token"].startswith("IGAASBX")
        assert isinstance(short["user_id"], int) and short["user_id"] > 2**53
        assert short["permissions"] == SCOPES.split(",")

        # The code works once.
        again = http.post(f"{app.api_url}/oauth/access_token", data=form)
        assert again.status_code == 400
        assert again.json() == {
            "error_type": "OAuthException",
            "code": 400,
            "error_message": "Matching code was not found or was already used",
        }

        # 3. Short → long-lived.
        long_answer = http.get(
            f"{app.graph_url}/access_token",
            params={
                "grant_type": "ig_exchange_token",
                "client_secret": app.client_secret,
                "access_token": short["access_token"],
            },
        )
        assert long_answer.status_code == 200
        long = long_answer.json()
        assert set(long) == {"access_token", "token_type", "expires_in"}
        assert long["token_type"] == "bearer"
        assert 5183000 < long["expires_in"] <= 5184000

        # 4. /me
        me = http.get(
            f"{app.graph_url}/v25.0/me", params={"fields": FIELDS, "access_token": long["access_token"]}
        )
        assert me.status_code == 200
        profile = me.json()
        assert profile["username"] == "acme_business"
        assert profile["account_type"] == "BUSINESS"
        assert profile["id"] == str(short["user_id"])
        assert int(profile["user_id"]) > 2**53
        picture = http.get(profile["profile_picture_url"])
        assert picture.headers["content-type"] == "image/png"

        # 5. Refresh at 23 hours: refused. At 25 hours: accepted.
        refresh_params = {"grant_type": "ig_refresh_token", "access_token": long["access_token"]}
        assert http.post(f"{app.base_url}/_sandbox/clock", json={"hours": 23}).status_code == 200
        too_early = http.get(f"{app.graph_url}/refresh_access_token", params=refresh_params)
        assert _graph_error(too_early)["code"] == 100
        assert http.post(f"{app.base_url}/_sandbox/clock", json={"hours": 2}).status_code == 200
        refreshed = http.get(f"{app.graph_url}/refresh_access_token", params=refresh_params)
        assert refreshed.status_code == 200
        new = refreshed.json()
        assert set(new) == {"access_token", "token_type", "expires_in"}

        # 6. Revoke: unsupported by default (tokens live on); with the knob, 190 for the new and the old.
        refused = http.delete(
            f"{app.graph_url}/v25.0/me/permissions", params={"access_token": new["access_token"]}
        )
        assert refused.json()["error"]["code"] == 100
        assert refused.json()["error"]["type"] == "GraphMethodException"
        assert (
            http.post(f"{app.base_url}/_sandbox/knobs", json={"revoke_answer": "success_object"}).status_code
            == 200
        )
        revoked = http.delete(
            f"{app.graph_url}/v25.0/me/permissions", params={"access_token": new["access_token"]}
        )
        assert revoked.status_code == 200
        assert revoked.json() == {"success": True}
        for token in (new["access_token"], long["access_token"]):
            after = http.get(
                f"{app.graph_url}/v25.0/me", params={"fields": "username", "access_token": token}
            )
            assert _graph_error(after)["code"] == 190

        # Cancel on the dialog: by default neither state nor "#_" comes back.
        # (in another browser: this one is signed in now, and Instagram would not offer the picker)
        assert "sandbox_ig_session" in http.cookies
        with httpx.Client(timeout=10.0, follow_redirects=False) as other_browser:
            denied = _consent(other_browser, app, "deny")
        assert denied.status_code == 302
        assert not denied.headers["location"].endswith("#_")
        assert parse_qs(urlsplit(denied.headers["location"]).query) == {
            "error": ["access_denied"],
            "error_reason": ["user_denied"],
            "error_description": ["The user denied your request"],
        }


@pytest.fixture
def standalone(tmp_path: Path) -> Iterator[App]:
    """The same server ``socialdesk sandbox`` runs: its own clock, state under the data folder."""
    with SandboxServer(tmp_path / "data" / "sandbox", redirect_uris=[REDIRECT_URI]) as server:
        credentials = server.credentials
        yield App(
            server.base_url,
            credentials.client_id,
            credentials.client_secret.reveal(),
            REDIRECT_URI,
            server.api_url,
            server.graph_url,
        )


def test_the_protocol_by_hand(standalone: App) -> None:
    speak_the_protocol(standalone)


def _cli_has_sandbox_command() -> bool:
    try:
        cli = importlib.import_module("desktop.cli")
    except ImportError:
        return False
    return "desktop.commands.sandbox" in getattr(cli, "COMMAND_MODULES", ())


@pytest.mark.skipif(
    not _cli_has_sandbox_command(), reason="desktop.cli does not offer the sandbox command yet"
)
def test_the_protocol_by_hand_against_the_real_command(tmp_path: Path) -> None:
    env = {**os.environ, "SOCIALDESK_BASE_DIR": str(tmp_path / "base")}
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "sandbox", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline().strip() for _ in range(7)]
        values = dict(line.split(": ", 1) for line in lines)
        assert list(values) == [
            "base_url",
            "client_id",
            "client_secret",
            "redirect_uri",
            "www_url",
            "api_url",
            "graph_url",
        ]
        assert values["www_url"] == values["base_url"]
        assert len({values["www_url"], values["api_url"], values["graph_url"]}) == 3

        speak_the_protocol(
            App(
                values["base_url"],
                values["client_id"],
                values["client_secret"],
                values["redirect_uri"],
                values["api_url"],
                values["graph_url"],
            )
        )
    finally:
        process.send_signal(signal.SIGTERM)
        returncode = process.wait(timeout=30)
        if process.stdout is not None:
            process.stdout.close()
    assert returncode == 143  # stopped by SIGTERM, cleanly (128 + 15)
