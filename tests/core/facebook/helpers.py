"""The Facebook half of the sandbox, running, and a person answering its dialog over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import httpx

from desktop.core.clock import Clock
from desktop.core.sandbox.facebook import FacebookSandbox
from desktop.core.sandbox.user import parse_consent_form

REDIRECT_URI = "https://localhost:8765/callback/"


@contextmanager
def running_facebook(state_dir: Path, clock: Clock, **options: object) -> Iterator[FacebookSandbox]:
    sandbox = FacebookSandbox(state_dir, clock=clock, redirect_uris=[REDIRECT_URI], **options)  # type: ignore[arg-type]
    with sandbox:
        yield sandbox


def answer_dialog(
    authorize_url: str,
    *,
    person: str = "maria.agency",
    action: str = "allow",
    untick_scopes: tuple[str, ...] = (),
    untick_pages: tuple[str, ...] = (),
) -> httpx.Response:
    """Open the dialog, fill it as a person would and submit; returns the redirect (not followed)."""
    with httpx.Client(timeout=10.0, follow_redirects=False) as http:
        page = http.get(authorize_url)
        if page.status_code != 200:
            return page
        form = parse_consent_form(page.text)
        data = [*form.hidden.items(), ("account", person)]
        data += [("scope", s) for s in form.scopes if s not in untick_scopes]
        data += [("page", p) for p in form.pages if p not in untick_pages]
        data.append(("action", action))
        return http.post(
            urljoin(str(page.url), form.action),
            content=urlencode(data),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )


def code_from(reply: httpx.Response) -> str:
    location = reply.headers["location"]
    assert location.endswith("#_=_"), location
    return parse_qs(urlsplit(location).query)["code"][0]
