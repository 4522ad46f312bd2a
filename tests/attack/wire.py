"""A raw-socket client for attacking the loopback listener: exact bytes out, the status line back.

No HTTP library sits in between, so requests can be as broken as an attacker likes. Every read has a
generous deadline: a listener that stops answering fails the test as hung instead of hanging it.
"""

from __future__ import annotations

import contextlib
import socket
import time
from dataclasses import dataclass

#: Seconds an answer may take before the listener counts as hung (it answers in milliseconds).
HANG_SECONDS = 8.0


class ListenerHung(AssertionError):
    """The listener neither answered nor closed the connection in time."""


@dataclass(frozen=True)
class Answer:
    """What came back: the status (None when the listener closed without a word) and the head."""

    status: int | None
    head: bytes

    @property
    def location(self) -> str | None:
        for line in self.head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"location":
                return value.strip().decode("latin-1")
        return None


def connect(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(HANG_SECONDS)
        sock.connect((host, port))
    except BaseException:
        sock.close()
        raise
    return sock


def read_answer(sock: socket.socket, deadline: float = HANG_SECONDS) -> Answer:
    """Read until the listener closes (it always does after one answer)."""
    data = b""
    give_up = time.monotonic() + deadline
    try:
        while True:
            left = give_up - time.monotonic()
            if left <= 0:
                raise ListenerHung(f"no answer within {deadline} s")
            sock.settimeout(left)
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    except TimeoutError:
        raise ListenerHung(f"no answer within {deadline} s") from None
    except (ConnectionResetError, BrokenPipeError):
        pass  # the listener refused and closed hard: still an answer, not a hang
    head = data.split(b"\r\n\r\n", 1)[0]
    status: int | None = None
    parts = head.split(b" ", 2)
    if len(parts) >= 2 and parts[0].startswith(b"HTTP/") and parts[1].isdigit():
        status = int(parts[1])
    return Answer(status, head)


def send_raw(host: str, port: int, payload: bytes, *, finish: bool = True) -> Answer:
    """Send ``payload`` as is; with ``finish`` the client then closes its side, as a client that gave up."""
    sock = connect(host, port)
    try:
        with contextlib.suppress(ConnectionResetError, BrokenPipeError):
            sock.sendall(payload)
            if finish:
                sock.shutdown(socket.SHUT_WR)
        return read_answer(sock)
    finally:
        sock.close()


def request(
    method: str,
    target: str,
    headers: list[tuple[str, str]],
    *,
    version: str = "HTTP/1.1",
) -> bytes:
    lines = [f"{method} {target} {version}"] + [f"{name}: {value}" for name, value in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8", "surrogatepass")
