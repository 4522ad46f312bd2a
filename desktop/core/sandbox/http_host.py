"""One sandbox host on one loopback port: the HTTP plumbing both halves of the sandbox share.

Each connection gets its own thread and is kept alive (HTTP/1.1, as Meta's hosts speak), so a
client's pool reuses it and requests are served side by side. As at a careful provider: other Host
names are refused (DNS rebinding), bodies are bounded and must say their length, and a request line
is never logged (its query holds tokens, codes and the app secret). :meth:`HostServer.halt` stops
leaving no thread or socket behind.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import socket
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from desktop.core.errors import SocialdeskError
from desktop.core.redaction import redact
from desktop.core.sandbox.replies import Reply, json_reply

log = logging.getLogger(__name__)

#: ``(method, path, query, body, headers)`` → the reply; headers are lower-cased.
Dispatch = Callable[[str, str, dict[str, list[str]], bytes, dict[str, str]], Reply]
MAX_BODY_BYTES = 64 * 1024
_JOIN_SECONDS = 10.0
_LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})


def host_allowed(header: str | None, own_host: str) -> bool:
    """Only loopback names (or the address it listens on) in ``Host``; a missing one is HTTP/1.0's."""
    if not header:
        return True
    host = header.strip().lower()
    if host.startswith("["):
        host = host[1 : host.find("]")] if "]" in host else host
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host in _LOOPBACK_NAMES or host == own_host.lower()


def bind(host: str, port: int, dispatch: Dispatch, *, banner: str, label: str) -> HostServer:
    """Listen on ``host:port`` (0: a free port); a taken port is ``port_in_use``."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return HostServer((host, port), family, dispatch, banner=banner, label=label)
    except OSError as exc:
        if exc.errno in {errno.EADDRINUSE, errno.EACCES}:
            reason = f"sandbox port {port} ({label}) on {host} is taken"
        else:
            reason = f"sandbox could not listen on {host}:{port} ({exc.strerror})"
        raise SocialdeskError("port_in_use", reason) from None


class HostServer(ThreadingHTTPServer):
    daemon_threads = True
    # SO_REUSEADDR would let another program share the port on Windows.
    allow_reuse_address = sys.platform != "win32"

    def __init__(
        self,
        address: tuple[str, int],
        family: socket.AddressFamily,
        dispatch: Dispatch,
        *,
        banner: str,
        label: str,
    ) -> None:
        self.address_family = family
        self.dispatch = dispatch
        self.banner = banner
        self.label = label
        self.own_host = address[0]
        self._connections: set[socket.socket] = set()
        self._handler_threads: list[threading.Thread] = []
        self._connections_lock = threading.Lock()
        self._serving: threading.Thread | None = None
        super().__init__(address, _Handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def serve_in_thread(self) -> None:
        self._serving = threading.Thread(
            target=self.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"sandbox-http-{self.label}",
            daemon=True,
        )
        self._serving.start()

    def halt(self) -> None:
        """Stop accepting, cut open (kept-alive) connections, wait for every handler thread."""
        if self._serving is not None:
            self.shutdown()
        self.close_connections()
        self.server_close()
        if self._serving is not None:
            self._serving.join()
            self._serving = None

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
    server: HostServer
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; on a kept-alive connection Nagle's algorithm would hold
    # the body back until the client's delayed ACK (about 40 ms).
    disable_nagle_algorithm = True
    sys_version = ""
    #: Seconds a silent client may hold a handler thread (an idle kept-alive connection too).
    timeout = 15

    def version_string(self) -> str:
        return self.server.banner

    def do_GET(self) -> None:
        self._serve()

    do_HEAD = do_POST = do_DELETE = do_PUT = do_PATCH = do_GET

    def _serve(self) -> None:
        headers = {name.lower(): value for name, value in self.headers.items()}
        if not host_allowed(headers.get("host"), self.server.own_host):
            self._refuse(json_reply(421, {"error": "unexpected Host header"}))
            return
        if "transfer-encoding" in headers:
            self._refuse(json_reply(411, {"error": "send a Content-Length"}))
            return
        length = headers.get("content-length", "0")
        if not length.isdigit() or int(length) > MAX_BODY_BYTES:
            self._refuse(json_reply(413, {"error": "request body too large"}))
            return
        body = self.rfile.read(int(length)) if int(length) else b""
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        self._send(self.server.dispatch(self.command, parts.path or "/", query, body, headers))

    def _refuse(self, reply: Reply) -> None:
        """An answer after which the connection closes: the body it did not read must not be parsed."""
        self.close_connection = True
        reply.headers["Connection"] = "close"
        self._send(reply)

    def _send(self, reply: Reply) -> None:
        if reply.drop:
            self.close_connection = True
            log.debug(
                "%s %s %s: connection dropped", self.server.label, self.command, urlsplit(self.path).path
            )
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
        log.debug("sandbox %s %s -> %s (%s)", self.command, urlsplit(self.path).path, code, self.server.label)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("sandbox (%s): %s", self.server.label, redact(format % args))
