"""The consent dialog's half of the protocol: what www.instagram.com/oauth/authorize shows and where
it sends the browser back.

As at Instagram: an unknown client id, an unregistered redirect URI or an invalid scope gets an
error screen that never redirects; a browser signed in to Instagram continues as that account; one
that already granted every requested scope goes straight back with a code. The code is remembered
(as a hash) by :mod:`desktop.core.sandbox.state` and traded at the exchange in
:mod:`desktop.core.sandbox.token_exchange`.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from desktop.core.clock import Clock
from desktop.core.instagram.scopes import BASIC, KNOWN_SCOPES
from desktop.core.sandbox.accounts import SandboxAccount
from desktop.core.sandbox.consent import render_consent, render_error
from desktop.core.sandbox.knobs import Knobs
from desktop.core.sandbox.redirect_policy import usable
from desktop.core.sandbox.replies import Reply, html_reply, redirect
from desktop.core.sandbox.state import SandboxState
from desktop.core.sandbox.state_records import CodeRecord

Params = Mapping[str, Sequence[str]]

#: The browser's Instagram session cookie (the www host's).
SESSION_COOKIE = "sandbox_ig_session"
DENIED_DESCRIPTION = "The user denied your request"
#: Meta's screen for an account the app can't use; it has no button back to the app.
PERSONAL_SCREEN = (
    "Sorry, this content isn't available right now",
    "The app you're trying to use isn't available for this account.",
)


@dataclass(frozen=True, slots=True)
class AuthorizeRequest:
    client_id: str
    redirect_uri: str
    scopes: tuple[str, ...]
    state: str | None
    extras: dict[str, str]

    @property
    def forced(self) -> bool:
        return self.extras.get("force_authentication") == "1"

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


class ConsentDialog:
    """The dialog's endpoints; the provider supplies the state, clock, knobs and lock."""

    _state: SandboxState
    _clock: Clock
    _lock: threading.RLock
    _allow_http_localhost: bool

    @property
    def _knobs(self) -> Knobs:
        raise NotImplementedError

    def authorize_page(self, params: Params, session_id: str | None = None) -> Reply:
        """The dialog. A browser signed in to Instagram continues as that account, and one that
        already granted every requested scope goes straight back to the app, as at Instagram; only
        ``force_authentication=1`` (or no session yet) offers a choice of account."""
        with self._lock:
            request = self._validate_authorize(params)
            if isinstance(request, Reply):
                return request
            signed_in = None if request.forced else self._state.session_account(session_id)
            if signed_in is not None:
                grant = self._state.live_grant(signed_in.user_id)
                if grant is not None and set(request.scopes) <= set(grant.scopes):
                    return self._issue_code(request, signed_in, grant.scopes, session_id)
                return html_reply(200, self._consent(request, signed_in=signed_in))
            notice = ""
            if request.forced:
                notice = "Instagram asks you to sign in again: choose the account to continue as."
            return html_reply(200, self._consent(request, notice=notice))

    def authorize_decide(self, form: Params, session_id: str | None = None) -> Reply:
        with self._lock:
            params = dict(form)
            params["scope"] = [first(form, "requested_scopes") or ""]
            request = self._validate_authorize(params)
            if isinstance(request, Reply):
                return request
            signed_in = None if request.forced else self._state.session_account(session_id)
            action = first(form, "action")
            if action == "deny":
                return self._denied(request)
            if action != "allow":
                notice = "Choose Allow or Cancel."
                return html_reply(400, self._consent(request, notice=notice, error=True, signed_in=signed_in))
            # A signed-in browser has no choice of account: whatever the form says, it is the session's.
            account = signed_in or self._state.account_by_username(first(form, "account") or "")
            if account is None:
                return html_reply(
                    400, self._consent(request, notice="Choose an account to continue.", error=True)
                )
            if not account.is_professional and self._knobs.personal_failure == "dialog":
                return html_reply(403, render_error(*PERSONAL_SCREEN))
            if not account.is_professional and self._knobs.personal_failure == "dialog_denied":
                return self._denied(request)
            ticked = set(form.get("scope", ()))
            granted = tuple(s for s in request.scopes if s in ticked or s == BASIC)
            if BASIC not in granted:
                granted = (BASIC, *granted)
            return self._issue_code(request, account, granted, session_id)

    def _issue_code(
        self,
        request: AuthorizeRequest,
        account: SandboxAccount,
        scopes: tuple[str, ...],
        session_id: str | None,
    ) -> Reply:
        """Redirect back with a fresh code; the browser stays signed in as ``account``."""
        now = self._clock.now()
        self._state.purge(now)
        code = self._state.add_code(
            CodeRecord(request.client_id, request.redirect_uri, account.user_id, scopes, now)
        )
        cookie = self._state.sign_in(session_id, account.user_id)
        self._state.save()
        reply = redirect(_redirect_with(request, {"code": code}))
        reply.headers["Set-Cookie"] = f"{SESSION_COOKIE}={cookie}; Path=/; HttpOnly; SameSite=Lax"
        return reply

    def _denied(self, request: AuthorizeRequest) -> Reply:
        params = {
            "error": "access_denied",
            "error_reason": "user_denied",
            "error_description": DENIED_DESCRIPTION,
        }
        if self._knobs.deny_redirect == "with_state":
            return redirect(_redirect_with(request, params))
        return redirect(_redirect_with(request, params, echo_state=False, fragment=""))

    def _consent(
        self,
        request: AuthorizeRequest,
        *,
        notice: str = "",
        error: bool = False,
        signed_in: SandboxAccount | None = None,
    ) -> str:
        return render_consent(
            app_name=self._state.app.name,
            hidden=request.hidden_fields(),
            accounts=self._state.accounts,
            requested_scopes=request.scopes,
            notice=notice,
            notice_is_error=error,
            signed_in=signed_in,
        )

    def _validate_authorize(self, params: Params) -> AuthorizeRequest | Reply:
        """Meta's checks before the dialog; any failure is an error screen, never a redirect."""
        client_id = first(params, "client_id") or ""
        if client_id != self._state.app.client_id:
            return html_reply(
                400,
                render_error(
                    "Invalid platform app",
                    "Invalid Request: Request parameters are invalid: Invalid platform app",
                ),
            )
        redirect_uri = first(params, "redirect_uri") or ""
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
        if first(params, "response_type") != "code":
            return html_reply(
                400, render_error("Invalid Request", "Invalid Request: response_type must be 'code'.")
            )
        requested = tuple(
            dict.fromkeys(
                part.strip()
                for part in (first(params, "scope") or "").replace(" ", ",").split(",")
                if part.strip()
            )
        )
        invalid = [scope for scope in requested if scope not in KNOWN_SCOPES]
        if invalid or BASIC not in requested:
            listed = ", ".join(invalid) if invalid else f"{BASIC} is required"
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
            if (value := first(params, name)) in {"0", "1"}
        }
        return AuthorizeRequest(client_id, redirect_uri, requested, first(params, "state"), extras)


def first(params: Params, name: str) -> str | None:
    values = params.get(name)
    return values[0] if values else None


def _redirect_with(
    request: AuthorizeRequest, params: dict[str, str], *, echo_state: bool = True, fragment: str = "#_"
) -> str:
    if echo_state and request.state is not None:
        params = {**params, "state": request.state}
    separator = "&" if "?" in request.redirect_uri else "?"
    return f"{request.redirect_uri}{separator}{urlencode(params)}{fragment}"
