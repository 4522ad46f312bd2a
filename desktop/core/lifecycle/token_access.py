"""Opening a connection's stored token for the sweep, and making sure it still signs in as its account.

A token goes only where it was granted (its provider and app), and ``/me`` must answer for the
connection's own account before the token is used or renewed: a token of another account is never
refreshed nor sealed anew under this connection.
"""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from desktop.core.errors import SocialdeskError
from desktop.core.facebook.client import FacebookClient
from desktop.core.i18n import N_, Detail
from desktop.core.instagram.client import InstagramClient
from desktop.core.lifecycle.snapshot import Snapshot, Superseded
from desktop.core.secrets import SecretStr
from desktop.core.store import refreshed_token
from desktop.core.store.connections import TokenVault
from desktop.core.token_audience import TokenAudience, require_audience

log = logging.getLogger(__name__)


class TokenAccess:
    """The vault and the two Graph clients, as the sweep uses them for one connection at a time."""

    def __init__(
        self, vault: TokenVault, client: InstagramClient | None, facebook: FacebookClient | None
    ) -> None:
        self._vault = vault
        self._client = client
        self._facebook = facebook

    def audience_for(self, snap: Snapshot) -> TokenAudience | None:
        """Where the row's token may go: Facebook's Graph for a Page token, else Instagram's."""
        if snap.view.via == "facebook":
            return self._facebook.audience if self._facebook is not None else None
        return self._client.audience if self._client is not None else None

    def open(self, session: Session, snap: Snapshot) -> SecretStr:
        """The token the snapshot saw, decrypted in the caller's transaction; ``Superseded`` if replaced."""
        stored = refreshed_token.read_token_record(session, snap.id)
        record = stored.record if stored is not None else None
        if stored is None or record is None or record.record_uuid != snap.record_uuid:
            raise Superseded
        audience = self.audience_for(snap)
        if audience is None:
            raise SocialdeskError("not_configured")
        require_audience(stored, audience)
        return self._vault.open(record, stored.owner, session)

    def require_same_account(self, snap: Snapshot, token: SecretStr) -> None:
        """``/me`` must answer for the connection's account; raises ``account_mismatch`` otherwise.

        A Page token (Facebook Login) goes to Facebook's Graph only, never to graph.instagram.com:
        there the linked account itself is read with it.
        """
        if snap.view.via == "facebook":
            if self._facebook is None:
                raise SocialdeskError("not_configured", N_("no Facebook app is configured"))
            account = self._facebook.ig_account(token, snap.view.ig_user_id)
            if account.ig_user_id != str(snap.view.ig_user_id):
                raise SocialdeskError(
                    "account_mismatch",
                    Detail(N_("Facebook answered for account {account}"), account=account.ig_user_id),
                )
            return
        profile = self.require_client().me(token)
        if str(profile.user_id) != str(snap.view.ig_user_id):
            log.warning(
                "token stored for account %s signs in as account %s: refused",
                snap.view.ig_user_id,
                profile.user_id,
            )
            raise SocialdeskError(
                "account_mismatch",
                Detail(N_("Instagram answered for account {account}"), account=profile.user_id),
            )

    def require_client(self) -> InstagramClient:
        if self._client is None:
            raise SocialdeskError("not_configured")
        return self._client
