"""The revocation outbox, retried by each lifecycle run until Instagram confirms or the token is dead."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import func, select

from desktop.core.connections import Connections
from desktop.core.lifecycle import Lifecycle
from desktop.core.services import Services
from desktop.core.store.errors import transaction
from desktop.core.store.models import RevocationOutbox, TokenRecord
from tests.core.lifecycle.helpers import connect, sandbox_of, stored_token

PERMISSIONS = "/me/permissions"


def _rows(services: Services) -> tuple[int, int]:
    """(outbox entries, token records) as stored."""
    with transaction(services.storage.sessions) as session:
        entries = session.scalar(select(func.count()).select_from(RevocationOutbox)) or 0
        records = session.scalar(select(func.count()).select_from(TokenRecord)) or 0
        return int(entries), int(records)


def test_a_pending_revocation_is_retried_with_back_off_until_instagram_confirms(
    services: Services, fast_connections: Connections, make_lifecycle: Callable[..., Lifecycle]
) -> None:
    sandbox = sandbox_of(services)
    sandbox.set_knobs(revoke_answer="success_object")  # Instagram revokes once it answers
    view = connect(services)
    token = stored_token(services, view)
    sandbox.inject_fault("status", endpoint=PERMISSIONS, status=503)
    outcome = fast_connections.disconnect(view.workspace_id, view.ig_user_id)
    assert not outcome.revoked_at_provider
    assert _rows(services) == (1, 1)
    calls = sandbox.request_count(PERMISSIONS)
    lifecycle = make_lifecycle()

    report = lifecycle.run()
    assert report.outcomes == ()
    assert report.outbox is not None
    assert (report.outbox.revoked, report.outbox.still_pending) == (0, 1)
    assert sandbox.request_count(PERMISSIONS) == calls  # not due yet: back-off

    sandbox.advance_clock(timedelta(minutes=6))
    report = lifecycle.run()
    assert report.outbox is not None and report.outbox.still_pending == 1
    assert sandbox.request_count(PERMISSIONS) > calls
    assert sandbox.token_status(token).status == "active"

    sandbox.clear_faults()
    sandbox.advance_clock(timedelta(minutes=11))
    report = lifecycle.run()
    assert report.outbox is not None
    assert (report.outbox.revoked, report.outbox.still_pending) == (1, 0)
    assert report.changed
    assert sandbox.token_status(token).status == "revoked"
    assert _rows(services) == (0, 0)


def test_a_token_already_dead_at_instagram_ends_the_revocation(
    services: Services, fast_connections: Connections, make_lifecycle: Callable[..., Lifecycle]
) -> None:
    sandbox = sandbox_of(services)
    view = connect(services)
    token = stored_token(services, view)
    sandbox.inject_fault("drop", endpoint=PERMISSIONS)
    assert not fast_connections.disconnect(view.workspace_id, view.ig_user_id).revoked_at_provider
    sandbox.clear_faults()
    sandbox.kill_tokens(reason="removed", token=token)  # removed at instagram.com meanwhile
    sandbox.advance_clock(timedelta(minutes=6))

    report = make_lifecycle().run()
    assert report.outbox is not None
    assert (report.outbox.revoked, report.outbox.still_pending) == (1, 0)
    assert _rows(services) == (0, 0)
