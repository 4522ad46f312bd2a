"""The protocol as Meta documents it, without the HTTP: what each endpoint answers, and when.

Facts imitated (see docs/instagram-login.md): unknown client ids, unregistered redirect URIs and
invalid scope names get an error screen that never redirects; codes live one hour and work once;
the app secret and the exact redirect URI are checked at exchange; short-lived tokens live one
hour, long-lived ones 60 days; refresh needs a long-lived token at least 24 hours old and not
expired; revoked or expired tokens answer Graph error 190.

Two knobs mirror what is unconfirmed about the real service: the answer *shape* (``documented``:
``data``-wrapped, string ids, title-case account types; ``observed``: flat, ``user_id`` as a big JSON
number, ``permissions`` as a list) and how a Personal account fails (refused at the ``dialog``,
an error at ``exchange``, or ``/me`` saying ``account_type: PERSONAL``). A refusal at the dialog
redirects with ``error=access_denied&error_reason=personal_account`` so the app can say why.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from desktop.core.clock import Clock
from desktop.core.instagram.scopes import BASIC, KNOWN_SCOPES
from desktop.core.sandbox.accounts import DOCUMENTED_ACCOUNT_TYPES, SandboxAccount
from desktop.core.sandbox.consent import render_consent, render_error
from desktop.core.sandbox.redirect_policy import check_registrable, usable
from desktop.core.sandbox.replies import Reply, flat_error, graph_error, html_reply, json_reply, redirect
from desktop.core.sandbox.state import CodeRecord, GrantRecord, SandboxState, TokenRecord, fingerprint

Params = Mapping[str, Sequence[str]]

CODE_LIFETIME = timedelta(hours=1)
SHORT_LIVED = timedelta(hours=1)
LONG_LIVED = timedelta(days=60)
REFRESH_MIN_AGE = timedelta(hours=24)
SHAPES = ("documented", "observed")
PERSONAL_FAILURES = ("dialog", "exchange", "account_type")
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
DENIED_DESCRIPTION = "The user denied your request"
PERSONAL_DESCRIPTION = "Only Business and Creator accounts can use this app"
PERSONAL_EXCHANGE_MESSAGE = (
    "Personal accounts can't use the Instagram API. Switch to a professional account "
    "(Business or Creator) in the Instagram app."
)
CODE_NOT_FOUND = "Matching code was not found or was already used"
CODE_EXPIRED = "This authorization code has expired"
SUBCODE_APP_REMOVED = 458
SUBCODE_EXPIRED = 463


@dataclass(frozen=True, slots=True)
class AuthorizeRequest:
    client_id: str
    redirect_uri: str
    scopes: tuple[str, ...]
    state: str | None
    extras: dict[str, str]

    def hidden_fields(self) -> dict[str, str]:
        fields = {
            "client_id": self.client_id,
            "redirect_uri": self.redirect_uri,
            "response_type": "code",
            "requested_scopes": ",".join(self.scopes),
        }
        if self.state is not None:
            fields["state"] = self.state
        fields.update(self.extras)
        return fields


@dataclass(frozen=True, slots=True)
class TokenStatus:
    """What the sandbox knows about a token: ``active``, ``expired``, ``revoked`` or ``unknown``."""

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


class SandboxProvider:
    """Thread-safe: every request runs under one lock and saves the state it changed."""

    def __init__(self, state: SandboxState, clock: Clock, picture_base_url: Callable[[], str]) -> None:
        self._state = state
        self._clock = clock
        self._picture_base_url = picture_base_url
        self._lock = threading.RLock()
        self._shape = "observed"
        self._personal_failure = "account_type"
        self._allow_http_localhost = False

    # -- knobs --------------------------------------------------------------------------------------

    @property
    def shape(self) -> str:
        return self._shape

    def set_shape(self, shape: str) -> None:
        if shape not in SHAPES:
            raise ValueError(f"shape must be one of {', '.join(SHAPES)}")
        self._shape = shape

    @property
    def personal_failure(self) -> str:
        return self._personal_failure

    def set_personal_failure(self, mode: str) -> None:
        if mode not in PERSONAL_FAILURES:
            raise ValueError(f"mode must be one of {', '.join(PERSONAL_FAILURES)}")
        self._personal_failure = mode

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
            if record.revoked_at is not None:
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

    # -- the consent dialog -----------------------------------------------------------------------------

    def authorize_page(self, params: Params) -> Reply:
        with self._lock:
            request = self._validate_authorize(params)
            if isinstance(request, Reply):
                return request
            notice = ""
            if request.extras.get("force_authentication") == "1":
                notice = "Instagram asks you to sign in again: choose the account to continue as."
            return html_reply(200, self._consent(request, notice=notice))

    def authorize_decide(self, form: Params) -> Reply:
        with self._lock:
            params = dict(form)
            params["scope"] = [_first(form, "requested_scopes") or ""]
            request = self._validate_authorize(params)
            if isinstance(request, Reply):
                return request
            action = _first(form, "action")
            if action == "deny":
                return redirect(
                    _redirect_with(
                        request,
                        {
                            "error": "access_denied",
                            "error_reason": "user_denied",
                            "error_description": DENIED_DESCRIPTION,
                        },
                    )
                )
            if action != "allow":
                return html_reply(400, self._consent(request, notice="Choose Allow or Cancel.", error=True))
            account = self._state.account_by_username(_first(form, "account") or "")
            if account is None:
                return html_reply(
                    400, self._consent(request, notice="Choose an account to continue.", error=True)
                )
            if not account.is_professional and self._personal_failure == "dialog":
                return redirect(
                    _redirect_with(
                        request,
                        {
                            "error": "access_denied",
                            "error_reason": "personal_account",
                            "error_description": PERSONAL_DESCRIPTION,
                        },
                    )
                )
            ticked = set(form.get("scope", ()))
            granted = tuple(s for s in request.scopes if s in ticked or s == BASIC)
            if BASIC not in granted:
                granted = (BASIC, *granted)
            now = self._clock.now()
            self._state.purge(now)
            code = self._state.add_code(
                CodeRecord(request.client_id, request.redirect_uri, account.user_id, granted, now)
            )
            self._state.save()
            return redirect(_redirect_with(request, {"code": code}))

    def _consent(self, request: AuthorizeRequest, *, notice: str = "", error: bool = False) -> str:
        return render_consent(
            app_name=self._state.app.name,
            hidden=request.hidden_fields(),
            accounts=self._state.accounts,
            requested_scopes=request.scopes,
            notice=notice,
            notice_is_error=error,
        )

    def _validate_authorize(self, params: Params) -> AuthorizeRequest | Reply:
        """Meta's checks before the dialog; any failure is an error screen, never a redirect."""
        client_id = _first(params, "client_id") or ""
        if client_id != self._state.app.client_id:
            return html_reply(
                400,
                render_error(
                    "Invalid platform app",
                    "Invalid Request: Request parameters are invalid: Invalid platform app",
                ),
            )
        redirect_uri = _first(params, "redirect_uri") or ""
        if redirect_uri not in self._state.app.redirect_uris or not usable(
            redirect_uri, allow_http_localhost=self._allow_http_localhost
        ):
            return html_reply(
                400,
                render_error(
                    "URL Blocked",
                    "This redirect failed because the redirect URI is not whitelisted in the app's Client "
                    "OAuth Settings. Make sure the redirect URI matches a registered one exactly.",
                ),
            )
        if _first(params, "response_type") != "code":
            return html_reply(
                400, render_error("Invalid Request", "Invalid Request: response_type must be 'code'.")
            )
        requested = tuple(
            dict.fromkeys(
                part.strip()
                for part in (_first(params, "scope") or "").replace(" ", ",").split(",")
                if part.strip()
            )
        )
        invalid = [scope for scope in requested if scope not in KNOWN_SCOPES]
        if invalid or not requested:
            listed = ", ".join(invalid) if invalid else "(none requested)"
            return html_reply(
                400,
                render_error(
                    "Invalid Scopes",
                    f"Invalid Scopes: {listed}. Please refer to the documentation for valid permissions.",
                ),
            )
        extras = {
            name: value
            for name in ("force_authentication", "enable_fb_login")
            if (value := _first(params, name)) in {"0", "1"}
        }
        return AuthorizeRequest(client_id, redirect_uri, requested, _first(params, "state"), extras)

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
            if _first(form, "client_id") != self._state.app.client_id:
                return flat_error("Invalid platform app")
            if not self._state.secret_matches(_first(form, "client_secret") or ""):
                return flat_error("Error validating client secret.")
            if _first(form, "grant_type") != "authorization_code":
                return flat_error("Unsupported grant_type; expected authorization_code")
            digest = fingerprint((_first(form, "code") or "").removesuffix("#_"))
            record = self._state.codes.get(digest)
            now = self._clock.now()
            if record is None or record.used_at is not None or record.client_id != self._state.app.client_id:
                return flat_error(CODE_NOT_FOUND)
            if now - record.issued_at >= CODE_LIFETIME:
                return flat_error(CODE_EXPIRED)
            if _first(form, "redirect_uri") != record.redirect_uri:
                return flat_error("Invalid redirect_uri")
            self._state.use_code(digest, now)
            account = self._state.account_by_user_id(record.user_id)
            if account is None:
                self._state.save()
                return flat_error(CODE_NOT_FOUND)
            if not account.is_professional and self._personal_failure == "exchange":
                self._state.save()
                return flat_error(PERSONAL_EXCHANGE_MESSAGE)
            self._state.grants[account.user_id] = GrantRecord(record.scopes, now)
            token = self._state.add_token(
                TokenRecord("short", record.client_id, account.user_id, record.scopes, now, now + SHORT_LIVED)
            )
            self._state.save()
            if self._shape == "documented":
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

    def exchange_long_lived(self, params: Params, bearer: str | None) -> Reply:
        with self._lock:
            if _first(params, "grant_type") != "ig_exchange_token":
                return graph_error(400, 100, "Unsupported grant_type; expected ig_exchange_token")
            if not self._state.secret_matches(_first(params, "client_secret") or ""):
                return graph_error(400, 101, "Error validating client secret.")
            record = self._authenticate(_first(params, "access_token") or bearer)
            if isinstance(record, Reply):
                return record
            if record.kind != "short":
                return graph_error(
                    400, 100, "Only a short-lived access token can be exchanged for a long-lived one"
                )
            return self._issue_long_lived(record)

    def refresh(self, params: Params, bearer: str | None) -> Reply:
        with self._lock:
            if _first(params, "grant_type") != "ig_refresh_token":
                return graph_error(400, 100, "Unsupported grant_type; expected ig_refresh_token")
            record = self._authenticate(_first(params, "access_token") or bearer)
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
            return self._issue_long_lived(record)

    def _issue_long_lived(self, source: TokenRecord) -> Reply:
        now = self._clock.now()
        self._state.purge(now)
        token = self._state.add_token(
            TokenRecord("long", source.client_id, source.user_id, source.scopes, now, now + LONG_LIVED)
        )
        self._state.save()
        expires_in = int(LONG_LIVED.total_seconds()) if self._shape == "documented" else OBSERVED_EXPIRES_IN
        return json_reply(200, {"access_token": token, "token_type": "bearer", "expires_in": expires_in})

    # -- Graph --------------------------------------------------------------------------------------

    def me(self, params: Params, bearer: str | None) -> Reply:
        with self._lock:
            record = self._authenticate(_first(params, "access_token") or bearer)
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
            documented = self._shape == "documented"
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

    def permissions(self, params: Params, bearer: str | None) -> Reply:
        with self._lock:
            record = self._authenticate(_first(params, "access_token") or bearer)
            if isinstance(record, Reply):
                return record
            data = [{"permission": scope, "status": "granted"} for scope in record.scopes]
            return json_reply(200, {"data": data})

    def revoke(self, params: Params, bearer: str | None) -> Reply:
        """``DELETE /me/permissions``: the account's grant and every token of it die at once."""
        with self._lock:
            record = self._authenticate(_first(params, "access_token") or bearer)
            if isinstance(record, Reply):
                return record
            self._state.revoke_grant(record.client_id, record.user_id, self._clock.now())
            self._state.save()
            return json_reply(200, {"success": True})

    def _authenticate(self, token: str | None) -> TokenRecord | Reply:
        if not token:
            return graph_error(
                400, 2500, "An active access token must be used to query information about the current user."
            )
        record = self._state.tokens.get(fingerprint(token))
        if record is None or record.client_id != self._state.app.client_id:
            return graph_error(400, 190, "Invalid OAuth access token - Cannot parse access token")
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


def _first(params: Params, name: str) -> str | None:
    values = params.get(name)
    return values[0] if values else None


def _redirect_with(request: AuthorizeRequest, params: dict[str, str]) -> str:
    if request.state is not None:
        params = {**params, "state": request.state}
    separator = "&" if "?" in request.redirect_uri else "?"
    return f"{request.redirect_uri}{separator}{urlencode(params)}#_"


def _graph_time(when: datetime) -> str:
    return when.strftime("%A, %d-%b-%y %H:%M:%S UTC")
