"""What the refresh sweep reads about every connection before any network call, in one Core query.

Loading 10,000 connections with their workspaces and token records as ORM objects costs more than
the query itself; the sweep needs only columns, read once per sweep.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from desktop.core.store.models import InstagramConnection, TokenRecord, Workspace

_CONNECTIONS: Table = InstagramConnection.__table__  # type: ignore[assignment]
_TOKENS: Table = TokenRecord.__table__  # type: ignore[assignment]
_WORKSPACES: Table = Workspace.__table__  # type: ignore[assignment]


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


_c, _t, _w = _CONNECTIONS.c, _TOKENS.c, _WORKSPACES.c
# Built once: the statement's own construction and cache lookup are part of every sweep.
_READ_ALL = (
    select(
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
        _c.provider,
        _c.app_id,
        _t.record_uuid,
        _t.created_at,
    )
    .join(_WORKSPACES, _w.id == _c.workspace_id)
    .outerjoin(_TOKENS, _t.connection_id == _c.id)
    .order_by(_c.id)
)


def sweep_rows(session: Session) -> Iterator[SweepRow]:
    """Every connection in every workspace, oldest first (the order ``connections.list_all`` gives)."""
    for row in session.connection().execute(_READ_ALL):
        yield SweepRow(*row)  # type: ignore[call-arg]
