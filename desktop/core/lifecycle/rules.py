"""What an answer from Instagram means for a connection's status, decided in one place.

A dead token (Graph code 190, any subcode) is the only thing that makes a connection
``needs_reconnect``; a missing permission (10, 200-299) makes it ``missing_permission``. Everything
else (rate limits, network trouble, 5xx, a refusal we did not expect) leaves the status alone and
only changes when the next attempt is made: peers that treat a flaky network as a dead token start
reconnect loops, and users stop trusting the status.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop.core.errors import SocialdeskError
from desktop.core.instagram.errors import CHECKPOINT_SUBCODE, TOKEN_DEAD_CODES, InstagramError
from desktop.core.instagram.scopes import BASIC
from desktop.core.store.models import ConnectionStatus
from desktop.core.views import scope_in_words

#: The verdict kinds.
DEAD = "dead"
PERMISSION = "permission"
RATE_LIMITED = "rate_limited"
TRANSIENT = "transient"

#: ``status_reason`` of an active connection whose token expires soon and could not be refreshed.
#: A short marker, not a sentence: it records that the user was told, so they are told once.
REFRESH_OVERDUE = "refresh_overdue"

_RECONNECT = "Reconnect to sign in again."
_SUBCODE_REASONS = {
    458: f"Socialdesk's access was removed at Instagram. {_RECONNECT}",
    459: "Instagram put a security checkpoint on the account: log in on instagram.com first, then reconnect.",
    460: f"The account's Instagram password changed. {_RECONNECT}",
    463: f"The token expired. {_RECONNECT}",
    467: f"Instagram says the token is invalid. {_RECONNECT}",
}
_DEAD_DEFAULT = f"Instagram no longer accepts this connection. {_RECONNECT}"
_DAMAGED = "The stored token failed its integrity check. Reconnect the account."
_NO_TOKEN = f"Socialdesk has no stored token for this account. {_RECONNECT}"
_OWNER_MISMATCH = "The stored token was saved for another account, so it was refused. Reconnect the account."
_ACCOUNT_MISMATCH = (
    "The stored token signs in as another Instagram account, so it was not used. "
    "Reconnect and sign in as this account."
)


@dataclass(frozen=True, slots=True)
class Verdict:
    """How to treat a failed call: the status to set (None: unchanged), why, and when to retry."""

    kind: str
    status: str | None
    reason: str = ""
    retry_after: timedelta | None = None

    @property
    def changes_status(self) -> bool:
        return self.status is not None


def dead_reason(subcode: int | None) -> str:
    """The sentence a row shows for a dead token; the checkpoint one sends the user to instagram.com."""
    return _SUBCODE_REASONS.get(subcode or 0, _DEAD_DEFAULT)


def expired_reason(expired_at: datetime) -> str:
    return f"The token expired on {expired_at:%Y-%m-%d} before Socialdesk could refresh it. {_RECONNECT}"


def missing_permission_reason(permissions: Iterable[str]) -> str:
    """Name the permission in plain words and by its Instagram name."""
    named = tuple(dict.fromkeys(permissions)) or (BASIC,)
    listed = ", ".join(f"{scope_in_words(p)} ({p})" for p in named)
    return f"Instagram refused for lack of a permission: {listed}. Reconnect and leave all boxes checked."


def judge(error: SocialdeskError) -> Verdict:
    """The verdict for a failed refresh or check of one connection's token."""
    graph_code = error.graph_code if isinstance(error, InstagramError) else None
    if error.code in {"needs_reconnect", "checkpoint_required"} or graph_code in TOKEN_DEAD_CODES:
        subcode = error.graph_subcode if isinstance(error, InstagramError) else None
        if error.code == "checkpoint_required":
            subcode = CHECKPOINT_SUBCODE
        reason = dead_reason(subcode)
        if not isinstance(error, InstagramError) and error.code == "needs_reconnect":
            reason = _NO_TOKEN  # raised by the store: the connection has no token record
        return Verdict(DEAD, ConnectionStatus.NEEDS_RECONNECT.value, reason)
    if error.code == "vault_integrity_error":
        return Verdict(DEAD, ConnectionStatus.NEEDS_RECONNECT.value, _DAMAGED)
    if error.code == "token_owner_mismatch":
        return Verdict(DEAD, ConnectionStatus.NEEDS_RECONNECT.value, _OWNER_MISMATCH)
    if error.code == "account_mismatch":
        return Verdict(DEAD, ConnectionStatus.NEEDS_RECONNECT.value, _ACCOUNT_MISMATCH)
    if error.code == "missing_permission":
        permissions = error.permissions if isinstance(error, InstagramError) else ()
        return Verdict(
            PERMISSION, ConnectionStatus.MISSING_PERMISSION.value, missing_permission_reason(permissions)
        )
    retry_after = (
        timedelta(seconds=error.retry_after_seconds)
        if isinstance(error, InstagramError) and error.retry_after_seconds
        else None
    )
    if error.code == "rate_limited":
        return Verdict(RATE_LIMITED, None, error.code, retry_after)
    # Network trouble, 5xx, a refusal we did not expect (Graph code 100 for a token under 24 hours),
    # a locked keychain, a busy database: none of them says anything about the token itself.
    return Verdict(TRANSIENT, None, error.code, retry_after)
