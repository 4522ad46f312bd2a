"""The connect flow with a real browser: Chromium opens the app's link and clicks the consent page.

The app side is the real core (listener, sandbox, vault, SQLite); the browser side is Debian's
Chromium, so redirects, the ``#_`` fragment, ``localhost`` resolution, the listener's
Content-Security-Policy and its landing pages are exercised as a person's browser meets them.
"""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from desktop.core.errors import CATALOGUE, SocialdeskError
from desktop.core.instagram.scopes import REQUIRED_SCOPES
from desktop.core.oauth.listener import STATELESS_ERROR_TEXT
from desktop.core.services import Services
from desktop.core.store import connections as repo
from desktop.core.store.errors import transaction
from desktop.core.views import ConnectionView
from tests.e2e.chromium import Chromium, Consent, Visit, consent_job
from tests.integration.conftest import start

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def connect_in_browser(
    services: Services, chromium: Chromium, consent: Consent
) -> tuple[ConnectionView, Visit]:
    attempt = start(services)
    visit = chromium.submit(consent_job(attempt.start_url, consent))
    try:
        view = attempt.wait(timeout=40)
    except BaseException:
        visit.result(timeout=40)  # surface a browser failure first: it explains the app's error
        raise
    return view, visit.result(timeout=40)


def refused_in_browser(
    services: Services, chromium: Chromium, consent: Consent
) -> tuple[SocialdeskError, Visit]:
    attempt = start(services)
    visit = chromium.submit(consent_job(attempt.start_url, consent))
    with pytest.raises(SocialdeskError) as caught:
        attempt.wait(timeout=40)
    return caught.value, visit.result(timeout=40)


def assert_nothing_stored(services: Services) -> None:
    assert services.connections.list_all() == []
    assert services.vault_status().record_count == 0


def assert_png(path: Path) -> None:
    data = path.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 2_000, path


def test_allow_connects_the_account_and_the_browser_lands_on_a_clean_done_page(
    services: Services, chromium: Chromium, tmp_path: Path
) -> None:
    view, visit = connect_in_browser(services, chromium, Consent(screenshot_dir=tmp_path))

    assert view.username == "acme_business"
    assert set(view.scopes) == set(REQUIRED_SCOPES)
    assert [c.username for c in services.connections.list_all()] == ["acme_business"]
    with transaction(services.storage.sessions) as session:
        row = repo.get_by_ig_user_id(session, view.workspace_id, view.ig_user_id)
        assert row is not None
        token = repo.read_token(session, services.storage.vault, row)
    assert services.sandbox is not None
    assert services.sandbox.token_status(token).status == "active"

    # The consent page the browser showed: every sandbox account to choose from, all scopes ticked.
    assert "Instagram sandbox" in visit.consent_title
    assert visit.account_options == ["acme_business", "northwind_shop", "studio.creator", "jane.personal"]
    assert set(visit.ticked_scopes) == set(REQUIRED_SCOPES)
    # It came back to the app's listener on localhost and ended on /done, with nothing in the address.
    landed = httpx.URL(visit.final_url)
    assert landed.host == "localhost"
    assert landed.port == httpx.URL(services.connections.redirect_uri).port
    assert landed.path == "/done"
    assert not landed.query
    assert landed.fragment in ("", "_")  # Meta's "#_", which the browser keeps across redirects
    # Only now, with the account stored and checked, does the browser say it is connected.
    assert visit.final_heading == "@acme_business is connected"
    assert f"“{view.workspace_name}”" in visit.final_text
    assert visit.final_title == "Connected — Socialdesk"
    # The inline stylesheet is allowed by its hash: a real browser applied it without a CSP report.
    assert visit.console_errors == []
    assert set(visit.screenshots) == {"consent", "landing"}
    for shot in visit.screenshots.values():
        assert_png(shot)


def test_another_business_account_can_be_chosen_in_the_select(services: Services, chromium: Chromium) -> None:
    view, _visit = connect_in_browser(services, chromium, Consent(account="studio.creator"))
    assert (view.username, view.account_type) == ("studio.creator", "MEDIA_CREATOR")


