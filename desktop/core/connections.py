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
from collections.abc import Callable, Iterable

from sqlalchemy.orm import Session, sessionmaker

from desktop.core.clock import Clock
from desktop.core.connection_queries import (
    browser_account,
    connection_view,
    describe_missing,
    revocation_view,
    workspace_has_connections,
)
from desktop.core.errors import NO_CALLBACK, SocialdeskError
from desktop.core.facebook.client import FacebookClient
from desktop.core.instagram.client import InstagramClient
from desktop.core.instagram.connect import InstagramConnect
from desktop.core.instagram.disconnect import OUTBOX_MAX_ATTEMPTS, InstagramDisconnect, OutboxReport
from desktop.core.instagram.scopes import REQUIRED_SCOPES
from desktop.core.oauth import ConnectSessions, FlowCancelled, PendingFlow
from desktop.core.oauth.attempt import FlowAttempt
from desktop.core.oauth.attempt_slot import AttemptSlot
from desktop.core.oauth.listener import Outcome
from desktop.core.store import connections as repo
from desktop.core.store import listing, outbox
from desktop.core.store import workspaces as workspace_repo
from desktop.core.store.connections import TokenVault
from desktop.core.store.errors import transaction
from desktop.core.views import ConnectionView, RevocationView

log = logging.getLogger(__name__)

#: How long the browser's result page waits for the exchange and the account checks before it
#: says Socialdesk is still finishing (they normally take well under a second).
RESULT_PAGE_WAIT = 15.0

__all__ = [
    "NO_CALLBACK",
    "OUTBOX_MAX_ATTEMPTS",
    "RESULT_PAGE_WAIT",
    "ConnectAttempt",
    "Connections",
    "FlowCancelled",
    "OutboxReport",
    "connection_view",
    "describe_missing",
    "revocation_view",
]


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
        super().__init__(flow, connections._slot.release)
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


class Connections(InstagramConnect, InstagramDisconnect):
    """Connect, list and disconnect; finishing a connect and revoking live in their own parts."""

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
        self._slot: AttemptSlot[ConnectAttempt] = AttemptSlot()

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
                force_authentication = force_authentication or reconnect_of != browser_account(session)
            elif workspace_has_connections(session, workspace_id):
                force_authentication = True
        # Before the browser opens: a grant the vault could not keep must never be taken.
        self._vault.check_can_store()

        def begin() -> ConnectAttempt:
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
            return ConnectAttempt(flow, self, reconnect_of=reconnect_of, forced=force_authentication)

        attempt = self._slot.start(begin)
        log.info(
            "connect attempt started for workspace %s%s",
            workspace_id,
            " (sign-in forced)" if force_authentication else "",
        )
        return attempt

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
