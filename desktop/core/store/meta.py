"""The one-row meta table: the vault id that names the keychain service, and the schema version."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from desktop.core.store.models import Meta

#: The data schema version written by the newest migration (``meta.schema_version``).
SCHEMA_VERSION = 9


def new_vault_id() -> str:
    return secrets.token_hex(16)


def ensure_meta(session: Session, *, now: datetime | None = None) -> Meta:
    """The meta row, created with a fresh vault id on first start."""
    meta = session.get(Meta, 1)
    if meta is None:
        meta = Meta(
            id=1,
            vault_id=new_vault_id(),
            schema_version=SCHEMA_VERSION,
            created_at=now or datetime.now(UTC),
        )
        session.add(meta)
        session.flush()
    return meta


def get_meta(session: Session) -> Meta:
    meta = session.get(Meta, 1)
    if meta is None:
        raise LookupError("the meta row is missing; call ensure_meta first")
    return meta
