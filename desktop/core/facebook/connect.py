"""Connecting through Facebook Login: one consent, then a choice of the Page-linked accounts.

The flow shares the connect session, the loopback listener and the store with Instagram Login.
After the dialog: code → user token → long-lived user token → the Pages (``/me/accounts``, and the
business portfolios' Pages when ``business_management`` was granted) → each Page's linked account
or the reason it has none → ``/me/permissions``. The result is a :class:`Discovery`; the chosen
accounts are then stored in one transaction, each with its own Page token.

The long-lived user token is not kept. The Page tokens made from it carry everything Socialdesk
uses and have no timer; revoking the grant uses the app's own token with the person's id. Keeping a
60-day user token would be one more secret at rest that buys nothing.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Callable, Iterable

from sqlalchemy.orm import Session, sessionmaker

from desktop.core.clock import Clock
from desktop.core.connections import RESULT_PAGE_WAIT, connection_view, describe_missing
from desktop.core.errors import SocialdeskError
from desktop.core.facebook.client import FacebookClient
from desktop.core.facebook.discovery import (
    NO_PAGE_ACCESS,
    NOT_LINKED,
    NOT_TICKED,
    Candidate,
    Discovery,
    PageProblem,
)
from desktop.core.facebook.models import PageEntry
from desktop.core.facebook.scopes import BUSINESS_MANAGEMENT, REQUESTED_SCOPES, REQUIRED_SCOPES
from desktop.core.i18n import N_, Detail
from desktop.core.instagram.errors import InstagramError
from desktop.core.oauth import CallbackResult, ConnectSessions, PendingFlow
from desktop.core.oauth.attempt import FlowAttempt
from desktop.core.oauth.attempt_slot import AttemptSlot
from desktop.core.secrets import SecretStr
from desktop.core.store import facebook as fb_repo
from desktop.core.store import workspaces as workspace_repo
from desktop.core.store.connections import TokenVault
from desktop.core.store.errors import transaction
from desktop.core.views import ConnectionView

log = logging.getLogger(__name__)


class FacebookAttempt(FlowAttempt):
    """One Facebook dialog in progress; :meth:`wait` returns the picker's data."""

    def __init__(self, flow: PendingFlow, owner: FacebookConnections) -> None:
        super().__init__(flow, owner._slot.release)
        self._owner = owner

    def wait(self, timeout: float | None = None) -> Discovery:
        """Block until Facebook answers, then find the accounts this consent reaches.

        The browser's result page waits for the outcome: why not, on failure; on success it sends the
        person back to Socialdesk, where the picker is.
        """
        return self._complete(
            timeout,
            lambda result: self._owner.discover(self._flow.workspace_id, result),
            lambda _discovery: None,
        )


