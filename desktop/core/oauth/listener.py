"""The loopback listener: where the browser brings Instagram's answer back to Socialdesk.

Meta matches the redirect URI exactly, so the listener binds that URI's fixed port on this computer
only (127.0.0.1, and ::1 too when the host is ``localhost``; see ``listener_binding``). Any local
program or web page can reach it, so it trusts nothing (``listener_routes`` says what it answers).
Each request head must arrive within a deadline, connections are capped (``listener_server``), and
nothing it logs contains a code or a state.

For an ``https://`` redirect URI it speaks TLS with a leaf from the local CA (``desktop.core.tls``);
the handshake happens on the connection's own thread, within the same deadline as the request head,
so a client that never finishes it holds nothing up.

Routes: ``/start?state=…`` redirects to the authorize URL, so the browser is opened on a short local
address that also proves the listener is up; the callback path answers 303 to ``/done``,
``/cancelled`` or ``/error``, so no code stays in the address bar or the history.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl
import threading
from collections.abc import Callable
from http import HTTPStatus
from urllib.parse import urlencode

from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_, Detail
from desktop.core.oauth import listener_binding, listener_responses
from desktop.core.oauth.callback import CallbackResult
from desktop.core.oauth.http_wire import WireError, WireLimits, drain, read_request
from desktop.core.oauth.listener_responses import Response
from desktop.core.oauth.listener_routes import (
    CANCELLED_PATH,
    DONE_PATH,
    ERROR_PATH,
    RESERVED_PATHS,
    START_PATH,
    STATELESS_ERROR_TEXT,
    ListenerRoutes,
    Outcome,
)
from desktop.core.oauth.listener_server import ListenerServer
from desktop.core.oauth.pages import Pages
from desktop.core.oauth.redirect_uri import RedirectUri
from desktop.core.oauth.session import ConnectSession, ConnectSessions

log = logging.getLogger(__name__)

__all__ = [
    "CANCELLED_PATH",
    "DEFAULT_MAX_CONNECTIONS",
    "DONE_PATH",
    "ERROR_PATH",
    "RESERVED_PATHS",
    "START_PATH",
    "STATELESS_ERROR_TEXT",
    "LoopbackListener",
    "Outcome",
]

DEFAULT_MAX_CONNECTIONS = 16


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
                Detail(
                    N_(
                        "the redirect URI's host is {host}; to receive Instagram's answer it must be "
                        "localhost, 127.0.0.1 or [::1]"
                    ),
                    host=redirect.host,
                ),
            )
        if redirect.scheme == "https" and tls is None:
            raise SocialdeskError(
                "tls_unavailable", N_("no certificate for the local address is at hand to serve https://")
            )
        if redirect.path in RESERVED_PATHS:
            raise SocialdeskError(
                "app_misconfigured",
                Detail(N_("the redirect URI's path cannot be {path}"), path=redirect.path),
            )
        self._redirect = redirect
        self._routes = ListenerRoutes(
            redirect,
            sessions,
            pages or Pages.load(),
            on_callback=on_callback,
            authorize_url_for=authorize_url_for,
            owns=owns or (lambda _session: True),
            on_stateless_error=on_stateless_error,
            outcome_wait=outcome_wait,
        )
        self._limits = limits or WireLimits()
        self._max_connections = max_connections
        self._tls = tls if redirect.scheme == "https" else None
        self._context: ssl.SSLContext | None = None
        self._lock = threading.Lock()
        self._started = False
        self._stopped = False
        self._servers: list[ListenerServer] = []
        self._threads: list[threading.Thread] = []
        self._landed = threading.Event()
        self._fully_stopped = threading.Event()

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
        servers: list[ListenerServer] = []
        try:
            if self._tls is not None:
                self._context = self._tls()
            for host, required in listener_binding.bind_plan(self._redirect):
                server = listener_binding.bind(self._redirect, host, required, self, self._max_connections)
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
                target=server.serve_until_stopped,
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
        self._routes.release_waiting_pages()
        for server in servers:
            server.stop_serving()  # wakes its serve loop at once
        for thread in threads:
            thread.join()
        for server in servers:
            server.interrupt_connections()
            server.server_close()
        self._landed.set()
        self._fully_stopped.set()
        log.info("loopback listener stopped")

    def report_outcome(self, outcome: Outcome | None) -> None:
        """The connect's final result (None: it ended some other way); the waiting page shows it."""
        self._routes.report_outcome(outcome)

    def wait_landing_served(self, timeout: float) -> bool:
        """Wait until the browser has been shown the page after an accepted callback."""
        return self._landed.wait(timeout)

    def __enter__(self) -> LoopbackListener:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # Request handling, on the server's connection threads.

    def serve_connection(self, raw: socket.socket, server: ListenerServer) -> None:
        """One accepted connection: the TLS handshake (for https), one request, one answer."""
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
            listener_responses.send(sock, Response(exc.status), head_only=False)
            drain(sock)
            return
        except TimeoutError:
            log.info("loopback listener dropped a request that arrived too slowly")
            listener_responses.send(sock, Response(HTTPStatus.REQUEST_TIMEOUT), head_only=False)
            return
        except OSError:
            return
        if request is None:
            return
        response = self._routes.route(request)
        try:
            listener_responses.send(sock, response, head_only=request.method == "HEAD")
        finally:
            if response.lands:
                self._landed.set()
