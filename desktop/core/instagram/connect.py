"""Finishing an Instagram connect: exchange the code, check the account, store it, or withdraw the grant.

A connect stores nothing until every check passed; whatever stops it after the code exchange
withdraws the grant, unless a stored connection still holds the account.
"""

from __future__ import annotations

import logging

from desktop.core.connection_queries import connected_anywhere, connection_view, describe_missing
from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_, Detail
from desktop.core.instagram.connections_base import ConnectionsBase
from desktop.core.instagram.models import LongLivedToken, Profile
from desktop.core.instagram.scopes import PROFESSIONAL_ACCOUNT_TYPES
from desktop.core.oauth import CallbackResult
from desktop.core.secrets import SecretStr
from desktop.core.store import connections as repo
from desktop.core.store import workspaces as workspace_repo
from desktop.core.store.errors import transaction
from desktop.core.views import ConnectionView

#: The use case's one logger, whichever of its parts writes.
log = logging.getLogger("desktop.core.connections")

#: Database failures: when one stops a connect after the code exchange, the grant is withdrawn.
_STORE_FAILURES = frozenset({"database_busy", "disk_full", "database_corrupt", "database_unreachable"})


class InstagramConnect(ConnectionsBase):
    """The part of :class:`desktop.core.connections.Connections` that turns a callback into a connection."""

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
            raise SocialdeskError(
                "provider_error", Detail(N_("Instagram answered: {answer}"), answer=result.error or "no code")
            )
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
            raise SocialdeskError(
                "scope_rejected",
                Detail(N_("Not granted: {permissions}"), permissions=describe_missing(missing)),
            )
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
                return connected_anywhere(session, str(ig_user_id))
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
                known = connected_anywhere(session, ig_user_id)
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
