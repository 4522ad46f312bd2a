"""The Instagram API with Facebook Login, spoken over httpx to graph.facebook.com.

The request plumbing (explicit timeouts, retries with backoff for GETs, size caps, no httpx
exception escaping, the Graph error envelope) is the Instagram client's; this module adds the
Facebook steps and Facebook's own error codes. Only Facebook tokens (user, Page, app) are ever sent
here, and only to the Facebook hosts of :class:`FacebookEndpoints`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

import httpx

from desktop.core.clock import Clock
from desktop.core.facebook import parsing
from desktop.core.facebook.endpoints import FacebookEndpoints
from desktop.core.facebook.errors import refine
from desktop.core.facebook.models import (
    Business,
    FacebookUser,
    LinkedAccount,
    PageEntry,
    Permissions,
    UserToken,
)
from desktop.core.facebook.scopes import REQUESTED_SCOPES
from desktop.core.instagram.client import InstagramClient
from desktop.core.instagram.endpoints import Endpoints
from desktop.core.instagram.errors import InstagramError
from desktop.core.secrets import SecretStr
from desktop.core.token_audience import TokenAudience

log = logging.getLogger(__name__)

T = TypeVar("T")

IG_ACCOUNT_FIELDS = "id,username,name,profile_picture_url,followers_count,media_count"
PAGE_FIELDS = "id,name,access_token,instagram_business_account{id,username,profile_picture_url}"
#: Graph's own default is 25; asking for more means fewer round trips for agencies.
PAGE_LIMIT = 100
#: A guard against a list that never ends (a cursor loop): at most this many pages of results.
MAX_LIST_PAGES = 50


class _Wire(InstagramClient):
    """The shared request plumbing, pointed at Facebook's Graph host."""

    def call(self, method: str, url: str, endpoint: str, parse: Callable[[Any], T], **options: Any) -> T:
        try:
            return self._call(method, url, endpoint, parse, **options)
        except InstagramError as error:
            raise refine(error) from None


