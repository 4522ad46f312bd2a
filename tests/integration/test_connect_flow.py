"""Connect and disconnect end to end: listener + embedded sandbox + real SQLite, over real HTTP."""

from __future__ import annotations

import logging
import socket
import threading
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from desktop.commands.connections import revocation_line
from desktop.core.connections import OUTBOX_MAX_ATTEMPTS
from desktop.core.errors import MANAGE_ACCESS_URL, NO_CALLBACK, SocialdeskError
from desktop.core.instagram.scopes import CONTENT_PUBLISH, MANAGE_INSIGHTS, REQUIRED_SCOPES
from desktop.core.oauth.flow import FlowCancelled
from desktop.core.secrets import SecretStr
from desktop.core.services import Services
from desktop.core.store import connections as repo
from desktop.core.store.engine import checkpoint
from desktop.core.store.errors import transaction
from tests.integration.conftest import BrowserThread, connect, start
from tests.support.canary import hits
from tests.support.consent import ConsentBot
from tests.support.tls import ca_pem, trusting

pytestmark = pytest.mark.usefixtures("services")


def stored_token(services: Services, workspace_id: int, ig_user_id: str) -> SecretStr:
    with transaction(services.storage.sessions) as session:
        connection = repo.get_by_ig_user_id(session, workspace_id, ig_user_id)
        assert connection is not None
        return repo.read_token(session, services.storage.vault, connection)


def assert_nothing_stored(services: Services) -> None:
    assert services.connections.list_all() == []
    assert services.vault_status().record_count == 0


def test_connect_stores_the_account_with_scopes_and_consent_time(services: Services) -> None:
    before = services.clock.now()
    view = connect(services)
    assert view.username == "acme_business"
    assert view.account_type == "BUSINESS"
    assert set(view.scopes) == set(REQUIRED_SCOPES)
    assert before <= view.consented_at <= services.clock.now()
    assert view.expires_at is not None
    assert timedelta(days=59) < view.expires_at - view.consented_at <= timedelta(days=60)
    assert int(view.ig_user_id) > 2**53  # kept as text, never through a float
    listed = services.connections.list(services.workspaces.default().id)
    assert [c.username for c in listed] == ["acme_business"]
    assert services.sandbox is not None
    token = stored_token(services, view.workspace_id, view.ig_user_id)
    assert token.reveal().startswith("IGAASBX")
    assert services.sandbox.token_status(token).status == "active"


def test_the_browser_lands_on_a_clean_done_page(services: Services) -> None:
    attempt = start(services)
    browser = BrowserThread(ConsentBot(ca_pem=ca_pem(services)), attempt.start_url)
    attempt.wait(timeout=30)
    outcome = browser.join()
    assert outcome.final_status == 200
    assert outcome.final_url is not None
    landed = httpx.URL(outcome.final_url)
    assert landed.path == "/done"
    assert not landed.query  # no code or state left in the address bar


@pytest.mark.parametrize("mode", ["exchange", "account_type"])
def test_personal_account_is_refused_in_every_way_it_can_fail(services: Services, mode: str) -> None:
    assert services.sandbox is not None
    services.sandbox.set_personal_failure(mode)
    with pytest.raises(SocialdeskError) as caught:
        connect(services, ConsentBot(ca_pem=ca_pem(services), account="jane.personal"))
    assert caught.value.code == "instagram_no_business_account"
    assert caught.value.message == "Connecting Instagram requires a Business or Creator account."
    assert_nothing_stored(services)


def test_a_personal_account_refused_on_meta_screen_is_no_callback_naming_personal_accounts(
    services: Services,
) -> None:
    assert services.sandbox is not None
    services.sandbox.set_personal_failure("dialog")
    attempt = start(services)
    outcome = BrowserThread(
        ConsentBot(ca_pem=ca_pem(services), account="jane.personal"), attempt.start_url
    ).join()
    assert outcome.consent_status == 403 and outcome.redirect_location is None
    services.sandbox.advance_clock(timedelta(minutes=10, seconds=1))
    with pytest.raises(SocialdeskError) as caught:
        attempt.wait(timeout=30)
    assert (caught.value.code, caught.value.detail) == ("state_expired", NO_CALLBACK)
    assert "Personal" in caught.value.detail_text
    assert_nothing_stored(services)


