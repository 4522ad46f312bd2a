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
from datetime import datetime, timedelta
from typing import Any

from desktop.core.clock import Clock
from desktop.core.instagram.scopes import BASIC
from desktop.core.sandbox.accounts import DOCUMENTED_ACCOUNT_TYPES, SandboxAccount
from desktop.core.sandbox.budget import MESSAGES as BUDGET_MESSAGES
from desktop.core.sandbox.budget import CallBudget
from desktop.core.sandbox.dialog_flow import ConsentDialog, Params
from desktop.core.sandbox.dialog_flow import first as _first
from desktop.core.sandbox.knobs import KnobBoard, Knobs
from desktop.core.sandbox.redirect_policy import check_registrable
from desktop.core.sandbox.replies import Reply, flat_error, graph_error, json_reply
from desktop.core.sandbox.state import SandboxState, fingerprint
from desktop.core.sandbox.state_records import GrantRecord, TokenRecord

CODE_LIFETIME = timedelta(hours=1)
SHORT_LIVED = timedelta(hours=1)
LONG_LIVED = timedelta(days=60)
REFRESH_MIN_AGE = timedelta(hours=24)
#: ``expires_in`` as seen on the wire (a little under the documented 5184000).
OBSERVED_EXPIRES_IN = 5183944
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
#: What the exchange says about an account it won't serve: Meta's generic words, no hint of why.
PERSONAL_EXCHANGE_MESSAGE = "Invalid user id"
UNSUPPORTED_DELETE = (
    "Unsupported delete request. Object with ID 'me' does not exist, cannot be loaded due to missing "
    "permissions, or does not support this operation."
)
CODE_NOT_FOUND = "Matching code was not found or was already used"
CODE_EXPIRED = "This authorization code has expired"
SUBCODE_APP_REMOVED = 458
SUBCODE_EXPIRED = 463
#: ``/_sandbox/kill-token`` reasons and the Graph 190 subcode each leaves on the token for good.
KILL_SUBCODES = {"removed": 458, "password_changed": 460, "checkpoint": 459}
KILL_MESSAGES = {
    458: "Error validating access token: The user has not authorized application.",
    459: "Error validating access token: You cannot access the app till you log in to www.instagram.com "
    "and follow the instructions given.",
    460: "Error validating access token: The session has been invalidated because the user changed "
    "their password or Facebook has changed the session for security reasons.",
}


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


class SandboxProvider(ConsentDialog):
    """Thread-safe: every request runs under one lock and saves the state it changed.

    The consent dialog's half lives in :class:`desktop.core.sandbox.dialog_flow.ConsentDialog`;
    this class adds the token endpoints, Graph and the account events.
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

    # -- tokens -----------------------------------------------------------------------------------

    def exchange_code(self, form: Params) -> Reply:
        with self._lock:
            missing = [
                name
                for name in ("client_id", "client_secret", "grant_type", "redirect_uri", "code")
                if not _first(form, name)
            ]
            if missing:
                return flat_error(f"Missing required parameter: {missing[0]}")
            # The code exactly as issued: a pasted "#_" is the client's to strip, not Meta's.
            digest = fingerprint(_first(form, "code") or "")
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
        if _first(form, "client_id") != self._state.app.client_id:
            return flat_error("Invalid platform app")
        if not self._state.secret_matches(_first(form, "client_secret") or ""):
            return flat_error("Error validating client secret.")
        if _first(form, "grant_type") != "authorization_code":
            return flat_error("Unsupported grant_type; expected authorization_code")
        record = self._state.codes.get(digest)
        if record is None or record.used_at is not None or record.client_id != self._state.app.client_id:
            return flat_error(CODE_NOT_FOUND)
        if self._clock.now() - record.issued_at >= CODE_LIFETIME:
            return flat_error(CODE_EXPIRED)
        if _first(form, "redirect_uri") != record.redirect_uri:
            return flat_error("Invalid redirect_uri")
        return None

    def exchange_long_lived(self, params: Params) -> Reply:
        with self._lock:
            if _first(params, "grant_type") != "ig_exchange_token":
                return graph_error(400, 100, "Unsupported grant_type; expected ig_exchange_token")
            if not self._state.secret_matches(_first(params, "client_secret") or ""):
                return graph_error(400, 101, "Error validating client secret.")
            record = self._authenticate(_first(params, "access_token"))
            if isinstance(record, Reply):
                return record
            if record.kind != "short":
                return graph_error(
                    400, 100, "Only a short-lived access token can be exchanged for a long-lived one"
                )
            return self._issue_long_lived(record)

    def refresh(self, params: Params) -> Reply:
        with self._lock:
            if _first(params, "grant_type") != "ig_refresh_token":
                return graph_error(400, 100, "Unsupported grant_type; expected ig_refresh_token")
            token = _first(params, "access_token") or ""
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

    # -- Graph --------------------------------------------------------------------------------------

    def me(self, params: Params) -> Reply:
        with self._lock:
            record = self._authenticate(_first(params, "access_token"))
            if isinstance(record, Reply):
                return record
            account = self._state.account_by_user_id(record.user_id)
            if account is None:
                return graph_error(400, 190, "Invalid OAuth access token - Cannot parse access token")
            fields = [f.strip() for f in (_first(params, "fields") or "id").split(",") if f.strip()]
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
            record = self._authenticate(_first(params, "access_token"))
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
            record = self._authenticate(_first(params, "access_token"))
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

    def _authenticate(self, token: str | None) -> TokenRecord | Reply:
        """The live token record, or Meta's refusal; a call that passes counts against the budget."""
        record = self._check_token(token)
        if isinstance(record, Reply):
            return record
        budget = self._knobs.call_budget
        if budget:
            usage = self.budget.spend(record.user_id, budget, self._clock.now())
            if usage.exhausted:
                code = self._knobs.budget_code
                reply = graph_error(400 if code == 4 else 403, code, BUDGET_MESSAGES[code], is_transient=True)
                reply.headers.update(usage.headers(record.user_id))
                return reply
            self._usage_headers[threading.get_ident()] = usage.headers(record.user_id)
        return record

    def take_usage_headers(self) -> dict[str, str]:
        """The usage headers of the call this thread just made (empty without a budget)."""
        return self._usage_headers.pop(threading.get_ident(), {})

    def _check_token(self, token: str | None) -> TokenRecord | Reply:
        if not token:
            return graph_error(
                400, 2500, "An active access token must be used to query information about the current user."
            )
        record = self._state.tokens.get(fingerprint(token))
        if record is None or record.client_id != self._state.app.client_id:
            return graph_error(400, 190, "Invalid OAuth access token - Cannot parse access token")
        if record.killed_subcode is not None:
            return graph_error(400, 190, KILL_MESSAGES[record.killed_subcode], subcode=record.killed_subcode)
        if record.revoked_at is not None:
            return graph_error(
                400,
                190,
                f"Error validating access token: The user has not authorized application {record.client_id}.",
                subcode=SUBCODE_APP_REMOVED,
            )
        now = self._clock.now()
        if now >= record.expires_at:
            return graph_error(
                400,
                190,
                f"Error validating access token: Session has expired on {_graph_time(record.expires_at)}. "
                f"The current time is {_graph_time(now)}.",
                subcode=SUBCODE_EXPIRED,
            )
        return record


def _graph_time(when: datetime) -> str:
    return when.strftime("%A, %d-%b-%y %H:%M:%S UTC")
