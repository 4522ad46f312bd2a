"""What a key rotation or a vault reset did, for the status line, the CLI and the logs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RotationReport:
    old_kek_id: str | None
    new_kek_id: str
    rewrapped: int


@dataclass(frozen=True, slots=True)
class ResetReport:
    new_kek_id: str
    deleted_tokens: int
    #: Connections kept, marked needs_reconnect.
    connections_to_reconnect: int
    #: Usernames whose pending revocation was dropped with their token: revoke them by hand at
    #: Instagram (Instagram Login grants).
    dropped_revocations: tuple[str, ...]
    #: The same for Facebook Login grants, removed by hand in Facebook's Business Integrations.
    dropped_facebook_revocations: tuple[str, ...] = ()
