"""A faithful local Instagram on loopback: the three real hosts, each a server on its own port.

www (``/oauth/authorize``, the consent dialog), api (``/oauth/access_token``) and graph
(``/access_token``, ``/refresh_access_token``, ``/{version}/me``, ``/{version}/me/permissions``), as
the table in :mod:`desktop.core.sandbox.hosts` says; the control API under ``/_sandbox/`` answers on
each. ``base_url`` is the www host's. It runs embedded in the app (daemon threads, a clean :meth:`SandboxServer.stop` that leaves no thread
or socket behind) or standalone (``socialdesk sandbox``). State lives under ``state_dir`` so issued
tokens survive a restart, as they would at Instagram.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs

from desktop.core.clock import Clock, OffsetClock
from desktop.core.errors import SocialdeskError
from desktop.core.instagram.endpoints import Endpoints
from desktop.core.sandbox.accounts import SandboxAccount
from desktop.core.sandbox.consent import render_error
from desktop.core.sandbox.control import handle_control
from desktop.core.sandbox.dialog_flow import SESSION_COOKIE
from desktop.core.sandbox.fault_replies import fault_reply
from desktop.core.sandbox.faults import Fault, FaultPlan, endpoint_of
from desktop.core.sandbox.hosts import INSTAGRAM_HOSTS, HostSpec, default_ports, route
from desktop.core.sandbox.http_host import Dispatch, HostServer, bind
from desktop.core.sandbox.knobs import Knobs
from desktop.core.sandbox.provider import SandboxProvider, TokenStatus
from desktop.core.sandbox.replies import Reply, flat_error, graph_error, html_reply
from desktop.core.sandbox.state import SandboxState, new_client_secret
from desktop.core.secrets import SecretStr
from desktop.core.settings import DEFAULT_GRAPH_VERSION

log = logging.getLogger(__name__)

DEFAULT_APP_NAME = "Socialdesk"
_BANNER = "InstagramSandbox/1.0"


@dataclass(frozen=True, slots=True)
class SandboxCredentials:
    """The sandbox's Instagram app, as a developer would copy it from Meta's dashboard."""

    client_id: str
    client_secret: SecretStr
    redirect_uris: tuple[str, ...]


class SandboxServer:
    """The sandbox: its state, its knobs, and the HTTP server that speaks the protocol.

    The app secret is stored only as a hash; unless ``client_secret`` is given, every new
    ``SandboxServer`` makes a new one (like "Reset app secret" in Meta's dashboard), while the
    client id, accounts, grants and tokens persist.
    """

    def __init__(
        self,
        state_dir: Path,
        *,
        clock: Clock | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        ports: dict[str, int] | None = None,
        redirect_uris: Sequence[str] = (),
        client_secret: SecretStr | None = None,
        graph_version: str = DEFAULT_GRAPH_VERSION,
        app_name: str = DEFAULT_APP_NAME,
        allow_http_localhost: bool = False,
    ) -> None:
        """``allow_http_localhost`` models a Facebook app in Development Mode; by default, as for
        Instagram Login, only https redirect URIs register (an http one raises ``RedirectRefused``).
        """
        state = SandboxState.load_or_create(Path(state_dir), app_name)
        self._owns_clock = clock is None
        self._clock: Clock = clock or OffsetClock(timedelta(seconds=state.clock_offset_seconds))
        self._provider = SandboxProvider(state, self._clock, lambda: self.base_url)
        self._client_secret = client_secret if client_secret else SecretStr(new_client_secret())
        self._provider.set_client_secret(self._client_secret.reveal())
        self._provider.set_allow_http_localhost(allow_http_localhost)
        for uri in redirect_uris:
            self._provider.register_redirect_uri(uri)
        self._host = host
        #: ``port`` is the www host's; api and graph follow it (or all are free ones when it is 0).
        self._ports = {**default_ports(port, INSTAGRAM_HOSTS), **(ports or {})}
        self._graph_version = graph_version
        self.faults = FaultPlan()
        self._requests: Counter[str] = Counter()
        self._requests_lock = threading.Lock()
        self._servers: dict[str, HostServer] = {}
        self._stopping = threading.Event()

    # -- lifecycle ----------------------------------------------------------------------------------

    def start(self) -> SandboxServer:
        """Listen on every host's port, or on none: a taken port leaves nothing half-started."""
        if self._servers:
            return self
        bound: dict[str, HostServer] = {}
        for spec in INSTAGRAM_HOSTS:
            try:
                bound[spec.name] = bind(
                    self._host,
                    self._ports[spec.name],
                    self._dispatcher(spec),
                    banner=_BANNER,
                    label=spec.name,
                )
            except SocialdeskError:
                for other in bound.values():
                    other.halt()
                raise
        self._stopping.clear()
        self._servers = bound
        for httpd in bound.values():
            httpd.serve_in_thread()
        log.info(
            "sandbox listening on %s (www), %s (api), %s (graph)", self.www_url, self.api_url, self.graph_url
        )
        return self

    def stop(self) -> None:
        """Stop serving, cut open connections, and wait for every handler thread to finish."""
        servers, self._servers = self._servers, {}
        if not servers:
            return
        self._stopping.set()
        for httpd in servers.values():
            httpd.halt()
        log.info("sandbox stopped")

    def _dispatcher(self, spec: HostSpec) -> Dispatch:
        def dispatch(
            method: str, path: str, query: dict[str, list[str]], body: bytes, headers: dict[str, str]
        ) -> Reply:
            return self._handle(spec, method, path, query=query, body=body, headers=headers)

        return dispatch

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return bool(self._servers)

    def port_of(self, host_name: str) -> int:
        httpd = self._servers.get(host_name)
        if httpd is None:
            raise RuntimeError("the sandbox is not running")
        return httpd.port

    def url_of(self, host_name: str) -> str:
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"http://{host}:{self.port_of(host_name)}"

    @property
    def port(self) -> int:
        """The www host's port (the dialog and the control API)."""
        return self.port_of("www")

    @property
    def base_url(self) -> str:
        """The www host: the consent dialog, and the control API (which every host also answers)."""
        return self.www_url

    @property
    def www_url(self) -> str:
        return self.url_of("www")

    @property
    def api_url(self) -> str:
        return self.url_of("api")

    @property
    def graph_url(self) -> str:
        return self.url_of("graph")

    def endpoints(self) -> Endpoints:
        return Endpoints(self.www_url, self.api_url, self.graph_url, self._graph_version, provider="sandbox")

    @property
    def credentials(self) -> SandboxCredentials:
        return SandboxCredentials(self._provider.client_id, self._client_secret, self._provider.redirect_uris)

    @property
    def accounts(self) -> tuple[SandboxAccount, ...]:
        return self._provider.accounts

    def register_redirect_uri(self, uri: str) -> None:
        """Register as Meta's dashboard would: ``RedirectRefused`` for an http URI unless allowed."""
        self._provider.register_redirect_uri(uri)

    @property
    def allow_http_localhost(self) -> bool:
        return self._provider.allow_http_localhost

    def set_allow_http_localhost(self, allowed: bool) -> None:
        self._provider.set_allow_http_localhost(allowed)

    # -- knobs (mirrored by the control API) ----------------------------------------------------------

    def now(self) -> datetime:
        return self._clock.now()

    def advance_clock(self, delta: timedelta) -> datetime:
        advance = getattr(self._clock, "advance", None)
        if advance is None:
            raise TypeError("this sandbox's clock cannot be moved")
        advance(delta)
        if self._owns_clock and isinstance(self._clock, OffsetClock):
            self._provider.record_clock_offset(self._clock.offset.total_seconds())
        return self._clock.now()

    def inject_fault(self, kind: str, **options: Any) -> Fault:
        """Queue a fault; see :meth:`FaultPlan.add` for the options."""
        return self.faults.add(kind, **options)

    def clear_faults(self) -> None:
        self.faults.clear()

    @property
    def shape(self) -> str:
        return self._provider.shape

    def set_shape(self, shape: str) -> None:
        self._provider.set_shape(shape)

    @property
    def personal_failure(self) -> str:
        return self._provider.personal_failure

    def set_personal_failure(self, mode: str) -> None:
        self._provider.set_personal_failure(mode)

    @property
    def knobs(self) -> Knobs:
        return self._provider.knobs.current

    def set_knobs(self, **changes: Any) -> Knobs:
        """Change knobs by name (see :mod:`desktop.core.sandbox.knobs`); ValueError names a bad one."""
        return self._provider.knobs.set(**changes)

    def reset_knobs(self) -> Knobs:
        return self._provider.knobs.reset()

    def kill_tokens(
        self, *, reason: str, token: SecretStr | str | None = None, username: str | None = None
    ) -> int:
        """Kill an account's tokens for good (``removed``, ``password_changed``, ``checkpoint``)."""
        revealed = token.reveal() if isinstance(token, SecretStr) else token
        return self._provider.kill_tokens(token=revealed, username=username, reason=reason)

    def token_status(self, token: SecretStr | str) -> TokenStatus:
        return self._provider.token_status(token.reveal() if isinstance(token, SecretStr) else token)

    def revoked_count(self) -> int:
        return self._provider.revoked_count()

    def request_count(self, endpoint: str) -> int:
        with self._requests_lock:
            return self._requests[endpoint_of(endpoint)]

    def request_counts(self) -> dict[str, int]:
        with self._requests_lock:
            return dict(self._requests)

    def describe(self) -> dict[str, Any]:
        credentials = self.credentials
        return {
            "base_url": self.base_url,
            "www_url": self.www_url,
            "api_url": self.api_url,
            "graph_url": self.graph_url,
            "client_id": credentials.client_id,
            "redirect_uris": list(credentials.redirect_uris),
            "allow_http_localhost": self.allow_http_localhost,
            "graph_version": self._graph_version,
            "shape": self.shape,
            "personal_failure": self.personal_failure,
            "knobs": self.knobs.to_json(),
            "now": self.now().isoformat(),
            "accounts": [
                {"username": a.username, "account_type": a.account_type, "user_id": str(a.user_id)}
                for a in self.accounts
            ],
        }

    # -- request handling (called from handler threads) ---------------------------------------------

    def _handle(
        self,
        spec: HostSpec,
        method: str,
        path: str,
        *,
        query: dict[str, list[str]],
        body: bytes,
        headers: dict[str, str],
    ) -> Reply:
        content_type = headers.get("content-type", "")
        if path == "/_sandbox" or path.startswith("/_sandbox/"):
            with self._requests_lock:
                self._requests[endpoint_of(path)] += 1
            return self._control(method, path, body, content_type)
        routed = route(spec, path)
        if routed.problem == "not_here":
            return _not_found(spec, path)
        if routed.problem == "bad_version":
            return graph_error(400, 2500, f"Unknown path components: {path}")
        endpoint = routed.endpoint
        with self._requests_lock:
            self._requests[endpoint] += 1
        latency_ms, fault = self.faults.take(endpoint)
        if latency_ms and self._stopping.wait(latency_ms / 1000):
            return Reply(0, drop=True)
        if fault is not None:
            return fault_reply(fault, endpoint, self._provider.client_id)
        form: dict[str, list[str]] = {}
        if content_type.split(";")[0].strip().lower() == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        reply = self._route(method, endpoint, query, form, _cookie(headers.get("cookie", ""), SESSION_COOKIE))
        usage = self._provider.take_usage_headers()
        if usage and not reply.drop:
            reply.headers.update(usage)
        return reply

    def _control(self, method: str, path: str, body: bytes, content_type: str) -> Reply:
        # Pictures can be faulted like any endpoint; the knobs themselves never are.
        if endpoint_of(path) == "/_sandbox/media":
            latency_ms, fault = self.faults.take("/_sandbox/media")
            if latency_ms and self._stopping.wait(latency_ms / 1000):
                return Reply(0, drop=True)
            if fault is not None:
                return fault_reply(fault, "/_sandbox/media", self._provider.client_id)
        return handle_control(self, method, path, body, content_type)

    def _route(
        self,
        method: str,
        endpoint: str,
        query: dict[str, list[str]],
        form: dict[str, list[str]],
        session: str | None = None,
    ) -> Reply:
        # Tokens count only as the access_token query parameter, as at Meta: never a header or form.
        provider = self._provider
        if endpoint == "/oauth/authorize":
            if method in {"GET", "HEAD"}:
                return provider.authorize_page(query, session)
            if method == "POST":
                return provider.authorize_decide(form, session)
        elif endpoint == "/oauth/access_token":
            if method == "POST":
                return provider.exchange_code(form)
            return flat_error("Unsupported method; use POST", status=405)
        elif endpoint in {"/access_token", "/refresh_access_token", "/me"} and method in {"GET", "HEAD"}:
            if endpoint == "/access_token":
                return provider.exchange_long_lived(query)
            if endpoint == "/refresh_access_token":
                return provider.refresh(query)
            return provider.me(query)
        elif endpoint == "/me/permissions":
            if method == "DELETE":
                return provider.revoke(query)
            if method in {"GET", "HEAD"}:
                return provider.permissions(query)
        elif endpoint in {"/access_token", "/refresh_access_token", "/me"}:
            return graph_error(400, 100, f"Unsupported {method.lower()} request.")
        else:
            return graph_error(
                404 if method in {"GET", "HEAD"} else 400,
                2500,
                f"Unknown path components: {endpoint}",
            )
        return graph_error(400, 100, f"Unsupported {method.lower()} request.")


def _cookie(header: str, name: str) -> str | None:
    """One cookie's value from a ``Cookie`` header (never logged: it signs a browser in)."""
    jar = SimpleCookie()
    try:
        jar.load(header)
    except CookieError:
        return None
    morsel = jar.get(name)
    return morsel.value if morsel is not None and morsel.value else None


def _not_found(spec: HostSpec, path: str) -> Reply:
    """A path this host does not serve, in the host's own style (a web page on www)."""
    if spec.not_found == "html":
        return html_reply(404, render_error("Page not found", "Sorry, this page isn't available."))
    return graph_error(404, 2500, f"Unknown path components: {path}")
