"""Facebook Login for Business and the Graph endpoints Socialdesk uses, without the HTTP.

Strict where Meta is or may be: redirect URIs match exactly and must be https unless the app is in
Development Mode; codes live ten minutes and work once (Graph code 100 with subcodes 36007, 36008,
36009); a declined permission is not asked again unless ``auth_type=rerequest``; unticked Pages are
left out of every answer; ``/me/businesses`` needs ``business_management``; a Page token made from a
short-lived user token lives an hour, one from a long-lived user token has no timer but dies with the
grant (190/458), a password change (190/460) or the loss of the Page role (190/467).

The ``shape`` knob covers what is unconfirmed: ``documented`` gives the nested account's fields as
asked, ``expires_in`` on every exchange and ``true`` for a revoke; ``observed`` gives the nested
account's id only, omits ``expires_in`` on the long-lived exchange and answers ``{"success": true}``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from desktop.core.clock import Clock
from desktop.core.sandbox.facebook import people
from desktop.core.sandbox.facebook.browser_session import BrowserSessions
from desktop.core.sandbox.facebook.graph_api import GraphApi
from desktop.core.sandbox.facebook.login_dialog import LoginDialog
from desktop.core.sandbox.facebook.params import Params
from desktop.core.sandbox.facebook.state import FacebookState
from desktop.core.sandbox.facebook.token_checks import (
    CANNOT_PARSE,
    CODE_LIFETIME,
    LONG_LIVED,
    SHORT_LIVED,
)
from desktop.core.sandbox.facebook.token_exchange import TokenExchange
from desktop.core.sandbox.state import fingerprint

__all__ = [
    "CANNOT_PARSE",
    "CODE_LIFETIME",
    "LONG_LIVED",
    "SHAPES",
    "SHORT_LIVED",
    "FacebookProvider",
    "Params",
]

SHAPES = ("documented", "observed")


class FacebookProvider(LoginDialog, TokenExchange, GraphApi):
    """Thread-safe: every request runs under one lock and saves the state it changed."""

    def __init__(self, state: FacebookState, clock: Clock, base_url: Callable[[], str], version: str) -> None:
        self._state = state
        self._clock = clock
        self._base_url = base_url
        self._version = version
        self._lock = threading.RLock()
        self.shape = "observed"
        self.development_mode = False
        self.page_size = 2
        self.app_name = "Socialdesk"
        self.browsers = BrowserSessions(state.browser_sessions)

    @property
    def client_id(self) -> str:
        return self._state.client_id

    @property
    def redirect_uris(self) -> tuple[str, ...]:
        with self._lock:
            return tuple(self._state.redirect_uris)

    def set_shape(self, shape: str) -> None:
        if shape not in SHAPES:
            raise ValueError(f"shape must be one of {', '.join(SHAPES)}")
        self.shape = shape

    def register_redirect_uri(self, uri: str) -> None:
        with self._lock:
            if uri not in self._state.redirect_uris:
                self._state.redirect_uris.append(uri)
                self._state.save()

    def set_client_secret(self, secret: str) -> None:
        with self._lock:
            self._state.secret_sha256 = fingerprint(secret)
            self._state.save()

    # -- scenario events (control API) --------------------------------------------------------------

    def person_event(self, handle: str, event: str, page_id: str = "") -> None:
        """``password_changed``, ``app_removed`` (from Facebook's settings) or ``role_removed``."""
        with self._lock:
            person = people.person_by_handle(handle)
            if person is None:
                raise ValueError("no such test person")
            now = self._now()
            if event == "app_removed":
                self._revoke(person.user_id, now)
            elif event == "password_changed":
                grant = self._state.grants.get(person.user_id)
                if grant is not None:
                    grant.password_changed_at = now
            elif event == "role_removed":
                grant = self._state.grants.get(person.user_id)
                if grant is not None and page_id not in grant.lost_pages:
                    grant.lost_pages.append(page_id)
            else:
                raise ValueError("event must be password_changed, app_removed or role_removed")
            self._state.save()

    def token_status(self, token: str) -> dict[str, Any]:
        with self._lock:
            record = self._state.tokens.get(fingerprint(token))
            if record is None:
                return {"status": "unknown"}
            checked = self._check(record)
            status = "active" if checked is None else ("revoked" if record.revoked_at else "dead")
            return {
                "status": status,
                "kind": record.kind,
                "user_id": record.user_id,
                "page_id": record.page_id,
            }

    def revoked_count(self) -> int:
        with self._lock:
            return sum(1 for record in self._state.tokens.values() if record.revoked_at is not None)
