"""Instagram connections and their encrypted tokens, inside the caller's transaction.

Every function takes the caller's :class:`Session` and only flushes; the caller commits, so a
connection row and its token record always change together. Each write of a token makes a new
token record (new uuid, new data key) and deletes the previous one in the same transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload, selectinload

from desktop.core.clock import Clock
from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_
from desktop.core.secrets import SecretStr
from desktop.core.store.dialect import serialize_on
from desktop.core.store.models import (
    ConnectedVia,
    ConnectionStatus,
    InstagramConnection,
    RevocationOutbox,
    TokenKind,
    TokenRecord,
)
from desktop.core.store.token_owner import TokenOwner
from desktop.core.token_audience import TokenAudience, require_audience


class TokenVault(Protocol):
    """What the store needs from the vault (``desktop.core.vault.vault.Vault``)."""

    @property
    def clock(self) -> Clock: ...

    def seal(self, session: Session, record: TokenRecord, token: SecretStr) -> None:
        """Fill ``record``'s envelope columns (kek_id, wrapped_dek, payload, format_version)."""
        ...

    def check_can_store(self) -> None:
        """Raise a ``SocialdeskError`` when a new token could not be sealed now."""
        ...

    def open(self, record: TokenRecord, owner: TokenOwner, session: Session | None = None) -> SecretStr:
        """The plaintext token of ``record``, which must have been sealed for ``owner``; ``session``
        finds its key for a record read with a Core query (one not bound to a session).

        Raises a ``SocialdeskError`` on any failure (``token_owner_mismatch`` for another owner's).
        """
        ...


def list_for_workspace(session: Session, workspace_id: int) -> list[InstagramConnection]:
    return list(
        session.scalars(
            select(InstagramConnection)
            .where(InstagramConnection.workspace_id == workspace_id)
            .order_by(InstagramConnection.username, InstagramConnection.id)
        )
    )


def due_ids(session: Session, cutoff: datetime, *, skip_status: str) -> set[int]:
    """Connections whose token expires by ``cutoff`` (the sweep's due tokens), other than those in
    ``skip_status``; served by the ``status, expires_at`` index, so a sweep over 10,000 accounts
    does not read every row to find the few that are due."""
    return set(session.scalars(due_query(cutoff, skip_status=skip_status)))


def due_query(cutoff: datetime, *, skip_status: str) -> Select[int]:
    c = InstagramConnection
    return select(c.id).where(c.status.in_(_other_statuses(skip_status)), c.expires_at <= cutoff)


def _other_statuses(skip: str) -> list[str]:
    # IN over the known statuses rather than "!=": SQLite then seeks the index once per status.
    return [status.value for status in ConnectionStatus if status.value != skip]


def list_all(session: Session) -> list[InstagramConnection]:
    """Every connection in every workspace (for the refresh sweep), with its workspace and token
    record loaded in two more queries rather than two per connection."""
    query = (
        select(InstagramConnection)
        .options(joinedload(InstagramConnection.workspace), selectinload(InstagramConnection.token))
        .order_by(InstagramConnection.id)
    )
    return list(session.scalars(query))


def get(session: Session, connection_id: int) -> InstagramConnection | None:
    return session.get(InstagramConnection, connection_id)


def get_by_username(session: Session, workspace_id: int, username: str) -> InstagramConnection | None:
    """Usernames are case-insensitive on Instagram; a leading ``@`` is ignored."""
    wanted = username.strip().removeprefix("@").casefold()
    for connection in list_for_workspace(session, workspace_id):
        if connection.username.casefold() == wanted:
            return connection
    return None


def get_by_ig_user_id(session: Session, workspace_id: int, ig_user_id: str) -> InstagramConnection | None:
    return session.scalars(
        select(InstagramConnection).where(
            InstagramConnection.workspace_id == workspace_id,
            InstagramConnection.ig_user_id == str(ig_user_id),
        )
    ).first()


def new_record(
    session: Session,
    vault: TokenVault,
    *,
    workspace_id: int,
    ig_user_id: str,
    kind: str,
    token: SecretStr,
    expires_at: datetime | None,
    now: datetime,
) -> TokenRecord:
    if not isinstance(token, SecretStr):
        raise TypeError("tokens must be wrapped in SecretStr")
    record = TokenRecord(
        record_uuid=str(uuid.uuid4()),
        workspace_id=workspace_id,
        ig_user_id=ig_user_id,
        kind=str(kind),
        expires_at=expires_at,
        created_at=now,
        updated_at=now,
    )
    vault.seal(session, record, token)
    return record


def _attach_token(session: Session, connection: InstagramConnection, record: TokenRecord) -> None:
    """Drop the old record, then attach the new one (the unique owner column allows one at a time)."""
    if connection.token is not None:
        connection.token = None
        session.flush()
    connection.token = record
    session.flush()


