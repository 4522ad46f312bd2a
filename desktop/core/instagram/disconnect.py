"""Disconnecting an Instagram account and retrying its revocation through the outbox.

The account leaves the workspace first and is revoked afterwards, so a crash or a dead network
between the two leaves a revocation to retry, never a half-removed account.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from desktop.core.connection_queries import connected_anywhere, other_workspaces
from desktop.core.errors import SocialdeskError
from desktop.core.facebook import disconnect as facebook_disconnect
from desktop.core.i18n import N_
from desktop.core.instagram.connections_base import ConnectionsBase
from desktop.core.instagram.errors import InstagramError
from desktop.core.secrets import SecretStr
from desktop.core.store import claims, outbox
from desktop.core.store import connections as repo
from desktop.core.store.errors import transaction
from desktop.core.store.models import ConnectedVia, OutboxFinal, RevocationOutbox
from desktop.core.views import DisconnectOutcome

#: The use case's one logger, whichever of its parts writes.
log = logging.getLogger("desktop.core.connections")

#: Codes that mean the token is already dead at Instagram: nothing is left to revoke.
_TOKEN_DEAD = frozenset({"needs_reconnect", "checkpoint_required"})
#: Revocation retries back off from a few minutes to at most a day, and stop after this many tries
#: (about a week): then the entry's final state tells the user to remove the access by hand.
_OUTBOX_FIRST_DELAY = timedelta(minutes=5)
_OUTBOX_MAX_DELAY = timedelta(days=1)
OUTBOX_MAX_ATTEMPTS = outbox.MAX_ATTEMPTS


@dataclass(frozen=True, slots=True)
class OutboxReport:
    revoked: int
    still_pending: int
    #: Entries that reached a final state in this run (the user must remove those by hand).
    finalized: int = 0
    #: Of those, Facebook Login grants: removed by hand at Facebook, not at Instagram.
    finalized_facebook: int = 0


class InstagramDisconnect(ConnectionsBase):
    """The part of :class:`desktop.core.connections.Connections` that disconnects and revokes."""

    def disconnect(self, workspace_id: int, ig_user_id: str) -> DisconnectOutcome:
        """Remove the account from this workspace at once, then revoke its access at Instagram.

        When Instagram can't be reached the encrypted token stays in the revocation outbox, retried
        later; the outcome says so, so the user can also remove access at Instagram by hand.
        """
        now = self._clock.now()
        with transaction(self._sessions) as session:
            found = repo.get_by_ig_user_id(session, workspace_id, ig_user_id)
            via_facebook = found is not None and found.via == ConnectedVia.FACEBOOK.value
        if via_facebook:
            return facebook_disconnect.disconnect(
                self._sessions,
                self._clock,
                self._facebook,
                workspace_id=workspace_id,
                ig_user_id=ig_user_id,
                schedule_retry=self._schedule_retry,
            )
        with transaction(self._sessions) as session:
            connection = repo.get_by_ig_user_id(session, workspace_id, ig_user_id)
            if connection is None:
                raise SocialdeskError("account_not_found", f"user id {ig_user_id}")
            username = connection.username
            shared_with = other_workspaces(session, connection)
            if shared_with:
                # Instagram revokes per account, not per token: revoking here would cut off the
                # same account in the other workspaces. Only this workspace's row and token go.
                repo.delete_connection(session, connection)
                entry_id = None
            else:
                entry = repo.move_to_outbox(session, connection, now=now)
                entry_id = entry.id if entry is not None else None
                if entry is not None:  # this desktop revokes it now; others wait out the lease
                    entry.next_attempt_at = now + claims.REVOKE_LEASE
        if shared_with:
            log.info(
                "disconnected account %s from workspace %s; still used elsewhere", ig_user_id, workspace_id
            )
            return DisconnectOutcome(username=username, revoked_at_provider=False, shared_with=shared_with)
        log.info("disconnected Instagram account %s from workspace %s", ig_user_id, workspace_id)
        revoked = entry_id is None or self._revoke_entry(entry_id)
        by_hand = not revoked and entry_id is not None and self._is_final(entry_id)
        return DisconnectOutcome(username=username, revoked_at_provider=revoked, remove_by_hand=by_hand)

    def _is_final(self, entry_id: int) -> bool:
        with transaction(self._sessions) as session:
            entry = session.get(RevocationOutbox, entry_id)
            return entry is not None and entry.final_state is not None

    def retry_outbox(self) -> OutboxReport:
        """Retry every due revocation; each ends when Instagram confirms or says the token is dead."""
        with transaction(self._sessions) as session:
            # Claimed, so a second desktop sweeping the same team database takes other entries.
            due = claims.claim_due_revocations(session, self._clock.now())
        revoked = sum(1 for entry_id in due if self._revoke_entry(entry_id))
        with transaction(self._sessions) as session:
            final = [e for e in (session.get(RevocationOutbox, i) for i in due) if e and e.final_state]
            finalized_facebook = sum(1 for e in final if e.via == ConnectedVia.FACEBOOK.value)
            remaining = sum(1 for e in outbox.list_all(session) if e.final_state is None)
        return OutboxReport(
            revoked=revoked,
            still_pending=remaining,
            finalized=len(final),
            finalized_facebook=finalized_facebook,
        )

    def _revoke_entry(self, entry_id: int) -> bool:
        """One revoke attempt for an outbox entry; True when the entry is done with."""
        with transaction(self._sessions) as session:
            entry = session.get(RevocationOutbox, entry_id)
            if entry is None:
                return True
            via_facebook = entry.via == ConnectedVia.FACEBOOK.value
        if via_facebook:
            return facebook_disconnect.revoke_entry(
                self._sessions, self._clock, self._facebook, entry_id, self._schedule_retry
            )
        with transaction(self._sessions) as session:
            entry = session.get(RevocationOutbox, entry_id)
            if entry is None:
                return True
            if connected_anywhere(session, entry.ig_user_id):
                # Reconnected since: revoking now would end the access the user just granted.
                outbox.delete_entry(session, entry)
                log.info("dropped a pending revocation for account %s: it was reconnected", entry.ig_user_id)
                return True
            audience = self._client.audience if self._client is not None else None
            if audience is None or not audience.admits(entry):
                # Only the provider and app that granted it can revoke it, or say it is dead.
                log.info("revocation for account %s waits for its own app", entry.ig_user_id)
                return False
            try:
                token: SecretStr | None = outbox.outbox_token_to_send(session, self._vault, entry, audience)
            except SocialdeskError as unreadable:
                if unreadable.code == "needs_reconnect":  # no token left: nothing to revoke
                    outbox.delete_entry(session, entry)
                    return True
                self._schedule_retry(session, entry, unreadable, self._clock.now())
                return False
        failure: SocialdeskError | None = None
        try:
            if token is not None:
                self.client.revoke(token)
                failure = self._confirm_revoked(token)
        except SocialdeskError as error:
            failure = error
        with transaction(self._sessions) as session:
            entry = session.get(RevocationOutbox, entry_id)
            if entry is None:
                return True
            now = self._clock.now()
            if failure is None or failure.code in _TOKEN_DEAD:
                outbox.delete_entry(session, entry)
                log.info("revoked access at Instagram for account %s", entry.ig_user_id)
                return True
            if failure.code == "revoke_unsupported":
                # Asking again will not change Instagram's mind: the user has to remove it, now.
                outbox.finalize(session, entry, OutboxFinal.MANUAL, error_code=failure.code, now=now)
                log.info("Instagram will not revoke account %s; the user must", entry.ig_user_id)
                return False
            if entry.attempts + 1 >= OUTBOX_MAX_ATTEMPTS:
                outbox.finalize(session, entry, OutboxFinal.GAVE_UP, error_code=failure.code, now=now)
                log.warning(
                    "gave up revoking account %s after %d tries", entry.ig_user_id, entry.attempts + 1
                )
                return False
            self._schedule_retry(session, entry, failure, now)
            return False

    def _confirm_revoked(self, token: SecretStr) -> SocialdeskError | None:
        """Instagram said the access is gone: check that the token really stopped working.

        None when it is dead (or can't be checked now); a ``revoke_unsupported`` when it still works,
        since an answer of "success" that changes nothing is as final as a refusal.
        """
        try:
            self.client.me(token)
        except SocialdeskError as error:
            if error.code not in _TOKEN_DEAD:
                log.info("could not confirm the revocation (%s); taking Instagram's word", error.code)
            return None
        return SocialdeskError(
            "revoke_unsupported", N_("Instagram answered success, but the token still works")
        )

    @staticmethod
    def _schedule_retry(
        session: Session, entry: RevocationOutbox, error: SocialdeskError, now: datetime
    ) -> None:
        delay = min(_OUTBOX_FIRST_DELAY * (2 ** min(entry.attempts, 16)), _OUTBOX_MAX_DELAY)
        if isinstance(error, InstagramError) and error.retry_after_seconds:
            delay = max(delay, timedelta(seconds=error.retry_after_seconds))
        outbox.mark_attempt(session, entry, error_code=error.code, next_attempt_at=now + delay, now=now)
        log.info("revocation for account %s postponed: %s", entry.ig_user_id, error.code)