def test_a_personal_account_turned_away_as_a_plain_denial_is_access_denied_naming_personal_accounts(
    services: Services,
) -> None:
    assert services.sandbox is not None
    services.sandbox.set_personal_failure("dialog_denied")
    services.sandbox.set_knobs(deny_redirect="with_state")  # without it, the app only asks
    with pytest.raises(SocialdeskError) as caught:
        connect(services, ConsentBot(account="jane.personal"))
    assert caught.value.code == "access_denied"
    assert "Personal" in caught.value.info.action
    assert_nothing_stored(services)


def test_an_unticked_permission_is_scope_rejected_even_when_the_grant_cannot_be_withdrawn(
    services: Services,
) -> None:
    with pytest.raises(SocialdeskError) as caught:
        connect(services, ConsentBot(untick=(CONTENT_PUBLISH,)))
    assert caught.value.code == "scope_rejected"
    assert_nothing_stored(services)


def test_unticked_permission_is_scope_rejected_naming_it_and_the_grant_is_withdrawn(
    services: Services,
) -> None:
    assert services.sandbox is not None
    services.sandbox.set_knobs(revoke_answer="success_object")  # a withdrawal that lands, to count it
    revoked_before = services.sandbox.revoked_count()
    with pytest.raises(SocialdeskError) as caught:
        connect(services, ConsentBot(ca_pem=ca_pem(services), untick=(CONTENT_PUBLISH, MANAGE_INSIGHTS)))
    assert caught.value.code == "scope_rejected"
    assert CONTENT_PUBLISH in caught.value.detail and MANAGE_INSIGHTS in caught.value.detail
    assert "Publish posts" in caught.value.detail
    assert_nothing_stored(services)
    assert services.sandbox.revoked_count() > revoked_before


def test_cancel_in_the_dialog_with_the_state_is_access_denied(services: Services) -> None:
    assert services.sandbox is not None
    services.sandbox.set_knobs(deny_redirect="with_state")
    with pytest.raises(SocialdeskError) as caught:
        connect(services, ConsentBot(ca_pem=ca_pem(services), action="deny"))
    assert caught.value.code == "access_denied"
    assert caught.value.message == "You cancelled the Instagram dialog."
    assert_nothing_stored(services)


def test_cancel_in_the_dialog_without_the_state_only_asks_and_the_user_decides(services: Services) -> None:
    """The sandbox's strict default, like Meta's Cancel may, leaves state out: any page could send that."""
    attempt = start(services)
    reported = threading.Event()
    attempt.on_stateless_error(reported.set)
    BrowserThread(ConsentBot(ca_pem=ca_pem(services), action="deny"), attempt.start_url).join()
    assert reported.wait(10)
    assert attempt.stateless_error_seen and not attempt.ended
    with pytest.raises(TimeoutError):
        attempt.wait(timeout=0.5)
    attempt.cancel()  # the user's Stop
    with pytest.raises(FlowCancelled):
        attempt.wait(timeout=10)
    assert_nothing_stored(services)
    assert connect(services).username == "acme_business"  # the port is free again


def test_no_answer_within_ten_minutes_is_state_expired(services: Services) -> None:
    assert services.sandbox is not None
    attempt = start(services)
    services.sandbox.advance_clock(timedelta(minutes=10, seconds=1))
    with pytest.raises(SocialdeskError) as caught:
        attempt.wait(timeout=30)
    assert caught.value.code == "state_expired"
    assert caught.value.detail == NO_CALLBACK
    assert "Invalid Scopes" in caught.value.detail_text
    # The listener is gone and a new attempt can start at once.
    assert connect(services).username == "acme_business"


def test_a_late_answer_after_expiry_is_not_accepted(services: Services) -> None:
    assert services.sandbox is not None
    attempt = start(services)
    browser = BrowserThread(ConsentBot(ca_pem=ca_pem(services), deliver=False), attempt.start_url)
    location = browser.join().redirect_location
    assert location is not None
    services.sandbox.advance_clock(timedelta(minutes=11))
    with pytest.raises(SocialdeskError) as caught:
        attempt.submit_pasted_url(location)
    assert caught.value.code == "state_expired"
    assert_nothing_stored(services)


@pytest.mark.parametrize(
    ("endpoint", "kind"),
    [
        ("/oauth/access_token", "drop"),
        ("/oauth/access_token", "status"),
        ("/access_token", "status"),
        ("/me", "drop"),
    ],
)
def test_transport_failures_and_5xx_are_network_error(services: Services, endpoint: str, kind: str) -> None:
    assert services.sandbox is not None
    services.sandbox.inject_fault(kind, endpoint=endpoint, status=503)
    with pytest.raises(SocialdeskError) as caught:
        connect(services)
    assert caught.value.code == "network_error"
    assert caught.value.message == "Network error reaching Facebook."
    assert_nothing_stored(services)


