"""The protocol as Meta documents it, without the HTTP: what each endpoint answers, and when.

Facts imitated (see docs/instagram-login.md): unknown client ids, unregistered redirect URIs and
invalid scope names get an error screen that never redirects; codes live one hour and work once;
the app secret and the exact redirect URI are checked at exchange; short-lived tokens live one
hour, long-lived ones 60 days; refresh needs a long-lived token at least 24 hours old and not
expired; revoked or expired tokens answer Graph error 190.

What is unconfirmed about the real service is a knob (:mod:`desktop.core.sandbox.knobs`), strict
by default. A Personal account refused at the dialog never gets a reason the app could match: either
Meta's own error screen (no redirect at all) or a plain ``access_denied``/``user_denied``; refused at
the exchange, the message is Meta's generic one, not words a client could key on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.core.clock import Clock
from desktop.core.sandbox.accounts import SandboxAccount
from desktop.core.sandbox.budget import CallBudget
from desktop.core.sandbox.dialog_flow import ConsentDialog
from desktop.core.sandbox.graph_endpoints import ME_FIELDS, UNSUPPORTED_DELETE, GraphEndpoints
from desktop.core.sandbox.knobs import KnobBoard, Knobs
from desktop.core.sandbox.redirect_policy import check_registrable
from desktop.core.sandbox.state import SandboxState, fingerprint
from desktop.core.sandbox.token_checks import (
    CANNOT_PARSE,
    KILL_MESSAGES,
    KILL_SUBCODES,
    SUBCODE_APP_REMOVED,
    SUBCODE_EXPIRED,
)
from desktop.core.sandbox.token_exchange import (
    CODE_EXPIRED,
    CODE_LIFETIME,
    CODE_NOT_FOUND,
    LONG_LIVED,
    OBSERVED_EXPIRES_IN,
    PERSONAL_EXCHANGE_MESSAGE,
    REFRESH_MIN_AGE,
    SHORT_LIVED,
    TokenExchange,
)

__all__ = [
    "CANNOT_PARSE",
    "CODE_EXPIRED",
    "CODE_LIFETIME",
    "CODE_NOT_FOUND",
    "KILL_MESSAGES",
    "KILL_SUBCODES",
    "LONG_LIVED",
    "ME_FIELDS",
    "OBSERVED_EXPIRES_IN",
    "PERSONAL_EXCHANGE_MESSAGE",
    "REFRESH_MIN_AGE",
    "SHORT_LIVED",
    "SUBCODE_APP_REMOVED",
    "SUBCODE_EXPIRED",
    "UNSUPPORTED_DELETE",
    "SandboxProvider",
    "TokenStatus",
]


@dataclass(frozen=True, slots=True)
class TokenStatus:
    """What the sandbox knows about a token: ``active``, ``expired``, ``revoked``, ``killed`` or ``unknown``."""

    status: str
    kind: str | None = None
    user_id: str | None = None
    scopes: tuple[str, ...] = ()
    issued_at: datetime | None = None
    expires_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "kind": self.kind,
            "user_id": self.user_id,
            "scopes": list(self.scopes),
            "issued_at": self.issued_at.isoformat() if self.issued_at else None,
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
        }


class SandboxProvider(ConsentDialog, TokenExchange, GraphEndpoints):
    """Thread-safe: every request runs under one lock and saves the state it changed.

    The consent dialog's half lives in :class:`desktop.core.sandbox.dialog_flow.ConsentDialog`, the
    token endpoints in :mod:`desktop.core.sandbox.token_exchange`, Graph and the account events in
    :mod:`desktop.core.sandbox.graph_endpoints`; this class holds the state, knobs and settings.
    """

    def __init__(self, state: SandboxState, clock: Clock, picture_base_url: Callable[[], str]) -> None:
        self._state = state
        self._clock = clock
        self._picture_base_url = picture_base_url
        self._lock = threading.RLock()
        self.knobs = KnobBoard()
        self.budget = CallBudget()
        self._usage_headers: dict[int, dict[str, str]] = {}
        self._allow_http_localhost = False

    # -- knobs --------------------------------------------------------------------------------------

    @property
    def _knobs(self) -> Knobs:
        return self.knobs.current

    @property
    def shape(self) -> str:
        return self._knobs.shape

    def set_shape(self, shape: str) -> None:
        self.knobs.set(shape=shape)

    @property
    def personal_failure(self) -> str:
        return self._knobs.personal_failure

    def set_personal_failure(self, mode: str) -> None:
        self.knobs.set(personal_failure=mode)

    @property
    def accounts(self) -> tuple[SandboxAccount, ...]:
        with self._lock:
            return tuple(self._state.accounts)

    @property
    def client_id(self) -> str:
        return self._state.app.client_id

    @property
    def redirect_uris(self) -> tuple[str, ...]:
        with self._lock:
            return tuple(self._state.app.redirect_uris)

    @property
    def allow_http_localhost(self) -> bool:
        with self._lock:
            return self._allow_http_localhost

    def set_allow_http_localhost(self, allowed: bool) -> None:
        with self._lock:
            self._allow_http_localhost = bool(allowed)

    def register_redirect_uri(self, uri: str) -> None:
        """Save ``uri`` as Meta's dashboard would; an http URI raises :class:`RedirectRefused`."""
        with self._lock:
            check_registrable(uri, allow_http_localhost=self._allow_http_localhost)
            if self._state.add_redirect_uri(uri):
                self._state.save()

    def set_client_secret(self, secret: str) -> None:
        with self._lock:
            self._state.set_secret(secret)
            self._state.save()

    def record_clock_offset(self, seconds: float) -> None:
        with self._lock:
            self._state.clock_offset_seconds = seconds
            self._state.save()

    def token_status(self, token: str) -> TokenStatus:
        with self._lock:
            record = self._state.tokens.get(fingerprint(token))
            if record is None:
                return TokenStatus("unknown")
            if record.killed_subcode is not None:
                status = "killed"
            elif record.revoked_at is not None:
                status = "revoked"
            elif self._clock.now() >= record.expires_at:
                status = "expired"
            else:
                status = "active"
            return TokenStatus(
                status,
                record.kind,
                str(record.user_id),
                record.scopes,
                record.issued_at,
                record.expires_at,
            )

    def revoked_count(self) -> int:
        with self._lock:
            return sum(1 for record in self._state.tokens.values() if record.revoked_at is not None)
