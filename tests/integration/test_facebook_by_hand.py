"""Speaking Facebook Login by hand, with raw httpx, to ``socialdesk sandbox`` run as a subprocess.

Every step of ``docs/facebook-login.md`` in the Graph envelope: the dialog and its redirect with
``#_=_``, the code exchange (used code 36009, other redirect 36008), the long-lived exchange,
``/me/accounts`` paged by cursor, business portfolios, the IG account, ``/me/permissions``, and
revoking with the app token, after which every Page token answers 190/458.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest

from desktop.core.settings import Paths, Settings, save_settings

REDIRECT_URI = "https://localhost:8765/callback/"
SCOPES = (
    "instagram_basic,instagram_content_publish,instagram_manage_insights,pages_show_list,"
    "pages_read_engagement,business_management"
)


class _Form(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.action = ""
        self.pages: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.action = a["action"]
        elif tag == "input" and a.get("type") == "hidden":
            self.fields.append((a["name"], a["value"]))
        elif tag == "input" and a.get("type") == "checkbox" and "checked" in a:
            self.fields.append((a["name"], a["value"]))
            if a["name"] == "page":
                self.pages.append(a["value"])


@pytest.fixture
def standalone(tmp_path: Path) -> Iterator[dict[str, str]]:
    base = tmp_path / "base"
    save_settings(Paths.resolve(base).ensure(), Settings(redirect_uri=REDIRECT_URI))
    env = {**os.environ, "SOCIALDESK_BASE_DIR": str(base)}
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "sandbox", "--port", "0", "--facebook-port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        yield dict(process.stdout.readline().strip().split(": ", 1) for _ in range(10))
    finally:
        process.send_signal(signal.SIGTERM)
        returncode = process.wait(timeout=30)
        if process.stdout is not None:
            process.stdout.close()
    assert returncode == 128 + signal.SIGTERM  # stopped cleanly by the signal


def _error(response: httpx.Response) -> dict[str, object]:
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "OAuthException" and isinstance(error["fbtrace_id"], str)
    return error  # type: ignore[no-any-return]


def test_facebook_login_by_hand(standalone: dict[str, str]) -> None:
    base, client_id, secret = (
        standalone["facebook_base_url"],
        standalone["facebook_client_id"],
        standalone["facebook_client_secret"],
    )
    graph = f"{base}/v25.0"
    with httpx.Client(timeout=10.0, follow_redirects=False) as http:
        dialog = http.get(
            f"{graph}/dialog/oauth",
            params={
                "client_id": client_id,
                "redirect_uri": REDIRECT_URI,
                "state": "by-hand",
                "response_type": "code",
                "scope": SCOPES,
            },
        )
        assert dialog.status_code == 200
        form = _Form()
        form.feed(dialog.text)
        assert len(form.pages) == 6
        decided = http.post(
            base + form.action,
            content=urlencode([*form.fields, ("account", "maria.agency"), ("action", "allow")]),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        location = decided.headers["location"]
        assert (
            decided.status_code == 302
            and location.startswith(REDIRECT_URI + "?")
            and location.endswith("#_=_")
        )
        assert parse_qs(urlsplit(location).query)["state"] == ["by-hand"]
        code = parse_qs(urlsplit(location).query)["code"][0]

        exchange = {
            "client_id": client_id,
            "redirect_uri": REDIRECT_URI,
            "client_secret": secret,
            "code": code,
        }
        other = http.get(
            f"{graph}/oauth/access_token", params={**exchange, "redirect_uri": REDIRECT_URI + "x"}
        )
        assert (_error(other)["code"], _error(other)["error_subcode"]) == (100, 36008)
        short = http.get(f"{graph}/oauth/access_token", params=exchange).json()
        assert short["access_token"].startswith("EAA") and short["token_type"] == "bearer"
        used = http.get(f"{graph}/oauth/access_token", params=exchange)
        assert (_error(used)["code"], _error(used)["error_subcode"]) == (100, 36009)

        long = http.get(
            f"{graph}/oauth/access_token",
            params={
                "grant_type": "fb_exchange_token",
                "client_id": client_id,
                "client_secret": secret,
                "fb_exchange_token": short["access_token"],
            },
        ).json()
        token = long["access_token"]
        fields = "id,name,access_token,instagram_business_account{id,username,profile_picture_url}"
        first = http.get(f"{graph}/me/accounts", params={"fields": fields, "access_token": token}).json()
        assert len(first["data"]) == 2 and "next" in first["paging"]
        rest = http.get(
            f"{graph}/me/accounts",
            params={"fields": fields, "access_token": token, "after": first["paging"]["cursors"]["after"]},
        ).json()
        assert "next" not in rest.get("paging", {})
        pages = first["data"] + rest["data"]
        assert [p["name"] for p in pages] == ["Acme Coffee", "Studio Lumen", "Corner Bakery"]
        assert "instagram_business_account" not in pages[2]

        businesses = http.get(f"{graph}/me/businesses", params={"access_token": token}).json()["data"]
        owned = http.get(
            f"{graph}/{businesses[0]['id']}/owned_pages", params={"fields": fields, "access_token": token}
        ).json()["data"]
        client_pages = http.get(
            f"{graph}/{businesses[0]['id']}/client_pages", params={"fields": "id,name", "access_token": token}
        ).json()["data"]
        assert [p["name"] for p in owned + client_pages] == ["Northwind Outfitters", "Harbor Florist"]

        ig_id = pages[0]["instagram_business_account"]["id"]
        account = http.get(
            f"{graph}/{ig_id}",
            params={"fields": "id,username,followers_count", "access_token": pages[0]["access_token"]},
        ).json()
        assert account["username"] == "acme_coffee" and account["id"] == ig_id

        permissions = http.get(f"{graph}/me/permissions", params={"access_token": token}).json()["data"]
        assert {p["permission"] for p in permissions if p["status"] == "granted"} == set(SCOPES.split(","))

        me = http.get(f"{graph}/me", params={"access_token": token}).json()
        revoked = http.delete(
            f"{graph}/{me['id']}/permissions", params={"access_token": f"{client_id}|{secret}"}
        )
        assert revoked.status_code == 200 and revoked.json() in (True, {"success": True})
        dead = http.get(f"{graph}/{ig_id}", params={"fields": "id", "access_token": pages[0]["access_token"]})
        assert (_error(dead)["code"], _error(dead)["error_subcode"]) == (190, 458)

        igaa = http.get(f"{graph}/me/accounts", params={"access_token": "IGAASBX" + "a" * 60})
        assert _error(igaa)["message"] == "Invalid OAuth access token - Cannot parse access token"
