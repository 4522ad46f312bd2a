"""The sandbox Instagram's Graph endpoints (``/me``, permissions, the revoke) and the account events
that kill tokens for good."""

from __future__ import annotations

from typing import Any

from desktop.core.sandbox.accounts import DOCUMENTED_ACCOUNT_TYPES
from desktop.core.sandbox.dialog_flow import Params, first
from desktop.core.sandbox.replies import Reply, graph_error, json_reply
from desktop.core.sandbox.state import fingerprint
from desktop.core.sandbox.token_checks import CANNOT_PARSE, KILL_SUBCODES, TokenChecks

ME_FIELDS = frozenset(
    {
        "id",
        "user_id",
        "username",
        "name",
        "account_type",
        "profile_picture_url",
        "followers_count",
        "follows_count",
        "media_count",
    }
)
UNSUPPORTED_DELETE = (
    "Unsupported delete request. Object with ID 'me' does not exist, cannot be loaded due to missing "
    "permissions, or does not support this operation."
)


class GraphEndpoints(TokenChecks):
    """The Graph part of :class:`~desktop.core.sandbox.provider.SandboxProvider`."""

    def me(self, params: Params) -> Reply:
        with self._lock:
            record = self._authenticate(first(params, "access_token"))
            if isinstance(record, Reply):
                return record
            account = self._state.account_by_user_id(record.user_id)
            if account is None:
                return graph_error(400, 190, CANNOT_PARSE)
            fields = [f.strip() for f in (first(params, "fields") or "id").split(",") if f.strip()]
            unknown = [name for name in fields if name not in ME_FIELDS]
            if unknown:
                return graph_error(
                    400, 100, f"(#100) Tried accessing nonexisting field ({unknown[0]}) on node type (User)"
                )
            documented = self._knobs.shape == "documented"
            values: dict[str, Any] = {
                "id": str(account.app_scoped_id),
                "user_id": str(account.user_id),
                "username": account.username,
                "name": account.name,
                "account_type": (
                    DOCUMENTED_ACCOUNT_TYPES[account.account_type] if documented else account.account_type
                ),
                "profile_picture_url": f"{self._picture_base_url()}/_sandbox/media/{account.username}.png",
                "followers_count": account.followers_count,
                "follows_count": account.follows_count,
                "media_count": account.media_count,
            }
            result = {name: values[name] for name in fields}
            result["id"] = values["id"]
            return json_reply(200, {"data": [result]} if documented else result)

    def permissions(self, params: Params) -> Reply:
        with self._lock:
            record = self._authenticate(first(params, "access_token"))
            if isinstance(record, Reply):
                return record
            data = [{"permission": scope, "status": "granted"} for scope in record.scopes]
            return json_reply(200, {"data": data})

    def revoke(self, params: Params) -> Reply:
        """``DELETE /me/permissions``, answered as the ``revoke_answer`` knob says.

        When it revokes, the account's grant and every token of it die at once; ``noop`` claims
        success and leaves them alive, as an endpoint that ignores the request would.
        """
        with self._lock:
            record = self._authenticate(first(params, "access_token"))
            if isinstance(record, Reply):
                return record
            answer = self._knobs.revoke_answer
            if answer == "unsupported":
                return graph_error(400, 100, UNSUPPORTED_DELETE, error_type="GraphMethodException")
            if answer != "noop":
                self._state.revoke_grant(record.client_id, record.user_id, self._clock.now())
                self._state.save()
            return json_reply(200, True if answer == "bare_true" else {"success": True})

    def kill_tokens(self, *, token: str | None, username: str | None, reason: str) -> int:
        """Kill tokens for good, as Meta does: removed at manage_access, a new password, a checkpoint."""
        if reason not in KILL_SUBCODES:
            raise ValueError(f"reason must be one of {', '.join(KILL_SUBCODES)}")
        with self._lock:
            if token:
                record = self._state.tokens.get(fingerprint(token))
                if record is None:
                    raise ValueError("no such token")
                user_id = record.user_id
            else:
                account = self._state.account_by_username(username or "")
                if account is None:
                    raise ValueError("give access_token or the username of a sandbox account")
                user_id = account.user_id
            now = self._clock.now()
            killed = self._state.kill_tokens(self._state.app.client_id, user_id, KILL_SUBCODES[reason], now)
            if reason == "removed":
                self._state.revoke_grant(self._state.app.client_id, user_id, now)
            self._state.save()
            return killed
