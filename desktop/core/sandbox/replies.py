"""The answers the sandbox sends, in Instagram's own shapes, independent of the HTTP server."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from typing import Any

_TRACE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
#: Headers every page gets; the consent page may only load its own stylesheet and pictures.
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
}


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    body: bytes = b""
    content_type: str = "application/json; charset=UTF-8"
    headers: dict[str, str] = field(default_factory=dict)
    #: Close the connection without sending anything (a dropped-connection fault).
    drop: bool = False


def fbtrace_id() -> str:
    return "".join(secrets.choice(_TRACE_ALPHABET) for _ in range(11))


def json_reply(status: int, payload: Any, headers: dict[str, str] | None = None) -> Reply:
    body = json.dumps(payload, separators=(",", ":")).encode("utf-8")
    return Reply(status, body, headers={"Cache-Control": "no-store", **(headers or {})})


def html_reply(status: int, page: str) -> Reply:
    return Reply(status, page.encode("utf-8"), "text/html; charset=utf-8", dict(PAGE_HEADERS))


def redirect(location: str) -> Reply:
    return Reply(302, b"", "text/html; charset=utf-8", {**PAGE_HEADERS, "Location": location})


def graph_error(
    status: int,
    code: int,
    message: str,
    *,
    subcode: int | None = None,
    error_type: str = "OAuthException",
    is_transient: bool | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    """The Graph envelope: ``{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}``."""
    trace = fbtrace_id()
    error: dict[str, Any] = {"message": message, "type": error_type, "code": code}
    if subcode is not None:
        error["error_subcode"] = subcode
    if is_transient is not None:
        error["is_transient"] = is_transient
    error["fbtrace_id"] = trace
    return json_reply(status, {"error": error}, {"x-fb-trace-id": trace, **(headers or {})})


def flat_error(message: str, status: int = 400, error_type: str = "OAuthException") -> Reply:
    """The code-exchange endpoint's own shape: ``{"error_type", "code", "error_message"}``."""
    return json_reply(status, {"error_type": error_type, "code": status, "error_message": message})
