"""The listener's sockets: one listening socket per address, a thread per connection, capped.

Kept apart from what is served (``listener_routes``) so the socket plumbing (exclusive binding, the
connection cap, interrupting blocked handlers on stop) can be read and changed on its own. The serve
loop sleeps in ``select`` on the listening socket and a wake-up socket pair, so stopping takes
effect at once rather than at a next poll (a connect waits for the port to be free again).
"""

from __future__ import annotations

import contextlib
import logging
import os
import selectors
import socket
import socketserver
import sys
import threading
from typing import Any, Protocol

log = logging.getLogger("desktop.core.oauth.listener")


class ConnectionServer(Protocol):
    """What serves one accepted connection (the listener), on that connection's thread."""

    def serve_connection(self, raw: socket.socket, server: ListenerServer) -> None: ...


class ListenerServer(socketserver.ThreadingTCPServer):
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
        owner: ConnectionServer,
        max_connections: int,
    ) -> None:
        self.address_family = family
        self.owner = owner
        self.bind_host = address[0]
        self._slots = threading.BoundedSemaphore(max_connections)
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        self._stopping = threading.Event()
        super().__init__(address, _Handler, bind_and_activate=False)
        # Made once the listening socket exists, so a failure to make either leaks neither.
        try:
            self._wake_reader, self._wake_writer = socket.socketpair()
        except OSError:
            self.socket.close()
            raise
        self._wake_reader.setblocking(False)
        self._wake_writer.setblocking(False)

    def serve_until_stopped(self) -> None:
        """Accept connections until :meth:`stop_serving`; each is served on its own thread."""
        with selectors.DefaultSelector() as selector:
            selector.register(self.socket, selectors.EVENT_READ)
            selector.register(self._wake_reader, selectors.EVENT_READ)
            while not self._stopping.is_set():
                for key, _events in selector.select():
                    if key.fileobj is self._wake_reader or self._stopping.is_set():
                        return
                    self._accept_one()
                self.service_actions()

    def _accept_one(self) -> None:
        try:
            request, client_address = self.get_request()
        except OSError:  # the client gave up before it was accepted
            return
        try:
            self.process_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
            self.shutdown_request(request)

    def stop_serving(self) -> None:
        """Make the serve loop return now; callable from any thread, more than once."""
        self._stopping.set()
        with contextlib.suppress(OSError):  # already woken (buffer full) or closed: either is enough
            self._wake_writer.send(b"\0")

    def server_close(self) -> None:
        super().server_close()
        self._wake_reader.close()
        self._wake_writer.close()

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
    server: ListenerServer

    def handle(self) -> None:
        self.server.owner.serve_connection(self.request, self.server)
