"""The sandbox Facebook's ``/oauth/access_token``: a code for a short-lived token, and that for a
long-lived one; codes live ten minutes and work once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from desktop.core.sandbox.facebook.params import Params, first
from desktop.core.sandbox.facebook.token_checks import CODE_LIFETIME, LONG_LIVED, SHORT_LIVED, TokenChecks
from desktop.core.sandbox.replies import Reply, graph_error, json_reply
from desktop.core.sandbox.state import fingerprint


class TokenExchange(TokenChecks):
    """The token part of :class:`~desktop.core.sandbox.facebook.provider.FacebookProvider`."""

    def access_token(self, params: Params) -> Reply:
        with self._lock:
            if first(params, "client_id") != self._state.client_id:
                return graph_error(400, 101, "Error validating application. Invalid application ID.")
            if not self._state.secret_matches(first(params, "client_secret") or ""):
                return graph_error(400, 1, "Error validating client secret.")
            if first(params, "grant_type") == "fb_exchange_token":
                return self._long_lived(first(params, "fb_exchange_token") or "")
            code = (first(params, "code") or "").removesuffix("#_=_")
            if not code:
                return graph_error(400, 100, "Missing authorization code")
            if not first(params, "redirect_uri"):
                return graph_error(400, 100, "Missing redirect_uri parameter.")
            digest = fingerprint(code)
            record = self._state.codes.get(digest)
            now = self._clock.now()
            if record is None:
                return graph_error(400, 100, "Invalid verification code format.")
            if record.used_at is not None:
                return graph_error(400, 100, "This authorization code has been used.", subcode=36009)
            if now - datetime.fromisoformat(record.issued_at) >= CODE_LIFETIME:
                return graph_error(400, 100, "This authorization code has expired.", subcode=36007)
            if first(params, "redirect_uri") != record.redirect_uri:
                return graph_error(
                    400,
                    100,
                    "Error validating verification code. Please make sure your redirect_uri is identical to the "
                    "one you used in the OAuth dialog request",
                    subcode=36008,
                )
            record.used_at = now.isoformat()
            token = self._issue("user_short", record.user_id, now + SHORT_LIVED)
            self._state.save()
            return json_reply(
                200,
                {
                    "access_token": token,
                    "token_type": "bearer",
                    "expires_in": int(SHORT_LIVED.total_seconds()),
                },
            )

    def _long_lived(self, token: str) -> Reply:
        record = self._authenticate(token)
        if isinstance(record, Reply):
            return record
        if record.kind == "page":
            return graph_error(400, 100, "Only a user access token can be exchanged")
        now = self._clock.now()
        issued = self._issue("user_long", record.user_id, now + LONG_LIVED)
        self._state.save()
        payload: dict[str, Any] = {"access_token": issued, "token_type": "bearer"}
        if self.shape == "documented":
            payload["expires_in"] = int(LONG_LIVED.total_seconds())
        return json_reply(200, payload)
