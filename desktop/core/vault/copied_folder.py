"""A copied data folder takes a vault of its own (``desktop.core.vault.home`` tells it is a copy).

The copy records its own file as the vault's home and takes a new vault id, whose keychain service
is its own; then it rotates its records to a key under that service. Nothing it rotates or deletes
can be a keychain entry the original folder still uses.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from desktop.core.clock import Clock
from desktop.core.store.errors import transaction
from desktop.core.store.meta import ensure_meta, new_vault_id
from desktop.core.vault import rotation
from desktop.core.vault.envelope import Kek
from desktop.core.vault.home import file_identity
from desktop.core.vault.keychain import KeyStore
from desktop.core.vault.registry import active_entry

log = logging.getLogger(__name__)


def claim_home(sessions: sessionmaker[Session], home_file: Path, *, clock: Clock) -> None:
    """Record this database file as the vault's home; a copy of another file takes a new vault id.

    The new id names a keychain service of its own, so nothing this copy rotates or deletes can be
    an entry the original still uses; :func:`move_to_own_key` then moves the records over.
    """
    identity = file_identity(home_file)
    with transaction(sessions) as session:
        meta = ensure_meta(session, now=clock.now())
        if meta.home == identity:
            return
        if meta.home is not None:
            meta.vault_id = new_vault_id()
            log.warning("this data folder is a copy of another; it now keeps its own vault key")
        meta.home = identity


def move_to_own_key(
    sessions: sessionmaker[Session],
    keystore: KeyStore,
    kek_for: Callable[[Session | None, str], Kek],
    *,
    service: str,
    clock: Clock,
    batch_size: int,
    remember: Callable[[Kek], None],
) -> Kek | None:
    """When the active key is under another vault's service (a copied folder), rotate to a key of
    this vault's own; returns it, or None when the key was already this vault's. The inherited keys
    are retired in the registry only: their keychain entries stay for the folder they came from.
    ``remember`` keeps the new key in memory before any record is rewrapped under it."""
    with transaction(sessions) as session:
        active = active_entry(session)
        inherited = active is not None and active.service != service
    if not inherited:
        return None
    new_kek = rotation.create_pending(sessions, keystore, service=service, clock=clock)
    remember(new_kek)
    rotation.activate(sessions, new_kek.kek_id, clock=clock)
    count = rotation.rewrap_records(sessions, new_kek, kek_for, batch_size=batch_size)
    rotation.retire_unused(sessions, keystore, service=service, clock=clock)
    log.info("moved %d token records to this folder's own vault key %s", count, new_kek.kek_id)
    return new_kek
