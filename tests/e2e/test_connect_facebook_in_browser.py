"""Connecting through Facebook Login with a real browser: Chromium answers the Facebook dialog.

Chromium follows the app's link to the sandbox's Facebook half, chooses the person, unticks one
Page, presses Allow and is sent back to the loopback listener with ``#_=_``; the app then finds the
Page-linked accounts and connects the chosen ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import httpx

from desktop.core.facebook.discovery import NOT_LINKED
from desktop.core.services import Services
from tests.e2e.chromium import Chromium

LANDING_RE = re.compile(r"/(done|cancelled|error)(#_(=_)?)?$")
LUMEN_PAGE = "202000000000002"


@dataclass
class FacebookVisit:
    title: str = ""
    people: list[str] = field(default_factory=list)
    ticked_pages: list[str] = field(default_factory=list)
    final_url: str = ""
    final_heading: str = ""
    console_errors: list[str] = field(default_factory=list)


def facebook_job(start_url: str, person: str, untick_pages: tuple[str, ...], action: str = "Allow") -> Any:
    def job(context: Any) -> FacebookVisit:
        context.clear_cookies()
        page = context.new_page()
        visit = FacebookVisit()
        page.on("console", lambda message: _note_console(visit, message))
        try:
            page.goto(start_url)
            page.wait_for_selector("form select[name=account]")
            visit.title = page.title()
            visit.people = page.eval_on_selector_all(
                "select[name=account] option", "os => os.map(o => o.value)"
            )
            page.select_option("select[name=account]", person)
            for page_id in untick_pages:
                page.uncheck(f"input[name=page][value='{page_id}']")
            visit.ticked_pages = page.eval_on_selector_all(
                "input[name=page]:checked", "boxes => boxes.map(b => b.value)"
            )
            page.get_by_role("button", name=action, exact=True).click()
            page.wait_for_url(LANDING_RE)
            page.wait_for_load_state("load")
            visit.final_url = page.url
            visit.final_heading = page.inner_text("h1")
            return visit
        finally:
            page.close()

    return job


def _note_console(visit: FacebookVisit, message: Any) -> None:
    where = str((message.location or {}).get("url", ""))
    if message.type == "error" and not where.endswith("/favicon.ico"):
        visit.console_errors.append(f"{message.text} ({where})")


def test_chromium_connects_page_linked_accounts_through_the_facebook_dialog(
    services: Services, chromium: Chromium
) -> None:
    attempt = services.facebook.start_connect(services.workspaces.default().id)
    visit_future = chromium.submit(facebook_job(attempt.start_url, "maria.agency", (LUMEN_PAGE,)))
    try:
        found = attempt.wait(timeout=40)
    except BaseException:
        visit_future.result(timeout=40)
        raise
    visit = visit_future.result(timeout=40)

    assert "Facebook sandbox" in visit.title
    assert visit.people == ["maria.agency", "paul.personal"]
    assert LUMEN_PAGE not in visit.ticked_pages
    landed = httpx.URL(visit.final_url)
    assert landed.host == "localhost" and landed.path == "/done" and not landed.query
    assert landed.fragment in ("", "_=_")  # Facebook's "#_=_", kept by the browser across the redirect
    assert visit.final_heading == "Finishing in Socialdesk"  # the choice of accounts is made in the app
    assert visit.console_errors == []

    assert [c.username for c in found.candidates] == ["acme_coffee", "northwind_outfitters", "harbor.florist"]
    assert [(p.page_name, p.reason) for p in found.problems] == [("Corner Bakery", NOT_LINKED)]
    views = services.facebook.connect(found, [c.ig_user_id for c in found.candidates])
    assert {v.via for v in views} == {"facebook"}
    assert sorted(v.username for v in services.connections.list_all()) == [
        "acme_coffee",
        "harbor.florist",
        "northwind_outfitters",
    ]


def test_cancel_in_the_facebook_dialog_is_access_denied(services: Services, chromium: Chromium) -> None:
    attempt = services.facebook.start_connect(services.workspaces.default().id)
    visit = chromium.submit(facebook_job(attempt.start_url, "maria.agency", (), action="Cancel"))
    try:
        attempt.wait(timeout=40)
        raise AssertionError("a cancelled dialog must not connect")
    except Exception as error:
        assert getattr(error, "code", None) == "access_denied"
    assert httpx.URL(visit.result(timeout=40).final_url).path == "/cancelled"
    assert services.connections.list_all() == []
