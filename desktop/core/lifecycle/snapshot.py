"""What the sweep knows about one connection before any network call, and how it checks it still holds.

Every later step acts on a connection only while it still holds the token record the snapshot saw:
a connection removed, reconnected or refreshed elsewhere in the meantime is ``Superseded``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from desktop.core.store import connections as repo
from desktop.core.store.models import InstagramConnection
from desktop.core.store.sweep_rows import SweepRow, sweep_rows
from desktop.core.views import ConnectionView, connection_view_of


@dataclass(frozen=True, slots=True)
class Snapshot:
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


class Superseded(Exception):
    """The connection was removed, reconnected or refreshed by someone else since the snapshot."""


def snapshot_of(row: SweepRow, due: bool) -> Snapshot:
    return Snapshot(
        id=row.id,
        record_uuid=row.record_uuid,
        token_created_at=row.token_created_at,
        status=row.status,
        status_reason=row.status_reason or "",
        expires_at=row.expires_at,
        view=connection_view_of(row, row.workspace_name),
        due=due,
        provider=row.provider,
        app_id=row.app_id,
    )


def read_snapshots(session: Session, due: set[int] | None = None) -> list[Snapshot]:
    """Every connection, oldest first; ``due`` names the ones the due-token query found (None: all)."""
    return [snapshot_of(row, due is None or row.id in due) for row in sweep_rows(session)]


def current(session: Session, snap: Snapshot) -> InstagramConnection:
    """The connection as stored now, if it still holds the token the snapshot saw."""
    connection = repo.get(session, snap.id)
    if connection is None:
        raise Superseded
    record = connection.token
    if (record.record_uuid if record is not None else None) != snap.record_uuid:
        raise Superseded
    return connection
