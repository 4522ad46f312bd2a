"""Work claims, so several desktops on one team database never do the same job twice.

The refresh sweep and the revocation outbox are work queues. A desktop claims a row in a short
transaction with ``SELECT … FOR UPDATE SKIP LOCKED`` (a row another desktop is claiming right now is
skipped, not waited for; the sweep claims several rows per transaction, one statement each) and
marks it with a lease, then does the slow network call outside any
transaction. Another desktop sees the lease and leaves the row alone; a desktop that dies holds it
only until the lease runs out. On SQLite the claim runs under the write lock every transaction
takes, which gives the same guarantee for the GUI and the CLI on one machine.
"""

from __future__ import annotations

import contextlib
import re
import secrets
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Table, bindparam, or_, select, update
from sqlalchemy.orm import Session

from desktop.core.atomic import write_text_atomically
from desktop.core.store.models import InstagramConnection, RevocationOutbox, TokenRecord
from desktop.core.store.notify import CONNECTIONS, touched

#: How long a claimed refresh stays reserved for the desktop that claimed it.
REFRESH_LEASE = timedelta(minutes=5)
#: How long a claimed revocation waits before another desktop may try it.
REVOKE_LEASE = timedelta(minutes=5)
DESKTOP_ID_FILE = "desktop-id"
_DESKTOP_ID_RE = re.compile(r"desktop-[0-9a-f]{12}")
_CONNECTIONS: Table = InstagramConnection.__table__  # type: ignore[assignment]
_TOKENS: Table = TokenRecord.__table__  # type: ignore[assignment]


def new_worker_id() -> str:
    """Names one running desktop in its claims (random: not its host name or user)."""
    return f"desktop-{secrets.token_hex(6)}"


def desktop_id(data_dir: Path) -> str:
    """This desktop's stable claim name, kept in its data folder.

    Stable across restarts, so a desktop that was killed mid-refresh takes its own claim back at
    the next start instead of waiting out the lease; other desktops still wait for it.
    """
    path = data_dir / DESKTOP_ID_FILE
    try:
        value = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        value = ""
    if _DESKTOP_ID_RE.fullmatch(value):
        return value
    value = new_worker_id()
    # A read-only folder: a fresh name per run still keeps desktops apart.
    with contextlib.suppress(OSError):
        write_text_atomically(path, value + "\n")
    return value


def claim_refresh(
    session: Session,
    connection_id: int,
    record_uuid: str,
    *,
    worker: str,
    now: datetime,
    lease: timedelta = REFRESH_LEASE,
) -> bool:
    """Reserve the refresh of ``connection_id`` while it still holds token ``record_uuid``.

    False when another desktop holds a live claim, is claiming it now, or already replaced the token.
    One UPDATE whose row comes from a ``FOR UPDATE SKIP LOCKED`` subquery: the sweep claims every
    due token, so the claim is a Core statement rather than a loaded and flushed ORM object.
    Connection objects already loaded in ``session`` do not see the claim.
    """
    claimed = session.connection().execute(
        _CLAIM,
        {
            "connection": connection_id,
            "uuid": record_uuid,
            "worker": worker,
            "now": now,
            "until": now + lease,
        },
    )
    if claimed.rowcount != 1:
        return False
    touched(session, CONNECTIONS)
    return True


def release_refresh(session: Session, connection: InstagramConnection, *, worker: str) -> None:
    """Drop this desktop's claim (after storing the new token, or giving up on this attempt)."""
    if connection.refresh_claimed_by == worker:
        connection.refresh_claimed_by = None
        connection.refresh_claimed_until = None
        session.flush()


def release_refresh_by_id(session: Session, connection_id: int, *, worker: str) -> None:
    """Drop this desktop's claim on ``connection_id``, if it holds one, with one UPDATE."""
    released = session.connection().execute(_RELEASE, {"connection": connection_id, "worker": worker})
    if released.rowcount:
        touched(session, CONNECTIONS)


_c, _t = _CONNECTIONS.c, _TOKENS.c
# Built once (the sweep claims and releases every due token): the row, if it still holds the token
# and no other desktop's lease is live, locked or skipped if another transaction is claiming it.
_CLAIMABLE = (
    select(_c.id)
    .join(_TOKENS, _t.connection_id == _c.id)
    .where(
        _c.id == bindparam("connection"),
        _t.record_uuid == bindparam("uuid"),
        or_(
            _c.refresh_claimed_until.is_(None),
            _c.refresh_claimed_until <= bindparam("now"),
            _c.refresh_claimed_by == bindparam("worker"),
        ),
    )
    .with_for_update(skip_locked=True, of=_CONNECTIONS)
    .scalar_subquery()
)
_CLAIM = (
    update(_CONNECTIONS)
    .where(_c.id == _CLAIMABLE)
    .values(
        refresh_claimed_by=bindparam("worker", type_=_c.refresh_claimed_by.type),
        refresh_claimed_until=bindparam("until", type_=_c.refresh_claimed_until.type),
    )
)
_RELEASE = (
    update(_CONNECTIONS)
    .where(_c.id == bindparam("connection"), _c.refresh_claimed_by == bindparam("worker"))
    .values(refresh_claimed_by=None, refresh_claimed_until=None)
)


def claim_due_revocations(
    session: Session, now: datetime, *, lease: timedelta = REVOKE_LEASE, limit: int = 50
) -> list[int]:
    """Claim due outbox entries: skipped if another desktop holds them, then pushed out by ``lease``.

    The entry's next attempt time is the lease: a success deletes the entry, a failure sets the
    real next attempt, and a desktop that dies leaves it due again once the lease is over.
    """
    entries = list(
        session.scalars(
            select(RevocationOutbox)
            # An entry in its final state is only the user's reminder: nothing left to try.
            .where(RevocationOutbox.next_attempt_at <= now, RevocationOutbox.final_state.is_(None))
            .order_by(RevocationOutbox.next_attempt_at, RevocationOutbox.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    for entry in entries:
        entry.next_attempt_at = now + lease
    session.flush()
    return [entry.id for entry in entries]
