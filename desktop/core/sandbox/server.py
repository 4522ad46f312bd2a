"""A faithful local Instagram on loopback: the three real hosts, each a server on its own port.

www (``/oauth/authorize``, the consent dialog), api (``/oauth/access_token``) and graph
(``/access_token``, ``/refresh_access_token``, ``/{version}/me``, ``/{version}/me/permissions``), as
the table in :mod:`desktop.core.sandbox.hosts` says; the control API under ``/_sandbox/`` answers on
each. ``base_url`` is the www host's. It runs embedded in the app (daemon threads, a clean :meth:`SandboxServer.stop` that leaves no thread
or socket behind) or standalone (``socialdesk sandbox``). State lives under ``state_dir`` so issued
tokens survive a restart, as they would at Instagram.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import socket
import sys
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from desktop.core.clock import Clock, OffsetClock
from desktop.core.errors import SocialdeskError
from desktop.core.instagram.endpoints import Endpoints
from desktop.core.redaction import redact
from desktop.core.sandbox.accounts import SandboxAccount
from desktop.core.sandbox.consent import render_error
from desktop.core.sandbox.control import handle_control
from desktop.core.sandbox.faults import Fault, FaultPlan, endpoint_of
from desktop.core.sandbox.hosts import INSTAGRAM_HOSTS, HostSpec, default_ports, route
from desktop.core.sandbox.knobs import Knobs
from desktop.core.sandbox.provider import CODE_NOT_FOUND, SESSION_COOKIE, SandboxProvider, TokenStatus
from desktop.core.sandbox.replies import Reply, flat_error, graph_error, html_reply, json_reply
from desktop.core.sandbox.state import SandboxState, new_client_secret
from desktop.core.secrets import SecretStr
from desktop.core.settings import DEFAULT_GRAPH_VERSION

log = logging.getLogger(__name__)

DEFAULT_APP_NAME = "Socialdesk"
MAX_BODY_BYTES = 64 * 1024
_JOIN_SECONDS = 10.0
_LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
_FAULT_MESSAGES = {
    1: "An unknown error has occurred.",
    2: "An unexpected error has occurred. Please retry your request later.",
    4: "Application request limit reached",
    10: "(#10) Application does not have permission for this action",
    17: "User request limit reached",
    32: "Page request limit reached",
    100: "(#100) Invalid parameter",
    190: "Invalid OAuth access token - Cannot parse access token",
    200: "(#200) Requires instagram_business_content_publish permission to manage the object",
    613: "Calls to this api have exceeded the rate limit.",
    80002: "There have been too many calls to this Instagram account. Wait a bit and try again.",
}
_SUBCODE_MESSAGES = {
    458: "Error validating access token: The user has not authorized application.",
    459: "Error validating access token: You cannot access the app till you log in to www.instagram.com "
    "and follow the instructions given.",
    460: "Error validating access token: The session has been invalidated because the user changed "
    "their password.",
    463: "Error validating access token: Session has expired.",
    467: "Error validating access token: The access token is invalid.",
}


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
        self._servers: dict[str, tuple[_HTTPServer, threading.Thread]] = {}
        self._stopping = threading.Event()

    # -- lifecycle ----------------------------------------------------------------------------------

    def start(self) -> SandboxServer:
        """Listen on every host's port, or on none: a taken port leaves nothing half-started."""
        if self._servers:
            return self
        family = socket.AF_INET6 if ":" in self._host else socket.AF_INET
        bound: dict[str, _HTTPServer] = {}
        for spec in INSTAGRAM_HOSTS:
            port = self._ports[spec.name]
            try:
                bound[spec.name] = _HTTPServer((self._host, port), self, spec, family)
            except OSError as exc:
                for other in bound.values():
                    other.server_close()
                if exc.errno in {errno.EADDRINUSE, errno.EACCES}:
                    reason = f"sandbox port {port} ({spec.name}) on {self._host} is taken"
                else:
                    reason = f"sandbox could not listen on {self._host}:{port} ({exc.strerror})"
                raise SocialdeskError("port_in_use", reason) from None
        self._stopping.clear()
        for name, httpd in bound.items():
            thread = threading.Thread(
                target=httpd.serve_forever,
                kwargs={"poll_interval": 0.05},
                name=f"sandbox-http-{name}",
                daemon=True,
            )
            self._servers[name] = (httpd, thread)
            thread.start()
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
        for httpd, _thread in servers.values():
            httpd.shutdown()
        for httpd, thread in servers.values():
            httpd.close_connections()
            httpd.server_close()
            thread.join()
        log.info("sandbox stopped")

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
        entry = self._servers.get(host_name)
        if entry is None:
            raise RuntimeError("the sandbox is not running")
        return int(entry[0].server_address[1])

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
        return Endpoints(self.www_url, self.api_url, self.graph_url, self._graph_version)

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

    def _host_allowed(self, host_header: str | None) -> bool:
        """Refuse other Host names, so a DNS-rebinding page can't reach the sandbox through a browser."""
        if not host_header:
            return True
        host = host_header.strip().lower()
        if host.startswith("["):
            host = host[1 : host.find("]")] if "]" in host else host
        elif host.count(":") == 1:
            host = host.split(":", 1)[0]
        return host in _LOOPBACK_NAMES or host == self._host.lower()

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
            return self._fault_reply(fault, endpoint)
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
                return self._fault_reply(fault, "/_sandbox/media")
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

    def _fault_reply(self, fault: Fault, endpoint: str) -> Reply:
        if fault.kind == "drop":
            return Reply(0, drop=True)
        if endpoint == "/oauth/authorize":
            return html_reply(fault.status, render_error("Something went wrong", "Please try again later."))
        if fault.kind == "rate_limit":
            code = fault.graph_code if fault.graph_code is not None else 4
            usage = {
                self._provider.client_id: [
                    {
                        "type": "instagram",
                        "call_count": 100,
                        "total_cputime": 20,
                        "total_time": 35,
                        "estimated_time_to_regain_access": fault.regain_minutes,
                    }
                ]
            }
            return graph_error(
                fault.status,
                code,
                fault.message or _FAULT_MESSAGES.get(code, "Rate limit reached"),
                is_transient=True,
                headers={"X-Business-Use-Case-Usage": _compact_json(usage)},
            )
        if fault.kind == "error":
            if endpoint == "/oauth/access_token":
                return flat_error(fault.message or CODE_NOT_FOUND, status=fault.status)
            code = fault.graph_code if fault.graph_code is not None else 190
            message = fault.message or (
                _SUBCODE_MESSAGES.get(fault.graph_subcode or 0)
                or _FAULT_MESSAGES.get(code, "An error occurred")
            )
            return graph_error(fault.status, code, message, subcode=fault.graph_subcode)
        # kind == "status"
        if fault.body == "html":
            page = f"<html><body><h1>{fault.status} Service Unavailable</h1><p>proxy</p></body></html>"
            return Reply(fault.status, page.encode(), "text/html; charset=utf-8")
        if fault.body == "empty":
            return Reply(fault.status, b"", "text/plain")
        code = 1 if fault.status == 500 else 2
        return graph_error(
            fault.status,
            code,
            fault.message or _FAULT_MESSAGES[code],
            error_type="OAuthException",
            is_transient=True,
        )


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # SO_REUSEADDR would let another program share the port on Windows.
    allow_reuse_address = sys.platform != "win32"

    def __init__(
        self, address: tuple[str, int], sandbox: SandboxServer, spec: HostSpec, family: socket.AddressFamily
    ) -> None:
        self.address_family = family
        self.sandbox = sandbox
        self.spec = spec
        self._connections: set[socket.socket] = set()
        self._handler_threads: list[threading.Thread] = []
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        # Daemon threads (so a stuck client never blocks interpreter exit), tracked here because
        # ThreadingMixIn only joins non-daemon ones.
        thread = threading.Thread(
            target=self.process_request_thread,
            args=(request, client_address),
            name="sandbox-request",
            daemon=True,
        )
        with self._connections_lock:
            self._connections.add(request)
            self._handler_threads = [t for t in self._handler_threads if t.is_alive()]
            self._handler_threads.append(thread)
        thread.start()

    def server_close(self) -> None:
        super().server_close()
        with self._connections_lock:
            threads, self._handler_threads = self._handler_threads, []
        for thread in threads:
            thread.join(timeout=_JOIN_SECONDS)
            if thread.is_alive():
                log.warning("sandbox request thread did not finish within %s s", _JOIN_SECONDS)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        kind = sys.exc_info()[0]
        if kind is not None and issubclass(kind, ConnectionError | TimeoutError):
            return
        log.warning("sandbox request failed (%s)", kind.__name__ if kind else "unknown")


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    server_version = "InstagramSandbox/1.0"
    sys_version = ""
    #: Seconds a silent client may hold a handler thread.
    timeout = 15

    def do_GET(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def _serve(self) -> None:
        sandbox = self.server.sandbox
        headers = {name.lower(): value for name, value in self.headers.items()}
        if not sandbox._host_allowed(headers.get("host")):
            self._send(json_reply(421, {"error": "unexpected Host header"}))
            return
        length_text = headers.get("content-length", "0")
        if "transfer-encoding" in headers:
            self._send(json_reply(411, {"error": "send a Content-Length"}))
            return
        if not length_text.isdigit() or int(length_text) > MAX_BODY_BYTES:
            self._send(json_reply(413, {"error": "request body too large"}))
            return
        body = self.rfile.read(int(length_text)) if int(length_text) else b""
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        reply = sandbox._handle(
            self.server.spec, self.command, parts.path or "/", query=query, body=body, headers=headers
        )
        self._send(reply)

    def _send(self, reply: Reply) -> None:
        if reply.drop:
            self.close_connection = True
            log.debug("sandbox %s %s: connection dropped", self.command, urlsplit(self.path).path)
            return
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # Never the request line: its query string holds tokens, codes and the app secret.
        log.debug("sandbox %s %s -> %s", self.command, urlsplit(self.path).path, code)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("sandbox: %s", redact(format % args))


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


def _compact_json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))
