"""The use cases behind Settings → Integrations: connect, reconnect, list and disconnect accounts.

Network calls never run inside a database transaction (SQLite holds its write lock for the whole
transaction), and every transaction is short. A connect stores nothing until every check passed;
a disconnect takes the account out of the workspace first and revokes afterwards, so a crash or a
dead network between the two leaves a revocation to retry, never a half-removed account.
"""

from __future__ import annotations

import builtins
import logging
import ssl
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.clock import Clock
from desktop.core.errors import NO_CALLBACK, SocialdeskError
from desktop.core.facebook import disconnect as facebook_disconnect
from desktop.core.facebook.client import FacebookClient
from desktop.core.instagram.client import InstagramClient
from desktop.core.instagram.errors import InstagramError
from desktop.core.instagram.models import LongLivedToken, Profile
from desktop.core.instagram.scopes import PROFESSIONAL_ACCOUNT_TYPES, REQUIRED_SCOPES
from desktop.core.oauth import CallbackResult, ConnectSessions, FlowCancelled, PendingFlow
from desktop.core.oauth.attempt import FlowAttempt
from desktop.core.oauth.listener import Outcome
from desktop.core.secrets import SecretStr
from desktop.core.store import claims, listing, outbox
from desktop.core.store import connections as repo
from desktop.core.store import workspaces as workspace_repo
from desktop.core.store.connections import TokenVault
from desktop.core.store.errors import transaction
from desktop.core.store.models import ConnectedVia, InstagramConnection, OutboxFinal, RevocationOutbox
from desktop.core.views import ConnectionView, DisconnectOutcome, RevocationView, scope_in_words

log = logging.getLogger(__name__)

#: How long the browser's result page waits for the exchange and the account checks before it
#: says Socialdesk is still finishing (they normally take well under a second).
RESULT_PAGE_WAIT = 15.0

#: Codes that mean the token is already dead at Instagram: nothing is left to revoke.
_TOKEN_DEAD = frozenset({"needs_reconnect", "checkpoint_required"})
#: Database failures: when one stops a connect after the code exchange, the grant is withdrawn.
_STORE_FAILURES = frozenset({"database_busy", "disk_full", "database_corrupt", "database_unreachable"})
#: Revocation retries back off from a few minutes to at most a day, and stop after this many tries
#: (about a week): then the entry's final state tells the user to remove the access by hand.
_OUTBOX_FIRST_DELAY = timedelta(minutes=5)
_OUTBOX_MAX_DELAY = timedelta(days=1)
OUTBOX_MAX_ATTEMPTS = outbox.MAX_ATTEMPTS

__all__ = ["NO_CALLBACK", "ConnectAttempt", "Connections", "FlowCancelled", "OutboxReport"]


def connection_view(connection: InstagramConnection) -> ConnectionView:
    return ConnectionView(
        workspace_id=connection.workspace_id,
        workspace_name=connection.workspace.name,
        ig_user_id=connection.ig_user_id,
        username=connection.username,
        account_type=connection.account_type,
        scopes=tuple(connection.scopes),
        consented_at=connection.consented_at,
        expires_at=connection.expires_at,
        status=connection.status,
        status_reason=connection.status_reason or "",
        profile_picture_url=connection.profile_picture_url or "",
        via=connection.via or ConnectedVia.INSTAGRAM.value,
        page_name=connection.page_name or "",
    )


def _other_workspaces(session: Session, connection: InstagramConnection) -> tuple[str, ...]:
    others = session.scalars(
        select(InstagramConnection).where(
            InstagramConnection.ig_user_id == connection.ig_user_id,
            InstagramConnection.workspace_id != connection.workspace_id,
        )
    )
    return tuple(sorted(other.workspace.name for other in others))


def _connected_anywhere(session: Session, ig_user_id: str) -> bool:
    found = session.scalar(select(InstagramConnection.id).where(InstagramConnection.ig_user_id == ig_user_id))
    return found is not None


def _workspace_has_connections(session: Session, workspace_id: int) -> bool:
    """Whether the workspace has any account (one row looked at, however many it has)."""
    found = session.scalar(
        select(InstagramConnection.id).where(InstagramConnection.workspace_id == workspace_id).limit(1)
    )
    return found is not None


def _browser_account(session: Session) -> str | None:
    """The account the browser is signed in to Instagram as, as far as Socialdesk knows.

    Every dialog leaves the browser signed in as the account it returned, so that is the account of
    the most recent consent.
    """
    latest = session.scalar(
        select(InstagramConnection.ig_user_id)
        .order_by(InstagramConnection.consented_at.desc(), InstagramConnection.id.desc())
        .limit(1)
    )
    return latest


