"""A standalone ``socialdesk sandbox`` used by several desktops at once (``--sandbox-url``).

Scripts that drive two desktops against one team database need one Instagram for both: each
desktop talks to the same sandbox instead of starting an embedded one. The client id and the clock
come from the sandbox's control API; the client secret, printed by ``socialdesk sandbox``, is given
in ``SOCIALDESK_SANDBOX_SECRET`` (never as an argument, so it stays out of process lists).
"""

from __future__ import annotations

import os
import threading
import time
from datetime import datetime

import httpx

from desktop.core.environment import SANDBOX_SECRET_ENV
from desktop.core.errors import SocialdeskError
from desktop.core.instagram.endpoints import Endpoints
from desktop.core.secrets import SecretStr

_CLOCK_CACHE_SECONDS = 0.25


class RemoteSandbox:
    def __init__(self, base_url: str, http: httpx.Client, *, client_secret: SecretStr) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = http
        self.client_secret = client_secret
        described = self._control("GET", "/")
        self.client_id = str(described["client_id"])
        self.graph_version = str(described.get("graph_version") or "v25.0")
        # The sandbox serves Meta's three hosts on three ports, as Meta does; each call goes to its own.
        self.www_url = str(described.get("www_url") or self.base_url).rstrip("/")
        self.api_url = str(described.get("api_url") or self.base_url).rstrip("/")
        self.graph_url = str(described.get("graph_url") or self.base_url).rstrip("/")
        self._lock = threading.Lock()
        self._cached: tuple[float, datetime] | None = None

    @classmethod
    def from_environment(cls, base_url: str, http: httpx.Client) -> RemoteSandbox:
        secret = os.environ.get(SANDBOX_SECRET_ENV, "").strip()
        if not secret:
            raise SocialdeskError(
                "not_configured",
                f"set {SANDBOX_SECRET_ENV} to the client_secret that `socialdesk sandbox` printed",
            )
        return cls(base_url, http, client_secret=SecretStr(secret))

    def endpoints(self) -> Endpoints:
        return Endpoints(self.www_url, self.api_url, self.graph_url, self.graph_version, provider="sandbox")

    def register_redirect_uri(self, uri: str) -> None:
        self._control("POST", "/redirect-uris", {"uri": uri})

    def now(self) -> datetime:
        """The sandbox's clock (it can be advanced), asked at most four times a second."""
        with self._lock:
            if self._cached is not None and time.monotonic() - self._cached[0] < _CLOCK_CACHE_SECONDS:
                return self._cached[1]
        moment = datetime.fromisoformat(str(self._control("GET", "/clock")["now"]))
        with self._lock:
            self._cached = (time.monotonic(), moment)
        return moment

    def _control(self, method: str, route: str, body: dict[str, str] | None = None) -> dict[str, object]:
        try:
            response = self._http.request(method, f"{self.base_url}/_sandbox{route}", json=body)
            response.raise_for_status()
            data = response.json()
        except (httpx.HTTPError, ValueError):
            raise SocialdeskError("network_error", f"the sandbox at {self.base_url} did not answer") from None
        if not isinstance(data, dict):
            raise SocialdeskError("network_error", "the sandbox's control API gave an unexpected answer")
        return data