def test_a_grant_that_cannot_be_finished_is_withdrawn(services: Services) -> None:
    """The code was exchanged but the profile can't be read: no token is left behind at Instagram."""
    assert services.sandbox is not None
    services.sandbox.set_knobs(revoke_answer="success_object")  # a withdrawal that lands, to count it
    services.sandbox.inject_fault("status", endpoint="/me", status=503, count=4)
    revoked_before = services.sandbox.revoked_count()
    with pytest.raises(SocialdeskError) as caught:
        connect(services)
    assert caught.value.code == "network_error"
    assert_nothing_stored(services)
    assert services.sandbox.revoked_count() > revoked_before


def test_pasted_redirect_address_connects(services: Services) -> None:
    attempt = start(services)
    location = (
        BrowserThread(ConsentBot(ca_pem=ca_pem(services), deliver=False), attempt.start_url)
        .join()
        .redirect_location
    )
    assert location is not None and location.endswith("#_")
    attempt.submit_pasted_url(f"  {location}  ")
    assert attempt.wait(timeout=30).username == "acme_business"


def test_replayed_callback_is_refused_and_changes_nothing(services: Services) -> None:
    attempt = start(services)
    browser = BrowserThread(ConsentBot(ca_pem=ca_pem(services), deliver=False), attempt.start_url)
    location = browser.join().redirect_location
    assert location is not None
    with httpx.Client(follow_redirects=False, trust_env=False, verify=trusting(services)) as http:
        assert http.get(location).status_code == 303
        view = attempt.wait(timeout=30)
        # The listener stops once the flow ends; a replay finds nobody, or a 404 while it winds down.
        try:
            replay = http.get(location).status_code
        except httpx.TransportError:
            replay = None
    assert replay in (None, 404)
    assert [c.ig_user_id for c in services.connections.list_all()] == [view.ig_user_id]


def test_wrong_host_and_stray_requests_do_not_end_the_flow(services: Services) -> None:
    attempt = start(services)
    location = (
        BrowserThread(ConsentBot(ca_pem=ca_pem(services), deliver=False), attempt.start_url)
        .join()
        .redirect_location
    )
    assert location is not None
    callback = httpx.URL(location)
    origin = f"https://127.0.0.1:{callback.port}"
    with httpx.Client(follow_redirects=False, trust_env=False, verify=trusting(services)) as http:
        wrong_host = http.get(f"{origin}{callback.raw_path.decode()}", headers={"Host": "evil.example"})
        assert wrong_host.status_code == 404
        assert http.get(f"{origin}/favicon.ico").status_code == 404
        forged = http.get(f"{origin}{callback.path}?code=forged&state=forged")
        assert forged.status_code == 404
        assert http.post(str(callback)).status_code in (404, 405)
        assert not attempt.ended
        assert http.get(str(callback)).status_code == 303
    assert attempt.wait(timeout=30).username == "acme_business"


def test_port_in_use_names_the_port(services: Services) -> None:
    port = httpx.URL(services.connections.redirect_uri).port
    assert port is not None
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", port))
        squatter.listen()
        with pytest.raises(SocialdeskError) as caught:
            start(services)
    assert caught.value.code == "port_in_use"
    assert str(port) in caught.value.detail
    assert connect(services).username == "acme_business"  # free again: it works


def test_a_second_attempt_while_one_runs_is_refused(services: Services) -> None:
    attempt = start(services)
    with pytest.raises(SocialdeskError) as caught:
        start(services)
    assert caught.value.code == "connect_in_progress"
    attempt.cancel()
    assert connect(services).username == "acme_business"


def test_two_accounts_in_one_workspace(services: Services) -> None:
    connect(services)
    connect(services, ConsentBot(ca_pem=ca_pem(services), account="studio.creator"))
    listed = services.connections.list(services.workspaces.default().id)
    assert sorted((c.username, c.account_type_label) for c in listed) == [
        ("acme_business", "Business"),
        ("studio.creator", "Creator"),
    ]


def test_same_account_in_two_workspaces_has_separate_tokens(services: Services) -> None:
    other = services.workspaces.create("Client B")
    first = connect(services)
    second = connect(services, workspace_id=other.id)
    assert first.ig_user_id == second.ig_user_id
    token_a = stored_token(services, first.workspace_id, first.ig_user_id)
    token_b = stored_token(services, other.id, second.ig_user_id)
    assert token_a != token_b
    # Disconnecting it from one workspace leaves the other's access working.
    outcome = services.connections.disconnect(first.workspace_id, first.ig_user_id)
    assert outcome.shared_with == ("Client B",)
    assert services.sandbox is not None
    assert services.sandbox.token_status(token_b).status == "active"
    assert [c.workspace_name for c in services.connections.list_all()] == ["Client B"]


