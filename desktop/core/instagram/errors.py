"""Every way Instagram can say no, mapped to one catalogue code.

Two error shapes reach the client: the flat one of the code-exchange endpoint
(``{"error_type": …, "code": 400, "error_message": …}``) and the Graph envelope
(``{"error": {"code": 190, "error_subcode": 463, "fbtrace_id": …}}``). Anything that is not JSON at
all came from a proxy or a broken connection and counts as a network error. Nothing from the
response body reaches an exception except the Graph codes, the fbtrace id and, for errors we do not
expect, a redacted and shortened provider message.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import httpx

from desktop.core.errors import SocialdeskError
from desktop.core.redaction import redact

#: Graph codes of an expired, revoked or otherwise dead token (102 is the older "API session").
TOKEN_DEAD_CODES = frozenset({102, 190})
CHECKPOINT_SUBCODE = 459
RATE_LIMIT_CODES = frozenset({4, 17, 32, 613, 80002}) | frozenset(range(80001, 80015))
TRANSIENT_CODES = frozenset({1, 2})
_PERMISSION_RE = re.compile(r"\binstagram_[a-z_]+\b")
_MAX_PROVIDER_MESSAGE = 160

_CODE_INVALID_HINTS = ("matching code", "authorization code", "verification code", "code was not found")
_APP_HINTS = (
    "redirect_uri",
    "redirect uri",
    "client secret",
    "client_secret",
    "client_id",
    "platform app",
    "invalid app",
    "validating application",
)


class InstagramError(SocialdeskError):
    """A catalogue error with what Instagram said about it, for logs and the retry policy."""

    def __init__(
        self,
        code: str,
        detail: str = "",
        *,
        graph_code: int | None = None,
        graph_subcode: int | None = None,
        fbtrace_id: str | None = None,
        retry_after_seconds: int | None = None,
        http_status: int | None = None,
        permissions: tuple[str, ...] = (),
    ) -> None:
        self.graph_code = graph_code
        self.graph_subcode = graph_subcode
        self.fbtrace_id = fbtrace_id
        self.retry_after_seconds = retry_after_seconds
        self.http_status = http_status
        #: For ``missing_permission``: the permission names Instagram mentioned.
        self.permissions = permissions
        super().__init__(code, detail)

    @property
    def retryable(self) -> bool:
        return self.code in {"network_error", "rate_limited"}

    def __reduce__(self) -> Any:  # keeps the structured fields when pickled
        fields = {
            "graph_code": self.graph_code,
            "graph_subcode": self.graph_subcode,
            "fbtrace_id": self.fbtrace_id,
            "retry_after_seconds": self.retry_after_seconds,
            "http_status": self.http_status,
            "permissions": self.permissions,
        }
        return (_restore, (type(self), self.code, self.detail, fields))


def _restore(cls: type[InstagramError], code: str, detail: str, fields: dict[str, Any]) -> InstagramError:
    return cls(code, detail, **fields)


def transport_error(reason: str) -> InstagramError:
    """A request that got no usable answer: refused, timed out, dropped, or cut mid-body."""
    return InstagramError("network_error", reason)


def error_from_response(response: httpx.Response) -> InstagramError:
    """The catalogue error for a non-2xx answer (or a 2xx whose body is not what we asked for)."""
    status = response.status_code
    body = _load_json(response.content)
    header_trace = response.headers.get("x-fb-trace-id") or None
    retry_after = retry_after_seconds(response.headers)

    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return _from_graph_envelope(body["error"], status, header_trace, retry_after)
    if isinstance(body, dict) and ("error_message" in body or "error_type" in body):
        message = _text(body.get("error_message")) or _text(body.get("error_type"))
        return _from_flat(message, status, header_trace, retry_after)
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        message = _text(body.get("error_description")) or _text(body.get("error"))
        return _from_flat(message, status, header_trace, retry_after)

    common: dict[str, Any] = {"http_status": status, "fbtrace_id": header_trace}
    if status == 429:
        return InstagramError("rate_limited", f"HTTP {status}", retry_after_seconds=retry_after, **common)
    if body is None:
        # HTML from a proxy or captive portal, an empty or cut-off body: the network, not Instagram.
        return InstagramError("network_error", f"HTTP {status}, answer was not JSON", **common)
    if status >= 500:
        return InstagramError("network_error", f"HTTP {status}", **common)
    return InstagramError("provider_error", f"HTTP {status}, unexpected error shape", **common)


def retry_after_seconds(headers: Mapping[str, str]) -> int | None:
    """Seconds to wait, from ``X-Business-Use-Case-Usage`` (minutes) or ``Retry-After`` (seconds)."""
    minutes: list[int] = []
    usage = _load_json((headers.get("x-business-use-case-usage") or "").encode())
    if isinstance(usage, dict):
        for entries in usage.values():
            for entry in entries if isinstance(entries, list) else [entries]:
                if isinstance(entry, dict):
                    value = _int(entry.get("estimated_time_to_regain_access"))
                    if value is not None and value >= 0:
                        minutes.append(value)
    if minutes:
        return max(minutes) * 60
    retry_after = _int(headers.get("retry-after"))
    if retry_after is not None and retry_after >= 0:
        return retry_after
    return None


def _from_graph_envelope(
    error: Mapping[str, Any], status: int, header_trace: str | None, retry_after: int | None
) -> InstagramError:
    code = _int(error.get("code"))
    subcode = _int(error.get("error_subcode"))
    trace = _text(error.get("fbtrace_id")) or header_trace
    message = _text(error.get("message"))
    lowered = message.lower()
    fields: dict[str, Any] = {
        "graph_code": code,
        "graph_subcode": subcode,
        "fbtrace_id": trace,
        "http_status": status,
    }
    detail = _detail(status, code, subcode, trace)

    if code in TOKEN_DEAD_CODES:
        catalogue = "checkpoint_required" if subcode == CHECKPOINT_SUBCODE else "needs_reconnect"
        return InstagramError(catalogue, detail, **fields)
    if code in {1, 101} and any(hint in lowered for hint in _APP_HINTS):
        return InstagramError("app_misconfigured", detail, **fields)
    if code == 10 or (code is not None and 200 <= code <= 299):
        permissions = tuple(dict.fromkeys(_PERMISSION_RE.findall(message)))
        if permissions:
            detail = f"{detail}; missing {', '.join(permissions)}"
        return InstagramError("missing_permission", detail, permissions=permissions, **fields)
    if code in RATE_LIMIT_CODES or status == 429:
        if retry_after is not None:
            detail = f"{detail}; retry in {retry_after} s"
        return InstagramError("rate_limited", detail, retry_after_seconds=retry_after, **fields)
    if code in TRANSIENT_CODES or status >= 500 or error.get("is_transient") is True:
        return InstagramError("network_error", detail, **fields)
    return InstagramError("provider_error", _with_message(detail, message), **fields)


def _from_flat(
    message: str, status: int, header_trace: str | None, retry_after: int | None
) -> InstagramError:
    lowered = message.lower()
    fields: dict[str, Any] = {"http_status": status, "fbtrace_id": header_trace}
    detail = f"HTTP {status}"
    if status >= 500:
        return InstagramError("network_error", detail, **fields)
    if status == 429:
        return InstagramError("rate_limited", detail, retry_after_seconds=retry_after, **fields)
    if any(hint in lowered for hint in _CODE_INVALID_HINTS):
        return InstagramError("code_invalid", detail, **fields)
    if any(hint in lowered for hint in _APP_HINTS):
        return InstagramError("app_misconfigured", _with_message(detail, message), **fields)
    return InstagramError("provider_error", _with_message(detail, message), **fields)


def _detail(status: int, code: int | None, subcode: int | None, trace: str | None) -> str:
    parts = [f"HTTP {status}"]
    if code is not None:
        parts.append(f"Graph code {code}" + (f"/{subcode}" if subcode is not None else ""))
    if trace:
        parts.append(f"fbtrace_id {trace}")
    return ", ".join(parts)


def _with_message(detail: str, message: str) -> str:
    """Add Instagram's own words (redacted, shortened) where they are the only clue to a bug."""
    cleaned = redact(" ".join(message.split()))
    if not cleaned:
        return detail
    if len(cleaned) > _MAX_PROVIDER_MESSAGE:
        cleaned = cleaned[: _MAX_PROVIDER_MESSAGE - 1] + "…"
    return f"{detail}: {cleaned}"


def _load_json(content: bytes) -> Any:
    try:
        return json.loads(content) if content else None
    except (ValueError, UnicodeDecodeError):
        return None


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