def describe_missing(scopes: Iterable[str]) -> str:
    """'Publish posts (instagram_business_content_publish), …': plain words first, then the name."""
    return ", ".join(f"{scope_in_words(s)} ({s})" for s in scopes)


@dataclass(frozen=True, slots=True)
class OutboxReport:
    revoked: int
    still_pending: int
    #: Entries that reached a final state in this run (the user must remove those by hand).
    finalized: int = 0


def revocation_view(entry: RevocationOutbox) -> RevocationView:
    return RevocationView(
        workspace_id=entry.workspace_id,
        username=entry.username,
        state=entry.final_state or "pending",
        attempts=entry.attempts,
        last_error_code=entry.last_error_code,
    )


class ConnectAttempt(FlowAttempt):
    """One Instagram connect flow in progress; its methods may be called from any thread."""

    def __init__(
        self,
        flow: PendingFlow,
        connections: Connections,
        *,
        reconnect_of: str | None = None,
        forced: bool = False,
    ) -> None:
        super().__init__(flow, connections._attempt_ended)
        self._connections = connections
        self._reconnect_of = reconnect_of
        self._forced = forced

    @property
    def reconnect_of(self) -> str | None:
        """The ig_user_id of the row being reconnected, if this attempt is a Reconnect."""
        return self._reconnect_of

    @property
    def forced(self) -> bool:
        """Whether Instagram was asked to sign the browser in again (``force_authentication=1``)."""
        return self._forced

    def wait(self, timeout: float | None = None) -> ConnectionView:
        """Block until Instagram answers, then finish the connection (exchange, checks, store).

        Raises a SocialdeskError with a catalogue code, FlowCancelled after :meth:`cancel`, or
        TimeoutError when ``timeout`` passes first (the attempt goes on).
        """
        return self._complete(
            timeout,
            lambda result: self._connections.finish_connect(
                self._flow.workspace_id, result, reconnect_of=self._reconnect_of
            ),
            lambda view: Outcome(username=view.username, workspace=view.workspace_name),
        )