class FacebookClient:
    """Talks to Facebook (or the sandbox's Facebook half) on behalf of one Facebook app."""

    def __init__(
        self,
        http: httpx.Client,
        endpoints: FacebookEndpoints,
        app_id: str,
        app_secret: SecretStr,
        *,
        clock: Clock | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_retries: int = 3,
        backoff_seconds: float = 0.5,
        page_limit: int = PAGE_LIMIT,
    ) -> None:
        self._endpoints = endpoints
        self._app_id = app_id
        #: Where this client's Page tokens were granted, and so the only place they are sent.
        self.audience = TokenAudience(endpoints.provider, str(app_id))
        self._app_secret = app_secret if isinstance(app_secret, SecretStr) else SecretStr(app_secret)
        self._page_limit = page_limit
        graph = endpoints.graph_base_url
        self._wire = _Wire(
            http,
            Endpoints(graph, graph, graph, endpoints.graph_version),
            app_id,
            self._app_secret,
            clock=clock,
            sleep=sleep,
            max_retries=max_retries,
            backoff_seconds=backoff_seconds,
        )

    @property
    def endpoints(self) -> FacebookEndpoints:
        return self._endpoints

    @property
    def app_id(self) -> str:
        return self._app_id

    # -- the dialog and the tokens ----------------------------------------------------------------

    def authorize_url(
        self,
        redirect_uri: str,
        state: str | SecretStr,
        scopes: Iterable[str] = REQUESTED_SCOPES,
        *,
        rerequest: bool = False,
        reauthenticate: bool = False,
    ) -> str:
        """The Facebook dialog; ``rerequest`` asks again for declined permissions."""
        params = {
            "client_id": self._app_id,
            "redirect_uri": redirect_uri,
            "state": state.reveal() if isinstance(state, SecretStr) else state,
            "response_type": "code",
            "scope": ",".join(dict.fromkeys(scopes)),
        }
        if rerequest:
            params["auth_type"] = "rerequest"
        elif reauthenticate:
            params["auth_type"] = "reauthenticate"
        return f"{self._endpoints.dialog_url}?{urlencode(params, quote_via=quote, safe=',')}"

    def exchange_code(self, code: SecretStr, redirect_uri: str) -> UserToken:
        """The dialog's single-use code for a user token (a GET, but never blindly retried)."""
        params = {
            "client_id": self._app_id,
            "redirect_uri": redirect_uri,
            "client_secret": self._app_secret.reveal(),
            "code": code.reveal().removesuffix("#_=_").removesuffix("#_"),
        }
        return self._get("oauth/access_token", parsing.parse_user_token, params, idempotent=False)

    def exchange_long_lived(self, token: SecretStr) -> UserToken:
        """A user token for one that lives about 60 days; its Page tokens then never time out."""
        params = {
            "grant_type": "fb_exchange_token",
            "client_id": self._app_id,
            "client_secret": self._app_secret.reveal(),
            "fb_exchange_token": token.reveal(),
        }
        return self._get("oauth/access_token", parsing.parse_user_token, params)

    # -- what the person granted ------------------------------------------------------------------

    def me(self, token: SecretStr) -> FacebookUser:
        return self._get("me", parsing.parse_user, {"fields": "id,name", "access_token": token.reveal()})

    def permissions(self, token: SecretStr) -> Permissions:
        return self._get("me/permissions", parsing.parse_permissions, {"access_token": token.reveal()})

    def pages(self, token: SecretStr) -> list[PageEntry]:
        """Every Page from ``/me/accounts``, following the cursor to the last page."""
        return [parsing.parse_page(item) for item in self._all("me/accounts", token, fields=PAGE_FIELDS)]

    def businesses(self, token: SecretStr) -> list[Business]:
        return [parsing.parse_business(item) for item in self._all("me/businesses", token, fields="id,name")]

    def business_pages(self, token: SecretStr, business: Business) -> list[PageEntry]:
        """The portfolio's own Pages and its clients' Pages (``owned_pages`` then ``client_pages``)."""
        pages: list[PageEntry] = []
        for edge in ("owned_pages", "client_pages"):
            for item in self._all(f"{business.business_id}/{edge}", token, fields=PAGE_FIELDS):
                pages.append(parsing.parse_page(item, business_name=business.name))
        return pages

    def ig_account(self, token: SecretStr, ig_user_id: str) -> LinkedAccount:
        """The Instagram account node, read with a Page (or user) token."""
        if not ig_user_id.isdigit():
            raise InstagramError("provider_error", "an Instagram account id is not a number")
        params = {"fields": IG_ACCOUNT_FIELDS, "access_token": token.reveal()}
        return self._get(ig_user_id, parsing.parse_linked_account, params)

    # -- revocation -------------------------------------------------------------------------------

    def revoke_grant(self, facebook_user_id: str) -> None:
        """Remove every permission the person gave the app, with the app's own access token.

        ``DELETE /{user-id}/permissions`` under ``app_id|app_secret`` needs no token of the person's,
        so Socialdesk keeps none once the Page tokens are stored.
        """
        if not facebook_user_id.isdigit():
            raise InstagramError("provider_error", "a Facebook user id is not a number")
        app_token = f"{self._app_id}|{self._app_secret.reveal()}"
        self._wire.call(
            "DELETE",
            self._endpoints.graph(f"{facebook_user_id}/permissions"),
            "{user-id}/permissions",
            parsing.parse_success,
            params={"access_token": app_token},
            dead_token_after_retry_ok=True,
        )

    def fetch_picture(self, url: str) -> bytes:
        return self._wire.fetch_picture(url)

    # -- plumbing ---------------------------------------------------------------------------------

    def _get(
        self, path: str, parse: Callable[[Any], T], params: Mapping[str, str], *, idempotent: bool = True
    ) -> T:
        endpoint = path if not path.split("/", 1)[0].isdigit() else "{id}/" + path.partition("/")[2]
        return self._wire.call(
            "GET",
            self._endpoints.graph(path),
            endpoint.rstrip("/"),
            parse,
            params=params,
            idempotent=idempotent,
        )

    def _all(self, path: str, token: SecretStr, *, fields: str) -> list[Any]:
        items: list[Any] = []
        after: str | None = None
        for _ in range(MAX_LIST_PAGES):
            params = {"fields": fields, "limit": str(self._page_limit), "access_token": token.reveal()}
            if after is not None:
                params["after"] = after
            data, after = self._get(path, parsing.parse_list, params)
            items.extend(data)
            if after is None:
                return items
        raise InstagramError("provider_error", f"the {path.rsplit('/', maxsplit=1)[-1]} list did not end")
