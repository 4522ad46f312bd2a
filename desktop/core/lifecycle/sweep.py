"""The refresh sweep: keep every long-lived token alive without the user noticing.

A token is refreshed once it is at least 24 hours old (Instagram refuses younger ones, so they are
not even tried) and within the refresh window of its expiry. A token past its expiry is marked
``needs_reconnect`` without asking anyone. Tokens not yet due are checked with ``/me`` now and then,
so an account whose access was removed at Instagram shows up as ``needs_reconnect`` at the next
sweep rather than the day it is next used. Both the check and a refresh first make sure ``/me``
answers for the connection's own account: a token of another account is never used or renewed.

Network calls run on a small thread pool; database work never overlaps a network call and runs one
transaction at a time (SQLite takes its write lock at BEGIN). A refreshed token is sealed and
committed in the transaction that drops the old record, so a failed save, or a crash before the
commit, leaves the old token stored, and the old token stays valid at Instagram until its expiry.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.clock import Clock
from desktop.core.connections import OutboxReport, connection_view
from desktop.core.errors import SocialdeskError
from desktop.core.facebook.client import FacebookClient
from desktop.core.instagram.client import InstagramClient
from desktop.core.instagram.errors import InstagramError
from desktop.core.instagram.models import LongLivedToken
from desktop.core.lifecycle import report as r
from desktop.core.lifecycle.backoff import Backoff
from desktop.core.lifecycle.report import LifecycleReport, RefreshOutcome
from desktop.core.lifecycle.rules import (
    RATE_LIMITED,
    REFRESH_OVERDUE,
    expired_reason,
    judge,
)
from desktop.core.secrets import SecretStr
from desktop.core.store import claims, refreshed_token
from desktop.core.store import connections as repo
from desktop.core.store.connections import TokenVault
from desktop.core.store.errors import transaction
from desktop.core.store.models import ConnectionStatus, InstagramConnection
from desktop.core.token_audience import TokenAudience, require_audience
from desktop.core.views import ConnectionView

log = logging.getLogger(__name__)

DEFAULT_WINDOW = timedelta(days=7)
DEFAULT_VERIFY_EVERY = timedelta(days=1)
#: Instagram refuses to refresh a token under 24 hours old; the margin absorbs clock skew.
MIN_AGE = timedelta(hours=24, minutes=5)
#: Graph code of the app-wide rate limit: every connection waits, not just the one that hit it.
_APP_RATE_LIMIT = 4

_ACTIVE = ConnectionStatus.ACTIVE.value
_NEEDS_RECONNECT = ConnectionStatus.NEEDS_RECONNECT.value
_NOTICE_FOR_STATUS = {
    ConnectionStatus.NEEDS_RECONNECT.value: r.NOTICE_NEEDS_RECONNECT,
    ConnectionStatus.MISSING_PERMISSION.value: r.NOTICE_MISSING_PERMISSION,
}

AfterStep = Callable[[str], None]


def no_hook(_step: str) -> None:
    """The default ``after_step``: tests pass one that crashes at a chosen step."""


@dataclass(frozen=True, slots=True)
class _Snapshot:
    """What the sweep read about one connection before any network call."""

    id: int
    record_uuid: str | None
    token_created_at: datetime | None
    status: str
    status_reason: str
    expires_at: datetime | None
    view: ConnectionView
    #: Found by the due-token query: expiring within the refresh window (or already expired).
    due: bool = False
    provider: str | None = None
    app_id: str | None = None


class _Superseded(Exception):
    """The connection was removed, reconnected or refreshed by someone else since the snapshot."""


def _snapshot(connection: InstagramConnection, due: bool) -> _Snapshot:
    record = connection.token
    return _Snapshot(
        id=connection.id,
        record_uuid=record.record_uuid if record is not None else None,
        token_created_at=record.created_at if record is not None else None,
        status=connection.status,
        status_reason=connection.status_reason or "",
        expires_at=connection.expires_at,
        view=connection_view(connection),
        due=due,
        provider=connection.provider,
        app_id=connection.app_id,
    )


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
        self._facebook = facebook
        self._sessions = sessions
        self._vault = vault
        self._client = client
        self._clock = clock
        self._retry_outbox = retry_outbox
        self._window = window if window > timedelta(0) else DEFAULT_WINDOW
        warn = warn_before if warn_before is not None else self._window / 2
        self._warn_before = min(warn, self._window)
        self._verify_every = verify_every
        self._max_workers = max(1, max_workers)
        self._backoff = backoff or Backoff()
        self._after_step = after_step
        self._db = threading.Lock()
        self._running = threading.Lock()
        #: Names this desktop's refresh claims (other desktops may sweep the same team database).
        self._worker = worker_id or claims.new_worker_id()
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
                snapshots = [_snapshot(c, due=True) for c in repo.list_all(session)]
            outcomes: list[RefreshOutcome] = []
            for snap in snapshots:
                now = self._clock.now()
                created = snap.token_created_at or now
                if snap.status == _NEEDS_RECONNECT or snap.record_uuid is None:
                    outcomes.append(RefreshOutcome(snap.view, r.SKIPPED, snap.status))
                elif now - created < MIN_AGE:
                    outcomes.append(
                        RefreshOutcome(snap.view, r.TOO_YOUNG, snap.status, retry_at=created + MIN_AGE)
                    )
                else:
                    try:
                        outcomes.append(self._refresh(snap, now))
                    except _Superseded:
                        outcomes.append(RefreshOutcome(snap.view, r.SUPERSEDED, snap.status))
            return LifecycleReport(tuple(outcomes), None, started)

    # -- the sweep ----------------------------------------------------------------------------------

    def _sweep(self) -> tuple[RefreshOutcome, ...]:
        cutoff = self._clock.now() + self._window
        with self._db, transaction(self._sessions) as session:
            due = repo.due_ids(session, cutoff, skip_status=_NEEDS_RECONNECT)
            snapshots = [_snapshot(c, c.id in due) for c in repo.list_all(session)]
        live = {s.id for s in snapshots}
        self._backoff.keep_only(live)
        with self._verified_lock:
            self._verified = {k: v for k, v in self._verified.items() if k in live}
        if not snapshots:
            return ()
        workers = min(self._max_workers, len(snapshots))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="token-lifecycle") as pool:
            futures = [pool.submit(self._one, snapshot) for snapshot in snapshots]
            outcomes = tuple(future.result() for future in futures)
        summary = ", ".join(
            f"{name} {count}" for name in r.OUTCOMES if (count := sum(o.outcome == name for o in outcomes))
        )
        log.info("token sweep over %d connection(s): %s", len(outcomes), summary)
        return outcomes

    def _one(self, snap: _Snapshot) -> RefreshOutcome:
        try:
            outcome = self._decide(snap, self._clock.now())
        except _Superseded:
            outcome = RefreshOutcome(snap.view, r.SUPERSEDED, snap.status)
        except (SocialdeskError, SQLAlchemyError) as error:
            code = error.code if isinstance(error, SocialdeskError) else "internal_error"
            log.warning("token sweep: connection %s failed: %s", snap.view.ig_user_id, code)
            outcome = RefreshOutcome(snap.view, r.FAILED, snap.status, error_code=code)
        if outcome.outcome not in (r.NOT_DUE, r.SKIPPED):
            log.info(
                "token of account %s in workspace %s: %s%s",
                snap.view.ig_user_id,
                snap.view.workspace_id,
                outcome.outcome,
                f" ({outcome.error_code})" if outcome.error_code else "",
            )
        return outcome

    def _decide(self, snap: _Snapshot, now: datetime) -> RefreshOutcome:
        if snap.status == _NEEDS_RECONNECT:
            return RefreshOutcome(snap.view, r.SKIPPED, snap.status)
        audience = self._audience_for(snap)
        if audience is not None and not audience.admits(snap):
            # Granted to another provider or app: not ours to send, refresh or judge.
            return RefreshOutcome(snap.view, r.SKIPPED, snap.status)
        if snap.record_uuid is None:
            return self._failed(snap, SocialdeskError("needs_reconnect"), now)
        if snap.expires_at is not None and now >= snap.expires_at:
            return self._mark(snap, _NEEDS_RECONNECT, expired_reason(snap.expires_at), r.EXPIRED, None)
        # The due-token query decided at the start of the sweep; the clock may have moved since.
        due = snap.due or (snap.expires_at is not None and now >= snap.expires_at - self._window)
        if due:
            created = snap.token_created_at or now
            if now - created < MIN_AGE:
                return self._not_refreshed(snap, now, r.TOO_YOUNG, None, created + MIN_AGE)
            wait = self._backoff.next_attempt_at(snap.id, now)
            if wait is not None:
                return self._not_refreshed(snap, now, r.DEFERRED, None, wait)
            return self._refresh(snap, now)
        if self._verify_due(snap, now):
            wait = self._backoff.next_attempt_at(snap.id, now)
            if wait is not None:
                return RefreshOutcome(snap.view, r.DEFERRED, snap.status, retry_at=wait)
            return self._verify(snap, now)
        return RefreshOutcome(snap.view, r.NOT_DUE, snap.status)

    def _refresh(self, snap: _Snapshot, now: datetime) -> RefreshOutcome:
        if not self._claim(snap, now):
            # Another desktop is refreshing it, or already did: one refresh per token.
            return RefreshOutcome(snap.view, r.SUPERSEDED, snap.status)
        stored = False
        try:
            outcome = self._refresh_claimed(snap, now)
            stored = outcome.outcome == r.REFRESHED
            return outcome
        finally:
            if not stored:
                self._release(snap)

    def _claim(self, snap: _Snapshot, now: datetime) -> bool:
        assert snap.record_uuid is not None
        with self._db, transaction(self._sessions) as session:
            return claims.claim_refresh(session, snap.id, snap.record_uuid, worker=self._worker, now=now)

    def _release(self, snap: _Snapshot) -> None:
        try:
            with self._db, transaction(self._sessions) as session:
                claims.release_refresh_by_id(session, snap.id, worker=self._worker)
        except (SocialdeskError, SQLAlchemyError) as error:
            # The lease runs out by itself; the next sweep tries again then.
            log.warning("could not release the refresh claim: %s", type(error).__name__)

    def _refresh_claimed(self, snap: _Snapshot, now: datetime) -> RefreshOutcome:
        try:
            token = self._read_token(snap)
            # A token of another account is not renewed, nor sealed anew under this connection.
            self._require_same_account(snap, token)
            fresh = self._require_client().refresh(token)
        except SocialdeskError as error:
            return self._failed(snap, error, now)
        self._after_step("refreshed")
        try:
            return self._store(snap, fresh)
        except (SocialdeskError, SQLAlchemyError) as error:
            code = error.code if isinstance(error, SocialdeskError) else "internal_error"
            log.warning(
                "refreshed token of account %s could not be saved (%s); the old one stays in use",
                snap.view.ig_user_id,
                code if isinstance(error, SocialdeskError) else type(error).__name__,
            )
            retry_at = self._backoff.failed(snap.id, now)
            return self._not_refreshed(snap, now, r.SAVE_FAILED, code, retry_at)

    def _store(self, snap: _Snapshot, fresh: LongLivedToken) -> RefreshOutcome:
        with self._db, transaction(self._sessions) as session:
            stored = refreshed_token.read_stored(session, snap.id)
            if stored is None or stored.record_uuid != snap.record_uuid:
                raise _Superseded
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
        self._after_step("committed")
        self._backoff.succeeded(snap.id)
        return RefreshOutcome(stored.view(), r.REFRESHED, snap.status)

    def _verify(self, snap: _Snapshot, now: datetime) -> RefreshOutcome:
        try:
            token = self._read_token(snap)
            self._require_same_account(snap, token)
        except SocialdeskError as error:
            return self._failed(snap, error, now)
        assert snap.record_uuid is not None
        with self._verified_lock:
            self._verified[snap.id] = (snap.record_uuid, now)
        self._backoff.succeeded(snap.id)
        return RefreshOutcome(snap.view, r.VERIFIED, snap.status)

    def _verify_due(self, snap: _Snapshot, now: datetime) -> bool:
        if self._verify_every is None:
            return False
        with self._verified_lock:
            last = self._verified.get(snap.id)
        return last is None or last[0] != snap.record_uuid or now - last[1] >= self._verify_every

    # -- failures and status changes --------------------------------------------------------------

    def _failed(self, snap: _Snapshot, error: SocialdeskError, now: datetime) -> RefreshOutcome:
        verdict = judge(error)
        if verdict.status is not None:
            outcome = r.NEEDS_RECONNECT if verdict.status == _NEEDS_RECONNECT else r.MISSING_PERMISSION
            return self._mark(snap, verdict.status, verdict.reason, outcome, error.code)
        retry_at = self._backoff.failed(snap.id, now, verdict.retry_after)
        if verdict.kind == RATE_LIMITED:
            graph_code = error.graph_code if isinstance(error, InstagramError) else None
            if graph_code in (None, _APP_RATE_LIMIT):
                self._backoff.pause_all(now + (verdict.retry_after or (retry_at - now)))
            return self._not_refreshed(snap, now, r.RATE_LIMITED, error.code, retry_at)
        return self._not_refreshed(snap, now, r.FAILED, error.code, retry_at)

    def _not_refreshed(
        self, snap: _Snapshot, now: datetime, outcome: str, error_code: str | None, retry_at: datetime | None
    ) -> RefreshOutcome:
        """A due token that stays as it is this time; the user hears of it once, close to expiry."""
        view, notice = self._mark_overdue(snap, now)
        return RefreshOutcome(view, outcome, snap.status, notice, error_code, retry_at)

    def _mark_overdue(self, snap: _Snapshot, now: datetime) -> tuple[ConnectionView, str | None]:
        if (
            snap.status != _ACTIVE
            or snap.status_reason == REFRESH_OVERDUE
            or snap.expires_at is None
            or snap.expires_at - now > self._warn_before
        ):
            return snap.view, None
        try:
            with self._db, transaction(self._sessions) as session:
                connection = self._current(session, snap)
                if connection.status != _ACTIVE or connection.status_reason == REFRESH_OVERDUE:
                    return connection_view(connection), None
                repo.set_status(session, connection, _ACTIVE, REFRESH_OVERDUE, now=now)
                return connection_view(connection), r.NOTICE_EXPIRING
        except (SocialdeskError, SQLAlchemyError) as error:
            # Told next time instead: the notice goes with the stored marker, never without it.
            log.warning("could not record the expiry warning: %s", type(error).__name__)
            return snap.view, None

    def _mark(
        self, snap: _Snapshot, status: str, reason: str, outcome: str, error_code: str | None
    ) -> RefreshOutcome:
        """Set a status Instagram's answer (or the calendar) decided; a notice only when it changes."""
        with self._db, transaction(self._sessions) as session:
            connection = self._current(session, snap)
            previous = connection.status
            if previous != status or (connection.status_reason or "") != reason:
                repo.set_status(session, connection, status, reason, now=self._clock.now())
            view = connection_view(connection)
        notice = _NOTICE_FOR_STATUS.get(status) if previous != status else None
        if notice is not None:
            log.warning("account %s now %s (%s)", view.ig_user_id, status, error_code or outcome)
        return RefreshOutcome(view, outcome, previous, notice, error_code)

    # -- plumbing -----------------------------------------------------------------------------------

    def _current(self, session: Session, snap: _Snapshot) -> InstagramConnection:
        """The connection as stored now, if it still holds the token the snapshot saw."""
        connection = repo.get(session, snap.id)
        if connection is None:
            raise _Superseded
        record = connection.token
        if (record.record_uuid if record is not None else None) != snap.record_uuid:
            raise _Superseded
        return connection

    def _read_token(self, snap: _Snapshot) -> SecretStr:
        with self._db, transaction(self._sessions) as session:
            stored = refreshed_token.read_token_record(session, snap.id)
            record = stored.record if stored is not None else None
            if stored is None or record is None or record.record_uuid != snap.record_uuid:
                raise _Superseded
            audience = self._audience_for(snap)
            if audience is None:
                raise SocialdeskError("not_configured")
            require_audience(stored, audience)
            return self._vault.open(record, stored.owner, session)

    def _audience_for(self, snap: _Snapshot) -> TokenAudience | None:
        """Where the row's token may go: Facebook's Graph for a Page token, else Instagram's."""
        if snap.view.via == "facebook":
            return self._facebook.audience if self._facebook is not None else None
        return self._client.audience if self._client is not None else None

    def _require_same_account(self, snap: _Snapshot, token: SecretStr) -> None:
        """``/me`` must answer for the connection's account; raises ``account_mismatch`` otherwise.

        A Page token (Facebook Login) goes to Facebook's Graph only, never to graph.instagram.com:
        there the linked account itself is read with it.
        """
        if snap.view.via == "facebook":
            if self._facebook is None:
                raise SocialdeskError("not_configured", "no Facebook app is configured")
            account = self._facebook.ig_account(token, snap.view.ig_user_id)
            if account.ig_user_id != str(snap.view.ig_user_id):
                raise SocialdeskError(
                    "account_mismatch", f"Facebook answered for account {account.ig_user_id}"
                )
            return
        profile = self._require_client().me(token)
        if str(profile.user_id) != str(snap.view.ig_user_id):
            log.warning(
                "token stored for account %s signs in as account %s: refused",
                snap.view.ig_user_id,
                profile.user_id,
            )
            raise SocialdeskError("account_mismatch", f"Instagram answered for account {profile.user_id}")

    def _require_client(self) -> InstagramClient:
        if self._client is None:
            raise SocialdeskError("not_configured")
        return self._client
