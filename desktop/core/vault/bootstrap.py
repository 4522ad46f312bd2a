"""Opening storage: pick the keychain, open the matching database, load the vault.

With an allow-listed keychain the database is the file from the settings; without one
(session-only mode) it is an in-memory database, so no token-related byte reaches the disk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import TracebackType

import keyring
from keyring.backend import KeyringBackend
from sqlalchemy import URL, Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.clock import Clock, SystemClock
from desktop.core.settings import Paths, Settings
from desktop.core.store.advisory_lock import AdvisoryLock, CrossProcessLock
from desktop.core.store.claims import new_worker_id
from desktop.core.store.dialect import is_postgresql
from desktop.core.store.engine import DEFAULT_BUSY_TIMEOUT, open_engine, open_memory_engine
from desktop.core.store.errors import transaction
from desktop.core.store.meta import ensure_meta
from desktop.core.store.notify import announce_changes
from desktop.core.store.workspaces import ensure_default
from desktop.core.vault.home import database_file
from desktop.core.vault.keychain import (
    DEFAULT_TIMEOUT,
    KeychainStore,
    KeyStore,
    MemoryKeyStore,
    choose_backend,
)
from desktop.core.vault.status import VaultStatus
from desktop.core.vault.vault import Vault

log = logging.getLogger(__name__)

ROTATION_LOCK_NAME = "vault-rotation.lock"


@dataclass(slots=True)
class Storage:
    engine: Engine
    sessions: sessionmaker[Session]
    vault: Vault
    #: The team whose database this is; None for this desktop's own (local) store.
    team_name: str | None = None

    def status(self) -> VaultStatus:
        return self.vault.status()

    def close(self) -> None:
        self.vault.close()
        self.engine.dispose()

    def __enter__(self) -> Storage:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_storage(
    paths: Paths,
    settings: Settings,
    backend: KeyringBackend | None = None,
    *,
    clock: Clock | None = None,
    keychain_timeout: float = DEFAULT_TIMEOUT,
    allow_backends: Iterable[type | str] = (),
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    database_url: URL | None = None,
    team_keys: Callable[[sessionmaker[Session]], KeyStore] | None = None,
) -> Storage:
    """Open the database and the vault. ``backend=None`` means ``keyring.get_keyring()``.

    Database problems raise (``database_corrupt``, ``database_busy``, ``disk_full``); keychain
    problems do not: they set the vault's mode, which :meth:`Storage.status` reports.
    ``allow_backends`` admits extra keyring classes (tests' in-memory keychain) as persistent.
    A team desktop passes its team database as ``database_url`` (password inside the URL object,
    never in settings) and ``team_keys``, which makes the key holder of the team KEK.
    """
    clock = clock or SystemClock()
    choice = choose_backend(backend if backend is not None else keyring.get_keyring(), allow_backends)
    keystore: KeyStore
    if choice.backend is not None:
        engine = open_engine(database_url or settings.database_url_for(paths), busy_timeout=busy_timeout)
        keystore = KeychainStore(choice.backend, timeout=keychain_timeout)
        lock_path = paths.data_dir / ROTATION_LOCK_NAME
    else:
        log.warning("no secure keychain (%s): session-only mode, nothing is saved", choice.name)
        engine = open_memory_engine(busy_timeout=busy_timeout)
        keystore = MemoryKeyStore()
        lock_path = None
    try:
        sessions = sessionmaker(engine, expire_on_commit=False)
        if is_postgresql(engine):
            announce_changes(sessions, origin=new_worker_id())
        _first_rows(sessions, clock)
        if team_keys is not None and choice.backend is not None:
            keystore = team_keys(sessions)
        rotation_lock: Callable[[], CrossProcessLock] | None = None
        if is_postgresql(engine):
            rotation_lock = lambda: AdvisoryLock(engine, "vault-rotation")  # noqa: E731
        vault = Vault(
            sessions,
            keystore,
            clock=clock,
            backend_label=choice.name,
            session_only=choice.backend is None,
            session_only_reason=choice.reason,
            rotation_lock_path=lock_path,
            rotation_lock=rotation_lock,
            home_file=database_file(engine) if choice.backend is not None else None,
        )
        vault.load()
    except BaseException:
        engine.dispose()
        raise
    return Storage(engine=engine, sessions=sessions, vault=vault)


def _first_rows(sessions: sessionmaker[Session], clock: Clock) -> None:
    """The meta row and the default workspace; a desktop that loses the race to create them reads them."""
    for attempt in range(2):
        try:
            with transaction(sessions) as session:
                ensure_meta(session, now=clock.now())
                ensure_default(session, now=clock.now())
            return
        except IntegrityError:
            if attempt:
                raise
