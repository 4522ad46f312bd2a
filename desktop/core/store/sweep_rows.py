"""What the refresh sweep reads about every connection before any network call, in one Core query.

Loading 10,000 connections with their workspaces and token records as ORM objects costs more than
the query itself; the sweep needs only columns, read once per sweep.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.store.refreshed_token import StoredConnection
from desktop.core.store.view_columns import CONNECTIONS, TOKENS, VIEW_COLUMNS, with_workspace_and_token


@dataclass(frozen=True, slots=True)
class SweepRow(StoredConnection):
    """A connection as stored (its columns, workspace name and record uuid), with what the sweep
    also needs: the app it was connected through and its token record's age."""

    provider: str | None
    app_id: str | None
    token_created_at: datetime | None


_c, _t = CONNECTIONS.c, TOKENS.c
# Built once: the statement's own construction and cache lookup are part of every sweep.
_READ_ALL = with_workspace_and_token(
    select(*VIEW_COLUMNS, _t.record_uuid, _c.provider, _c.app_id, _t.created_at)
).order_by(_c.id)


def sweep_rows(session: Session) -> Iterator[SweepRow]:
    """Every connection in every workspace, oldest first (the order ``connections.list_all`` gives)."""
    for row in session.connection().execute(_READ_ALL):
        yield SweepRow(*row)