def test_reconnect_updates_in_place(services: Services) -> None:
    assert services.sandbox is not None
    first = connect(services)
    old_token = stored_token(services, first.workspace_id, first.ig_user_id)
    services.sandbox.advance_clock(timedelta(days=3))
    second = connect(services, reconnect_of=first.ig_user_id)
    assert len(services.connections.list_all()) == 1
    assert second.consented_at > first.consented_at
    new_token = stored_token(services, second.workspace_id, second.ig_user_id)
    assert new_token != old_token
    assert services.vault_status().record_count == 1


def test_disconnect_revokes_at_instagram_and_only_that_account(services: Services) -> None:
    assert services.sandbox is not None
    services.sandbox.set_knobs(revoke_answer="bare_true")  # a revoke that works, in its terser shape
    acme = connect(services)
    studio = connect(services, ConsentBot(ca_pem=ca_pem(services), account="studio.creator"))
    acme_token = stored_token(services, acme.workspace_id, acme.ig_user_id)
    studio_token = stored_token(services, studio.workspace_id, studio.ig_user_id)
    outcome = services.connections.disconnect(acme.workspace_id, acme.ig_user_id)
    assert outcome.revoked_at_provider and outcome.username == "acme_business"
    assert [c.username for c in services.connections.list_all()] == ["studio.creator"]
    assert services.sandbox.token_status(acme_token).status == "revoked"
    assert services.sandbox.token_status(studio_token).status == "active"
    with pytest.raises(SocialdeskError) as caught:
        services.connections.client.me(acme_token)
    assert caught.value.code == "needs_reconnect"
    assert services.connections.client.me(studio_token).username == "studio.creator"


def test_offline_disconnect_goes_to_the_outbox_and_is_revoked_later(services: Services) -> None:
    sandbox = services.sandbox
    assert sandbox is not None
    sandbox.set_knobs(revoke_answer="success_object")  # Instagram revokes once it can be reached
    view = connect(services)
    token = stored_token(services, view.workspace_id, view.ig_user_id)
    sandbox.inject_fault("drop", endpoint="/me/permissions")
    outcome = services.connections.disconnect(view.workspace_id, view.ig_user_id)
    assert not outcome.revoked_at_provider and not outcome.remove_by_hand
    assert services.connections.list_all() == []  # gone from the workspace at once
    assert services.connections.pending_revocations(view.workspace_id) == ["acme_business"]
    assert sandbox.token_status(token).status == "active"
    # Still offline: a retry before the back-off is due does nothing; after it, one more failure.
    assert services.connections.retry_outbox().still_pending == 1
    sandbox.clear_faults()
    sandbox.advance_clock(timedelta(hours=1))
    report = services.connections.retry_outbox()
    assert (report.revoked, report.still_pending) == (1, 0)
    assert sandbox.token_status(token).status == "revoked"
    assert services.vault_status().record_count == 0


def test_a_pending_revocation_is_dropped_when_the_account_is_reconnected(services: Services) -> None:
    sandbox = services.sandbox
    assert sandbox is not None
    view = connect(services)
    sandbox.inject_fault("drop", endpoint="/me/permissions")
    services.connections.disconnect(view.workspace_id, view.ig_user_id)
    sandbox.clear_faults()
    again = connect(services)
    sandbox.advance_clock(timedelta(hours=1))
    assert services.connections.retry_outbox().still_pending == 0
    token = stored_token(services, again.workspace_id, again.ig_user_id)
    assert sandbox.token_status(token).status == "active"


