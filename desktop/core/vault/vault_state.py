"""The vault's shared state: its mode and problem, the keys held in memory, and the guard that keeps
key changes apart. The vault's parts (loading, sealing, key changes) build on it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.clock import Clock
from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_
from desktop.core.store.advisory_lock import CrossProcessLock
from desktop.core.store.errors import transaction
from desktop.core.store.meta import ensure_meta
from desktop.core.store.models import KekEntry, KekState, TokenRecord
from desktop.core.vault import rotation
from desktop.core.vault.copied_folder import claim_home, move_to_own_key
from desktop.core.vault.envelope import Kek, KeysUnavailableError
from desktop.core.vault.keychain import KeyStore, service_name
from desktop.core.vault.registry import active_entry, fetch_kek
from desktop.core.vault.rotation_guard import held
from desktop.core.vault.status import VaultMode, VaultStatus

log = logging.getLogger("desktop.core.vault.vault")


class VaultState:
    """What every part of :class:`desktop.core.vault.vault.Vault` reads and changes."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        keystore: KeyStore,
        *,
        clock: Clock,
        backend_label: str,
        session_only: bool = False,
        session_only_reason: str = "",
        rotation_lock_path: Path | None = None,
        rotation_lock: Callable[[], CrossProcessLock] | None = None,
        batch_size: int = 100,
        home_file: Path | None = None,
    ) -> None:
        """``rotation_lock`` makes the lock that keeps rotations of several desktops apart (a
        database advisory lock); without it a file lock at ``rotation_lock_path`` does, for one machine.
        ``home_file`` is the SQLite file the vault lives in: a copy of it gets a vault id and a key
        of its own at load (``desktop.core.vault.home``).
        """
        self._sessions = sessions
        self._keystore = keystore
        self._clock = clock
        self._backend_label = backend_label
        self._session_only = session_only
        self._session_only_reason = session_only_reason
        self._rotation_lock_path = rotation_lock_path
        self._rotation_lock = rotation_lock
        self._batch_size = batch_size
        self._home_file = home_file
        self._lock = threading.RLock()
        self._rotating = threading.Lock()
        self._keks: dict[str, Kek] = {}
        self._service = ""
        self._mode = VaultMode.LOCKED
        self._problem: SocialdeskError | None = SocialdeskError(
            "keychain_locked", N_("the vault is not loaded")
        )
        self._warning: SocialdeskError | None = None

    # -- state ---------------------------------------------------------------------------------

    @property
    def clock(self) -> Clock:
        return self._clock

    @property
    def mode(self) -> VaultMode:
        with self._lock:
            return self._mode

    @property
    def backend(self) -> str:
        return self._backend_label

    @property
    def problem(self) -> SocialdeskError | None:
        with self._lock:
            return self._problem or self._warning

    def status(self) -> VaultStatus:
        with transaction(self._sessions) as session:
            active = active_entry(session)
            count = int(session.scalar(select(func.count()).select_from(TokenRecord)) or 0)
            active_id = active.kek_id if active is not None else None
        with self._lock:
            problem = self._problem or self._warning
            return VaultStatus(
                mode=self._mode.value,
                backend=self._backend_label,
                active_kek_id=active_id,
                record_count=count,
                problem_code=problem.code if problem else None,
                detail=problem.detail if problem else "",
            )

    # -- internals -----------------------------------------------------------------------------

    def _settle_identity(self) -> None:
        """Under the rotation guard, before keys are retired or deleted: claim the home (a load that
        could not take the guard skipped it) and read the vault id afresh, so no deletion runs under
        the service of the folder this one was copied from."""
        if self._home_file is not None:
            self._claim_home(self._home_file)
        with transaction(self._sessions) as session:
            vault_id = ensure_meta(session, now=self._clock.now()).vault_id
        with self._lock:
            self._service = service_name(vault_id)

    def _claim_home(self, home_file: Path) -> None:
        claim_home(self._sessions, home_file, clock=self._clock)

    def _move_to_own_key(self) -> None:
        move_to_own_key(
            self._sessions,
            self._keystore,
            self._kek,
            service=self._service,
            clock=self._clock,
            batch_size=self._batch_size,
            remember=self._remember,
        )

    def _reconcile(self, batch_size: int) -> None:
        """Finish or undo an interrupted rotation (``rotation.reconcile``) under this vault's service."""
        rotation.reconcile(
            self._sessions,
            self._keystore,
            self._kek,
            service=self._service,
            clock=self._clock,
            batch_size=batch_size,
        )

    def _enter(self, mode: VaultMode, problem: SocialdeskError | None) -> None:
        with self._lock:
            self._mode = mode
            self._problem = problem
        if problem is not None and mode is not VaultMode.SESSION_ONLY:
            log.warning("vault is %s (%s)", mode.value, problem.code)
        else:
            log.info("vault is %s", mode.value)

    def _require_ready(self) -> None:
        with self._lock:
            if self._mode in (VaultMode.PERSISTENT, VaultMode.SESSION_ONLY):
                return
            problem = self._problem or SocialdeskError("vault_keys_unavailable")
        raise SocialdeskError(problem.code, problem.detail)

    def _remember(self, kek: Kek) -> None:
        with self._lock:
            self._keks[kek.kek_id] = kek

    def _kek(self, session: Session | None, kek_id: str) -> Kek:
        """The key named ``kek_id``: from memory, else one keychain lookup checked against the registry."""
        with self._lock:
            cached = self._keks.get(kek_id)
        if cached is not None:
            return cached
        entry = session.get(KekEntry, kek_id) if session is not None else None
        if entry is None:
            raise KeysUnavailableError(f"no key named {kek_id} is registered")
        if entry.state == KekState.DESTROYED.value:
            raise KeysUnavailableError(f"the key {kek_id} was destroyed")
        kek = fetch_kek(self._keystore, entry)
        self._remember(kek)
        return kek

    def _rotation_guard(self, *, required: bool = True, wait: float = 0.0) -> AbstractContextManager[bool]:
        """One rotation, reset or reconcile at a time, across threads and processes
        (``rotation_guard.held``)."""
        return held(
            self._rotating,
            self._rotation_lock,
            self._rotation_lock_path,
            required=required,
            wait=wait,
        )
