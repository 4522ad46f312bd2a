"""What a vault reset does to the database, in one transaction: every token and pending revocation
deleted, every connection kept but marked ``needs_reconnect``, every key destroyed in the registry,
and a new vault id (so the new key lives under a keychain service of its own)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.store.errors import transaction
from desktop.core.store.meta import get_meta, new_vault_id
from desktop.core.store.models import (
    ConnectedVia,
    ConnectionStatus,
    InstagramConnection,
    KekEntry,
    KekState,
    RevocationOutbox,
    TokenRecord,
)
from desktop.core.vault.keychain import service_name
from desktop.core.vault.status import RESET_REASON


@dataclass(frozen=True, slots=True)
class Wiped:
    deleted: int
    reconnect_count: int
    #: Usernames whose pending revocation was dropped with their token (Instagram Login grants).
    dropped: tuple[str, ...]
    #: The same for Facebook Login grants, which are removed by hand at Facebook, not Instagram.
    dropped_facebook: tuple[str, ...]
    old_service: str
    new_service: str


def wipe_tokens(sessions: sessionmaker[Session], *, now: datetime) -> Wiped:
    """Delete every token and revocation, mark connections for reconnecting, destroy every key."""
    with transaction(sessions) as session:
        deleted = int(session.scalar(select(func.count()).select_from(TokenRecord)) or 0)
        pending = session.execute(
            select(RevocationOutbox.username, RevocationOutbox.via).order_by(RevocationOutbox.id)
        ).all()
        dropped = tuple(name for name, via in pending if via != ConnectedVia.FACEBOOK.value)
        dropped_facebook = tuple(name for name, via in pending if via == ConnectedVia.FACEBOOK.value)
        session.execute(delete(TokenRecord).execution_options(synchronize_session=False))
        session.execute(delete(RevocationOutbox).execution_options(synchronize_session=False))
        reconnect = session.execute(
            update(InstagramConnection)
            .values(
                status=ConnectionStatus.NEEDS_RECONNECT.value,
                status_reason=RESET_REASON,
                expires_at=None,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )
        reconnect_count = int(getattr(reconnect, "rowcount", 0) or 0)
        session.execute(
            update(KekEntry)
            .where(KekEntry.state != KekState.DESTROYED.value)
            .values(state=KekState.DESTROYED.value, destroyed_at=now)
            .execution_options(synchronize_session=False)
        )
        meta = get_meta(session)
        old_service = service_name(meta.vault_id)
        meta.vault_id = new_vault_id()
        new_service = service_name(meta.vault_id)
    return Wiped(deleted, reconnect_count, dropped, dropped_facebook, old_service, new_service)
