"""What the vault reports about itself, with no database or keychain code behind it.

Kept apart from :mod:`desktop.core.vault.vault` so the Security page can show a status without
loading SQLAlchemy before the window first paints.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum

#: ``status_reason`` of connections whose token a vault reset deleted.
RESET_REASON = "vault_reset"


class VaultMode(StrEnum):
    PERSISTENT = "persistent"
    SESSION_ONLY = "session-only"
    LOCKED = "locked"
    KEYS_UNAVAILABLE = "keys-unavailable"


@dataclass(frozen=True, slots=True)
class VaultStatus:
    """What the Security page and ``socialdesk vault status`` show. Never key material."""

    mode: str
    backend: str
    active_kek_id: str | None
    record_count: int
    #: A catalogue code (keychain_unavailable, keychain_locked, vault_keys_unavailable) or None.
    problem_code: str | None = None
    detail: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)
