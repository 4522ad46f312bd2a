"""Sealing a token into its record under the active key, and opening a record for its owner."""

from __future__ import annotations

from sqlalchemy.orm import Session, object_session

from desktop.core.errors import SocialdeskError
from desktop.core.secrets import SecretStr
from desktop.core.store.errors import transaction
from desktop.core.store.models import TokenRecord
from desktop.core.store.token_owner import TokenOwner
from desktop.core.vault import envelope
from desktop.core.vault.envelope import Envelope, KeysUnavailableError
from desktop.core.vault.identity import identity_for_owner, identity_of
from desktop.core.vault.keychain import KeychainLockedError, KeychainUnavailableError
from desktop.core.vault.registry import active_entry, active_kek_id
from desktop.core.vault.status import VaultMode
from desktop.core.vault.vault_state import VaultState


class VaultSealing(VaultState):
    """The part of :class:`desktop.core.vault.vault.Vault` that seals and opens token records."""

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
