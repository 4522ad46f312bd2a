"""A sandbox user: fills the sandbox consent form over real HTTP, as a person would.

It follows the app's link (the listener's /start trampoline), reads the consent page's form by its
documented contract (hidden fields, ``<select name="account">``, ``scope`` checkboxes, ``action``
buttons), submits it, and follows the redirect back to the app's loopback listener. The screenshot
renderer and the tests use it; it talks only to the local sandbox. Like a browser, it checks the
listener's certificate: it trusts the local CA only when handed its PEM (``ca_pem``), as a browser
does once the user has trusted it. It keeps its cookies from one dialog to the next (so Instagram's
session carries over) and sends the Fetch Metadata headers of a top-level navigation.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin

import httpx

#: What a browser sends when the user's window navigates to a page (Fetch Metadata).
NAVIGATION_HEADERS = {
    "Sec-Fetch-Mode": "navigate",
    "Sec-Fetch-Dest": "document",
    "Sec-Fetch-Site": "cross-site",
}


@dataclass
class ConsentForm:
    action: str = ""
    hidden: dict[str, str] = field(default_factory=dict)
    accounts: list[str] = field(default_factory=list)
    scopes: list[str] = field(default_factory=list)
    #: The Facebook dialog's ``page`` checkboxes (Page ids), in page order.
    pages: list[str] = field(default_factory=list)
    buttons: list[str] = field(default_factory=list)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.form: ConsentForm | None = None
        self._in_select = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post" and self.form is None:
            self.form = ConsentForm(action=a.get("action", ""))
        if self.form is None:
            return
        if tag == "input" and a.get("type") == "hidden":
            self.form.hidden[a.get("name", "")] = a.get("value", "")
        elif tag == "input" and a.get("type") == "checkbox" and a.get("name") == "scope":
            self.form.scopes.append(a.get("value", ""))
        elif tag == "input" and a.get("type") == "checkbox" and a.get("name") == "page":
            self.form.pages.append(a.get("value", ""))
        elif tag == "select" and a.get("name") == "account":
            self._in_select = True
        elif tag == "option" and self._in_select:
            self.form.accounts.append(a.get("value", ""))
        elif tag == "button" and a.get("name") == "action":
            self.form.buttons.append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._in_select = False


def parse_consent_form(html: str) -> ConsentForm:
    parser = _FormParser()
    parser.feed(html)
    if parser.form is None:
        raise ValueError("no consent form on the page")
    return parser.form


@dataclass
class ConsentOutcome:
    consent_status: int
    redirect_location: str | None
    final_status: int | None
    final_url: str | None


@dataclass
class ConsentBot:
    account: str = "acme_business"
    action: str = "allow"
    untick: tuple[str, ...] = ()
    #: Page ids to untick in the Facebook dialog.
    untick_pages: tuple[str, ...] = ()
    #: Stop before delivering the redirect to the app (to test pasting it instead).
    deliver: bool = True
    outcomes: list[ConsentOutcome] = field(default_factory=list)
    #: The browser's cookie jar, kept across :meth:`open` calls as a browser profile keeps it.
    cookies: httpx.Cookies = field(default_factory=httpx.Cookies)
    #: The local CA to trust for the listener's https address (``None``: the system's roots only).
    ca_pem: str | None = None

    def _verify(self) -> ssl.SSLContext | bool:
        if self.ca_pem is None:
            return True
        return ssl.create_default_context(cadata=self.ca_pem)

    def open(self, start_url: str) -> ConsentOutcome:
        """Follow the app's link, fill the consent form and (with ``deliver``) return to the app.

        Raises ``ValueError`` when a page is not what the protocol says, and httpx errors as they come.
        """
        with httpx.Client(
            timeout=20.0,
            follow_redirects=False,
            verify=self._verify(),
            trust_env=False,
            cookies=self.cookies,
            headers=NAVIGATION_HEADERS,
        ) as http:
            try:
                return self._open(http, start_url)
            finally:
                self.cookies = httpx.Cookies(http.cookies)

    def _open(self, http: httpx.Client, start_url: str) -> ConsentOutcome:
        trampoline = http.get(start_url)
        if trampoline.status_code not in (302, 303, 307):
            raise ValueError(f"the app's link answered {trampoline.status_code}, not a redirect")
        authorize_url = trampoline.headers["location"]
        page = http.get(authorize_url)
        if page.status_code in (302, 303) and page.headers.get("location"):
            # Instagram skipped the dialog: an existing grant for the signed-in account.
            return self._deliver(http, page.status_code, page.headers["location"])
        if page.status_code != 200:
            outcome = ConsentOutcome(page.status_code, None, None, None)
            self.outcomes.append(outcome)
            return outcome
        form = parse_consent_form(page.text)
        data: list[tuple[str, str]] = list(form.hidden.items())
        if form.accounts:  # the sign-in picker; a signed-in session shows no choice
            data.append(("account", self.account))
        data += [("scope", scope) for scope in form.scopes if scope not in self.untick]
        data += [("page", page) for page in form.pages if page not in self.untick_pages]
        data.append(("action", self.action))
        target = urljoin(str(page.url), form.action) if form.action else str(page.url)
        decision = http.post(
            target,
            content=urlencode(data),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        location = decision.headers.get("location")
        if location is None:
            outcome = ConsentOutcome(decision.status_code, None, None, None)
            self.outcomes.append(outcome)
            return outcome
        return self._deliver(http, decision.status_code, location)

    def _deliver(self, http: httpx.Client, status: int, location: str) -> ConsentOutcome:
        outcome = ConsentOutcome(status, location, None, None)
        if self.deliver:
            back = http.get(location, follow_redirects=True)
            outcome = ConsentOutcome(status, location, back.status_code, str(back.url))
        self.outcomes.append(outcome)
        return outcome
