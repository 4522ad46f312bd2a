"""Driving the sandbox by its documented contract: the consent form, then the token endpoints."""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from desktop.core.clock import Clock
from desktop.core.instagram.scopes import REQUIRED_SCOPES
from desktop.core.sandbox import SandboxServer

REDIRECT_URI = "https://localhost:8765/callback/"


@dataclass
class Form:
    method: str = ""
    action: str = ""
    hidden: dict[str, str] = field(default_factory=dict)
    accounts: list[str] = field(default_factory=list)
    selected_account: str | None = None
    scopes: list[tuple[str, bool]] = field(default_factory=list)
    buttons: list[str] = field(default_factory=list)


class FormParser(HTMLParser):
    """Reads the consent form exactly as the README documents it."""

    def __init__(self) -> None:
        super().__init__()
        self.form: Form | None = None
        self._in_select = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.form = Form(method=a.get("method", ""), action=a.get("action", ""))
        if self.form is None:
            return
        if tag == "input" and a.get("type") == "hidden":
            self.form.hidden[a["name"]] = a.get("value", "")
        elif tag == "input" and a.get("type") == "checkbox" and a.get("name") == "scope":
            self.form.scopes.append((a["value"], "checked" in dict(attrs)))
        elif tag == "select" and a.get("name") == "account":
            self._in_select = True
        elif tag == "option" and self._in_select:
            self.form.accounts.append(a["value"])
            if "selected" in dict(attrs):
                self.form.selected_account = a["value"]
        elif tag == "button" and a.get("name") == "action":
            self.form.buttons.append(a["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._in_select = False


def parse_form(html: str) -> Form:
    parser = FormParser()
    parser.feed(html)
    assert parser.form is not None, "no form on the page"
    return parser.form


def authorize_url(
    sandbox: SandboxServer,
    *,
    redirect_uri: str = REDIRECT_URI,
    scopes: Sequence[str] = REQUIRED_SCOPES,
    state: str | None = "xyz-state",
    client_id: str | None = None,
    force_authentication: bool = False,
) -> str:
    params = {
        "client_id": client_id or sandbox.credentials.client_id,
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "scope": ",".join(scopes),
    }
    if state is not None:
        params["state"] = state
    if force_authentication:
        params["force_authentication"] = "1"
    return f"{sandbox.base_url}/oauth/authorize?{urlencode(params)}"


def decide(
    http: httpx.Client,
    sandbox: SandboxServer,
    *,
    account: str = "acme_business",
    action: str = "allow",
    untick: Sequence[str] = (),
    **authorize: object,
) -> httpx.Response:
    """Open the consent page, fill it in as a person would, submit; returns the POST's answer.

    ``http`` is the browser: its cookies keep Instagram's session. When the dialog continues as a
    different signed-in account, the dialog is opened again with ``force_authentication=1``, as an
    app's "Switch account" would. A dialog Instagram skips (an existing grant) returns its redirect.
    """
    last = _SIGNED_IN.get(http)
    if last is not None and last != account:
        authorize = {**authorize, "force_authentication": True}
    page = http.get(authorize_url(sandbox, **authorize))  # type: ignore[arg-type]
    if page.status_code == 302:
        return page
    signed_in = signed_in_as(page.text)
    if signed_in is not None and signed_in != account:
        page = http.get(authorize_url(sandbox, **{**authorize, "force_authentication": True}))  # type: ignore[arg-type]
    assert page.status_code == 200, page.text
    if action == "allow":
        _SIGNED_IN[http] = account
    form = parse_form(page.text)
    data: dict[str, str | list[str]] = dict(form.hidden)
    if form.accounts:
        data["account"] = account
    data["scope"] = [scope for scope, _ in form.scopes if scope not in untick]
    data["action"] = action
    return http.post(f"{sandbox.base_url}{form.action}", data=data)


#: Which account each test browser last signed in as, so a test asking for another one switches.
_SIGNED_IN: weakref.WeakKeyDictionary[httpx.Client, str] = weakref.WeakKeyDictionary()


def signed_in_as(page: str) -> str | None:
    """The account a consent page continues as when the browser is signed in (no picker)."""
    match = re.search(r'<p id="signed-in-account">Continue as <strong>@([^<]+)</strong>', page)
    return match.group(1) if match else None


def redirect_params(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    assert location.endswith("#_")
    return {name: values[0] for name, values in parse_qs(urlsplit(location).query).items()}


def obtain_code(http: httpx.Client, sandbox: SandboxServer, **kwargs: object) -> str:
    return redirect_params(decide(http, sandbox, **kwargs))["code"]  # type: ignore[arg-type]


def exchange(
    http: httpx.Client,
    sandbox: SandboxServer,
    code: str,
    *,
    redirect_uri: str = REDIRECT_URI,
    secret: str | None = None,
) -> httpx.Response:
    credentials = sandbox.credentials
    return http.post(
        f"{sandbox.api_url}/oauth/access_token",
        data={
            "client_id": credentials.client_id,
            "client_secret": secret if secret is not None else credentials.client_secret.reveal(),
            "grant_type": "authorization_code",
            "redirect_uri": redirect_uri,
            "code": code,
        },
    )


def short_token(http: httpx.Client, sandbox: SandboxServer, **kwargs: object) -> str:
    response = exchange(http, sandbox, obtain_code(http, sandbox, **kwargs))
    assert response.status_code == 200, response.text
    body = response.json()
    record = body["data"][0] if "data" in body else body
    return str(record["access_token"])


def long_token(http: httpx.Client, sandbox: SandboxServer, **kwargs: object) -> str:
    short = short_token(http, sandbox, **kwargs)
    response = http.get(
        f"{sandbox.graph_url}/access_token",
        params={
            "grant_type": "ig_exchange_token",
            "client_secret": sandbox.credentials.client_secret.reveal(),
            "access_token": short,
        },
    )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def me(
    http: httpx.Client, sandbox: SandboxServer, token: str, fields: str = "user_id,username"
) -> httpx.Response:
    return http.get(f"{sandbox.graph_url}/v25.0/me", params={"fields": fields, "access_token": token})


def refresh(http: httpx.Client, sandbox: SandboxServer, token: str) -> httpx.Response:
    return http.get(
        f"{sandbox.graph_url}/refresh_access_token",
        params={"grant_type": "ig_refresh_token", "access_token": token},
    )


def graph_error(response: httpx.Response) -> tuple[int, int | None]:
    error = response.json()["error"]
    return error["code"], error.get("error_subcode")


@contextmanager
def running_sandbox(state_dir: Path, clock: Clock, **kwargs: object) -> Iterator[SandboxServer]:
    kwargs.setdefault("redirect_uris", [REDIRECT_URI])
    server = SandboxServer(state_dir, clock=clock, **kwargs)  # type: ignore[arg-type]
    with server:
        yield server


def thread_snapshot() -> set[threading.Thread]:
    return set(threading.enumerate())


def files_text(folder: Path) -> str:
    """Every byte the sandbox keeps in ``folder`` (its SQLite file and journal included), as text."""
    return "\n".join(
        path.read_bytes().decode("latin-1") for path in sorted(folder.rglob("*")) if path.is_file()
    )
