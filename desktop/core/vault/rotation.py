"""Key rotation in crash-safe steps, and the start-up reconciler that finishes or undoes it.

Steps, each durable before the next starts:
1. ``registered``: a pending KEK row (new random id) is committed;
2. ``stored``: its keychain entry is written (never over an existing one) and read back;
3. ``activated``: in one transaction the old active key becomes retiring and the new one active;
4. ``rewrapped-batch`` / ``rewrapped``: every record's DEK is rewrapped under the new key in
   batches, each row updated only if its kek_id and wrapped_dek are still what was read
   (compare-and-set); payloads are never touched;
5. ``destroyed``: a retiring key that no record uses any more is marked destroyed;
6. ``deleted``: its keychain entry is deleted, and the registry notes that.

A crash before 3 leaves an unused pending key: the reconciler deletes it. A crash after 3 leaves
a retiring key: the reconciler rewraps what is left, destroys it and deletes its entry.

Only keychain entries under this vault's own service (``service``) are ever deleted: a registry
row under another service came with a copied data folder, and its entry belongs to the original.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.clock import Clock
from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_
from desktop.core.store.errors import transaction
from desktop.core.store.models import KekEntry, KekState, TokenRecord
from desktop.core.vault import envelope
from desktop.core.vault.envelope import Kek, VaultIntegrityError
from desktop.core.vault.keychain import KeyStore
from desktop.core.vault.registry import (
    active_entry,
    entries_in,
    new_kek_id,
    next_version,
    register_pending,
    store_kek,
)

log = logging.getLogger(__name__)

STEP_REGISTERED = "registered"
STEP_STORED = "stored"
STEP_ACTIVATED = "activated"
STEP_REWRAPPED_BATCH = "rewrapped-batch"
STEP_REWRAPPED = "rewrapped"
STEP_DESTROYED = "destroyed"
STEP_DELETED = "deleted"
#: Every point after which a rotation can be interrupted, in order.
ROTATION_STEPS: tuple[str, ...] = (
    STEP_REGISTERED,
    STEP_STORED,
    STEP_ACTIVATED,
    STEP_REWRAPPED_BATCH,
    STEP_REWRAPPED,
    STEP_DESTROYED,
    STEP_DELETED,
)

#: Called after each step with its name (tests inject crashes here).
AfterStep = Callable[[str], None]
#: Finds a KEK by id (cache, else one keychain lookup), within the given session.
KekLookup = Callable[[Session, str], Kek]


def no_hook(_step: str) -> None:
    return None


def create_pending(
    sessions: sessionmaker[Session],
    keystore: KeyStore,
    *,
    service: str,
    clock: Clock,
    after_step: AfterStep = no_hook,
) -> Kek:
    """Steps 1 and 2: a new key, registered as pending, then stored in the keychain."""
    with transaction(sessions) as session:
        version = next_version(session)
        kek = Kek.generate(new_kek_id(version))
        register_pending(
            session, kek, version=version, backend=keystore.name, service=service, now=clock.now()
        )
    log.info("registered pending vault key %s", kek.kek_id)
    after_step(STEP_REGISTERED)
    store_kek(keystore, service, kek)
    log.info("stored vault key %s in the keychain", kek.kek_id)
    after_step(STEP_STORED)
    return kek


def activate(
    sessions: sessionmaker[Session], kek_id: str, *, clock: Clock, after_step: AfterStep = no_hook
) -> str | None:
    """Step 3: switch the active key; returns the id of the key that became retiring."""
    with transaction(sessions) as session:
        # FOR UPDATE on both rows: waits for every seal that holds the active key FOR SHARE.
        entry = session.get(KekEntry, kek_id, with_for_update=True)
        if entry is None or entry.state != KekState.PENDING.value:
            raise SocialdeskError("database_busy", N_("another Socialdesk process changed the vault keys"))
        now = clock.now()
        old = active_entry(session, lock="update")
        old_id = None
        if old is not None:
            old_id = old.kek_id
            old.state = KekState.RETIRING.value
            old.retired_at = now
            session.flush()  # one active key at a time, enforced by a unique index
        entry.state = KekState.ACTIVE.value
        entry.activated_at = now
    log.info("vault key %s is active (was %s)", kek_id, old_id or "none")
    after_step(STEP_ACTIVATED)
    return old_id


def rewrap_records(
    sessions: sessionmaker[Session],
    new_kek: Kek,
    lookup: KekLookup,
    *,
    batch_size: int = 100,
    after_step: AfterStep = no_hook,
) -> int:
    """Step 4: rewrap every record not yet under ``new_kek``; returns how many rows changed.

    A damaged record is skipped, not allowed to block the others; it keeps its old key (which
    therefore stays in the keychain) and is named in the ``vault_integrity_error`` raised at the
    end. Reconnecting that account replaces the record, and the next start finishes the rotation.
    """
    total = 0
    damaged: list[int] = []
    while True:
        with transaction(sessions) as session:
            rows = session.execute(
                select(TokenRecord.id, TokenRecord.record_uuid, TokenRecord.kek_id, TokenRecord.wrapped_dek)
                .where(TokenRecord.kek_id != new_kek.kek_id, TokenRecord.id.not_in(damaged))
                .order_by(TokenRecord.id)
                .limit(batch_size)
            ).all()
            if not rows:
                break
            for row_id, record_uuid, kek_id, wrapped_dek in rows:
                old_kek = lookup(session, kek_id)
                try:
                    rewrapped = envelope.rewrap(old_kek, new_kek, record_uuid, wrapped_dek)
                except VaultIntegrityError:
                    damaged.append(row_id)
                    continue
                result = session.execute(
                    update(TokenRecord)
                    .where(
                        TokenRecord.id == row_id,
                        TokenRecord.kek_id == kek_id,
                        TokenRecord.wrapped_dek == wrapped_dek,
                    )
                    .values(kek_id=new_kek.kek_id, wrapped_dek=rewrapped)
                    .execution_options(synchronize_session=False)
                )
                total += cast(CursorResult[Any], result).rowcount
        after_step(STEP_REWRAPPED_BATCH)
    log.info("rewrapped %d token records under %s", total, new_kek.kek_id)
    if damaged:
        log.warning("%d damaged token records keep their old key", len(damaged))
        with transaction(sessions) as session:
            names = ", ".join(_owner_name(session, row_id) for row_id in damaged)
        raise VaultIntegrityError(f"the stored token of {names} is damaged; reconnect to replace it")
    after_step(STEP_REWRAPPED)
    return total


def _owner_name(session: Session, record_id: int) -> str:
    record = session.get(TokenRecord, record_id)
    if record is not None and record.connection is not None:
        return f"@{record.connection.username}"
    if record is not None and record.outbox_entry is not None:
        return f"@{record.outbox_entry.username} (waiting for revocation)"
    return f"token record {record_id}"


def retire_unused(
    sessions: sessionmaker[Session],
    keystore: KeyStore,
    *,
    service: str,
    clock: Clock,
    after_step: AfterStep = no_hook,
) -> list[str]:
    """Steps 5 and 6: destroy retiring keys no record uses, then delete their keychain entries."""
    destroyed: list[str] = []
    with transaction(sessions) as session:
        # FOR UPDATE: a seal still holding a retiring key FOR SHARE commits first, so its record
        # is counted below instead of being left under a destroyed key.
        for entry in entries_in(session, KekState.RETIRING, lock="update"):
            in_use = session.scalar(
                select(func.count()).select_from(TokenRecord).where(TokenRecord.kek_id == entry.kek_id)
            )
            if in_use:
                continue
            entry.state = KekState.DESTROYED.value
            entry.destroyed_at = clock.now()
            destroyed.append(entry.kek_id)
    if destroyed:
        log.info("destroyed vault keys %s", ", ".join(destroyed))
    after_step(STEP_DESTROYED)
    delete_destroyed_entries(sessions, keystore, service=service, clock=clock)
    after_step(STEP_DELETED)
    return destroyed


def delete_destroyed_entries(
    sessions: sessionmaker[Session], keystore: KeyStore, *, service: str, clock: Clock
) -> int:
    """Remove keychain entries of destroyed keys that this backend holds under ``service``; returns
    how many went. Entries under another service are another copy's: they are never touched."""
    with transaction(sessions) as session:
        todo = [
            (entry.kek_id, entry.check_value)
            for entry in entries_in(session, KekState.DESTROYED)
            if entry.key_deleted_at is None and entry.backend == keystore.name and entry.service == service
        ]
    deleted = 0
    for kek_id, check_value in todo:
        secret = keystore.get(service, kek_id)
        if secret is not None:
            try:
                ours = Kek.from_secret(kek_id, secret.reveal()).matches(check_value)
            except SocialdeskError:
                ours = False
            if ours:
                deleted += int(keystore.delete(service, kek_id))
            else:
                log.warning("left keychain entry %s alone: it is not the key Socialdesk registered", kek_id)
        with transaction(sessions) as session:
            entry = session.get(KekEntry, kek_id)
            if entry is not None:
                entry.key_deleted_at = clock.now()
    if deleted:
        log.info("deleted %d retired vault keys from the keychain", deleted)
    return deleted


