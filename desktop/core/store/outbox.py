"""The revocation outbox: tokens of disconnected accounts still to be revoked at Instagram.

An entry ends when Instagram confirms, or in a final state (:class:`OutboxFinal`) that drops the
token at once and stays only to tell the user to remove the access by hand, until they dismiss it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_
from desktop.core.secrets import SecretStr
from desktop.core.store.connections import TokenVault
from desktop.core.store.models import OutboxFinal, RevocationOutbox
from desktop.core.store.token_owner import TokenOwner
from desktop.core.token_audience import TokenAudience, require_audience

#: Tries before an entry gives up (about a week of backed-off retries), whichever provider it is
#: for; then its final state tells the user to remove the access by hand.
MAX_ATTEMPTS = 14


def list_all(session: Session) -> list[RevocationOutbox]:
    return list(session.scalars(select(RevocationOutbox).order_by(RevocationOutbox.id)))


def list_due(session: Session, now: datetime, *, limit: int = 50) -> list[RevocationOutbox]:
    """Entries whose next attempt is due, oldest first."""
    return list(
        session.scalars(
            select(RevocationOutbox)
            .where(RevocationOutbox.next_attempt_at <= now, RevocationOutbox.final_state.is_(None))
            .order_by(RevocationOutbox.next_attempt_at, RevocationOutbox.id)
            .limit(limit)
        )
    )


def mark_attempt(
    session: Session,
    entry: RevocationOutbox,
    *,
    error_code: str | None,
    next_attempt_at: datetime,
    now: datetime,
) -> None:
    """Record a failed revoke (a catalogue code, never a message) and when to try again."""
    entry.attempts += 1
    entry.last_error_code = error_code
    entry.next_attempt_at = next_attempt_at
    entry.updated_at = now
    session.flush()


def finalize(
    session: Session, entry: RevocationOutbox, state: OutboxFinal, *, error_code: str | None, now: datetime
) -> None:
    """Stop retrying: forget the encrypted token now, keep the entry as the user's reminder."""
    if entry.token is not None:
        session.delete(entry.token)
        entry.token = None
    entry.final_state = state.value
    entry.final_at = now
    entry.last_error_code = error_code
    entry.updated_at = now
    session.flush()


def read_outbox_token(session: Session, vault: TokenVault, entry: RevocationOutbox) -> SecretStr:
    record = entry.token
    if record is None:
        raise SocialdeskError("needs_reconnect", N_("no stored token for this outbox entry"))
    return vault.open(record, TokenOwner.of_outbox_entry(entry))


def delete_entry(session: Session, entry: RevocationOutbox) -> None:
    """Forget the entry and its encrypted token together (revoked, or given up by the user)."""
    session.delete(entry)
    session.flush()


def outbox_token_to_send(
    session: Session, vault: TokenVault, entry: RevocationOutbox, audience: TokenAudience
) -> SecretStr:
    """The token to revoke at ``audience``; ``connection_other_app`` if it was granted elsewhere."""
    require_audience(entry, audience)
    return read_outbox_token(session, vault, entry)