class Connections:
    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        vault: TokenVault,
        client: InstagramClient | None,
        connect_sessions: ConnectSessions,
        redirect_uri: str,
        clock: Clock,
        scopes: tuple[str, ...] = REQUIRED_SCOPES,
        listen: bool = True,
        check_interval: float = 1.0,
        tls: Callable[[], ssl.SSLContext] | None = None,
        facebook: FacebookClient | None = None,
    ) -> None:
        """``client`` is None while the Instagram app is not configured (connecting says so).

        ``tls`` serves an ``https://`` redirect URI (the local CA's current leaf). ``facebook``
        revokes the grants of accounts connected through Facebook Login.
        """
        self._facebook = facebook
        self._sessions = sessions
        self._vault = vault
        self._client = client
        self._connect_sessions = connect_sessions
        self._redirect_uri = redirect_uri
        self._clock = clock
        self._scopes = scopes
        self._listen = listen
        self._check_interval = check_interval
        self._tls = tls
        self._lock = threading.Lock()
        self._attempt: ConnectAttempt | None = None

    @property
    def client(self) -> InstagramClient:
        if self._client is None:
            raise SocialdeskError("not_configured")
        return self._client

    @property
    def redirect_uri(self) -> str:
        return self._redirect_uri

    # -- connect -----------------------------------------------------------------------------------

    def start_connect(
        self, workspace_id: int, *, force_authentication: bool = False, reconnect_of: str | None = None
    ) -> ConnectAttempt:
        """Open a connect session and its loopback listener; the caller opens ``start_url``.

        Instagram reuses whoever is signed in to it in the browser unless told to ask again, so the
        sign-in is forced for "Connect another account" (the workspace already has one), and for a
        Reconnect of an account other than the one the browser last signed in as.
        """
        client = self.client
        with transaction(self._sessions) as session:
            if workspace_repo.get(session, workspace_id) is None:
                raise SocialdeskError("workspace_not_found", f"id {workspace_id}")
            if reconnect_of is not None:
                force_authentication = force_authentication or reconnect_of != _browser_account(session)
            elif _workspace_has_connections(session, workspace_id):
                force_authentication = True
        # Before the browser opens: a grant the vault could not keep must never be taken.
        self._vault.check_can_store()
        with self._lock:
            if self._attempt is not None and not self._attempt.ended:
                raise SocialdeskError("connect_in_progress")
            flow = PendingFlow.begin(
                self._connect_sessions,
                workspace_id,
                redirect_uri=self._redirect_uri,
                authorize_url_for=lambda s: client.authorize_url(
                    self._redirect_uri, s.state, self._scopes, force_authentication=force_authentication
                ),
                listen=self._listen,
                check_interval=self._check_interval,
                tls=self._tls,
                outcome_wait=RESULT_PAGE_WAIT,
            )
            self._attempt = ConnectAttempt(flow, self, reconnect_of=reconnect_of, forced=force_authentication)
            log.info(
                "connect attempt started for workspace %s%s",
                workspace_id,
                " (sign-in forced)" if force_authentication else "",
            )
            return self._attempt

    def _attempt_ended(self, attempt: FlowAttempt) -> None:
        with self._lock:
            if self._attempt is attempt:
                self._attempt = None

    def finish_connect(
        self, workspace_id: int, result: CallbackResult, *, reconnect_of: str | None = None
    ) -> ConnectionView:
        """Turn Instagram's answer into a stored connection, or a catalogue error (nothing stored).

        Instagram may answer with an account the user did not mean (the browser's signed-in one):
        a Reconnect that comes back as another account, or a new connect that comes back as one
        already in the workspace, changes nothing and says so, so the user can switch account.
        """
        if result.error is not None or result.code is None:
            # A plain access_denied is all Meta gives, whether the user cancelled or Instagram
            # turned a Personal account away; the catalogue entry says both.
            if result.denied:
                raise SocialdeskError("access_denied")
            log.warning("Instagram answered with error %s", result.error or "(no code)")
            raise SocialdeskError("provider_error", f"Instagram answered: {result.error or 'no code'}")
        client = self.client
        short = client.exchange_code(result.code, self._redirect_uri)
        try:
            long_lived = client.exchange_long_lived(short.access_token)
            token = long_lived.access_token
            profile = client.me(token)
        except SocialdeskError:
            # Instagram granted access but the connection can't be finished: withdraw the grant
            # rather than leave a token nobody holds (best effort; the network may still be down).
            self._revoke_quietly(short.access_token)
            raise
        if profile.account_type.upper() not in PROFESSIONAL_ACCOUNT_TYPES:
            self._revoke_quietly(token)
            log.info("connect refused: account type %s", profile.account_type)
            raise SocialdeskError("instagram_no_business_account")
        try:
            self._check_intended_account(workspace_id, profile.user_id, profile.username, token, reconnect_of)
        except SocialdeskError as error:
            if error.code in _STORE_FAILURES:  # the store failed before the save: same as a failed save
                self._revoke_quietly(token)
            raise
        missing = [scope for scope in self._scopes if scope not in short.permissions]
        if missing:
            self._revoke_quietly(token)
            log.info("connect refused: %d permission(s) not granted", len(missing))
            raise SocialdeskError("scope_rejected", f"Not granted: {describe_missing(missing)}")
        try:
            view = self._store_connection(workspace_id, profile, short.permissions, long_lived)
        except Exception as error:
            # Whatever stopped the save (a busy database, a full disk, a keychain that locked
            # meanwhile), the grant is withdrawn rather than left live with nobody holding it;
            # unless a stored connection holds the account's grant (a reconnect): Instagram revokes
            # per account, so withdrawing would cut that connection off too.
            held = self._held_by_a_connection(profile.user_id)
            if not held:
                self._revoke_quietly(token)
            log.warning(
                "connect not saved (%s); %s",
                error.code if isinstance(error, SocialdeskError) else type(error).__name__,
                "the account's grant stays with its stored connection"
                if held
                else "asked Instagram to withdraw the grant",
            )
            raise
        log.info("connected Instagram account %s to workspace %s", view.ig_user_id, workspace_id)
        return view

    def _held_by_a_connection(self, ig_user_id: str) -> bool:
        """Whether a stored connection uses this account; unknown (the database failing) counts as no."""
        try:
            with transaction(self._sessions) as session:
                return _connected_anywhere(session, str(ig_user_id))
        except Exception:
            return False

    def _store_connection(
        self, workspace_id: int, profile: Profile, permissions: tuple[str, ...], long_lived: LongLivedToken
    ) -> ConnectionView:
        now = self._clock.now()
        with transaction(self._sessions) as session:
            if workspace_repo.get(session, workspace_id) is None:
                raise SocialdeskError("workspace_not_found", f"id {workspace_id}")
            connection = repo.upsert_connection(
                session,
                self._vault,
                workspace_id=workspace_id,
                ig_user_id=profile.user_id,
                username=profile.username,
                account_type=profile.account_type.upper(),
                scopes=permissions,
                consented_at=now,
                expires_at=long_lived.expires_at,
                token=long_lived.access_token,
                profile_picture_url=profile.profile_picture_url,
                audience=self.client.audience,
            )
            return connection_view(connection)

    def _check_intended_account(
        self, workspace_id: int, ig_user_id: str, username: str, token: SecretStr, reconnect_of: str | None
    ) -> None:
        with transaction(self._sessions) as session:
            if reconnect_of is not None and ig_user_id != reconnect_of:
                expected = repo.get_by_ig_user_id(session, workspace_id, reconnect_of)
                known = _connected_anywhere(session, ig_user_id)
                wanted = f"@{expected.username}" if expected is not None else "the account"
                detail = f"Instagram signed you in as @{username}, not {wanted}"
            elif (
                reconnect_of is None and repo.get_by_ig_user_id(session, workspace_id, ig_user_id) is not None
            ):
                known, detail = True, f"Instagram signed you in as @{username}, already connected here"
            else:
                return
        if not known:
            self._revoke_quietly(token)  # a grant for an account nobody connected: withdraw it
        code = "reconnect_other_account" if reconnect_of is not None else "account_already_connected"
        log.info("connect returned account %s, not the one meant (%s)", ig_user_id, code)
        raise SocialdeskError(code, detail)

    def _revoke_quietly(self, token: SecretStr) -> None:
        """Withdraw a grant we are not going to keep; failure here changes nothing for the user."""
        try:
            self.client.revoke(token)
        except SocialdeskError as error:
            log.info("could not withdraw an unused grant: %s", error.code)

    # -- list ----------------------------------------------------------------------------------------

    def list(self, workspace_id: int) -> builtins.list[ConnectionView]:
        with transaction(self._sessions) as session:
            return [connection_view(c) for c in repo.list_for_workspace(session, workspace_id)]

    def list_all(self) -> builtins.list[ConnectionView]:
        with transaction(self._sessions) as session:
            return [connection_view(c) for c in repo.list_all(session)]

    def summaries(
        self, workspace_id: int
    ) -> tuple[builtins.list[listing.ConnectionSummary], builtins.list[str]]:
        """One summary per connection of the workspace, and its pending revocations: what a list
        needs before it shows any row (see :mod:`desktop.core.store.listing`)."""
        with transaction(self._sessions) as session:
            return listing.summaries(session, workspace_id), listing.pending_revocations(
                session, workspace_id
            )

    def views(self, workspace_id: int, ig_user_ids: Iterable[str]) -> dict[str, ConnectionView]:
        """The full views of some of the workspace's connections (the rows a list is showing)."""
        with transaction(self._sessions) as session:
            return listing.views(session, workspace_id, ig_user_ids)

    def pending_revocations(self, workspace_id: int) -> builtins.list[str]:
        """Usernames disconnected from this workspace whose access is not yet revoked at Instagram."""
        return [r.username for r in self.revocations(workspace_id)]

    def revocations(self, workspace_id: int | None = None) -> builtins.list[RevocationView]:
        """Outbox entries (of one workspace, or all): still retried, or waiting for the user's hand."""
        with transaction(self._sessions) as session:
            return [
                revocation_view(e)
                for e in outbox.list_all(session)
                if workspace_id is None or e.workspace_id == workspace_id
            ]

    def dismiss_revocation(self, workspace_id: int, username: str) -> None:
        """Forget an entry the user has dealt with at Instagram (or no longer wants retried)."""
        with transaction(self._sessions) as session:
            for entry in outbox.list_all(session):
                if entry.workspace_id == workspace_id and entry.username == username.removeprefix("@"):
                    outbox.delete_entry(session, entry)
                    return
        raise SocialdeskError("account_not_found", f"@{username.removeprefix('@')}")

    def find(self, workspace_id: int, username: str) -> ConnectionView:
        with transaction(self._sessions) as session:
            connection = repo.get_by_username(session, workspace_id, username.removeprefix("@"))
            if connection is None:
                raise SocialdeskError("account_not_found", f"@{username.removeprefix('@')}")
            return connection_view(connection)

    def fetch_picture(self, url: str) -> bytes:
        return self.client.fetch_picture(url)

    # -- disconnect ----------------------------------------------------------------------------------

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
            shared_with = _other_workspaces(session, connection)
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
        finalized = sum(1 for entry_id in due if self._is_final(entry_id))
        with transaction(self._sessions) as session:
            remaining = sum(1 for e in outbox.list_all(session) if e.final_state is None)
        return OutboxReport(revoked=revoked, still_pending=remaining, finalized=finalized)

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
            if _connected_anywhere(session, entry.ig_user_id):
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
        return SocialdeskError("revoke_unsupported", "Instagram answered success, but the token still works")

    @staticmethod
    def _schedule_retry(
        session: Session, entry: RevocationOutbox, error: SocialdeskError, now: datetime
    ) -> None:
        delay = min(_OUTBOX_FIRST_DELAY * (2 ** min(entry.attempts, 16)), _OUTBOX_MAX_DELAY)
        if isinstance(error, InstagramError) and error.retry_after_seconds:
            delay = max(delay, timedelta(seconds=error.retry_after_seconds))
        outbox.mark_attempt(session, entry, error_code=error.code, next_attempt_at=now + delay, now=now)
        log.info("revocation for account %s postponed: %s", entry.ig_user_id, error.code)
