"""The small pages the loopback listener shows in the browser, built from ``resources/pages``.

Every value put into a page is HTML-escaped; the stylesheet is inlined and allowed by its hash in the
Content-Security-Policy, so a page is complete the moment it arrives, even though the listener stops
right after serving it.
"""

from __future__ import annotations

import base64
import hashlib
import html
from dataclasses import dataclass
from pathlib import Path
from string import Template

from desktop.core.errors import CATALOGUE, lookup
from desktop.core.resources import resource_path

PAGE_NAMES = ("done", "failed", "finishing", "cancelled", "error", "link_expired", "neutral", "not_found")
#: For responses without a page (redirects): nothing may load at all.
EMPTY_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"


@dataclass(frozen=True, slots=True)
class Page:
    body: bytes
    content_security_policy: str


class Pages:
    """Renders the listener's pages; templates are read once, when the listener is built."""

    def __init__(self, base: str, css: str, fragments: dict[str, str]) -> None:
        missing = [name for name in PAGE_NAMES if name not in fragments]
        if missing:
            raise ValueError(f"missing page templates: {', '.join(missing)}")
        self._base = Template(base)
        self._fragments = {name: Template(text) for name, text in fragments.items()}
        self._css = css
        digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
        self._csp = (
            f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        )

    @classmethod
    def load(cls, folder: Path | None = None) -> Pages:
        where = folder or resource_path("pages")

        def read(name: str) -> str:
            return (where / name).read_text(encoding="utf-8")

        return cls(read("base.html"), read("style.css"), {name: read(f"{name}.html") for name in PAGE_NAMES})

    def done(self, username: str, workspace: str) -> Page:
        """The account really is connected: stored, checked, listed in the workspace."""
        return self._render("done", "Connected — Socialdesk", "ok", username=username, workspace=workspace)

    def failed(self, code: str) -> Page:
        """Instagram answered but the connection could not be made: the catalogue's words and code."""
        info = lookup(code)
        return self._render(
            "failed",
            "Not connected — Socialdesk",
            "warn",
            message=info.message,
            code=info.code,
            action=info.action,
        )

    def finishing(self) -> Page:
        """Instagram answered; Socialdesk has not finished within the wait (or the outcome is unknown)."""
        return self._render("finishing", "Finishing in Socialdesk", "quiet")

    def cancelled(self) -> Page:
        info = CATALOGUE["access_denied"]
        return self._render(
            "cancelled", "Cancelled — Socialdesk", "warn", message=info.message, action=info.action
        )

    def error(self, description: str | None) -> Page:
        text = description or "An error, without a description."
        return self._render("error", "Not connected — Socialdesk", "warn", description=text)

    def link_expired(self) -> Page:
        info = CATALOGUE["state_expired"]
        return self._render(
            "link_expired",
            "Link expired — Socialdesk",
            "warn",
            message=info.message,
            meaning=info.meaning,
            action=info.action,
        )

    def neutral(self) -> Page:
        return self._render("neutral", "Socialdesk", "quiet")

    def not_found(self) -> Page:
        return self._render("not_found", "Not found", "quiet")

    def _render(self, name: str, title: str, tone: str, **values: str) -> Page:
        escaped = {key: html.escape(value, quote=True) for key, value in values.items()}
        content = self._fragments[name].substitute(escaped)
        text = self._base.substitute(title=html.escape(title), tone=tone, css=self._css, content=content)
        return Page(text.encode("utf-8"), self._csp)
