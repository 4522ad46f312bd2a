"""The sandbox Instagram's token endpoints: a code for a short-lived token, that for a long-lived
one, and the long-lived one's refresh."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from desktop.core.instagram.scopes import BASIC
from desktop.core.sandbox.dialog_flow import Params, first
from desktop.core.sandbox.replies import Reply, flat_error, graph_error, json_reply
from desktop.core.sandbox.state import fingerprint
from desktop.core.sandbox.state_records import GrantRecord, TokenRecord
from desktop.core.sandbox.token_checks import TokenChecks

CODE_LIFETIME = timedelta(hours=1)
SHORT_LIVED = timedelta(hours=1)
LONG_LIVED = timedelta(days=60)
REFRESH_MIN_AGE = timedelta(hours=24)
#: ``expires_in`` as seen on the wire (a little under the documented 5184000).
OBSERVED_EXPIRES_IN = 5183944
#: What the exchange says about an account it won't serve: Meta's generic words, no hint of why.
PERSONAL_EXCHANGE_MESSAGE = "Invalid user id"
CODE_NOT_FOUND = "Matching code was not found or was already used"
CODE_EXPIRED = "This authorization code has expired"


class TokenExchange(TokenChecks):
    """The token part of :class:`~desktop.core.sandbox.provider.SandboxProvider`."""

    def exchange_code(self, form: Params) -> Reply:
        with self._lock:
            missing = [
                name
                for name in ("client_id", "client_secret", "grant_type", "redirect_uri", "code")
                if not first(form, name)
            ]
            if missing:
                return flat_error(f"Missing required parameter: {missing[0]}")
            # The code exactly as issued: a pasted "#_" is the client's to strip, not Meta's.
            digest = fingerprint(first(form, "code") or "")
            refusal = self._exchange_refusal(form, digest)
            if refusal is not None:
                if self._knobs.failed_exchange == "burns_code" and self._state.burn_code(
                    digest, self._clock.now()
                ):
                    self._state.save()
                return refusal
            record = self._state.codes[digest]
            now = self._clock.now()
            self._state.use_code(digest, now)
            account = self._state.account_by_user_id(record.user_id)
            if account is None:
                self._state.save()
                return flat_error(CODE_NOT_FOUND)
            if not account.is_professional and self._knobs.personal_failure == "exchange":
                self._state.save()
                return flat_error(PERSONAL_EXCHANGE_MESSAGE)
            self._state.grants[account.user_id] = GrantRecord(record.scopes, now)
            token = self._state.add_token(
                TokenRecord("short", record.client_id, account.user_id, record.scopes, now, now + SHORT_LIVED)
            )
            self._state.save()
            if self._knobs.shape == "documented":
                payload: dict[str, Any] = {
                    "data": [
                        {
                            "access_token": token,
                            "user_id": str(account.app_scoped_id),
                            "permissions": ",".join(record.scopes),
                        }
                    ]
                }
            else:
                payload = {
                    "access_token": token,
                    "user_id": account.app_scoped_id,
                    "permissions": list(record.scopes),
                }
            return json_reply(200, payload)

    def _exchange_refusal(self, form: Params, digest: str) -> Reply | None:
        """Why the exchange fails, checked in Meta's order; None when the code may be traded."""
        if first(form, "client_id") != self._state.app.client_id:
            return flat_error("Invalid platform app")
        if not self._state.secret_matches(first(form, "client_secret") or ""):
            return flat_error("Error validating client secret.")
        if first(form, "grant_type") != "authorization_code":
            return flat_error("Unsupported grant_type; expected authorization_code")
        record = self._state.codes.get(digest)
        if record is None or record.used_at is not None or record.client_id != self._state.app.client_id:
            return flat_error(CODE_NOT_FOUND)
        if self._clock.now() - record.issued_at >= CODE_LIFETIME:
            return flat_error(CODE_EXPIRED)
        if first(form, "redirect_uri") != record.redirect_uri:
            return flat_error("Invalid redirect_uri")
        return None

    def exchange_long_lived(self, params: Params) -> Reply:
        with self._lock:
            if first(params, "grant_type") != "ig_exchange_token":
                return graph_error(400, 100, "Unsupported grant_type; expected ig_exchange_token")
            if not self._state.secret_matches(first(params, "client_secret") or ""):
                return graph_error(400, 101, "Error validating client secret.")
            record = self._authenticate(first(params, "access_token"))
            if isinstance(record, Reply):
                return record
            if record.kind != "short":
                return graph_error(
                    400, 100, "Only a short-lived access token can be exchanged for a long-lived one"
                )
            return self._issue_long_lived(record)

    def refresh(self, params: Params) -> Reply:
        with self._lock:
            if first(params, "grant_type") != "ig_refresh_token":
                return graph_error(400, 100, "Unsupported grant_type; expected ig_refresh_token")
            token = first(params, "access_token") or ""
            record = self._authenticate(token)
            if isinstance(record, Reply):
                return record
            if record.kind != "long":
                return graph_error(400, 100, "Only a long-lived access token can be refreshed")
            if self._clock.now() - record.issued_at < REFRESH_MIN_AGE:
                return graph_error(
                    400, 100, "The access token can't be refreshed yet: it must be at least 24 hours old"
                )
            if BASIC not in record.scopes:
                return graph_error(400, 10, f"(#10) Refreshing needs the {BASIC} permission")
            if self._knobs.refresh_token == "same_string":
                now = self._clock.now()
                self._state.extend_token(fingerprint(token), now, now + LONG_LIVED)
                self._state.save()
                return self._long_lived_reply(token)
            return self._issue_long_lived(record)

    def _issue_long_lived(self, source: TokenRecord) -> Reply:
        now = self._clock.now()
        self._state.purge(now)
        token = self._state.add_token(
            TokenRecord("long", source.client_id, source.user_id, source.scopes, now, now + LONG_LIVED)
        )
        self._state.save()
        return self._long_lived_reply(token)

    def _long_lived_reply(self, token: str) -> Reply:
        documented = self._knobs.shape == "documented"
        expires_in = int(LONG_LIVED.total_seconds()) if documented else OBSERVED_EXPIRES_IN
        return json_reply(200, {"access_token": token, "token_type": "bearer", "expires_in": expires_in})