def upsert_connection(
    session: Session,
    vault: TokenVault,
    *,
    workspace_id: int,
    ig_user_id: str,
    username: str,
    account_type: str,
    scopes: Iterable[str],
    consented_at: datetime,
    expires_at: datetime | None,
    token: SecretStr,
    profile_picture_url: str | None = None,
    kind: str = TokenKind.LONG_LIVED,
    audience: TokenAudience | None = None,
) -> InstagramConnection:
    """Store a connect result: a reconnect of the same account updates its row in place.

    ``audience`` is the provider and app that granted the token; the app always passes it.
    """
    now = vault.clock.now()
    ig_user_id = str(ig_user_id)
    # Two desktops connecting the same account at once: the second waits, then updates the first's row.
    serialize_on(session, f"connect:{workspace_id}:{ig_user_id}")
    record = new_record(
        session,
        vault,
        workspace_id=workspace_id,
        ig_user_id=ig_user_id,
        kind=kind,
        token=token,
        expires_at=expires_at,
        now=now,
    )
    connection = get_by_ig_user_id(session, workspace_id, ig_user_id)
    if connection is None:
        connection = InstagramConnection(workspace_id=workspace_id, ig_user_id=ig_user_id, created_at=now)
        session.add(connection)
    connection.username = username
    connection.account_type = account_type
    connection.scopes = tuple(scopes)
    connection.consented_at = consented_at
    connection.expires_at = expires_at
    connection.status = ConnectionStatus.ACTIVE.value
    connection.status_reason = None
    connection.profile_picture_url = profile_picture_url
    connection.updated_at = now
    # Instagram Login by default; the Facebook path sets its own fields after this.
    connection.via = ConnectedVia.INSTAGRAM.value
    connection.grant_id = connection.page_id = connection.page_name = None
    if audience is not None:
        audience.tag(connection)
    session.flush()
    _attach_token(session, connection, record)
    return connection


def read_token(session: Session, vault: TokenVault, connection: InstagramConnection) -> SecretStr:
    """The connection's plaintext token, for one request; ``needs_reconnect`` if it has none."""
    record = connection.token
    if record is None:
        raise SocialdeskError("needs_reconnect", N_("no stored token for this account"))
    return vault.open(record, TokenOwner.of_connection(connection))


def token_to_send(
    session: Session, vault: TokenVault, connection: InstagramConnection, audience: TokenAudience
) -> SecretStr:
    """The token for a request to ``audience``; ``connection_other_app`` if it was granted elsewhere."""
    require_audience(connection, audience)
    return read_token(session, vault, connection)


def adopt_untagged(session: Session, audience: TokenAudience) -> int:
    """Tag rows stored before provider and app were recorded with ``audience``; returns how many."""
    # Only Instagram Login's rows: a Facebook Page token was never this Instagram app's to send.
    c, o = InstagramConnection, RevocationOutbox
    rows: list[InstagramConnection | RevocationOutbox] = [
        *session.scalars(select(c).where(c.provider.is_(None), c.via != ConnectedVia.FACEBOOK.value)),
        *session.scalars(select(o).where(o.provider.is_(None), o.via != ConnectedVia.FACEBOOK.value)),
    ]
    for row in rows:
        audience.tag(row)
    session.flush()
    return len(rows)


def replace_token(
    session: Session,
    vault: TokenVault,
    connection: InstagramConnection,
    token: SecretStr,
    expires_at: datetime | None,
    *,
    kind: str = TokenKind.LONG_LIVED,
) -> TokenRecord:
    """Store a refreshed token; the old record goes in the same commit that makes the new one durable."""
    now = vault.clock.now()
    record = new_record(
        session,
        vault,
        workspace_id=connection.workspace_id,
        ig_user_id=connection.ig_user_id,
        kind=kind,
        token=token,
        expires_at=expires_at,
        now=now,
    )
    _attach_token(session, connection, record)
    connection.expires_at = expires_at
    connection.updated_at = now
    session.flush()
    return record


def set_status(
    session: Session,
    connection: InstagramConnection,
    status: str,
    reason: str | None = None,
    *,
    now: datetime,
) -> None:
    connection.status = status
    connection.status_reason = reason
    connection.updated_at = now
    session.flush()


def delete_connection(session: Session, connection: InstagramConnection) -> None:
    """Delete the row and its token record (and so its wrapped key) in the caller's transaction."""
    session.delete(connection)
    session.flush()


def move_to_outbox(
    session: Session, connection: InstagramConnection, *, now: datetime
) -> RevocationOutbox | None:
    """Take the connection out of its workspace now; keep its encrypted token for a later revoke.

    Returns the outbox entry, or None when the connection had no token (nothing left to revoke).
    """
    record = connection.token
    if record is None:
        delete_connection(session, connection)
        return None
    entry = RevocationOutbox(
        workspace_id=connection.workspace_id,
        ig_user_id=connection.ig_user_id,
        username=connection.username,
        provider=connection.provider,
        app_id=connection.app_id,
        attempts=0,
        next_attempt_at=now,
        last_error_code=None,
        created_at=now,
        updated_at=now,
    )
    session.add(entry)
    session.flush()
    # Hand the record over with one UPDATE of its owner columns (the CHECK wants exactly one
    # owner at every statement); relationship assignment would delete it as an orphan instead.
    record.outbox_id = entry.id
    record.connection_id = None
    session.flush()
    session.expire(connection, ["token"])
    session.expire(record)
    session.delete(connection)
    session.flush()
    session.expire(entry, ["token"])
    return entry
