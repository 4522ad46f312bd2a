"""A small threaded HTTP server on loopback for one sandbox origin, with a clean stop.

Like the Instagram half's server it refuses other Host names (DNS rebinding), bounded bodies, no
chunked uploads, never logs a request line (its query holds tokens), and stops leaving no thread or
socket behind.
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
from desktop.core.sandbox.replies import Reply, json_reply

log = logging.getLogger(__name__)

Handle = Callable[[str, str, dict[str, list[str]], bytes, dict[str, str]], Reply]
MAX_BODY_BYTES = 64 * 1024
_LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})


class LoopbackServer:
    def __init__(self, host: str, port: int, handle: Handle, *, name: str) -> None:
        self._host = host
        self._port = port
        self._handle = handle
        self._name = name
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None
        self.stopping = threading.Event()

    def start(self) -> None:
        if self._httpd is not None:
            return
        family = socket.AF_INET6 if ":" in self._host else socket.AF_INET
        try:
            httpd = _Server((self._host, self._port), self, family)
        except OSError as exc:
            if exc.errno in {errno.EADDRINUSE, errno.EACCES}:
                raise SocialdeskError(
                    "port_in_use", f"sandbox port {self._port} on {self._host} is taken"
                ) from None
            raise SocialdeskError("port_in_use", f"sandbox could not listen ({exc.strerror})") from None
        self.stopping.clear()
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name=self._name, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        self.stopping.set()
        httpd.shutdown()
        httpd.close_connections()
        httpd.server_close()
        if thread is not None:
            thread.join()
        self._httpd = None
        self._thread = None

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the sandbox is not running")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"http://{host}:{self.port}"

    def host_allowed(self, header: str | None) -> bool:
        if not header:
            return True
        host = header.strip().lower()
        if host.startswith("["):
            host = host[1 : host.find("]")] if "]" in host else host
        elif host.count(":") == 1:
            host = host.split(":", 1)[0]
        return host in _LOOPBACK_NAMES or host == self._host.lower()

    def dispatch(
        self, method: str, path: str, query: dict[str, list[str]], body: bytes, headers: dict[str, str]
    ) -> Reply:
        return self._handle(method, path, query, body, headers)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = sys.platform != "win32"

    def __init__(self, address: tuple[str, int], owner: LoopbackServer, family: socket.AddressFamily) -> None:
        self.address_family = family
        self.owner = owner
        self._connections: set[socket.socket] = set()
        self._handler_threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(
            target=self.process_request_thread,
            args=(request, client_address),
            name="sandbox-request",
            daemon=True,
        )
        with self._lock:
            self._connections.add(request)
            self._handler_threads = [t for t in self._handler_threads if t.is_alive()]
            self._handler_threads.append(thread)
        thread.start()

    def server_close(self) -> None:
        super().server_close()
        with self._lock:
            threads, self._handler_threads = self._handler_threads, []
        for thread in threads:
            thread.join(timeout=10.0)

    def shutdown_request(self, request: Any) -> None:
        with self._lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self._lock:
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
    server: _Server
    server_version = "FacebookSandbox/1.0"
    sys_version = ""
    timeout = 15

    def do_GET(self) -> None:
        self._serve()

    do_HEAD = do_POST = do_DELETE = do_PUT = do_PATCH = do_GET

    def _serve(self) -> None:
        owner = self.server.owner
        headers = {name.lower(): value for name, value in self.headers.items()}
        if not owner.host_allowed(headers.get("host")):
            self._send(json_reply(421, {"error": "unexpected Host header"}))
            return
        if "transfer-encoding" in headers:
            self._send(json_reply(411, {"error": "send a Content-Length"}))
            return
        length = headers.get("content-length", "0")
        if not length.isdigit() or int(length) > MAX_BODY_BYTES:
            self._send(json_reply(413, {"error": "request body too large"}))
            return
        body = self.rfile.read(int(length)) if int(length) else b""
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        self._send(owner.dispatch(self.command, parts.path or "/", query, body, headers))

    def _send(self, reply: Reply) -> None:
        if reply.drop:
            self.close_connection = True
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
        log.debug("facebook sandbox %s %s -> %s", self.command, urlsplit(self.path).path, code)

    def log_message(self, format: str, *args: Any) -> None:
        pass
