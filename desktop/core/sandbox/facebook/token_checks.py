"""The sandbox Facebook's tokens: issuing them, and Meta's reasons a token no longer works."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from desktop.core.clock import Clock
from desktop.core.sandbox.facebook.browser_session import BrowserSessions
from desktop.core.sandbox.facebook.state import FacebookState, TokenRecord
from desktop.core.sandbox.replies import Reply, graph_error
from desktop.core.sandbox.state import fingerprint

CODE_LIFETIME = timedelta(minutes=10)
SHORT_LIVED = timedelta(hours=1)
LONG_LIVED = timedelta(days=60)
CANNOT_PARSE = "Invalid OAuth access token - Cannot parse access token"


class TokenChecks:
    """What :class:`~desktop.core.sandbox.facebook.provider.FacebookProvider` holds, and its token rules."""

    _state: FacebookState
    _clock: Clock
    _base_url: Callable[[], str]
    _version: str
    _lock: threading.RLock
    shape: str
    development_mode: bool
    page_size: int
    app_name: str
    browsers: BrowserSessions

    def _issue(self, kind: str, user_id: str, expires_at: datetime | None, page_id: str | None = None) -> str:
        now = self._clock.now()
        return self._state.add_token(
            TokenRecord(
                kind, user_id, now.isoformat(), expires_at.isoformat() if expires_at else None, page_id
            )
        )

    def _revoke(self, user_id: str, now: str) -> None:
        self._state.grants.pop(user_id, None)
        for record in self._state.tokens.values():
            if record.user_id == user_id and record.revoked_at is None:
                record.revoked_at = now

    def _authenticate(self, token: str) -> TokenRecord | Reply:
        if not token:
            return graph_error(400, 104, "An access token is required to request this resource.")
        record = self._state.tokens.get(fingerprint(token))
        if record is None:
            return graph_error(400, 190, CANNOT_PARSE)
        problem = self._check(record)
        return problem if problem is not None else record

    def _check(self, record: TokenRecord) -> Reply | None:
        if record.revoked_at is not None or record.user_id not in self._state.grants:
            return graph_error(
                400,
                190,
                f"Error validating access token: The user has not authorized application {self._state.client_id}.",
                subcode=458,
            )
        grant = self._state.grants[record.user_id]
        if grant.password_changed_at and grant.password_changed_at >= record.issued_at:
            return graph_error(
                400,
                190,
                "Error validating access token: The session has been invalidated because the user changed their "
                "password or Facebook has changed the session for security reasons.",
                subcode=460,
            )
        if record.kind == "page" and (
            record.page_id in grant.lost_pages or record.page_id not in grant.pages
        ):
            return graph_error(
                400, 190, "Error validating access token: The access token is invalid.", subcode=467
            )
        now = self._clock.now()
        if record.expires_at is not None and now >= datetime.fromisoformat(record.expires_at):
            return graph_error(400, 190, "Error validating access token: Session has expired.", subcode=463)
        return None

    def _now(self) -> str:
        return self._clock.now().isoformat()
