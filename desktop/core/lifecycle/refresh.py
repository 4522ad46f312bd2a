"""Refreshing one due token: claim it and open it, renew it at Instagram, seal and commit the new one.

Two transactions per refresh, and none open during a network call; in a sweep each is shared by
several tokens (``claim_ahead``, ``group_commit``). The first claims the row (``FOR UPDATE SKIP
LOCKED`` on PostgreSQL, so another desktop's claim in flight is skipped) and decrypts the token the
snapshot saw; if opening it fails, the claim is dropped in the same transaction. Then ``/me``
and the refresh go to Instagram. The second seals the new token (the vault takes the active key row
``FOR SHARE``, so a key rotation waits for it or is waited for) in the transaction that drops the old
record and releases the claim, so a failed save, or a crash before the commit, leaves the old token
stored, and the old token stays valid at Instagram until its expiry.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.errors import SocialdeskError
from desktop.core.instagram.models import LongLivedToken
from desktop.core.lifecycle import report as r
from desktop.core.lifecycle.backoff import Backoff
from desktop.core.lifecycle.report import RefreshOutcome
from desktop.core.lifecycle.rules import REFRESH_OVERDUE
from desktop.core.lifecycle.snapshot import Snapshot, Superseded
from desktop.core.lifecycle.status_marks import StatusMarks
from desktop.core.lifecycle.token_access import TokenAccess
from desktop.core.secrets import SecretStr
from desktop.core.store import claims, refreshed_token
from desktop.core.store.connections import TokenVault
from desktop.core.store.errors import transaction

if TYPE_CHECKING:
    from desktop.core.lifecycle.claim_ahead import ClaimAhead
    from desktop.core.lifecycle.group_commit import GroupCommit

log = logging.getLogger(__name__)

AfterStep = Callable[[str], None]
#: A claimed row: its opened token, the error opening it (the claim then dropped), or None when it is
#: not ours to refresh.
Claimed = SecretStr | SocialdeskError | None


class Refresher:
    """One refresh at a time per call; safe to call from several worker threads at once."""

    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        db: threading.Lock,
        vault: TokenVault,
        tokens: TokenAccess,
        marks: StatusMarks,
        backoff: Backoff,
        worker: str,
        after_step: AfterStep,
    ) -> None:
        self._sessions = sessions
        self._db = db
        self._vault = vault
        self._tokens = tokens
        self._marks = marks
        self._backoff = backoff
        self._worker = worker
        self._after_step = after_step

    def refresh(
        self,
        snap: Snapshot,
        now: datetime,
        committer: GroupCommit | None = None,
        ahead: ClaimAhead | None = None,
    ) -> RefreshOutcome | Future[RefreshOutcome]:
        """Claim, renew and store one token; with ``committer``, the new token is stored by it later
        (with others in one transaction) and the outcome comes as a future; with ``ahead``, the row
        may already be claimed and opened."""
        if ahead is not None and ahead.has(snap):
            claimed = ahead.take(snap)
        else:
            (claimed,) = self.claim_batch([snap], now)
        if isinstance(claimed, SocialdeskError):
            return self._marks.failed(snap, claimed, now)
        if claimed is None:
            # Another desktop is refreshing it, or already did: one refresh per token.
            return RefreshOutcome(snap.view, r.SUPERSEDED, snap.status)
        handed_on = False
        try:
            fresh = self._renew(snap, claimed, now)
            if isinstance(fresh, RefreshOutcome):
                return fresh
            if committer is not None:
                handed_on = True
                return committer.submit(snap, fresh, now)
            handed_on = True  # store_alone releases the claim itself if it does not store
            return self.store_alone(snap, fresh, now)
        finally:
            if not handed_on:
                self.release(snap)

    def claim_batch(self, snaps: list[Snapshot], now: datetime) -> list[Claimed]:
        """Claim and open rows in one transaction (ahead of the workers several, a worker's own one);
        a row that fails to open loses its claim."""
        claimed: list[Claimed] = []
        with self._db, transaction(self._sessions) as session:
            for snap in snaps:
                assert snap.record_uuid is not None
                if not claims.claim_refresh(session, snap.id, snap.record_uuid, worker=self._worker, now=now):
                    claimed.append(None)
                    continue
                try:
                    claimed.append(self._tokens.open(session, snap))
                except (SocialdeskError, Superseded) as error:
                    claims.release_refresh_by_id(session, snap.id, worker=self._worker)
                    claimed.append(error if isinstance(error, SocialdeskError) else None)
        return claimed

    def release(self, snap: Snapshot) -> None:
        """Drop this desktop's claim on the row, best effort."""
        try:
            with self._db, transaction(self._sessions) as session:
                claims.release_refresh_by_id(session, snap.id, worker=self._worker)
        except (SocialdeskError, SQLAlchemyError) as error:
            # The lease runs out by itself; the next sweep tries again then.
            log.warning("could not release the refresh claim: %s", type(error).__name__)

    def _renew(self, snap: Snapshot, token: SecretStr, now: datetime) -> LongLivedToken | RefreshOutcome:
        """The renewed token, or the outcome of a failed check or refresh."""
        try:
            # A token of another account is not renewed, nor sealed anew under this connection.
            self._tokens.require_same_account(snap, token)
            fresh = self._tokens.require_client().refresh(token)
        except SocialdeskError as error:
            return self._marks.failed(snap, error, now)
        self._after_step("refreshed")
        return fresh

    def store_alone(self, snap: Snapshot, fresh: LongLivedToken, now: datetime) -> RefreshOutcome:
        """Store one renewed token in its own transaction; a failure keeps the old token and says so."""
        stored = False
        try:
            outcome = self._save(snap, fresh, now)
            stored = outcome.outcome == r.REFRESHED
            return outcome
        finally:
            if not stored:
                self.release(snap)

    def _save(self, snap: Snapshot, fresh: LongLivedToken, now: datetime) -> RefreshOutcome:
        try:
            with self._db, transaction(self._sessions) as session:
                outcome = self._store_in(session, snap, fresh)
            if outcome.outcome == r.REFRESHED:
                self._committed(snap)
            return outcome
        except (SocialdeskError, SQLAlchemyError) as error:
            return self._save_failed(snap, error, now)

    def store_batch(self, items: list[tuple[Snapshot, LongLivedToken]]) -> list[RefreshOutcome]:
        """Store several renewed tokens in one transaction: all of them or, on an error, none."""
        with self._db, transaction(self._sessions) as session:
            outcomes = [self._store_in(session, snap, fresh) for snap, fresh in items]
        for (snap, _fresh), outcome in zip(items, outcomes, strict=True):
            if outcome.outcome == r.REFRESHED:
                self._committed(snap)
        return outcomes

    def _save_failed(self, snap: Snapshot, error: Exception, now: datetime) -> RefreshOutcome:
        code = error.code if isinstance(error, SocialdeskError) else "internal_error"
        log.warning(
            "refreshed token of account %s could not be saved (%s); the old one stays in use",
            snap.view.ig_user_id,
            code if isinstance(error, SocialdeskError) else type(error).__name__,
        )
        retry_at = self._backoff.failed(snap.id, now)
        return self._marks.not_refreshed(snap, now, r.SAVE_FAILED, code, retry_at)

    def _committed(self, snap: Snapshot) -> None:
        self._after_step("committed")
        self._backoff.succeeded(snap.id)

    def _store_in(self, session: Session, snap: Snapshot, fresh: LongLivedToken) -> RefreshOutcome:
        """Seal and store one token in the caller's transaction; superseded rows only lose our claim."""
        stored = refreshed_token.read_stored(session, snap.id)
        if stored is None or stored.record_uuid != snap.record_uuid:
            claims.release_refresh_by_id(session, snap.id, worker=self._worker)
            return RefreshOutcome(snap.view, r.SUPERSEDED, snap.status)
        stored = refreshed_token.store_refreshed(
            session,
            self._vault,
            stored,
            fresh.access_token,
            fresh.expires_at,
            worker=self._worker,
            clear_reason=stored.status_reason == REFRESH_OVERDUE,
        )
        self._after_step("sealed")
        return RefreshOutcome(stored.view(), r.REFRESHED, snap.status)