def undo_pending(sessions: sessionmaker[Session], keystore: KeyStore, *, service: str) -> list[str]:
    """Remove keys a crashed rotation registered but never activated (no record uses them).

    The keychain entry goes only when it is under ``service``: a pending row under another service
    came with a copy of a folder whose own rotation may still activate that key.
    """
    with transaction(sessions) as session:
        pending = [
            (entry.kek_id, entry.service, entry.check_value, entry.backend)
            for entry in entries_in(session, KekState.PENDING)
        ]
    undone: list[str] = []
    for kek_id, entry_service, check_value, backend in pending:
        if backend == keystore.name and entry_service == service:
            secret = keystore.get(service, kek_id)
            if secret is not None:
                try:
                    ours = Kek.from_secret(kek_id, secret.reveal()).matches(check_value)
                except SocialdeskError:
                    ours = False
                if ours:
                    keystore.delete(service, kek_id)
        with transaction(sessions) as session:
            entry = session.get(KekEntry, kek_id)
            if entry is not None and entry.state == KekState.PENDING.value:
                session.delete(entry)
                undone.append(kek_id)
    if undone:
        log.info("undid unfinished vault key rotation (%s)", ", ".join(undone))
    return undone


def reconcile(
    sessions: sessionmaker[Session],
    keystore: KeyStore,
    lookup: KekLookup,
    *,
    service: str,
    clock: Clock,
    batch_size: int = 100,
) -> None:
    """Bring a half-done rotation to a consistent end (run at start-up and before a rotation)."""
    undo_pending(sessions, keystore, service=service)
    with transaction(sessions) as session:
        active = active_entry(session)
        retiring = entries_in(session, KekState.RETIRING)
        active_kek = lookup(session, active.kek_id) if active is not None and retiring else None
    if active_kek is not None:
        log.info("finishing an interrupted vault key rotation")
        rewrap_records(sessions, active_kek, lookup, batch_size=batch_size)
        retire_unused(sessions, keystore, service=service, clock=clock)
    else:
        delete_destroyed_entries(sessions, keystore, service=service, clock=clock)