def test_log_and_disk_canary_after_every_path(
    services: Services, base_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Tokens from every flow appear in no log record and in no file under the base dir."""
    sandbox = services.sandbox
    assert sandbox is not None
    sandbox.set_knobs(deny_redirect="with_state")  # the Deny below then ends its attempt
    for name in (None, "desktop", "httpx", "httpcore"):  # caplog puts each level back afterwards
        caplog.set_level(logging.DEBUG, logger=name)
    tokens: list[str] = []
    acme = connect(services)
    tokens.append(stored_token(services, acme.workspace_id, acme.ig_user_id).reveal())
    studio = connect(services, ConsentBot(ca_pem=ca_pem(services), account="studio.creator"))
    tokens.append(stored_token(services, studio.workspace_id, studio.ig_user_id).reveal())
    for bot in (
        ConsentBot(ca_pem=ca_pem(services), action="deny"),
        ConsentBot(ca_pem=ca_pem(services), untick=(CONTENT_PUBLISH,)),
        ConsentBot(ca_pem=ca_pem(services), account="jane.personal"),
    ):
        with pytest.raises(SocialdeskError):
            connect(services, bot)
    sandbox.inject_fault("status", endpoint="/me", status=500, count=10)
    with pytest.raises(SocialdeskError):
        connect(services)
    sandbox.clear_faults()
    sandbox.inject_fault("drop", endpoint="/me/permissions")
    services.connections.disconnect(studio.workspace_id, studio.ig_user_id)
    sandbox.clear_faults()
    services.connections.disconnect(acme.workspace_id, acme.ig_user_id)  # unsupported: by hand
    checkpoint(services.storage.engine)
    for handler in logging.getLogger().handlers:
        handler.flush()
    texts = [record.getMessage() for record in caplog.records] + [caplog.text]
    files = [p for p in base_dir.rglob("*") if p.is_file()]
    assert any(p.name == "socialdesk-sandbox.db" for p in files)
    for token in tokens:
        assert token.startswith("IGAASBX")
        for text in texts:
            assert token not in text
        for path in files:
            assert hits(path.read_bytes(), token) == [], f"{path.name} holds a token"
    for path in files:
        assert b"IGAASBX" not in path.read_bytes(), f"{path.name} holds something token-shaped"


# -- revocation, answered every way Meta might ------------------------------------------------------


def test_an_unsupported_revoke_gives_the_manual_route_at_once_and_is_never_retried(
    services: Services,
) -> None:
    sandbox = services.sandbox
    assert sandbox is not None
    view = connect(services)
    token = stored_token(services, view.workspace_id, view.ig_user_id)

    outcome = services.connections.disconnect(view.workspace_id, view.ig_user_id)

    assert not outcome.revoked_at_provider and outcome.remove_by_hand
    assert services.connections.list_all() == []
    [entry] = services.connections.revocations(view.workspace_id)
    assert (entry.username, entry.state, entry.last_error_code) == (
        "acme_business",
        "manual",
        "revoke_unsupported",
    )
    assert services.vault_status().record_count == 0  # the token is not kept once nobody will use it
    deletes = sandbox.request_count("/me/permissions")
    sandbox.advance_clock(timedelta(days=3))
    report = services.connections.retry_outbox()
    assert (report.revoked, report.still_pending) == (0, 0)
    assert sandbox.request_count("/me/permissions") == deletes  # no daily retry
    assert sandbox.token_status(token).status == "active"  # only the user can end it, at Instagram
    services.connections.dismiss_revocation(view.workspace_id, "@acme_business")
    assert services.connections.revocations() == []


def test_a_revoke_that_claims_success_but_changes_nothing_is_caught(services: Services) -> None:
    sandbox = services.sandbox
    assert sandbox is not None
    sandbox.set_knobs(revoke_answer="noop")
    view = connect(services)

    outcome = services.connections.disconnect(view.workspace_id, view.ig_user_id)

    assert not outcome.revoked_at_provider and outcome.remove_by_hand
    assert [e.state for e in services.connections.revocations()] == ["manual"]


def test_revocation_retries_stop_at_the_cap_in_a_final_state(services: Services) -> None:
    sandbox = services.sandbox
    assert sandbox is not None
    sandbox.set_knobs(revoke_answer="success_object")  # it would work, but Instagram stays unreachable
    view = connect(services)
    # An error the client does not retry on its own, so each outbox attempt is one request.
    sandbox.inject_fault("error", endpoint="/me/permissions", graph_code=2500)
    services.connections.disconnect(view.workspace_id, view.ig_user_id)
    for _ in range(OUTBOX_MAX_ATTEMPTS + 3):
        sandbox.advance_clock(timedelta(days=1, minutes=1))
        services.connections.retry_outbox()
    [entry] = services.connections.revocations()
    assert (entry.state, entry.attempts) == ("gave_up", OUTBOX_MAX_ATTEMPTS - 1)
    assert entry.last_error_code == "provider_error"
    assert services.vault_status().record_count == 0
    # An Instagram Login grant is removed at Instagram's manage_access page.
    assert entry.via == "instagram"
    line = revocation_line(entry)
    assert f"remove by hand: Open {MANAGE_ACCESS_URL}, find Socialdesk" in line
    assert "facebook.com" not in line
