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
import weakref
from datetime import UTC, datetime, timedelta

import httpx

from desktop.core.environment import SANDBOX_SECRET_ENV
from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_
from desktop.core.instagram.endpoints import Endpoints
from desktop.core.secrets import SecretStr

_CLOCK_CACHE_SECONDS = 0.25
#: How often the idle clock reader checks whether its client is still there.
_READER_IDLE_SECONDS = 5.0


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
        # The sandbox's clock as an offset from ours, read now (off the GUI thread, as services open)
        # and refreshed in the background, so ``now()`` never waits on the network.
        self._offset = self._read_offset()
        self._read_at = time.monotonic()
        self._refreshing = False
        #: One reader thread for the object's life, woken when a reading is stale: starting a thread
        #: per refresh made the caller (the GUI thread, for every "expires in") wait for it to start.
        self._wake = threading.Event()
        threading.Thread(
            target=_read_when_woken, args=(weakref.ref(self), self._wake), name="sandbox-clock", daemon=True
        ).start()

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
        """The sandbox's clock (another process can advance it).

        Answered from the last reading, which is at most a quarter of a second old when asked often;
        a stale reading starts one background refresh, so a caller on the GUI thread never waits.
        """
        with self._lock:
            offset = self._offset
            stale = time.monotonic() - self._read_at >= _CLOCK_CACHE_SECONDS
            if stale and not self._refreshing:
                self._refreshing = True
                self._wake.set()
        return datetime.now(UTC) + offset

    def _read_offset(self) -> timedelta:
        moment = datetime.fromisoformat(str(self._control("GET", "/clock")["now"]))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment - datetime.now(UTC)

    def _refresh(self) -> None:
        try:
            offset: timedelta | None = self._read_offset()
        except SocialdeskError:
            offset = None  # keep the last reading; the next call tries again
        with self._lock:
            if offset is not None:
                self._offset = offset
            self._read_at = time.monotonic()
            self._refreshing = False

    def _control(self, method: str, route: str, body: dict[str, str] | None = None) -> dict[str, object]:
        try:
            response = self._http.request(method, f"{self.base_url}/_sandbox{route}", json=body)
            response.raise_for_status()
            data = response.json()
        except (httpx.HTTPError, ValueError):
            raise SocialdeskError("network_error", f"the sandbox at {self.base_url} did not answer") from None
        if not isinstance(data, dict):
            raise SocialdeskError("network_error", N_("the sandbox's control API gave an unexpected answer"))
        return data


def _read_when_woken(sandbox: weakref.ref[RemoteSandbox], wake: threading.Event) -> None:
    """Refresh the clock whenever woken; end once the sandbox client is gone."""
    while True:
        woken = wake.wait(_READER_IDLE_SECONDS)
        client = sandbox()
        if client is None:
            return
        if woken:
            wake.clear()
            client._refresh()
        del client
