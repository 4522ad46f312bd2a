"""The Instagram API with Instagram Login, spoken over httpx.

One method per protocol step. Every failure leaves as an :class:`InstagramError` with a catalogue
code; no httpx exception escapes (their messages carry URLs, and these URLs carry tokens). GETs are
retried with exponential backoff on network errors and rate limits; the single-use code exchange is
retried only when the request certainly never left this machine.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar
from urllib.parse import quote, urlencode, urlsplit

import httpx

from desktop.core.clock import Clock, SystemClock
from desktop.core.instagram import http as http_support
from desktop.core.instagram.endpoints import Endpoints
from desktop.core.instagram.errors import (
    TOKEN_DEAD_CODES,
    InstagramError,
    error_from_response,
    transport_error,
)
from desktop.core.instagram.models import LongLivedToken, Profile, ShortLivedToken
from desktop.core.instagram.parsing import load_json, parse_long_lived, parse_profile, parse_short_lived
from desktop.core.instagram.scopes import REQUIRED_SCOPES
from desktop.core.secrets import SecretStr
from desktop.core.token_audience import TokenAudience

log = logging.getLogger(__name__)

T = TypeVar("T")

PROFILE_FIELDS = (
    "user_id,username,name,account_type,profile_picture_url,followers_count,follows_count,media_count"
)
DEFAULT_MAX_PICTURE_BYTES = 5 * 1024 * 1024
#: Graph codes Meta may give for a wrong app secret at the long-lived exchange (unconfirmed which).
WRONG_SECRET_CODES = frozenset({100, 101})
#: Graph "unsupported request" (``DELETE /me/permissions`` where the flow does not offer it).
UNSUPPORTED_REQUEST_CODE = 100
#: Transport failures after which the request certainly never reached the server.
_UNSENT_FAILURES = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)

__all__ = ["PROFILE_FIELDS", "REQUIRED_SCOPES", "InstagramClient"]


class InstagramClient:
    """Talks to Instagram (or the sandbox) on behalf of one Instagram app."""

    def __init__(
        self,
        http: httpx.Client,
        endpoints: Endpoints,
        app_id: str,
        app_secret: SecretStr,
        *,
        clock: Clock | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_retries: int = 3,
        timeout_seconds: float | None = None,
        backoff_seconds: float = 0.5,
        max_wait_seconds: float = 30.0,
        max_picture_bytes: int = DEFAULT_MAX_PICTURE_BYTES,
    ) -> None:
        """``timeout_seconds`` overrides ``http``'s own timeouts per request.

        A rate limit asking for a longer pause than ``max_wait_seconds`` is not waited out: the error
        goes to the caller with ``retry_after_seconds`` set.
        """
        http_support.install_log_redaction()
        self.audience = TokenAudience(endpoints.provider, str(app_id))
        self._http = http
        self._endpoints = endpoints
        self._app_id = app_id
        self._app_secret = _secret(app_secret)
        self._clock: Clock = clock or SystemClock()
        self._sleep = sleep
        self._max_retries = max(0, max_retries)
        self._timeout: httpx.Timeout | None = (
            http_support.timeout(timeout_seconds) if timeout_seconds is not None else None
        )
        self._backoff = backoff_seconds
        self._max_wait = max_wait_seconds
        self._max_picture_bytes = max_picture_bytes

    @property
    def endpoints(self) -> Endpoints:
        return self._endpoints

    # -- the protocol ---------------------------------------------------------------------------

    def authorize_url(
        self,
        redirect_uri: str,
        state: str | SecretStr,
        scopes: Iterable[str] = REQUIRED_SCOPES,
        *,
        force_authentication: bool = False,
    ) -> str:
        """The consent dialog's address; ``force_authentication`` makes Instagram ask who is signing in."""
        params = {
            "client_id": self._app_id,
            "redirect_uri": redirect_uri,
            "response_type": "code",
            "scope": ",".join(dict.fromkeys(scopes)),
            "state": state.reveal() if isinstance(state, SecretStr) else state,
        }
        if force_authentication:
            params["force_authentication"] = "1"
        return f"{self._endpoints.authorize_url}?{urlencode(params, quote_via=quote, safe=',')}"

    def exchange_code(self, code: SecretStr, redirect_uri: str) -> ShortLivedToken:
        """Trade the dialog's single-use code for a one-hour token (POST, never blindly retried)."""
        form = {
            "client_id": self._app_id,
            "client_secret": self._app_secret.reveal(),
            "grant_type": "authorization_code",
            "redirect_uri": redirect_uri,
            "code": _secret(code).reveal().removesuffix("#_"),
        }
        try:
            return self._call(
                "POST",
                self._endpoints.token_url,
                "oauth/access_token",
                parse_short_lived,
                data=form,
                idempotent=False,
            )
        except InstagramError as error:
            raise _exchange_refusal(error) from None

    def exchange_long_lived(self, short: SecretStr) -> LongLivedToken:
        """Trade the one-hour token for a 60-day one."""
        params = {
            "grant_type": "ig_exchange_token",
            "client_secret": self._app_secret.reveal(),
            "access_token": _secret(short).reveal(),
        }
        try:
            return self._call(
                "GET", self._endpoints.long_lived_url, "access_token", self._long_lived, params=params
            )
        except InstagramError as error:
            # Meta's code for a wrong secret here is unconfirmed (100 or 101); the token is fresh from
            # the code exchange, so either one means the app's settings, not the user.
            if error.graph_code in WRONG_SECRET_CODES:
                raise _retagged(error, "app_misconfigured") from None
            raise

    def refresh(self, token: SecretStr) -> LongLivedToken:
        """A fresh 60-day token; Instagram refuses tokens under 24 hours old or already expired."""
        params = {"grant_type": "ig_refresh_token", "access_token": _secret(token).reveal()}
        return self._call(
            "GET", self._endpoints.refresh_url, "refresh_access_token", self._long_lived, params=params
        )

    def me(self, token: SecretStr, fields: str = PROFILE_FIELDS) -> Profile:
        params = {"fields": fields, "access_token": _secret(token).reveal()}
        return self._call("GET", self._endpoints.me_url, "me", parse_profile, params=params)

    def revoke(self, token: SecretStr) -> None:
        """Remove the app's permissions for the token's account (best effort at the caller's side).

        A dead-token answer on a retry counts as success: the earlier attempt may have revoked it.
        Success comes as ``{"success": true}`` or a bare ``true``. Graph 100 ("Unsupported delete
        request") is ``revoke_unsupported``: only the user can remove access, at manage_access.
        """
        params = {"access_token": _secret(token).reveal()}
        try:
            self._call(
                "DELETE",
                self._endpoints.permissions_url,
                "me/permissions",
                _parse_success,
                params=params,
                dead_token_after_retry_ok=True,
            )
        except InstagramError as error:
            if error.graph_code == UNSUPPORTED_REQUEST_CODE:
                raise _retagged(error, "revoke_unsupported") from None
            raise

    def fetch_picture(self, url: str) -> bytes:
        """Download a profile picture (any image type), refusing anything over the size cap."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise InstagramError("provider_error", "profile picture address is not an http(s) URL")
        return self._call("GET", url, "profile picture", _raw, picture=True)

    # -- plumbing ---------------------------------------------------------------------------------

    def _long_lived(self, body: Any) -> LongLivedToken:
        return parse_long_lived(body, received_at=self._clock.now())

    def _call(
        self,
        method: str,
        url: str,
        endpoint: str,
        parse: Callable[[Any], T],
        *,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        idempotent: bool = True,
        picture: bool = False,
        dead_token_after_retry_ok: bool = False,
    ) -> T:
        attempt = 0
        may_have_landed = False
        while True:
            failure, unsent = self._attempt(
                method, url, endpoint, parse, params=params, data=data, picture=picture
            )
            if not isinstance(failure, InstagramError):
                return failure
            if dead_token_after_retry_ok and may_have_landed and failure.graph_code in TOKEN_DEAD_CODES:
                log.info("instagram %s %s: token already dead after a retried request", method, endpoint)
                return parse(None)
            may_have_landed = may_have_landed or not unsent
            retry_allowed = failure.retryable if idempotent else unsent
            delay = self._delay(failure, attempt)
            if not retry_allowed or attempt >= self._max_retries or delay is None:
                log.warning(
                    "instagram %s %s failed: %s (graph code %s, subcode %s, fbtrace_id %s, attempt %d)",
                    method,
                    endpoint,
                    failure.code,
                    failure.graph_code,
                    failure.graph_subcode,
                    failure.fbtrace_id,
                    attempt + 1,
                )
                raise failure
            log.info(
                "instagram %s %s: %s, retrying in %.1f s (attempt %d of %d)",
                method,
                endpoint,
                failure.code,
                delay,
                attempt + 1,
                self._max_retries + 1,
            )
            self._sleep(delay)
            attempt += 1

    def _delay(self, failure: InstagramError, attempt: int) -> float | None:
        """Seconds before the next attempt, or None when the wait would be too long to sit out."""
        delay = min(self._max_wait, self._backoff * (2.0**attempt))
        if failure.code == "rate_limited" and failure.retry_after_seconds:
            if failure.retry_after_seconds > self._max_wait:
                return None
            delay = max(delay, float(failure.retry_after_seconds))
        return delay

    def _attempt(
        self,
        method: str,
        url: str,
        endpoint: str,
        parse: Callable[[Any], T],
        *,
        params: Mapping[str, str] | None,
        data: Mapping[str, str] | None,
        picture: bool,
    ) -> tuple[T | InstagramError, bool]:
        """One request: its parsed answer, or the error and whether the request certainly never left.

        Errors are built outside the ``except`` blocks so no httpx exception is even chained.
        """
        reason = ""
        unsent = False
        response: httpx.Response | None = None
        content = b""
        try:
            request = self._http.build_request(
                method,
                # A picture's address is the CDN's, a new one per picture: not worth keeping.
                url if picture else http_support.endpoint_url(url),
                params=params,
                data=data,
                headers={"Accept": "image/*"} if picture else {"Accept": "application/json"},
                timeout=self._timeout if self._timeout is not None else httpx.USE_CLIENT_DEFAULT,
            )
            response = self._http.send(request, stream=True, follow_redirects=picture)
            try:
                content = self._read(response, picture)
            finally:
                response.close()
        except _UNSENT_FAILURES as exc:
            reason, unsent = _describe(exc), True
        except httpx.TimeoutException:
            reason = "timed out waiting for Instagram"
        except httpx.RemoteProtocolError:
            reason = "connection dropped by the server"
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            reason = _describe(exc)
        except _TooLarge:
            return InstagramError("provider_error", "profile picture is larger than allowed"), False
        if reason or response is None:
            return transport_error(reason or "no answer"), unsent

        log.debug("instagram %s %s: HTTP %d", method, endpoint, response.status_code)
        if not response.is_success:
            failed = httpx.Response(response.status_code, headers=response.headers, content=content)
            return error_from_response(failed), False
        try:
            if picture:
                kind = response.headers.get("content-type", "")
                if not kind.lower().startswith("image/"):
                    return InstagramError(
                        "provider_error", "profile picture address did not give an image"
                    ), False
                return parse(content), False
            return parse(load_json(content)), False
        except InstagramError as error:
            return error, False

    def _read(self, response: httpx.Response, picture: bool) -> bytes:
        limit = self._max_picture_bytes if picture else 1024 * 1024
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _TooLarge
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise _TooLarge
            chunks.append(chunk)
        return b"".join(chunks)


class _TooLarge(Exception):
    """The body passed the size cap."""


def _describe(exc: Exception) -> str:
    """A transport failure by kind, never by message (httpx messages can include the URL)."""
    names = {
        httpx.ConnectError: "could not connect to Instagram",
        httpx.ConnectTimeout: "timed out connecting to Instagram",
        httpx.PoolTimeout: "no free connection to Instagram",
        httpx.ProxyError: "the proxy refused the request",
        httpx.ReadError: "connection broken while reading the answer",
        httpx.WriteError: "connection broken while sending the request",
        httpx.DecodingError: "the answer could not be decoded",
        httpx.UnsupportedProtocol: "unsupported address scheme",
        httpx.TooManyRedirects: "too many redirects",
    }
    for kind, text in names.items():
        if isinstance(exc, kind):
            return text
    return f"transport failure ({type(exc).__name__})"


def _secret(value: SecretStr | str) -> SecretStr:
    """Callers should pass SecretStr; a plain str is wrapped at once so it can't leak later."""
    return value if isinstance(value, SecretStr) else SecretStr(value)


def _raw(body: Any) -> bytes:
    if not isinstance(body, bytes):
        raise InstagramError("provider_error", "profile picture was not binary")
    return body


def _exchange_refusal(error: InstagramError) -> InstagramError:
    """The code exchange's refusals that name neither the code nor the app's settings.

    Meta refuses a Personal account here without saying why in words a client could rely on, so
    a plain refusal of the exchange (HTTP 400, Meta's own error shape) is read as that account.
    """
    if error.code == "provider_error" and error.http_status == 400 and error.graph_code is None:
        return _retagged(error, "instagram_no_business_account")
    return error


def _retagged(error: InstagramError, code: str) -> InstagramError:
    return InstagramError(
        code,
        error.detail,
        graph_code=error.graph_code,
        graph_subcode=error.graph_subcode,
        fbtrace_id=error.fbtrace_id,
        retry_after_seconds=error.retry_after_seconds,
        http_status=error.http_status,
        permissions=error.permissions,
    )


def _parse_success(body: Any) -> None:
    if body is None or body is True or (isinstance(body, dict) and body.get("success") in (True, "true")):
        return
    raise InstagramError("provider_error", "revoke answer did not confirm success")
