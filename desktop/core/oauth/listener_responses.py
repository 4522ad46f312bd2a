"""The listener's answers on the wire: a status, a page or a redirect, and strict security headers.

Every answer forbids caching, framing, sniffing and referrers, so a page that once showed a
connect result cannot be replayed, embedded or leak the address it came from.
"""

from __future__ import annotations

import contextlib
import socket
from dataclasses import dataclass
from http import HTTPStatus

from desktop.core.oauth.http_wire import write_response
from desktop.core.oauth.pages import EMPTY_CSP, Page


@dataclass(frozen=True, slots=True)
class Response:
    status: HTTPStatus
    page: Page | None = None
    location: str | None = None
    #: Serving this response completes the flow's visit: the listener may stop afterwards.
    lands: bool = False


def security_headers(csp: str) -> list[tuple[str, str]]:
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


def send(sock: socket.socket, response: Response, *, head_only: bool) -> None:
    """Write the answer; a browser that went away is not an error (there is nobody to tell)."""
    if response.page is not None:
        headers = security_headers(response.page.content_security_policy)
        headers.append(("Content-Type", "text/html; charset=utf-8"))
        body = response.page.body
    else:
        headers = security_headers(EMPTY_CSP)
        headers.append(("Content-Type", "text/plain; charset=utf-8"))
        body = f"{response.status.value} {response.status.phrase}\n".encode("ascii")
    if response.location is not None:
        headers.append(("Location", response.location))
    with contextlib.suppress(OSError):
        write_response(sock, response.status, headers, body, send_body=not head_only)
