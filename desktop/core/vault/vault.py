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

from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_
from desktop.core.vault.identity import identity_for_owner, identity_of
from desktop.core.vault.key_changes import VaultKeyChanges
from desktop.core.vault.reports import ResetReport, RotationReport
from desktop.core.vault.sealing import VaultSealing
from desktop.core.vault.status import VaultMode
from desktop.core.vault.vault_loading import VaultLoading

__all__ = ["ResetReport", "RotationReport", "Vault", "identity_for_owner", "identity_of"]


class Vault(VaultLoading, VaultSealing, VaultKeyChanges):
    """Seals and opens token records; loads, rotates and resets the key (each part in its module)."""

    def close(self) -> None:
        """Forget every key held in memory."""
        with self._lock:
            self._keks.clear()
            self._mode = VaultMode.LOCKED
            self._problem = SocialdeskError("keychain_locked", N_("the vault is closed"))
