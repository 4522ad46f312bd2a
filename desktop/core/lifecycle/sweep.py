"""The refresh sweep: keep every long-lived token alive without the user noticing.

A token is refreshed once it is at least 24 hours old (Instagram refuses younger ones, so they are
not even tried) and within the refresh window of its expiry. A token past its expiry is marked
``needs_reconnect`` without asking anyone. Tokens not yet due are checked with ``/me`` now and then,
so an account whose access was removed at Instagram shows up as ``needs_reconnect`` at the next
sweep rather than the day it is next used. Both the check and a refresh first make sure ``/me``
answers for the connection's own account: a token of another account is never used or renewed.

Network calls run on a small thread pool; database work never overlaps a network call and runs one
transaction at a time (SQLite takes its write lock at BEGIN). A worker hands each renewed token to
one storing thread (``group_commit``) that stores the tokens waiting in one transaction, so the
workers go from one exchange to the next instead of queueing for the database; for the same reason
the rows about to be refreshed are claimed and opened a few per transaction ahead of the workers
(``claim_ahead``). The steps live in their own modules:
``snapshot`` (what is read before any network call), ``refresh`` (claim, renew, seal and commit),
``token_access`` (opening a token and checking its account) and ``status_marks`` (status changes).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.clock import Clock
from desktop.core.connections import OutboxReport
from desktop.core.errors import SocialdeskError
from desktop.core.facebook.client import FacebookClient
from desktop.core.instagram.client import InstagramClient
from desktop.core.lifecycle import report as r
from desktop.core.lifecycle.backoff import Backoff
from desktop.core.lifecycle.claim_ahead import ClaimAhead
from desktop.core.lifecycle.group_commit import GroupCommit
from desktop.core.lifecycle.refresh import AfterStep, Refresher
from desktop.core.lifecycle.report import LifecycleReport, RefreshOutcome
from desktop.core.lifecycle.rules import expired_reason
from desktop.core.lifecycle.snapshot import Snapshot, Superseded, read_snapshots
from desktop.core.lifecycle.status_marks import NEEDS_RECONNECT, StatusMarks
from desktop.core.lifecycle.token_access import TokenAccess
from desktop.core.store import claims
from desktop.core.store import connections as repo
from desktop.core.store.connections import TokenVault
from desktop.core.store.errors import transaction

log = logging.getLogger(__name__)

DEFAULT_WINDOW = timedelta(days=7)
DEFAULT_VERIFY_EVERY = timedelta(days=1)
#: Instagram refuses to refresh a token under 24 hours old; the margin absorbs clock skew.
MIN_AGE = timedelta(hours=24, minutes=5)
#: What the sweep does with a row (``Lifecycle._plan``).
_PLAN_SKIP = "skip"
_PLAN_UNSEALED = "unsealed"
_PLAN_EXPIRED = "expired"
_PLAN_TOO_YOUNG = "too young"
_PLAN_DEFERRED = "deferred"
_PLAN_REFRESH = "refresh"
_PLAN_VERIFY_DEFERRED = "verify deferred"
_PLAN_VERIFY = "verify"
_PLAN_NOT_DUE = "not due"


def no_hook(_step: str) -> None:
    """The default ``after_step``: tests pass one that crashes at a chosen step."""


class Lifecycle:
    """Refresh sweep, status rules and revocation-outbox retries, for the timer and the CLI.

    Keep one instance for as long as the app runs: the back-off and the "last checked" times live
    in it. Every method may be called from a worker thread; sweeps never overlap.
    """

    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        vault: TokenVault,
        client: InstagramClient | None,
        clock: Clock,
        retry_outbox: Callable[[], OutboxReport] | None = None,
        window: timedelta = DEFAULT_WINDOW,
        warn_before: timedelta | None = None,
        verify_every: timedelta | None = DEFAULT_VERIFY_EVERY,
        max_workers: int = 4,
        backoff: Backoff | None = None,
        after_step: AfterStep = no_hook,
        worker_id: str | None = None,
        facebook: FacebookClient | None = None,
    ) -> None:
        """``warn_before``: how close to expiry a failing refresh is worth a notice (half the window).

        ``client`` is None while the Instagram app is not configured: expiry is still enforced.
        ``verify_every`` None turns the ``/me`` checks off. ``worker_id`` names this desktop in its
        refresh claims (``store.claims.desktop_id``); a random one by default. Page tokens of accounts
        connected through Facebook (``facebook``) have no expiry: they are only ever verified, never
        refreshed.
        """
        self._sessions = sessions
        self._clock = clock
        self._retry_outbox = retry_outbox
        self._window = window if window > timedelta(0) else DEFAULT_WINDOW
        warn = warn_before if warn_before is not None else self._window / 2
        self._warn_before = min(warn, self._window)
        self._verify_every = verify_every
        self._max_workers = max(1, max_workers)
        self._backoff = backoff or Backoff()
        self._db = threading.Lock()
        self._running = threading.Lock()
        self._tokens = TokenAccess(vault, client, facebook)
        self._marks = StatusMarks(
            sessions=sessions, db=self._db, clock=clock, backoff=self._backoff, warn_before=self._warn_before
        )
        self._refresher = Refresher(
            sessions=sessions,
            db=self._db,
            vault=vault,
            tokens=self._tokens,
            marks=self._marks,
            backoff=self._backoff,
            # Names this desktop's refresh claims (other desktops may sweep the same team database).
            worker=worker_id or claims.new_worker_id(),
            after_step=after_step,
        )
        self._verified: dict[int, tuple[str, datetime]] = {}
        self._verified_lock = threading.Lock()

    @property
    def window(self) -> timedelta:
        return self._window

    @property
    def warn_before(self) -> timedelta:
        return self._warn_before

    # -- entry points -------------------------------------------------------------------------------

    def run(self) -> LifecycleReport:
        """One sweep, then the revocation outbox: what start-up and the timer do."""
        with self._running:
            started = self._clock.now()
            outcomes = self._sweep()
            outbox: OutboxReport | None = None
            outbox_error: str | None = None
            if self._retry_outbox is not None:
                try:
                    outbox = self._retry_outbox()
                except SocialdeskError as error:
                    log.warning("revocation outbox retry failed: %s", error.code)
                    outbox_error = error.code
            return LifecycleReport(outcomes, outbox, started, outbox_error)

    def sweep(self) -> LifecycleReport:
        """Only the refresh sweep."""
        with self._running:
            started = self._clock.now()
            return LifecycleReport(self._sweep(), None, started)

    def refresh_now(self) -> LifecycleReport:
        """Refresh every usable token now, due or not: after a team member who could read them left.

        Tokens under 24 hours old are left (Instagram refuses them) and reported as too young.
        """
        with self._running:
            started = self._clock.now()
            with self._db, transaction(self._sessions) as session:
                snapshots = read_snapshots(session)
            outcomes: list[RefreshOutcome] = []
            for snap in snapshots:
                now = self._clock.now()
                created = snap.token_created_at or now
                if snap.status == NEEDS_RECONNECT or snap.record_uuid is None:
                    outcomes.append(RefreshOutcome(snap.view, r.SKIPPED, snap.status))
                elif now - created < MIN_AGE:
                    outcomes.append(
                        RefreshOutcome(snap.view, r.TOO_YOUNG, snap.status, retry_at=created + MIN_AGE)
                    )
                else:
                    try:
                        # No committer: stored at once, so the outcome is never a future here.
                        done = self._refresher.refresh(snap, now)
                        assert isinstance(done, RefreshOutcome)
                        outcomes.append(done)
                    except Superseded:
                        outcomes.append(RefreshOutcome(snap.view, r.SUPERSEDED, snap.status))
            return LifecycleReport(tuple(outcomes), None, started)

    # -- the sweep ----------------------------------------------------------------------------------

    def _sweep(self) -> tuple[RefreshOutcome, ...]:
        cutoff = self._clock.now() + self._window
        with self._db, transaction(self._sessions) as session:
            due = repo.due_ids(session, cutoff, skip_status=NEEDS_RECONNECT)
            snapshots = read_snapshots(session, due)
        live = {s.id for s in snapshots}
        self._backoff.keep_only(live)
        with self._verified_lock:
            self._verified = {k: v for k, v in self._verified.items() if k in live}
        if not snapshots:
            return ()
        workers = min(self._max_workers, len(snapshots))
        now = self._clock.now()
        committer = GroupCommit(self._refresher)
        ahead = ClaimAhead(
            self._refresher, [s for s in snapshots if self._plan(s, now)[0] == _PLAN_REFRESH], self._clock
        )
        try:
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="token-lifecycle") as pool:
                futures = [pool.submit(self._one, snapshot, committer, ahead) for snapshot in snapshots]
                handed = [future.result() for future in futures]
        finally:
            ahead.close()
            committer.close()
        outcomes = tuple(self._settled(snap, item) for snap, item in zip(snapshots, handed, strict=True))
        summary = ", ".join(
            f"{name} {count}" for name in r.OUTCOMES if (count := sum(o.outcome == name for o in outcomes))
        )
        log.info("token sweep over %d connection(s): %s", len(outcomes), summary)
        return outcomes

    def _one(
        self, snap: Snapshot, committer: GroupCommit, ahead: ClaimAhead
    ) -> RefreshOutcome | Future[RefreshOutcome]:
        try:
            return self._decide(snap, self._clock.now(), committer, ahead)
        except Superseded:
            return RefreshOutcome(snap.view, r.SUPERSEDED, snap.status)
        except (SocialdeskError, SQLAlchemyError) as error:
            code = error.code if isinstance(error, SocialdeskError) else "internal_error"
            log.warning("token sweep: connection %s failed: %s", snap.view.ig_user_id, code)
            return RefreshOutcome(snap.view, r.FAILED, snap.status, error_code=code)
        finally:
            ahead.passed(snap)

    def _settled(self, snap: Snapshot, item: RefreshOutcome | Future[RefreshOutcome]) -> RefreshOutcome:
        """The outcome, once a token handed to the group commit is stored (or not), logged."""
        outcome = item.result() if isinstance(item, Future) else item
        if outcome.outcome not in (r.NOT_DUE, r.SKIPPED):
            log.info(
                "token of account %s in workspace %s: %s%s",
                snap.view.ig_user_id,
                snap.view.workspace_id,
                outcome.outcome,
                f" ({outcome.error_code})" if outcome.error_code else "",
            )
        return outcome

    def _plan(self, snap: Snapshot, now: datetime) -> tuple[str, datetime | None]:
        """What the sweep does with the row at ``now`` (one of the ``_PLAN_*`` names), and for a
        deferral the time it may try again. Decided without touching the database or the network,
        so the claims ahead of the workers follow the same decision as the workers themselves."""
        if snap.status == NEEDS_RECONNECT:
            return _PLAN_SKIP, None
        audience = self._tokens.audience_for(snap)
        if audience is not None and not audience.admits(snap):
            # Granted to another provider or app: not ours to send, refresh or judge.
            return _PLAN_SKIP, None
        if snap.record_uuid is None:
            return _PLAN_UNSEALED, None
        if snap.expires_at is not None and now >= snap.expires_at:
            return _PLAN_EXPIRED, None
        # The due-token query decided at the start of the sweep; the clock may have moved since.
        due = snap.due or (snap.expires_at is not None and now >= snap.expires_at - self._window)
        if due:
            created = snap.token_created_at or now
            if now - created < MIN_AGE:
                return _PLAN_TOO_YOUNG, created + MIN_AGE
            wait = self._backoff.next_attempt_at(snap.id, now)
            return (_PLAN_DEFERRED, wait) if wait is not None else (_PLAN_REFRESH, None)
        if self._verify_due(snap, now):
            wait = self._backoff.next_attempt_at(snap.id, now)
            return (_PLAN_VERIFY_DEFERRED, wait) if wait is not None else (_PLAN_VERIFY, None)
        return _PLAN_NOT_DUE, None

    def _decide(
        self, snap: Snapshot, now: datetime, committer: GroupCommit, ahead: ClaimAhead
    ) -> RefreshOutcome | Future[RefreshOutcome]:
        plan, when = self._plan(snap, now)
        if plan == _PLAN_REFRESH:
            return self._refresher.refresh(snap, now, committer, ahead)
        if plan == _PLAN_VERIFY:
            return self._verify(snap, now)
        if plan == _PLAN_SKIP:
            return RefreshOutcome(snap.view, r.SKIPPED, snap.status)
        if plan == _PLAN_UNSEALED:
            return self._marks.failed(snap, SocialdeskError("needs_reconnect"), now)
        if plan == _PLAN_EXPIRED:
            assert snap.expires_at is not None
            return self._marks.mark(snap, NEEDS_RECONNECT, expired_reason(snap.expires_at), r.EXPIRED, None)
        if plan == _PLAN_TOO_YOUNG:
            return self._marks.not_refreshed(snap, now, r.TOO_YOUNG, None, when)
        if plan == _PLAN_DEFERRED:
            return self._marks.not_refreshed(snap, now, r.DEFERRED, None, when)
        if plan == _PLAN_VERIFY_DEFERRED:
            return RefreshOutcome(snap.view, r.DEFERRED, snap.status, retry_at=when)
        return RefreshOutcome(snap.view, r.NOT_DUE, snap.status)

    def _verify(self, snap: Snapshot, now: datetime) -> RefreshOutcome:
        try:
            with self._db, transaction(self._sessions) as session:
                token = self._tokens.open(session, snap)
            self._tokens.require_same_account(snap, token)
        except SocialdeskError as error:
            return self._marks.failed(snap, error, now)
        assert snap.record_uuid is not None
        with self._verified_lock:
            self._verified[snap.id] = (snap.record_uuid, now)
        self._backoff.succeeded(snap.id)
        return RefreshOutcome(snap.view, r.VERIFIED, snap.status)

    def _verify_due(self, snap: Snapshot, now: datetime) -> bool:
        if self._verify_every is None:
            return False
        with self._verified_lock:
            last = self._verified.get(snap.id)
        return last is None or last[0] != snap.record_uuid or now - last[1] >= self._verify_every