class FacebookConnections:
    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        vault: TokenVault,
        client: FacebookClient | None,
        connect_sessions: ConnectSessions,
        redirect_uri: str,
        clock: Clock,
        listen: bool = True,
        check_interval: float = 1.0,
        tls: Callable[[], ssl.SSLContext] | None = None,
    ) -> None:
        """``client`` is None while no Facebook app is configured (connecting says so).

        ``tls`` serves an ``https://`` redirect URI, as for Instagram Login (the same listener).
        """
        self._tls = tls
        self._sessions = sessions
        self._vault = vault
        self._client = client
        self._connect_sessions = connect_sessions
        self._redirect_uri = redirect_uri
        self._clock = clock
        self._listen = listen
        self._check_interval = check_interval
        self._slot: AttemptSlot[FacebookAttempt] = AttemptSlot()
        #: After a declined permission, the next dialog asks again (``auth_type=rerequest``).
        self._rerequest = False

    @property
    def client(self) -> FacebookClient:
        if self._client is None:
            raise SocialdeskError("not_configured", N_("no Facebook App ID and App Secret are set"))
        return self._client

    @property
    def available(self) -> bool:
        return self._client is not None

    @property
    def busy(self) -> bool:
        return self._slot.busy

    @property
    def will_rerequest(self) -> bool:
        return self._rerequest

    def start_connect(
        self, workspace_id: int, *, rerequest: bool = False, reauthenticate: bool = False
    ) -> FacebookAttempt:
        """``reauthenticate`` (switch account) makes Facebook ask who signs in, even with a session."""
        client = self.client
        with transaction(self._sessions) as session:
            if workspace_repo.get(session, workspace_id) is None:
                raise SocialdeskError("workspace_not_found", f"id {workspace_id}")
        ask_again = rerequest or self._rerequest

        def begin() -> FacebookAttempt:
            flow = PendingFlow.begin(
                self._connect_sessions,
                workspace_id,
                redirect_uri=self._redirect_uri,
                authorize_url_for=lambda s: client.authorize_url(
                    self._redirect_uri,
                    s.state,
                    REQUESTED_SCOPES,
                    rerequest=ask_again,
                    reauthenticate=reauthenticate,
                ),
                listen=self._listen,
                check_interval=self._check_interval,
                tls=self._tls,
                outcome_wait=RESULT_PAGE_WAIT,
            )
            return FacebookAttempt(flow, self)

        attempt = self._slot.start(begin)
        log.info(
            "Facebook connect attempt started for workspace %s%s",
            workspace_id,
            " (re-request)" if ask_again else " (sign-in asked again)" if reauthenticate else "",
        )
        return attempt

    # -- after the dialog ---------------------------------------------------------------------------

    def discover(self, workspace_id: int, result: CallbackResult) -> Discovery:
        """Facebook's answer → the accounts this consent reaches, or a catalogue error (nothing stored)."""
        if result.error is not None or result.code is None:
            if result.denied:
                raise SocialdeskError("access_denied")
            raise SocialdeskError(
                "provider_error", Detail(N_("Facebook answered: {answer}"), answer=result.error or "no code")
            )
        client = self.client
        short = client.exchange_code(result.code, self._redirect_uri)
        user = client.me(short.access_token)
        try:
            token = client.exchange_long_lived(short.access_token).access_token
            permissions = client.permissions(token)
            missing = [s for s in REQUIRED_SCOPES if s not in permissions.granted]
            if missing:
                # The grant stays so that the retry, with auth_type=rerequest, asks only for these.
                self._rerequest = True
                log.info("Facebook connect refused: %d permission(s) not granted", len(missing))
                raise SocialdeskError(
                    "scope_rejected",
                    Detail(N_("Not granted: {permissions}"), permissions=describe_missing(missing)),
                )
            self._rerequest = False
            pages = self._pages(token, business=BUSINESS_MANAGEMENT in permissions.granted)
            candidates, problems = self._sort(workspace_id, user.user_id, pages)
        except SocialdeskError as error:
            if error.code != "scope_rejected":
                self._withdraw_unless_used(user.user_id)
            raise
        discovery = Discovery(
            workspace_id=workspace_id,
            grant_id=user.user_id,
            person_name=user.name,
            scopes=permissions.granted,
            consented_at=self._clock.now(),
            candidates=tuple(candidates),
            problems=tuple(problems),
        )
        if not candidates:
            self._withdraw_unless_used(user.user_id)
            log.info("Facebook connect: no eligible account among %d Page(s)", len(pages))
            raise SocialdeskError("instagram_no_business_account", discovery.reasons_in_words())
        log.info(
            "Facebook consent reaches %d account(s); %d Page(s) without one", len(candidates), len(problems)
        )
        return discovery

    def _pages(self, token: SecretStr, *, business: bool) -> list[PageEntry]:
        client = self.client
        found: dict[str, PageEntry] = {page.page_id: page for page in client.pages(token)}
        if business:
            try:
                for portfolio in client.businesses(token):
                    for page in client.business_pages(token, portfolio):
                        found.setdefault(page.page_id, page)
            except InstagramError as error:
                if error.code != "missing_permission":
                    raise
                log.info("business portfolios not readable: %s", error.code)
        return list(found.values())

    def _sort(
        self, workspace_id: int, grant_id: str, pages: Iterable[PageEntry]
    ) -> tuple[list[Candidate], list[PageProblem]]:
        client = self.client
        with transaction(self._sessions) as session:
            earlier = {
                c.page_id or "": (c.page_name or "", c.ig_user_id)
                for c in fb_repo.pages_of_grant(session, workspace_id, grant_id)
            }
        candidates: list[Candidate] = []
        problems: list[PageProblem] = []
        seen_pages: set[str] = set()
        for page in pages:
            seen_pages.add(page.page_id)
            if page.linked is None:
                problems.append(PageProblem(page.page_id, page.name, NOT_LINKED))
                continue
            if page.access_token is None:
                problems.append(PageProblem(page.page_id, page.name, NO_PAGE_ACCESS))
                continue
            account = page.linked
            if not account.username or not account.profile_picture_url:
                account = client.ig_account(page.access_token, account.ig_user_id)
            if any(c.ig_user_id == account.ig_user_id for c in candidates):
                continue
            candidates.append(
                Candidate(
                    ig_user_id=account.ig_user_id,
                    username=account.username,
                    page_id=page.page_id,
                    page_name=page.name,
                    profile_picture_url=account.profile_picture_url or "",
                    business_name=page.business_name,
                    token=page.access_token,
                    connected=page.page_id in earlier,
                )
            )
        for page_id, (name, _ig) in earlier.items():
            if page_id not in seen_pages:
                problems.append(PageProblem(page_id, name, NOT_TICKED))
        return candidates, problems

    def connect(self, discovery: Discovery, chosen: Iterable[str]) -> list[ConnectionView]:
        """Store the chosen accounts (by Instagram user id) in one transaction, each with its Page token."""
        wanted = set(chosen)
        picked = [c for c in discovery.candidates if c.ig_user_id in wanted]
        unknown = wanted - {c.ig_user_id for c in picked}
        if unknown:
            raise SocialdeskError(
                "account_not_found", N_("not among the accounts this Facebook consent reaches")
            )
        if not picked:
            self._withdraw_unless_used(discovery.grant_id)
            return []
        views: list[ConnectionView] = []
        with transaction(self._sessions) as session:
            if workspace_repo.get(session, discovery.workspace_id) is None:
                raise SocialdeskError("workspace_not_found", f"id {discovery.workspace_id}")
            for candidate in picked:
                assert candidate.token is not None
                connection = fb_repo.upsert_page_connection(
                    session,
                    self._vault,
                    workspace_id=discovery.workspace_id,
                    ig_user_id=candidate.ig_user_id,
                    username=candidate.username,
                    profile_picture_url=candidate.profile_picture_url or None,
                    page_id=candidate.page_id,
                    page_name=candidate.page_name,
                    grant_id=discovery.grant_id,
                    scopes=discovery.scopes,
                    consented_at=discovery.consented_at,
                    token=candidate.token,
                    audience=self.client.audience,
                )
                views.append(connection_view(connection))
        log.info(
            "connected %d account(s) through Facebook to workspace %s", len(views), discovery.workspace_id
        )
        return views

    def dismiss(self, discovery: Discovery) -> None:
        """The picker was closed without connecting: withdraw the grant unless something uses it."""
        self._withdraw_unless_used(discovery.grant_id)

    def _withdraw_unless_used(self, grant_id: str) -> None:
        with transaction(self._sessions) as session:
            if fb_repo.grant_dependents(session, grant_id):
                return
        try:
            self.client.revoke_grant(grant_id)
        except SocialdeskError as error:
            log.info("could not withdraw an unused Facebook grant: %s", error.code)