def test_cancel_is_access_denied_stores_nothing_and_says_so_in_the_browser(
    services: Services, chromium: Chromium, tmp_path: Path
) -> None:
    assert services.sandbox is not None
    services.sandbox.set_knobs(deny_redirect="with_state")  # without it the app asks (test below)
    error, visit = refused_in_browser(services, chromium, Consent(action="deny", screenshot_dir=tmp_path))

    assert error.code == "access_denied"
    assert_nothing_stored(services)
    assert httpx.URL(visit.final_url).path == "/cancelled"
    assert not httpx.URL(visit.final_url).query
    assert visit.final_heading == CATALOGUE["access_denied"].message
    assert "Nothing was connected" in visit.final_text
    assert visit.console_errors == []
    assert_png(visit.screenshots["landing"])


def test_cancel_without_the_state_ends_nothing_and_the_browser_shows_only_our_words(
    services: Services, chromium: Chromium, tmp_path: Path
) -> None:
    attempt = start(services)
    stays = re.compile(r"/callback/\?error=")
    visit = chromium.submit(
        consent_job(attempt.start_url, Consent(action="deny", screenshot_dir=tmp_path, lands_on=stays))
    )
    with pytest.raises(TimeoutError):
        attempt.wait(timeout=3)
    result = visit.result(timeout=40)
    assert attempt.stateless_error_seen and not attempt.ended
    assert STATELESS_ERROR_TEXT.split(":")[0] in result.final_text
    attempt.cancel()
    assert_nothing_stored(services)


@pytest.mark.parametrize("mode", ["account_type", "exchange"])
def test_choosing_the_personal_account_is_refused_and_nothing_is_stored(
    services: Services, chromium: Chromium, mode: str, tmp_path: Path
) -> None:
    assert services.sandbox is not None
    services.sandbox.set_personal_failure(mode)
    error, visit = refused_in_browser(
        services, chromium, Consent(account="jane.personal", screenshot_dir=tmp_path)
    )

    assert error.code == "instagram_no_business_account"
    assert error.message == "Connecting Instagram requires a Business or Creator account."
    assert_nothing_stored(services)
    assert httpx.URL(visit.final_url).path in {"/done", "/cancelled", "/error"}
    assert not httpx.URL(visit.final_url).query
    assert visit.console_errors == []
    # Whichever way Meta refuses, the browser never claims a connection; it gives the message and code.
    assert "connected" not in visit.final_heading.lower() or "not connected" in visit.final_heading.lower()
    if httpx.URL(visit.final_url).path == "/done":
        assert visit.final_heading == "Not connected"
        assert error.message in visit.final_text
        assert "(instagram_no_business_account)" in visit.final_text
        assert CATALOGUE["instagram_no_business_account"].action in visit.final_text


def test_an_unticked_permission_is_not_called_connected_in_the_browser(
    services: Services, chromium: Chromium
) -> None:
    error, visit = refused_in_browser(
        services, chromium, Consent(untick=("instagram_business_content_publish",))
    )
    assert error.code == "scope_rejected"
    assert_nothing_stored(services)
    assert httpx.URL(visit.final_url).path == "/done"
    assert visit.final_heading == "Not connected"
    assert CATALOGUE["scope_rejected"].message in visit.final_text
    assert "(scope_rejected)" in visit.final_text
    assert "Nothing was connected" in visit.final_text


def test_past_the_wait_the_browser_says_socialdesk_is_still_finishing(
    services: Services, chromium: Chromium, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("desktop.core.connections.RESULT_PAGE_WAIT", 0.5)
    assert services.sandbox is not None
    services.sandbox.inject_fault("latency", endpoint="/oauth/access_token", count=1, latency_ms=3_000)
    view, visit = connect_in_browser(services, chromium, Consent())
    # The connection did finish, after the page had honestly said it was not finished yet.
    assert view.username == "acme_business"
    assert httpx.URL(visit.final_url).path == "/done"
    assert visit.final_heading == "Finishing in Socialdesk"
    assert "connected" not in visit.final_heading.lower()
    assert "Return to Socialdesk" in visit.final_text
