"""The columns a connection's token-free view is built from, for the Core queries that read them.

The sweep's snapshot and its per-token re-read select the same columns in the same order (their
row classes take them by position), so both start from this one list and this one join.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, Table

from desktop.core.store.models import InstagramConnection, TokenRecord, Workspace

CONNECTIONS: Table = InstagramConnection.__table__  # type: ignore[assignment]
TOKENS: Table = TokenRecord.__table__  # type: ignore[assignment]
WORKSPACES: Table = Workspace.__table__  # type: ignore[assignment]

_c, _w = CONNECTIONS.c, WORKSPACES.c
#: In the order of ``ConnectionView``'s fields, with the workspace's name third.
VIEW_COLUMNS = (
    _c.id,
    _c.workspace_id,
    _w.name,
    _c.ig_user_id,
    _c.username,
    _c.account_type,
    _c.scopes,
    _c.consented_at,
    _c.expires_at,
    _c.status,
    _c.status_reason,
    _c.profile_picture_url,
    _c.via,
    _c.page_name,
)


def with_workspace_and_token(statement: Select[Any]) -> Select[Any]:
    """``statement`` joined to each connection's workspace and (if it has one) its token record."""
    return statement.join(WORKSPACES, _w.id == _c.workspace_id).outerjoin(
        TOKENS, TOKENS.c.connection_id == _c.id
    )
