"""Just enough HTTP/1.1 for the loopback listener, with hard limits.

The listener talks to one browser, yet any program on the computer can connect to it. So a request
head must arrive completely within a deadline (a client trickling bytes cannot hold a thread), the
request line, each header, the header count and the whole head are bounded, bodies are refused, and
every connection closes after one answer.
"""

from __future__ import annotations

import io
import re
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from http import HTTPStatus

_METHOD_RE = re.compile(r"[A-Z]{1,16}")
_HEADER_NAME_RE = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_BAD_VALUE_RE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_VERSIONS = frozenset({"HTTP/1.0", "HTTP/1.1"})


@dataclass(frozen=True, slots=True)
class WireLimits:
    max_request_line: int = 8192
    #: Browsers send every localhost cookie of other local tools; leave room for that.
    max_header_line: int = 16384
    max_header_count: int = 64
    max_header_bytes: int = 65536
    #: Seconds for the whole request head to arrive.
    request_timeout: float = 10.0


class WireError(Exception):
    """The request cannot be served; answer ``status`` and close."""

    def __init__(self, status: HTTPStatus) -> None:
        super().__init__(f"{status.value} {status.phrase}")
        self.status = status


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str
    query: str
    version: str
    #: Header names in lower case, in arrival order.
    headers: tuple[tuple[str, str], ...]

    def header_values(self, name: str) -> list[str]:
        name = name.lower()
        return [value for key, value in self.headers if key == name]

    def header(self, name: str) -> str | None:
        """The header's value when it appears exactly once; ``None`` when absent or repeated."""
        values = self.header_values(name)
        return values[0] if len(values) == 1 else None


class _DeadlineReader(io.RawIOBase):
    """Socket reads that share one deadline, however slowly the bytes come."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        super().__init__()
        self._sock = sock
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("request head deadline passed")
        self._sock.settimeout(remaining)
        return self._sock.recv_into(buffer)


def read_request(sock: socket.socket, limits: WireLimits) -> Request | None:
    """The request head from ``sock``; ``None`` if the client closed without sending anything.

    Raises :class:`WireError` for requests to refuse and ``TimeoutError`` when the head is too slow.
    """
    reader = io.BufferedReader(_DeadlineReader(sock, time.monotonic() + limits.request_timeout))
    line = reader.readline(limits.max_request_line + 1)
    if not line:
        return None
    if len(line) > limits.max_request_line or not line.endswith(b"\n"):
        raise WireError(HTTPStatus.REQUEST_URI_TOO_LONG)
    method, target, version = _parse_request_line(line)
    headers: list[tuple[str, str]] = []
    total = 0
    while True:
        raw = reader.readline(limits.max_header_line + 1)
        total += len(raw)
        if len(raw) > limits.max_header_line or total > limits.max_header_bytes:
            raise WireError(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE)
        if not raw.endswith(b"\n"):
            raise WireError(HTTPStatus.BAD_REQUEST)  # the client closed mid-head
        if raw in (b"\r\n", b"\n"):
            break
        if len(headers) >= limits.max_header_count:
            raise WireError(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE)
        headers.append(_parse_header(raw))
    path, _, query = target.partition("?")
    return Request(method, path, query, version, tuple(headers))


def _parse_request_line(line: bytes) -> tuple[str, str, str]:
    try:
        text = line.decode("ascii").rstrip("\r\n")
    except UnicodeDecodeError:
        raise WireError(HTTPStatus.BAD_REQUEST) from None
    parts = text.split(" ")
    if len(parts) != 3:
        raise WireError(HTTPStatus.BAD_REQUEST)
    method, target, version = parts
    if not _METHOD_RE.fullmatch(method) or not target.startswith("/") or version not in _VERSIONS:
        raise WireError(HTTPStatus.BAD_REQUEST)
    if any(ord(ch) < 0x21 or ord(ch) == 0x7F for ch in target):
        raise WireError(HTTPStatus.BAD_REQUEST)
    return method, target, version


def _parse_header(raw: bytes) -> tuple[str, str]:
    if raw[:1] in (b" ", b"\t"):
        raise WireError(HTTPStatus.BAD_REQUEST)  # obsolete line folding
    text = raw.decode("latin-1").rstrip("\r\n")
    name, sep, value = text.partition(":")
    if not sep or not _HEADER_NAME_RE.fullmatch(name):
        raise WireError(HTTPStatus.BAD_REQUEST)
    value = value.strip(" \t")
    if _BAD_VALUE_RE.search(value):
        raise WireError(HTTPStatus.BAD_REQUEST)
    return name.lower(), value


def write_response(
    sock: socket.socket,
    status: HTTPStatus,
    headers: Iterable[tuple[str, str]],
    body: bytes = b"",
    *,
    send_body: bool = True,
) -> None:
    """Send one complete response that closes the connection."""
    lines = [f"HTTP/1.1 {status.value} {status.phrase}"]
    for name, value in headers:
        if "\r" in value or "\n" in value:
            raise ValueError(f"header {name} has a line break")
        lines.append(f"{name}: {value}")
    lines.append(f"Content-Length: {len(body)}")
    lines.append("Connection: close")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    sock.settimeout(5.0)
    sock.sendall(head + body if send_body else head)


def drain(sock: socket.socket, *, max_bytes: int = 262144, seconds: float = 0.25) -> None:
    """Read what the client is still sending, so closing does not reset the answer we just sent."""
    deadline = time.monotonic() + seconds
    received = 0
    try:
        sock.shutdown(socket.SHUT_WR)
        while received < max_bytes:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            sock.settimeout(remaining)
            chunk = sock.recv(65536)
            if not chunk:
                return
            received += len(chunk)
    except OSError:
        return
