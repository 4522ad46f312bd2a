"""The KEK registry: naming, registering, storing and fetching key-encryption keys.

Keys are looked up by id, once: no trial decryption with other keys. A fetched key must match the
registry's check value, so a different key stored under the same name is caught before it is used.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime
from typing import Literal, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from desktop.core.store.models import KekEntry, KekState
from desktop.core.vault.envelope import Kek, KeysUnavailableError
from desktop.core.vault.keychain import KeychainUnavailableError, KeyStore

_KEK_ID_RE = re.compile(r"^kek-v(?P<version>[0-9]+)-[0-9a-f]{8}$")


def new_kek_id(version: int) -> str:
    """``kek-v<N>-<8 hex>``: the version orders keys, the random part keeps names unique forever."""
    return f"kek-v{version}-{secrets.token_hex(4)}"


def is_kek_id(value: str) -> bool:
    return _KEK_ID_RE.match(value) is not None


def next_version(session: Session) -> int:
    current = session.scalar(select(func.max(KekEntry.version)))
    return int(current or 0) + 1


_Row = TypeVar("_Row")

#: Row lock to take on registry rows read (ignored by SQLite, whose write lock covers it).
RowLock = Literal["share", "update"] | None


def _locked(query: Select[_Row], lock: RowLock) -> Select[_Row]:
    if lock == "share":
        return query.with_for_update(read=True)
    if lock == "update":
        return query.with_for_update()
    return query


def active_entry(session: Session, *, lock: RowLock = None) -> KekEntry | None:
    """The active key's row; sealing reads it FOR SHARE, switching keys FOR UPDATE."""
    query = select(KekEntry).where(KekEntry.state == KekState.ACTIVE.value)
    return session.scalars(_locked(query, lock).execution_options(populate_existing=True)).first()


_ACTIVE_ID = select(KekEntry.kek_id).where(KekEntry.state == KekState.ACTIVE.value)


def active_kek_id(session: Session, *, lock: RowLock = None) -> str | None:
    """Only the active key's id, with the row lock of :func:`active_entry`: every seal reads it, so
    this is one Core query, with no registry object loaded."""
    value = session.connection().execute(_locked(_ACTIVE_ID, lock)).scalar()
    return str(value) if value is not None else None


def entries_in(session: Session, *states: KekState, lock: RowLock = None) -> list[KekEntry]:
    query = (
        select(KekEntry)
        .where(KekEntry.state.in_([state.value for state in states]))
        .order_by(KekEntry.version)
    )
    return list(session.scalars(_locked(query, lock).execution_options(populate_existing=True)))


def register_pending(
    session: Session, kek: Kek, *, version: int, backend: str, service: str, now: datetime
) -> KekEntry:
    entry = KekEntry(
        kek_id=kek.kek_id,
        version=version,
        state=KekState.PENDING.value,
        backend=backend,
        service=service,
        check_value=kek.check_value(),
        created_at=now,
    )
    session.add(entry)
    session.flush()
    return entry


def fetch_kek(keystore: KeyStore, entry: KekEntry) -> Kek:
    """The key of ``entry`` from the keychain: one lookup, verified against the check value."""
    if entry.backend != keystore.name:
        raise KeysUnavailableError(
            f"the key {entry.kek_id} is kept by {entry.backend}, but this session uses {keystore.name}"
        )
    secret = keystore.get(entry.service, entry.kek_id)
    if secret is None:
        raise KeysUnavailableError(f"the key {entry.kek_id} is not in the keychain")
    kek = Kek.from_secret(entry.kek_id, secret.reveal())
    if not kek.matches(entry.check_value):
        raise KeysUnavailableError(f"the keychain holds a different key named {entry.kek_id}")
    return kek


def store_kek(keystore: KeyStore, service: str, kek: Kek) -> None:
    """Write a new entry and read it back: a keychain that silently drops writes is caught here."""
    keystore.put_new(service, kek.kek_id, kek.to_secret())
    stored = keystore.get(service, kek.kek_id)
    if stored is None or not Kek.from_secret(kek.kek_id, stored.reveal()).matches(kek.check_value()):
        raise KeychainUnavailableError("the keychain did not keep the new key")
