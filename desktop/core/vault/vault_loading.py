"""Loading the vault: finish an interrupted rotation, claim a copied folder's own key, and make sure
the active key is at hand (or mint the first one), ending in the mode the vault is in.
"""

from __future__ import annotations

from sqlalchemy import func, select

from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_
from desktop.core.store.errors import transaction
from desktop.core.store.meta import ensure_meta
from desktop.core.store.models import TokenRecord
from desktop.core.vault import rotation
from desktop.core.vault.envelope import KeysUnavailableError, VaultIntegrityError
from desktop.core.vault.keychain import KeychainLockedError, KeychainUnavailableError, service_name
from desktop.core.vault.registry import active_entry
from desktop.core.vault.status import VaultMode, VaultStatus
from desktop.core.vault.vault_state import VaultState, log

#: How long start-up waits for another process that is changing the vault key.
_SETUP_WAIT = 5.0


class VaultLoading(VaultState):
    """The part of :class:`desktop.core.vault.vault.Vault` that loads it."""

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
                    self._reconcile(self._batch_size)
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
                raise SocialdeskError(
                    "database_busy", N_("another Socialdesk process is setting up the vault")
                )
            kek = rotation.create_pending(
                self._sessions, self._keystore, service=self._service, clock=self._clock
            )
            self._remember(kek)
            rotation.activate(self._sessions, kek.kek_id, clock=self._clock)
