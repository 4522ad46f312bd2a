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

from desktop.core.store.view_columns import CONNECTIONS, TOKENS, VIEW_COLUMNS, with_workspace_and_token


@dataclass(frozen=True, slots=True)
class SweepRow:
    """One connection's columns, its workspace's name and its token record's uuid and age."""

    id: int
    workspace_id: int
    workspace_name: str
    ig_user_id: str
    username: str
    account_type: str
    scopes: tuple[str, ...]
    consented_at: datetime
    expires_at: datetime | None
    status: str
    status_reason: str | None
    profile_picture_url: str | None
    via: str | None
    page_name: str | None
    provider: str | None
    app_id: str | None
    record_uuid: str | None
    token_created_at: datetime | None


_c, _t = CONNECTIONS.c, TOKENS.c
# Built once: the statement's own construction and cache lookup are part of every sweep.
_READ_ALL = with_workspace_and_token(
    select(*VIEW_COLUMNS, _c.provider, _c.app_id, _t.record_uuid, _t.created_at)
).order_by(_c.id)


def sweep_rows(session: Session) -> Iterator[SweepRow]:
    """Every connection in every workspace, oldest first (the order ``connections.list_all`` gives)."""
    for row in session.connection().execute(_READ_ALL):
        yield SweepRow(*row)
