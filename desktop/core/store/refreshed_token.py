"""Reading and storing the sweep's tokens with Core statements: once per due token.

The sweep reads the token of every due connection (one query, the record opened for the owner the
connection row names, as ``connections.read_token`` does) and stores a new one: it reads one row
and writes three statements (delete the old record, insert the new one, update the connection)
instead of loading and flushing ORM objects. What it writes is what ``connections.replace_token`` and
``claims.release_refresh`` write: a new record (new uuid, new data key) in the transaction that drops
the old one, the connection's expiry, and this desktop's claim released.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import bindparam, case, delete, insert, select, update
from sqlalchemy.orm import Session

from desktop.core.secrets import SecretStr
from desktop.core.store import view_columns
from desktop.core.store.connections import TokenVault, new_record
from desktop.core.store.models import (
    TokenKind,
    TokenRecord,
)
from desktop.core.store.notify import CONNECTIONS, touched
from desktop.core.store.token_owner import TokenOwner
from desktop.core.store.view_columns import VIEW_COLUMNS, with_workspace_and_token
from desktop.core.views import ConnectionView, connection_view_of

_CONNECTIONS, _TOKENS = view_columns.CONNECTIONS, view_columns.TOKENS
#: The record columns an insert writes (everything but the generated id).
_RECORD_COLUMNS = tuple(column.name for column in _TOKENS.columns if column.name != "id")


@dataclass(frozen=True, slots=True)
class StoredConnection:
    """One connection as stored now, with its workspace's name and its token record's uuid."""

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
    record_uuid: str | None

    def view(self) -> ConnectionView:
        """The same view ``connections.connection_view`` gives of the ORM row."""
        return connection_view_of(self, self.workspace_name)


_c, _t = _CONNECTIONS.c, _TOKENS.c
_READ = with_workspace_and_token(select(*VIEW_COLUMNS, _t.record_uuid))


# Built once: the sweep runs these for every due token, and a statement built per call costs more
# to build and to look up in the compiled cache than to run.
_READ_ONE = _READ.where(_c.id == bindparam("connection"))
_TOKEN_COLUMNS = tuple(column.name for column in _TOKENS.columns)
_READ_TOKEN = (
    select(_c.workspace_id, _c.ig_user_id, _c.provider, _c.app_id, *_TOKENS.columns)
    .select_from(_CONNECTIONS)
    .outerjoin(_TOKENS, _t.connection_id == _c.id)
    .where(_c.id == bindparam("connection"))
)
_DROP_RECORD = delete(_TOKENS).where(_t.connection_id == bindparam("connection"))
_ADD_RECORD = insert(_TOKENS)
_mine = _c.refresh_claimed_by == bindparam("worker")
_STORED_VALUES = {
    "expires_at": bindparam("new_expires_at", type_=_c.expires_at.type),
    "updated_at": bindparam("new_updated_at", type_=_c.updated_at.type),
    # Only this desktop's own claim: another's (its lease long over) is not ours to drop.
    "refresh_claimed_by": case((_mine, None), else_=_c.refresh_claimed_by),
    "refresh_claimed_until": case((_mine, None), else_=_c.refresh_claimed_until),
}
_SET_STORED = update(_CONNECTIONS).where(_c.id == bindparam("connection")).values(_STORED_VALUES)
_SET_STORED_CLEARING = (
    update(_CONNECTIONS)
    .where(_c.id == bindparam("connection"))
    .values({**_STORED_VALUES, "status_reason": None})
)


def read_stored(session: Session, connection_id: int) -> StoredConnection | None:
    """The connection ``connection_id`` as stored now (one query), or None if it is gone."""
    row = session.connection().execute(_READ_ONE, {"connection": connection_id}).first()
    return StoredConnection(*row) if row is not None else None


@dataclass(frozen=True, slots=True)
class StoredToken:
    """A connection's token record as stored now, with the owner and audience it must be opened for."""

    owner: TokenOwner
    provider: str | None
    app_id: str | None
    #: Not bound to a session: open it with ``vault.open(record, owner, session)``.
    record: TokenRecord | None


def read_token_record(session: Session, connection_id: int) -> StoredToken | None:
    """The connection's token record and its owner, in one Core query; None if the row is gone."""
    row = session.connection().execute(_READ_TOKEN, {"connection": connection_id}).first()
    if row is None:
        return None
    workspace_id, ig_user_id, provider, app_id, *columns = row
    owner = TokenOwner(workspace_id, str(ig_user_id), f"connection {connection_id}")
    values = dict(zip(_TOKEN_COLUMNS, columns, strict=True))
    record = TokenRecord(**values) if values["id"] is not None else None
    return StoredToken(owner, provider, app_id, record)


def store_refreshed(
    session: Session,
    vault: TokenVault,
    stored: StoredConnection,
    token: SecretStr,
    expires_at: datetime | None,
    *,
    worker: str,
    clear_reason: bool = False,
    kind: str = TokenKind.LONG_LIVED,
) -> StoredConnection:
    """Seal ``token`` as the connection's new record, drop the old one, set the expiry and release
    ``worker``'s claim; ``clear_reason`` also clears the status reason. Returns the row as written."""
    now = vault.clock.now()
    record = new_record(
        session,
        vault,
        workspace_id=stored.workspace_id,
        ig_user_id=stored.ig_user_id,
        kind=kind,
        token=token,
        expires_at=expires_at,
        now=now,
    )
    record.connection_id = stored.id
    bind = session.connection()
    # The old record first: the owner column is unique, so one record per connection at a time.
    bind.execute(_DROP_RECORD, {"connection": stored.id})
    bind.execute(_ADD_RECORD, {name: getattr(record, name) for name in _RECORD_COLUMNS})
    bind.execute(
        _SET_STORED_CLEARING if clear_reason else _SET_STORED,
        {"connection": stored.id, "worker": worker, "new_expires_at": expires_at, "new_updated_at": now},
    )
    touched(session, CONNECTIONS)
    return replace(
        stored,
        expires_at=expires_at,
        status_reason=None if clear_reason else stored.status_reason,
        record_uuid=record.record_uuid,
    )
