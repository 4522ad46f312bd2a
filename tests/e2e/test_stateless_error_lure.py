"""Another web site sends the browser to the app's callback with an error and words of its own.

Real Chromium, real cross-site navigation (so the browser sends the Fetch Metadata of a page load,
exactly what Meta's own redirect carries): the app's page must show none of the site's words, and
the connect attempt goes on (the app asks the user), so the real Allow that follows still connects.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from desktop.core.oauth.listener import STATELESS_ERROR_TEXT
from desktop.core.services import Services
from tests.e2e.chromium import Chromium, Consent, consent_job
from tests.integration.conftest import start

LURE = "Your Instagram account is suspended. Call +1 555 0100 now"


@pytest.fixture
def lure_site(services: Services) -> Iterator[str]:
    """A page on another origin (127.0.0.1, not localhost) that navigates to the app's callback."""
    callback = services.connections.redirect_uri
    target = f"{callback}?error=access_denied&error_reason=user_denied&error_description={quote(LURE)}"
    body = f'<!doctype html><title>lure</title><script>location.href = "{target}";</script>'.encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_a_cross_site_error_navigation_shows_no_foreign_text_and_ends_nothing(
    services: Services, chromium: Chromium, lure_site: str
) -> None:
    attempt = start(services)
    reported = threading.Event()
    attempt.on_stateless_error(reported.set)
    callback = services.connections.redirect_uri

    def visit_lure(context: Any) -> tuple[str, str]:
        page = context.new_page()
        try:
            page.goto(lure_site)
            page.wait_for_url(lambda url: url.startswith(callback))
            page.wait_for_load_state("load")
            return page.url, page.inner_text("body")
        finally:
            page.close()

    url, text = chromium.call(visit_lure)

    assert url.startswith(callback)
    assert "suspended" not in text and "555" not in text
    assert STATELESS_ERROR_TEXT.split(":")[0] in text
    assert reported.wait(10)
    assert attempt.stateless_error_seen and not attempt.ended
    with pytest.raises(TimeoutError):
        attempt.wait(timeout=0.5)

    visit = chromium.submit(consent_job(attempt.start_url, Consent()))
    view = attempt.wait(timeout=40)
    assert view.username == "acme_business"
    assert visit.result(timeout=40).final_url.split("#")[0].endswith("/done")
