"""Fast, column-only reads of a workspace's connections, for lists that may hold thousands of rows.

A list first reads one small summary per connection (enough to sort, filter and notice a change),
then the full view of only the rows it shows, a page at a time. Both are plain column selects on
indexed columns: no ORM objects, no token records, no per-row queries.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select, Text, select, type_coerce
from sqlalchemy.orm import Session

from desktop.core.store.models import InstagramConnection, RevocationOutbox, Workspace
from desktop.core.views import ConnectionSummary, ConnectionView, connection_view_of

__all__ = ["ConnectionSummary", "pending_revocations", "summaries", "summaries_query", "views"]

#: SQLite allows a few hundred bound parameters per statement comfortably; pages stay below.
_CHUNK = 500


def summaries(session: Session, workspace_id: int) -> list[ConnectionSummary]:
    """Every connection of the workspace, by username (the ``workspace_id, username`` index)."""
    return [ConnectionSummary(*row) for row in session.execute(summaries_query(workspace_id))]


def summaries_query(workspace_id: int) -> Select[str, str, str, str, str | None, str]:
    c = InstagramConnection
    expires, updated = type_coerce(c.expires_at, Text), type_coerce(c.updated_at, Text)
    return (
        select(c.ig_user_id, c.username, c.account_type, c.status, expires, updated)
        .where(c.workspace_id == workspace_id)
        .order_by(c.username)
    )


def views(session: Session, workspace_id: int, ig_user_ids: Iterable[str]) -> dict[str, ConnectionView]:
    """The full views of the given connections of the workspace, by Instagram user id."""
    c = InstagramConnection
    wanted = list(dict.fromkeys(ig_user_ids))
    name = session.scalar(select(Workspace.name).where(Workspace.id == workspace_id)) or ""
    found: dict[str, ConnectionView] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        rows = session.execute(
            select(
                c.workspace_id,
                c.ig_user_id,
                c.username,
                c.account_type,
                c.scopes,
                c.consented_at,
                c.expires_at,
                c.status,
                c.status_reason,
                c.profile_picture_url,
                c.via,
                c.page_name,
            ).where(c.workspace_id == workspace_id, c.ig_user_id.in_(chunk))
        )
        for row in rows:
            found[row.ig_user_id] = connection_view_of(row, name)
    return found


def pending_revocations(session: Session, workspace_id: int) -> list[str]:
    """Usernames taken out of the workspace whose access Instagram has not yet confirmed revoked."""
    o = RevocationOutbox
    return list(
        session.scalars(select(o.username).where(o.workspace_id == workspace_id).order_by(o.username))
    )
