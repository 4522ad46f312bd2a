"""Replacing the vault's key (rotation, every record rewrapped) and starting over (reset, every token
deleted), each under the rotation guard.
"""

from __future__ import annotations

from desktop.core.errors import SocialdeskError
from desktop.core.store.meta import new_vault_id
from desktop.core.vault import rotation
from desktop.core.vault.keychain import KeychainLockedError, KeychainUnavailableError, service_name
from desktop.core.vault.reports import ResetReport, RotationReport
from desktop.core.vault.reset import wipe_tokens
from desktop.core.vault.status import VaultMode
from desktop.core.vault.team_keystore import TEAM_KEY_HOLDER
from desktop.core.vault.vault_state import VaultState, log


class VaultKeyChanges(VaultState):
    """The part of :class:`desktop.core.vault.vault.Vault` that rotates or resets its key."""

    def rotate(
        self, *, after_step: rotation.AfterStep = rotation.no_hook, batch_size: int | None = None
    ) -> RotationReport:
        """Replace the active key; every record is rewrapped, payloads stay byte-identical."""
        self._require_ready()
        batch = batch_size or self._batch_size
        with self._rotation_guard():
            self._settle_identity()
            self._reconcile(batch)
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
