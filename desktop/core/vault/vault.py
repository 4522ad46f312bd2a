"""The vault: seals and opens token records, and rotates or resets the key that protects them.

Modes (``docs/vault.md``): ``persistent`` (KEK in an allow-listed OS keychain), ``session-only``
(no trustworthy keychain: KEK in memory, database in memory), ``locked`` (the keychain did not
answer or refused: "Unlock and retry"), ``keys-unavailable`` (the active key is missing, differs
from its check value, or lives in another backend: retry, or reset the vault). In the last two
modes rows stay readable but no token is sealed or opened, nothing is deleted and no key is minted
under an existing name.

Several processes may share the database (the GUI and the CLI). The truth about which key is
active is the registry, read in the caller's transaction at each seal; keys are cached by id.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session, sessionmaker

from desktop.core.clock import Clock
from desktop.core.errors import SocialdeskError
from desktop.core.secrets import SecretStr
from desktop.core.store.advisory_lock import CrossProcessLock
from desktop.core.store.errors import transaction
from desktop.core.store.meta import ensure_meta, new_vault_id
from desktop.core.store.models import KekEntry, KekState, TokenRecord
from desktop.core.store.token_owner import TokenOwner
from desktop.core.vault import envelope, rotation
from desktop.core.vault.copied_folder import claim_home, move_to_own_key
from desktop.core.vault.envelope import Envelope, Kek, KeysUnavailableError, VaultIntegrityError
from desktop.core.vault.identity import identity_for_owner, identity_of
from desktop.core.vault.keychain import (
    KeychainLockedError,
    KeychainUnavailableError,
    KeyStore,
    service_name,
)
from desktop.core.vault.registry import active_entry, active_kek_id, fetch_kek
from desktop.core.vault.reports import ResetReport, RotationReport
from desktop.core.vault.reset import wipe_tokens
from desktop.core.vault.rotation_guard import held
from desktop.core.vault.status import VaultMode, VaultStatus
from desktop.core.vault.team_keystore import TEAM_KEY_HOLDER

__all__ = ["ResetReport", "RotationReport", "Vault", "identity_for_owner", "identity_of"]

log = logging.getLogger(__name__)

#: How long start-up waits for another process that is changing the vault key.
_SETUP_WAIT = 5.0


class Vault:
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
        self._problem: SocialdeskError | None = SocialdeskError("keychain_locked", "the vault is not loaded")
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

    def load(self) -> VaultStatus:
        """Finish any interrupted rotation, then make sure the active key is at hand.

        Never raises for keychain trouble: the outcome is the mode (see :meth:`status`).
        """
        with self._lock:
            self._keks.clear()
            self._warning = None
        try:
            self._load()
        except (KeychainLockedError, KeychainUnavailableError) as error:
            self._enter(VaultMode.LOCKED, error)
        except KeysUnavailableError as error:
            self._enter(VaultMode.KEYS_UNAVAILABLE, error)
        else:
            if self._session_only:
                self._enter(
                    VaultMode.SESSION_ONLY, SocialdeskError("keychain_unavailable", self._session_only_reason)
                )
            else:
                self._enter(VaultMode.PERSISTENT, None)
        return self.status()

    def retry(self) -> VaultStatus:
        """Ask the keychain again (the "Unlock and retry" button)."""
        return self.load()

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

    def close(self) -> None:
        """Forget every key held in memory."""
        with self._lock:
            self._keks.clear()
            self._mode = VaultMode.LOCKED
            self._problem = SocialdeskError("keychain_locked", "the vault is closed")

    # -- sealing and opening -------------------------------------------------------------------

    def check_can_store(self) -> None:
        """Raise what would stop a new token from being sealed now, in the banner's terms.

        Called before a connect opens the browser, so no grant is taken at Instagram that could
        not be kept. It fetches the active key (one keychain lookup unless cached): another process
        may have rotated it, and the keychain may have locked since start-up.
        """
        with self._lock:
            mode, problem = self._mode, self._problem
        why = "Connecting needs the keychain to keep the new token; nothing was sent to Instagram."
        if mode is VaultMode.LOCKED:
            raise SocialdeskError("keychain_locked", why)
        if mode is VaultMode.KEYS_UNAVAILABLE:
            # A team desktop's own reason (pending, removed, an unverified key copy) says more.
            code = problem.code if isinstance(problem, KeysUnavailableError) else "vault_keys_unavailable"
            raise SocialdeskError(code, why)
        try:
            with transaction(self._sessions) as session:
                active = active_entry(session)
                if active is None:
                    raise KeysUnavailableError("no active key is registered")
                self._kek(session, active.kek_id)
        except (KeychainLockedError, KeychainUnavailableError):
            raise SocialdeskError("keychain_locked", why) from None

    def seal(self, session: Session, record: TokenRecord, token: SecretStr) -> None:
        """Encrypt ``token`` into ``record`` under the key that is active in ``session``'s view."""
        self._require_ready()
        # FOR SHARE: a rotation on another desktop cannot retire this key until this transaction
        # ends, so the record is committed under a key that rewrap will see (PostgreSQL).
        kek_id = active_kek_id(session, lock="share")
        if kek_id is None:
            # A rotation committed while this statement waited: read the new active key.
            kek_id = active_kek_id(session, lock="share")
        if kek_id is None:
            raise KeysUnavailableError("no active key is registered")
        kek = self._kek(session, kek_id)
        record.format_version = envelope.FORMAT_VERSION
        sealed = envelope.seal(kek, identity_of(record), token)
        record.kek_id = sealed.kek_id
        record.wrapped_dek = sealed.wrapped_dek
        record.payload = sealed.payload

    def open(self, record: TokenRecord, owner: TokenOwner, session: Session | None = None) -> SecretStr:
        """Decrypt ``record`` for ``owner``; raises ``token_owner_mismatch`` when the record was saved
        for someone else, ``vault_integrity_error`` or ``vault_keys_unavailable``. ``session`` looks
        up a key not yet in memory, for a record read without the ORM (else the record's own)."""
        self._require_ready()
        owner.check(record)
        identity = identity_for_owner(record, owner)
        envelope.check_format(identity)
        envelope.check_lengths(record.wrapped_dek, record.payload)
        kek = self._kek(session if session is not None else object_session(record), record.kek_id)
        return envelope.open_envelope(
            kek, identity, Envelope(record.kek_id, record.wrapped_dek, record.payload)
        )

    # -- rotation and reset --------------------------------------------------------------------

    def rotate(
        self, *, after_step: rotation.AfterStep = rotation.no_hook, batch_size: int | None = None
    ) -> RotationReport:
        """Replace the active key; every record is rewrapped, payloads stay byte-identical."""
        self._require_ready()
        batch = batch_size or self._batch_size
        with self._rotation_guard():
            self._settle_identity()
            rotation.reconcile(
                self._sessions,
                self._keystore,
                self._kek,
                service=self._service,
                clock=self._clock,
                batch_size=batch,
            )
            new_kek = rotation.create_pending(
                self._sessions,
                self._keystore,
                service=self._service,
                clock=self._clock,
                after_step=after_step,
            )
            self._remember(new_kek)
            old_id = rotation.activate(
                self._sessions, new_kek.kek_id, clock=self._clock, after_step=after_step
            )
            count = rotation.rewrap_records(
                self._sessions, new_kek, self._kek, batch_size=batch, after_step=after_step
            )
            destroyed = rotation.retire_unused(
                self._sessions,
                self._keystore,
                service=self._service,
                clock=self._clock,
                after_step=after_step,
            )
            with self._lock:
                for kek_id in destroyed:
                    self._keks.pop(kek_id, None)
        return RotationReport(old_id, new_kek.kek_id, count)

    def reset(self) -> ResetReport:
        """Delete every stored token and start over with a new key (only when the user asks).

        Connections stay, marked ``needs_reconnect``. Works in keys-unavailable mode, which is
        what it is for; the keychain must answer first, so a locked keychain changes nothing.
        A team's vault is never reset from one desktop: it would delete every member's tokens.
        """
        if self._keystore.name == TEAM_KEY_HOLDER:
            raise SocialdeskError("team_reset_refused")
        with self._rotation_guard():
            self._settle_identity()
            probe_service = service_name(new_vault_id())
            self._keystore.get(probe_service, "probe")  # raises if the keychain is locked or absent
            now = self._clock.now()
            wiped = wipe_tokens(self._sessions, now=now)
            old_service, new_service = wiped.old_service, wiped.new_service
            deleted, reconnect_count, dropped = wiped.deleted, wiped.reconnect_count, wiped.dropped
            log.warning(
                "vault reset: %d stored tokens deleted, %d connections to reconnect", deleted, reconnect_count
            )
            with self._lock:
                self._keks.clear()
                self._service = new_service
            try:
                rotation.delete_destroyed_entries(
                    self._sessions, self._keystore, service=old_service, clock=self._clock
                )
            except SocialdeskError as error:
                log.warning("old vault keys stay in the keychain for now (%s)", error.code)
            try:
                new_kek = rotation.create_pending(
                    self._sessions, self._keystore, service=new_service, clock=self._clock
                )
                rotation.activate(self._sessions, new_kek.kek_id, clock=self._clock)
            except (KeychainLockedError, KeychainUnavailableError) as error:
                self._enter(VaultMode.LOCKED, error)
                raise
            self._remember(new_kek)
            with self._lock:
                self._warning = None
            self._enter(
                VaultMode.SESSION_ONLY if self._session_only else VaultMode.PERSISTENT,
                SocialdeskError("keychain_unavailable", self._session_only_reason)
                if self._session_only
                else None,
            )
        return ResetReport(new_kek.kek_id, deleted, reconnect_count, dropped, wiped.dropped_facebook)

    # -- internals -----------------------------------------------------------------------------

    def _load(self) -> None:
        with self._rotation_guard(required=False, wait=_SETUP_WAIT) as held:
            if held and self._home_file is not None:
                self._claim_home(self._home_file)
            with transaction(self._sessions) as session:
                vault_id = ensure_meta(session, now=self._clock.now()).vault_id
            with self._lock:
                self._service = service_name(vault_id)
            if held:
                try:
                    rotation.reconcile(
                        self._sessions,
                        self._keystore,
                        self._kek,
                        service=self._service,
                        clock=self._clock,
                        batch_size=self._batch_size,
                    )
                    if self._home_file is not None:
                        self._move_to_own_key()
                except (KeysUnavailableError, VaultIntegrityError) as error:
                    # Records under a retired key that is gone, or damaged ones: they fail one by
                    # one (and heal on reconnect); everything else works.
                    log.warning("an interrupted key rotation cannot finish: %s", error.code)
                    with self._lock:
                        self._warning = error
            with transaction(self._sessions) as session:
                active = active_entry(session)
                active_id = active.kek_id if active is not None else None
                count = int(session.scalar(select(func.count()).select_from(TokenRecord)) or 0)
            if active_id is not None:
                with transaction(self._sessions) as session:
                    self._kek(session, active_id)
                return
            if count:
                raise KeysUnavailableError(f"no active key is registered, yet {count} tokens are stored")
            if not held:
                raise SocialdeskError("database_busy", "another Socialdesk process is setting up the vault")
            kek = rotation.create_pending(
                self._sessions, self._keystore, service=self._service, clock=self._clock
            )
            self._remember(kek)
            rotation.activate(self._sessions, kek.kek_id, clock=self._clock)

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
