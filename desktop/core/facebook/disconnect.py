"""Disconnecting an account connected through Facebook, and revoking its grant when nothing else needs it.

One Facebook grant can back several accounts, in one workspace or several. Disconnecting one
deletes its row and Page token at once. The grant is revoked at Facebook (``DELETE
/{user-id}/permissions`` with the app's token) only when no other connection depends on it; until
then the outcome names the accounts that keep it alive. A revoke that cannot reach Facebook waits
in the revocation outbox, holding only the person's id, never a token, and gives up after as many
tries as an Instagram entry, in the same final state: the row then asks for removal by hand.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from desktop.core.clock import Clock
from desktop.core.errors import SocialdeskError
from desktop.core.facebook.client import FacebookClient
from desktop.core.i18n import N_
from desktop.core.store import connections as repo
from desktop.core.store import facebook as fb_repo
from desktop.core.store import outbox
from desktop.core.store.errors import transaction
from desktop.core.store.models import OutboxFinal, RevocationOutbox
from desktop.core.views import DisconnectOutcome

log = logging.getLogger(__name__)

_TOKEN_DEAD = frozenset({"needs_reconnect", "checkpoint_required"})
ScheduleRetry = Callable[[Session, RevocationOutbox, SocialdeskError, datetime], None]


def disconnect(
    sessions: sessionmaker[Session],
    clock: Clock,
    client: FacebookClient | None,
    *,
    workspace_id: int,
    ig_user_id: str,
    schedule_retry: ScheduleRetry,
) -> DisconnectOutcome:
    with transaction(sessions) as session:
        connection = repo.get_by_ig_user_id(session, workspace_id, ig_user_id)
        if connection is None:
            raise SocialdeskError("account_not_found", f"user id {ig_user_id}")
        username = connection.username
        others = fb_repo.grant_dependents(session, connection.grant_id or "", excluding=connection.id)
        kept_alive_by = tuple(f"@{other.username} in {other.workspace.name!r}" for other in others)
        if others:
            repo.delete_connection(session, connection)
            entry_id = None
        else:
            entry_id = fb_repo.remove_and_queue_revoke(session, connection, now=clock.now()).id
    if entry_id is None:
        log.info(
            "disconnected account %s; its Facebook grant still serves %d other(s)", ig_user_id, len(others)
        )
        return DisconnectOutcome(username=username, revoked_at_provider=False, kept_alive_by=kept_alive_by)
    log.info(
        "disconnected account %s from workspace %s; revoking its Facebook grant", ig_user_id, workspace_id
    )
    revoked = revoke_entry(sessions, clock, client, entry_id, schedule_retry)
    by_hand = not revoked and _is_final(sessions, entry_id)
    return DisconnectOutcome(username=username, revoked_at_provider=revoked, remove_by_hand=by_hand)


def _is_final(sessions: sessionmaker[Session], entry_id: int) -> bool:
    """The entry stopped being retried: only the person can remove the access now, at Facebook."""
    with transaction(sessions) as session:
        entry = session.get(RevocationOutbox, entry_id)
        return entry is not None and entry.final_state is not None


def revoke_entry(
    sessions: sessionmaker[Session],
    clock: Clock,
    client: FacebookClient | None,
    entry_id: int,
    schedule_retry: ScheduleRetry,
) -> bool:
    """One revoke attempt for a Facebook outbox entry; True when the entry is done with."""
    with transaction(sessions) as session:
        entry = session.get(RevocationOutbox, entry_id)
        if entry is None:
            return True
        grant_id = entry.grant_id or ""
        if not grant_id or fb_repo.grant_dependents(session, grant_id):
            # Reconnected through the same grant since: revoking would cut off what was just granted.
            outbox.delete_entry(session, entry)
            return True
    failure: SocialdeskError | None = None
    try:
        if client is None:
            raise SocialdeskError("not_configured", N_("no Facebook app is configured"))
        client.revoke_grant(grant_id)
    except SocialdeskError as error:
        failure = error
    with transaction(sessions) as session:
        entry = session.get(RevocationOutbox, entry_id)
        if entry is None:
            return True
        if failure is None or failure.code in _TOKEN_DEAD:
            outbox.delete_entry(session, entry)
            log.info("revoked the Facebook grant of account %s", entry.ig_user_id)
            return True
        now = clock.now()
        if entry.attempts + 1 >= outbox.MAX_ATTEMPTS:
            outbox.finalize(session, entry, OutboxFinal.GAVE_UP, error_code=failure.code, now=now)
            log.warning(
                "gave up revoking the Facebook grant of account %s after %d tries",
                entry.ig_user_id,
                entry.attempts + 1,
            )
            return False
        schedule_retry(session, entry, failure, now)
        return False
