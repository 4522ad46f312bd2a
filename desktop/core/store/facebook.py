"""Connections made through Facebook Login, inside the caller's transaction.

Several connections can share one Facebook grant (one person's consent for many Pages, in one or
several workspaces); ``grant_id`` names it. Each connection holds its own Page token.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.secrets import SecretStr
from desktop.core.store import connections as repo
from desktop.core.store.connections import TokenVault
from desktop.core.store.models import ConnectedVia, InstagramConnection, RevocationOutbox, TokenKind
from desktop.core.token_audience import TokenAudience

FACEBOOK = ConnectedVia.FACEBOOK.value
#: Facebook's Graph does not say Business or Creator; both are professional accounts.
PROFESSIONAL = "PROFESSIONAL"


def upsert_page_connection(
    session: Session,
    vault: TokenVault,
    *,
    workspace_id: int,
    ig_user_id: str,
    username: str,
    profile_picture_url: str | None,
    page_id: str,
    page_name: str,
    grant_id: str,
    scopes: Iterable[str],
    consented_at: datetime,
    token: SecretStr,
    audience: TokenAudience,
) -> InstagramConnection:
    """Store one account of a Facebook consent; the same account in the workspace is updated in place."""
    connection = repo.upsert_connection(
        session,
        vault,
        workspace_id=workspace_id,
        ig_user_id=ig_user_id,
        username=username,
        account_type=PROFESSIONAL,
        scopes=scopes,
        consented_at=consented_at,
        expires_at=None,
        token=token,
        profile_picture_url=profile_picture_url,
        kind=TokenKind.FACEBOOK_PAGE,
        audience=audience,
    )
    connection.via = FACEBOOK
    connection.grant_id = grant_id
    connection.page_id = page_id
    connection.page_name = page_name
    session.flush()
    return connection


def grant_dependents(
    session: Session, grant_id: str, *, excluding: int | None = None
) -> list[InstagramConnection]:
    """Every connection, in any workspace, that still relies on the grant."""
    query = select(InstagramConnection).where(
        InstagramConnection.via == FACEBOOK, InstagramConnection.grant_id == grant_id
    )
    if excluding is not None:
        query = query.where(InstagramConnection.id != excluding)
    return list(session.scalars(query.order_by(InstagramConnection.username, InstagramConnection.id)))


def pages_of_grant(session: Session, workspace_id: int, grant_id: str) -> list[InstagramConnection]:
    return [c for c in grant_dependents(session, grant_id) if c.workspace_id == workspace_id]


def remove_and_queue_revoke(
    session: Session, connection: InstagramConnection, *, now: datetime
) -> RevocationOutbox:
    """Delete the row and its Page token now; queue revoking the grant (no token is needed for it)."""
    entry = RevocationOutbox(
        workspace_id=connection.workspace_id,
        ig_user_id=connection.ig_user_id,
        username=connection.username,
        attempts=0,
        next_attempt_at=now,
        last_error_code=None,
        created_at=now,
        updated_at=now,
        via=FACEBOOK,
        grant_id=connection.grant_id,
    )
    session.add(entry)
    repo.delete_connection(session, connection)
    return entry
