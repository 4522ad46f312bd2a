"""Connecting through Facebook Login end to end: embedded sandbox, loopback listener, real SQLite."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from sqlalchemy import update

from desktop.commands.connections import _print_report, revocation_line
from desktop.core import i18n
from desktop.core.connections import OUTBOX_MAX_ATTEMPTS
from desktop.core.errors import FACEBOOK_INTEGRATIONS_URL, SocialdeskError, lookup
from desktop.core.facebook.discovery import NOT_LINKED, NOT_TICKED, Discovery
from desktop.core.sandbox.facebook import FacebookSandbox
from desktop.core.services import Services
from desktop.core.store import connections as repo
from desktop.core.store.errors import transaction
from desktop.core.store.models import RevocationOutbox
from tests.integration.conftest import BrowserThread
from tests.support.consent import ConsentBot
from tests.support.tls import ca_pem

LUMEN_PAGE = "202000000000002"
ACME, LUMEN, NORTHWIND, HARBOR = "acme_coffee", "studio.lumen", "northwind_outfitters", "harbor.florist"


def discover(services: Services, bot: ConsentBot | None = None) -> Discovery:
    attempt = services.facebook.start_connect(services.workspaces.default().id)
    bot = bot or ConsentBot(account="maria.agency")
    if bot.ca_pem is None:
        bot.ca_pem = ca_pem(services)  # the browser trusts the listener's local CA, as after "trust now"
    browser = BrowserThread(bot, attempt.start_url)
    try:
        return attempt.wait(timeout=30)
    finally:
        browser.join()


def fb(services: Services) -> FacebookSandbox:
    assert services.facebook_sandbox is not None
    return services.facebook_sandbox


def test_one_consent_reaches_every_page_linked_account(services: Services) -> None:
    found = discover(services)
    assert [c.username for c in found.candidates] == [ACME, LUMEN, NORTHWIND, HARBOR]
    assert {c.username: c.page_name for c in found.candidates}[NORTHWIND] == "Northwind Outfitters"
    assert {c.username: c.business_name for c in found.candidates}[HARBOR] == "Northwind Group"
    assert all(
        c.profile_picture_url for c in found.candidates
    )  # read with /{ig-user-id} in the observed shape
    assert [(p.page_name, p.reason) for p in found.problems] == [("Corner Bakery", NOT_LINKED)]
    views = services.facebook.connect(found, [c.ig_user_id for c in found.candidates])
    assert [(v.username, v.via, v.page_name) for v in views][:2] == [
        (ACME, "facebook", "Acme Coffee"),
        (LUMEN, "facebook", "Studio Lumen"),
    ]
    assert all(v.expires_at is None and "instagram_content_publish" in v.scopes for v in views)
    listed = services.connections.list(services.workspaces.default().id)
    assert {v.username for v in listed} == {ACME, LUMEN, NORTHWIND, HARBOR}
    # Each row holds its own Page token, sealed; the plaintext is nowhere in the database file.
    with transaction(services.storage.sessions) as session:
        tokens = [repo.read_token(session, services.storage.vault, c) for c in repo.list_all(session)]
    assert len({t.reveal() for t in tokens}) == 4
    assert all(fb(services).provider.token_status(t.reveal())["kind"] == "page" for t in tokens)
    database = services.env.database_file.read_bytes()
    assert all(t.reveal().encode() not in database for t in tokens)


def test_only_the_chosen_accounts_are_connected(services: Services) -> None:
    found = discover(services)
    chosen = [c.ig_user_id for c in found.candidates if c.username == LUMEN]
    views = services.facebook.connect(found, chosen)
    assert [v.username for v in views] == [LUMEN]
    assert [v.username for v in services.connections.list(views[0].workspace_id)] == [LUMEN]


def test_a_page_unticked_on_reconnect_is_named(services: Services) -> None:
    found = discover(services)
    services.facebook.connect(found, [c.ig_user_id for c in found.candidates])
    again = discover(services, ConsentBot(account="maria.agency", untick_pages=(LUMEN_PAGE,)))
    assert LUMEN not in [c.username for c in again.candidates]
    assert ("Studio Lumen", NOT_TICKED) in [(p.page_name, p.reason) for p in again.problems]
    assert all(c.connected for c in again.candidates)


def test_personal_only_person_gets_no_business_account_with_reasons(services: Services) -> None:
    with pytest.raises(SocialdeskError) as refused:
        discover(services, ConsentBot(account="paul.personal"))
    assert refused.value.code == "instagram_no_business_account"
    assert "Paul's Garage: No Instagram Business or Creator account is linked" in refused.value.detail
    assert "not ticked" in refused.value.detail
    assert fb(services).provider.revoked_count() > 0  # the unused grant was withdrawn


def test_declined_permission_is_scope_rejected_and_retry_rerequests(services: Services) -> None:
    with pytest.raises(SocialdeskError) as refused:
        discover(services, ConsentBot(account="maria.agency", untick=("instagram_content_publish",)))
    assert refused.value.code == "scope_rejected"
    assert "instagram_content_publish" in refused.value.detail
    assert services.facebook.will_rerequest
    attempt = services.facebook.start_connect(services.workspaces.default().id)
    try:
        assert "auth_type=rerequest" in attempt._flow.authorize_url
    finally:
        attempt.cancel()
    assert len(discover(services).candidates) == 4
    assert not services.facebook.will_rerequest


def test_cancel_is_access_denied(services: Services) -> None:
    with pytest.raises(SocialdeskError) as refused:
        discover(services, ConsentBot(account="maria.agency", action="deny"))
    assert refused.value.code == "access_denied"


def test_expired_link_is_state_expired(services: Services) -> None:
    attempt = services.facebook.start_connect(services.workspaces.default().id)
    assert services.sandbox is not None
    services.sandbox.advance_clock(timedelta(minutes=11))
    with pytest.raises(SocialdeskError) as expired:
        attempt.wait(timeout=10)
    assert expired.value.code == "state_expired"


def test_transient_failure_is_network_error(services: Services) -> None:
    fb(services).inject_fault("status", endpoint="/me/accounts", status=503)
    with pytest.raises(SocialdeskError) as failed:
        discover(services)
    assert failed.value.code == "network_error"
    assert services.connections.list(services.workspaces.default().id) == []


def test_partial_disconnect_keeps_the_grant_for_the_others(services: Services) -> None:
    found = discover(services)
    picked = [c for c in found.candidates if c.username in {ACME, LUMEN}]
    services.facebook.connect(found, [c.ig_user_id for c in picked])
    ws = services.workspaces.default().id
    first = services.connections.disconnect(ws, picked[0].ig_user_id)
    assert not first.revoked_at_provider
    assert first.kept_alive_by == ("@studio.lumen in 'My workspace'",)
    assert [v.username for v in services.connections.list(ws)] == [LUMEN]
    assert picked[0].token is not None
    assert fb(services).provider.token_status(picked[0].token.reveal())["status"] == "active"
    last = services.connections.disconnect(ws, picked[1].ig_user_id)
    assert last.revoked_at_provider and last.kept_alive_by == ()
    assert fb(services).provider.token_status(picked[0].token.reveal())["status"] == "revoked"
    with sqlite3.connect(services.env.database_file) as db:
        assert db.execute("SELECT count(*) FROM token_records").fetchone() == (0,)


def test_revoke_waits_in_the_outbox_when_facebook_is_unreachable(services: Services) -> None:
    found = discover(services)
    account = found.candidates[0]
    services.facebook.connect(found, [account.ig_user_id])
    ws = services.workspaces.default().id
    fb(services).inject_fault("status", endpoint="/{id}/permissions", count=8, status=503)
    outcome = services.connections.disconnect(ws, account.ig_user_id)
    assert not outcome.revoked_at_provider and services.connections.list(ws) == []
    assert services.connections.pending_revocations(ws) == [ACME]
    [pending] = services.connections.revocations(ws)
    assert revocation_line(pending) == f"@{ACME}\trevocation pending at Facebook"
    fb(services).faults.clear()
    assert services.sandbox is not None
    services.sandbox.advance_clock(timedelta(hours=1))
    report = services.connections.retry_outbox()
    assert (report.revoked, report.still_pending) == (1, 0)
    assert account.token is not None
    assert fb(services).provider.token_status(account.token.reveal())["status"] == "revoked"


def _disconnect_with_its_revoke_refused(services: Services) -> int:
    """Connect the first account, then disconnect it while Facebook refuses the revoke; the workspace."""
    found = discover(services)
    account = found.candidates[0]
    services.facebook.connect(found, [account.ig_user_id])
    ws = services.workspaces.default().id
    # An error the client does not retry on its own, so each outbox attempt is one request.
    fb(services).inject_fault("error", endpoint="/{id}/permissions", graph_code=2500)
    services.connections.disconnect(ws, account.ig_user_id)
    return ws


def test_facebook_revoke_retries_stop_at_the_cap_in_the_same_final_state(services: Services) -> None:
    """As for Instagram: about a week of retries, then the row asks for removal by hand."""
    ws = _disconnect_with_its_revoke_refused(services)
    assert services.sandbox is not None
    for _ in range(OUTBOX_MAX_ATTEMPTS + 3):
        services.sandbox.advance_clock(timedelta(days=1, minutes=1))
        services.connections.retry_outbox()
    requests = fb(services).request_count("/{id}/permissions")
    assert requests == OUTBOX_MAX_ATTEMPTS
    [entry] = services.connections.revocations()
    assert (entry.username, entry.state, entry.attempts) == (ACME, "gave_up", OUTBOX_MAX_ATTEMPTS - 1)
    assert entry.remove_by_hand and entry.last_error_code == "provider_error"
    # A Facebook Login grant is removed in Facebook's Business Integrations, not at Instagram.
    assert entry.via == "facebook"
    line = revocation_line(entry)
    assert f"remove by hand: Open {FACEBOOK_INTEGRATIONS_URL} (Business Integrations)" in line
    assert "instagram.com" not in line
    assert (
        lookup("revoke_gave_up_facebook").message
        == "Socialdesk stopped trying to remove its access at Facebook."
    )
    services.sandbox.advance_clock(timedelta(days=3))
    report = services.connections.retry_outbox()
    assert (report.revoked, report.still_pending) == (0, 0)
    assert fb(services).request_count("/{id}/permissions") == requests  # no more tries
    services.connections.dismiss_revocation(ws, "@" + ACME)
    assert services.connections.revocations() == []


def test_refresh_speaks_of_revocations_without_naming_instagram_for_a_facebook_grant(
    services: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    _disconnect_with_its_revoke_refused(services)
    with transaction(services.storage.sessions) as session:  # a week of failed tries behind it
        session.execute(update(RevocationOutbox).values(attempts=OUTBOX_MAX_ATTEMPTS - 2))
    assert services.sandbox is not None
    lifecycle = services.lifecycle()
    printed = []
    reports = []
    for _ in range(2):
        services.sandbox.advance_clock(timedelta(days=1, minutes=1))
        reports.append(lifecycle.run())
        _print_report(reports[-1], services.clock.now())
        printed.append(capsys.readouterr().out)

    assert "Revocations of disconnected accounts: 0 done, 1 still pending." in printed[0].splitlines()
    assert "Revocations of disconnected accounts: 0 done, 0 still pending." in printed[1].splitlines()
    assert (
        "  Facebook Login accounts no longer retried: 1. "
        f"Open {FACEBOOK_INTEGRATIONS_URL} (Business Integrations), find Socialdesk and choose Remove."
    ) in printed[1].splitlines()
    assert all("at Instagram" not in text and "instagram.com" not in text for text in printed)
    i18n.set_language("de")
    try:
        _print_report(reports[1], services.clock.now())
    finally:
        i18n.set_language("en")
    german = capsys.readouterr().out.splitlines()
    assert "Widerrufe für getrennte Konten: 0 erledigt, 0 noch offen." in german
    assert any(
        line.startswith("  Über Facebook Login verbundene Konten") and "Öffnen Sie" in line for line in german
    )


def test_sweep_verifies_page_tokens_at_facebook_only(services: Services) -> None:
    found = discover(services)
    services.facebook.connect(found, [c.ig_user_id for c in found.candidates])
    assert services.sandbox is not None
    instagram_me = services.sandbox.request_count("/me")
    lifecycle = services.lifecycle()
    report = lifecycle.run()
    assert {o.outcome for o in report.outcomes} == {"verified"}
    assert services.sandbox.request_count("/me") == instagram_me  # no Page token went to Instagram
    services.sandbox.advance_clock(timedelta(days=2))
    fb(services).provider.person_event("maria.agency", "password_changed")
    report = lifecycle.run()
    assert {o.outcome for o in report.outcomes} == {"needs_reconnect"}
    rows = services.connections.list(services.workspaces.default().id)
    assert {r.status for r in rows} == {"needs_reconnect"}
    # Nothing of the Facebook path ever reached the Instagram half (only profile pictures might).
    assert set(services.sandbox.request_counts()) <= {"/_sandbox/media"}


def test_no_token_code_or_secret_reaches_the_log(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    found = discover(services)
    services.facebook.connect(found, [c.ig_user_id for c in found.candidates])
    ws = services.workspaces.default().id
    for candidate in found.candidates:
        services.connections.disconnect(ws, candidate.ig_user_id)
    text = caplog.text
    assert "EAASBX" not in text and "IGAASBX" not in text
    assert fb(services).client_secret.reveal() not in text
    assert all(c.token is not None and c.token.reveal() not in text for c in found.candidates)
    assert "fb_exchange_token=" not in text or "fb_exchange_token=**********" in text
