"""The loopback listener: where the browser brings Instagram's answer back to Socialdesk.

Meta matches the redirect URI exactly, so the listener binds that URI's fixed port on this computer
only (127.0.0.1, and ::1 too when the host is ``localhost``). Any local program or web page can reach
it, so it trusts nothing: it answers only GET, only with the expected ``Host`` (which defeats DNS
rebinding), and takes a callback only on the exact callback path with a known, unexpired, unused
state. Everything else gets a 404 and the flow goes on. Each request head must arrive within a
deadline, connections are capped, and nothing it logs contains a code or a state.

For an ``https://`` redirect URI it speaks TLS with a leaf from the local CA (``desktop.core.tls``);
the handshake happens on the connection's own thread, within the same deadline as the request head,
so a client that never finishes it holds nothing up.

Routes: ``/start?state=…`` redirects to the authorize URL, so the browser is opened on a short local
address that also proves the listener is up; the callback path answers 303 to ``/done``,
``/cancelled`` or ``/error``, so no code stays in the address bar or the history.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import socket
import socketserver
import ssl
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, urlencode

from desktop.core.errors import SocialdeskError
from desktop.core.oauth.callback import CallbackResult, parse_callback_query
from desktop.core.oauth.http_wire import Request, WireError, WireLimits, drain, read_request, write_response
from desktop.core.oauth.pages import EMPTY_CSP, Page, Pages
from desktop.core.oauth.redirect_uri import RedirectUri
from desktop.core.oauth.session import ConnectSession, ConnectSessions

log = logging.getLogger(__name__)

START_PATH = "/start"
DONE_PATH = "/done"
CANCELLED_PATH = "/cancelled"
ERROR_PATH = "/error"
#: The only words shown for an error answer that came without the flow's state.
STATELESS_ERROR_TEXT = (
    "Socialdesk received an error that it could not match to your connect attempt, so it shows none "
    "of its words. Go back to Socialdesk: it asks you there whether to stop connecting."
)
RESERVED_PATHS = frozenset({START_PATH, DONE_PATH, CANCELLED_PATH, ERROR_PATH})
DEFAULT_MAX_CONNECTIONS = 16
#: How often an idle server checks for stop(); bounds how long stopping takes.
_POLL_INTERVAL = 0.02

_ADDRESS_IN_USE = {errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", errno.EADDRINUSE)}
_NOT_ALLOWED = {errno.EACCES, getattr(errno, "WSAEACCES", errno.EACCES)}
_NO_IPV6 = {errno.EAFNOSUPPORT, errno.EADDRNOTAVAIL, errno.EPROTONOSUPPORT}


def _security_headers(csp: str) -> list[tuple[str, str]]:
    return [
        ("Cache-Control", "no-store"),
        ("Pragma", "no-cache"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Content-Security-Policy", csp),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
    ]


@dataclass(frozen=True, slots=True)
class Outcome:
    """How the connect ended after Instagram's answer, for the browser's last page.

    ``username`` (and ``workspace``) when the account was connected, else the catalogue ``code``.
    """

    username: str = ""
    workspace: str = ""
    code: str = ""


@dataclass(frozen=True, slots=True)
class _Response:
    status: HTTPStatus
    page: Page | None = None
    location: str | None = None
    #: Serving this response completes the flow's visit: the listener may stop afterwards.
    lands: bool = False


class _Server(socketserver.ThreadingTCPServer):
    """One listening socket; a thread per connection, at most ``max_connections`` at once."""

    daemon_threads = True
    block_on_close = True
    # SO_REUSEADDR lets the fixed port be bound again while old connections linger in TIME_WAIT;
    # on Windows it would let another program steal a bound port, so there it is exclusive instead.
    allow_reuse_address = os.name != "nt"
    request_queue_size = 16

    def __init__(
        self,
        address: tuple[str, int],
        family: socket.AddressFamily,
        owner: LoopbackListener,
        max_connections: int,
    ) -> None:
        self.address_family = family
        self.owner = owner
        self.bind_host = address[0]
        self._slots = threading.BoundedSemaphore(max_connections)
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, _Handler, bind_and_activate=False)

    def server_bind(self) -> None:
        if self.address_family == socket.AF_INET6:
            self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        exclusive = getattr(socket, "SO_EXCLUSIVEADDRUSE", None)
        if os.name == "nt" and exclusive is not None:
            self.socket.setsockopt(socket.SOL_SOCKET, exclusive, 1)
        super().server_bind()

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)  # over the cap: refuse at once rather than queue
            return
        with self._open_lock:
            self._open.add(request)
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            self.shutdown_request(request)
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def replace_open(self, old: socket.socket, new: socket.socket | None) -> None:
        """Track the TLS socket that took over a connection, so stopping can still interrupt it."""
        with self._open_lock:
            self._open.discard(old)
            if new is not None:
                self._open.add(new)

    def interrupt_connections(self) -> None:
        """Wake every handler blocked on a client, so stopping never waits for a slow one."""
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The default prints a traceback to stderr; a one-line log without request data is enough.
        failure = sys.exc_info()[0]
        log.warning("loopback listener: a request failed (%s)", failure.__name__ if failure else "unknown")


class _Handler(socketserver.BaseRequestHandler):
    server: _Server

    def handle(self) -> None:
        self.server.owner._serve(self.request, self.server)


def _is_top_level_navigation(request: Request) -> bool:
    """A browser loading the page in its window (Fetch Metadata), not a sub-resource or a script."""
    return request.header("sec-fetch-mode") == "navigate" and request.header("sec-fetch-dest") == "document"


class LoopbackListener:
    """Receives the Instagram callback on the redirect URI's loopback host and port."""

    def __init__(
        self,
        redirect_uri: str,
        sessions: ConnectSessions,
        *,
        on_callback: Callable[[CallbackResult], None],
        authorize_url_for: Callable[[ConnectSession], str],
        owns: Callable[[ConnectSession], bool] | None = None,
        limits: WireLimits | None = None,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        pages: Pages | None = None,
        tls: Callable[[], ssl.SSLContext] | None = None,
        outcome_wait: float | None = None,
        on_stateless_error: Callable[[ConnectSession], None] | None = None,
    ) -> None:
        """``owns`` narrows which sessions this listener answers for (default: all of ``sessions``).

        ``on_callback`` runs on a listener thread once per accepted callback; it must not call
        :meth:`stop`. An ``error=`` callback without state never ends a flow, since any web page can
        send one: ``on_stateless_error`` is told (on a listener thread) which one pending session it
        could mean, and the session stays pending. ``tls`` gives the server context for an ``https://``
        redirect URI; it is called once, in :meth:`start`.

        ``outcome_wait``: after a code arrives, how long the browser's result page waits for
        :meth:`report_outcome` (the token exchange and the account checks) before it says, honestly,
        that Socialdesk is still finishing. None: nobody reports, say so at once.
        """
        redirect = RedirectUri.parse(redirect_uri)
        if not redirect.is_loopback:
            raise SocialdeskError(
                "app_misconfigured",
                f"the redirect URI's host is {redirect.host}; to receive Instagram's answer it must be "
                "localhost, 127.0.0.1 or [::1]",
            )
        if redirect.scheme == "https" and tls is None:
            raise SocialdeskError(
                "tls_unavailable", "no certificate for the local address is at hand to serve https://"
            )
        if redirect.path in RESERVED_PATHS:
            raise SocialdeskError("app_misconfigured", f"the redirect URI's path cannot be {redirect.path}")
        self._redirect = redirect
        self._sessions = sessions
        self._on_callback = on_callback
        self._authorize_url_for = authorize_url_for
        self._owns = owns or (lambda _session: True)
        self._limits = limits or WireLimits()
        self._max_connections = max_connections
        self._pages = pages or Pages.load()
        self._tls = tls if redirect.scheme == "https" else None
        self._context: ssl.SSLContext | None = None
        self._lock = threading.Lock()
        self._started = False
        self._stopped = False
        self._servers: list[_Server] = []
        self._threads: list[threading.Thread] = []
        self._landing: str | None = None
        self._landing_description: str | None = None
        self._landed = threading.Event()
        self._fully_stopped = threading.Event()
        self._outcome_wait = outcome_wait
        self._outcome: Outcome | None = None
        self._outcome_known = threading.Event()
        self._on_stateless_error = on_stateless_error

    @property
    def redirect_uri(self) -> RedirectUri:
        return self._redirect

    @property
    def addresses(self) -> list[tuple[str, int]]:
        """The (host, port) pairs being listened on."""
        with self._lock:
            return [(s.bind_host, self._redirect.port) for s in self._servers]

    @property
    def running(self) -> bool:
        with self._lock:
            return self._started and not self._stopped

    def start_url(self, state: str) -> str:
        """The local address to open in the browser; it redirects to Instagram's dialog."""
        return f"{self._redirect.origin}{START_PATH}?{urlencode({'state': state})}"

    def start(self) -> None:
        """Bind every address, then serve; ``port_in_use`` when the port is taken."""
        with self._lock:
            if self._started:
                raise RuntimeError("a loopback listener starts only once")
            self._started = True
        servers: list[_Server] = []
        try:
            if self._tls is not None:
                self._context = self._tls()
            for host, required in self._bind_plan():
                server = self._bind(host, required)
                if server is not None:
                    servers.append(server)
        except BaseException:
            for server in servers:
                server.server_close()
            with self._lock:
                self._stopped = True
            self._fully_stopped.set()
            raise
        threads = [
            threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": _POLL_INTERVAL},
                name=f"socialdesk-listener-{server.bind_host}",
                daemon=True,
            )
            for server in servers
        ]
        with self._lock:
            cancelled = self._stopped  # stop() was called while binding
            if not cancelled:
                self._servers, self._threads = servers, threads
                for thread in threads:
                    thread.start()
        if cancelled:
            for server in servers:
                server.server_close()
            self._fully_stopped.set()
            return
        log.info(
            "listening for Instagram's answer on %s port %d",
            " and ".join(s.bind_host for s in servers),
            self._redirect.port,
        )

    def stop(self) -> None:
        """Stop serving and close the sockets; safe to call again and from any non-listener thread."""
        with self._lock:
            already_stopping = self._stopped
            self._stopped = True
            if not self._started:
                self._fully_stopped.set()
                return
            servers, threads = self._servers, self._threads
        if already_stopping:
            # Another caller is closing the sockets: return only once the port is really free.
            self._fully_stopped.wait()
            return
        self._outcome_known.set()  # a result page still waiting says "finishing" and goes out
        # Each serve loop notices the request at its next poll: stop them side by side, not in turn.
        stoppers = [threading.Thread(target=server.shutdown, daemon=True) for server in servers]
        for stopper in stoppers:
            stopper.start()
        for stopper in stoppers:
            stopper.join()
        for server in servers:
            server.interrupt_connections()
            server.server_close()
        for thread in threads:
            thread.join()
        self._landed.set()
        self._fully_stopped.set()
        log.info("loopback listener stopped")

    def report_outcome(self, outcome: Outcome | None) -> None:
        """The connect's final result (None: it ended some other way); the waiting page shows it."""
        with self._lock:
            self._outcome = outcome
        self._outcome_known.set()

    def wait_landing_served(self, timeout: float) -> bool:
        """Wait until the browser has been shown the page after an accepted callback."""
        return self._landed.wait(timeout)

    def __enter__(self) -> LoopbackListener:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _bind_plan(self) -> list[tuple[str, bool]]:
        if self._redirect.host == "localhost":
            # Browsers may resolve localhost to either address; ::1 is skipped only without IPv6.
            return [("127.0.0.1", True), ("::1", False)]
        return [(self._redirect.host, True)]

    def _bind(self, host: str, required: bool) -> _Server | None:
        port = self._redirect.port
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        if family == socket.AF_INET6 and not socket.has_ipv6 and not required:
            return None
        try:
            server = _Server((host, port), family, self, self._max_connections)
        except OSError as exc:
            if not required and exc.errno in _NO_IPV6:
                log.info("no IPv6 loopback here; listening on 127.0.0.1 only")
                return None
            raise self._bind_error(host, exc) from None
        try:
            server.server_bind()
            server.server_activate()
        except OSError as exc:
            server.server_close()
            if not required and exc.errno in _NO_IPV6:
                log.info("no IPv6 loopback here; listening on 127.0.0.1 only")
                return None
            raise self._bind_error(host, exc) from None
        return server

    def _bind_error(self, host: str, exc: OSError) -> SocialdeskError:
        port = self._redirect.port
        where = f"[{host}]" if ":" in host else host
        fix = "the port of the redirect URI (in Settings → Integrations and in your app at Meta)"
        if exc.errno in _ADDRESS_IN_USE:
            detail = (
                f"port {port} on {where} is already in use by another program; close that program, "
                f"or change {fix} to a free port"
            )
        elif exc.errno in _NOT_ALLOWED:
            detail = (
                f"this computer does not allow listening on port {port}; change {fix} to a port above 1024"
            )
        else:
            detail = f"could not listen on {where} port {port} ({exc.strerror or type(exc).__name__})"
        log.warning("loopback listener: %s", detail)
        return SocialdeskError("port_in_use", detail)

    # Request handling, on the server's connection threads.

    def _serve(self, raw: socket.socket, server: _Server) -> None:
        if self._context is None:
            self._serve_on(raw)
            return
        raw.settimeout(self._limits.request_timeout)
        try:
            sock = self._context.wrap_socket(raw, server_side=True)
        except (ssl.SSLError, OSError) as exc:
            # A browser that does not trust the certificate closes here, before it shows its warning.
            log.info("loopback listener: TLS handshake not completed (%s)", type(exc).__name__)
            server.replace_open(raw, None)
            return
        server.replace_open(raw, sock)
        try:
            self._serve_on(sock)
        finally:
            server.replace_open(sock, None)
            with contextlib.suppress(OSError):
                sock.close()

    def _serve_on(self, sock: socket.socket) -> None:
        try:
            request = read_request(sock, self._limits)
        except WireError as exc:
            log.info("loopback listener refused a malformed request (%d)", exc.status.value)
            self._send(sock, _Response(exc.status), head_only=False)
            drain(sock)
            return
        except TimeoutError:
            log.info("loopback listener dropped a request that arrived too slowly")
            self._send(sock, _Response(HTTPStatus.REQUEST_TIMEOUT), head_only=False)
            return
        except OSError:
            return
        if request is None:
            return
        response = self._route(request)
        try:
            self._send(sock, response, head_only=request.method == "HEAD")
        finally:
            if response.lands:
                self._landed.set()

    def _send(self, sock: socket.socket, response: _Response, *, head_only: bool) -> None:
        if response.page is not None:
            headers = _security_headers(response.page.content_security_policy)
            headers.append(("Content-Type", "text/html; charset=utf-8"))
            body = response.page.body
        else:
            headers = _security_headers(EMPTY_CSP)
            headers.append(("Content-Type", "text/plain; charset=utf-8"))
            body = f"{response.status.value} {response.status.phrase}\n".encode("ascii")
        if response.location is not None:
            headers.append(("Location", response.location))
        with contextlib.suppress(OSError):  # the browser went away; nothing to tell it
            write_response(sock, response.status, headers, body, send_body=not head_only)

    def _route(self, request: Request) -> _Response:
        host = request.header("host")
        if host is None or host.lower() != self._redirect.host_header:
            return _Response(HTTPStatus.NOT_FOUND, self._pages.not_found())
        if request.header_values("transfer-encoding") or request.header("content-length") not in (None, "0"):
            return _Response(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        if request.method != "GET":
            return _Response(HTTPStatus.NOT_FOUND, self._pages.not_found())
        if request.path == START_PATH:
            return self._start_route(request.query)
        if request.path == self._redirect.path:
            return self._callback_route(request)
        if request.path in (DONE_PATH, CANCELLED_PATH, ERROR_PATH):
            return self._landing_route(request.path)
        return _Response(HTTPStatus.NOT_FOUND, self._pages.not_found())

    def _start_route(self, query: str) -> _Response:
        try:
            states = [value for name, value in parse_qsl(query, max_num_fields=8) if name == "state"]
        except ValueError:
            states = []
        session = self._sessions.peek(states[0]) if len(states) == 1 else None
        if session is None or not self._owns(session):
            return _Response(HTTPStatus.NOT_FOUND, self._pages.link_expired())
        try:
            location = self._authorize_url_for(session)
        except Exception as exc:
            log.error("could not build the authorize URL (%s)", type(exc).__name__)
            return _Response(HTTPStatus.INTERNAL_SERVER_ERROR, self._pages.neutral())
        if any(ch in location for ch in "\r\n") or not location.startswith(("https://", "http://")):
            log.error("the authorize URL is not an http(s) address; not redirecting")
            return _Response(HTTPStatus.INTERNAL_SERVER_ERROR, self._pages.neutral())
        return _Response(HTTPStatus.SEE_OTHER, location=location)

    def _callback_route(self, request: Request) -> _Response:
        stray = _Response(HTTPStatus.NOT_FOUND, self._pages.neutral())
        try:
            result = parse_callback_query(request.query)
        except SocialdeskError:
            return stray
        if result.state is not None:
            session = self._sessions.peek(result.state)
        elif result.error is not None and _is_top_level_navigation(request):
            return self._stateless_error_route(stray)
        else:
            session = None
        if session is None or not self._owns(session):
            return stray
        try:
            session = self._sessions.consume(session.state)
        except SocialdeskError:
            return stray  # used by a concurrent request or expired this instant
        result = replace(result, state=session.state)
        if result.denied and result.error_reason in (None, "user_denied"):
            landing = CANCELLED_PATH
        elif result.error is not None:
            landing = ERROR_PATH
        else:
            landing = DONE_PATH
        log.info("Instagram's answer arrived: %s", "a code" if result.code is not None else result.error)
        try:
            self._on_callback(result)
        except Exception as exc:
            log.error("handling Instagram's answer failed (%s)", type(exc).__name__)
            return _Response(HTTPStatus.INTERNAL_SERVER_ERROR, self._pages.neutral(), lands=True)
        with self._lock:
            self._landing = landing
            self._landing_description = result.error_description
        return _Response(HTTPStatus.SEE_OTHER, location=landing)

    def _stateless_error_route(self, stray: _Response) -> _Response:
        """An error redirect without state, from a page the browser navigated to.

        Meta may leave state out of an error redirect (its Cancel may), but any web page can send the
        same. So it ends nothing: the one pending flow it could mean is told, and its owner asks the
        user. None of its words are kept or shown, here or in the app.
        """
        pending = self._sessions.pending()
        session = pending[0] if len(pending) == 1 else None
        if session is None or not self._owns(session) or self._on_stateless_error is None:
            return stray
        log.info("an error answer without state arrived; the connect attempt goes on")
        try:
            self._on_stateless_error(session)
        except Exception as exc:
            log.error("reporting an error answer without state failed (%s)", type(exc).__name__)
        return _Response(HTTPStatus.OK, self._pages.error(STATELESS_ERROR_TEXT))

    def _landing_route(self, path: str) -> _Response:
        with self._lock:
            landing, description = self._landing, self._landing_description
        if landing != path:
            return _Response(HTTPStatus.NOT_FOUND, self._pages.neutral())
        if path == DONE_PATH:
            page = self._result_page()
        elif path == CANCELLED_PATH:
            page = self._pages.cancelled()
        else:
            page = self._pages.error(description)
        return _Response(HTTPStatus.OK, page, lands=True)

    def _result_page(self) -> Page:
        """The truth once it is known: connected, or why not; past the wait, "finishing"."""
        if self._outcome_wait is not None:
            self._outcome_known.wait(self._outcome_wait)
        with self._lock:
            outcome = self._outcome
        if outcome is None:
            return self._pages.finishing()
        if outcome.username:
            return self._pages.done(outcome.username, outcome.workspace)
        return self._pages.failed(outcome.code)
