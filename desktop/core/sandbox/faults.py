"""Scripted misbehaviour: the failures real networks and real Instagram produce, on demand.

A fault targets one endpoint (or every API endpoint) and can be limited to the next N requests:
"the next 2 requests to /access_token get 503". Latency adds to whatever else happens; at most one
answer-replacing fault (status, drop, rate limit, error) applies to a request. An ``error`` fault
answers in the endpoint's own shape: flat on ``/oauth/access_token`` (the token-endpoint error),
the Graph envelope elsewhere (``graph_code`` 190 unless told otherwise).
"""

from __future__ import annotations

import itertools
import re
import threading
from dataclasses import dataclass, field, replace
from typing import Any

#: The JSON API endpoints, named without host and Graph version.
API_ENDPOINTS = ("/oauth/access_token", "/access_token", "/refresh_access_token", "/me", "/me/permissions")
#: Endpoints a fault may name explicitly (the dialog and the pictures only when named).
TARGETABLE = (*API_ENDPOINTS, "/oauth/authorize", "/_sandbox/media")
FAULT_KINDS = ("latency", "status", "drop", "rate_limit", "error")
BODY_STYLES = ("graph", "html", "empty")
_VERSION_RE = re.compile(r"^/v\d+(?:\.\d+)?(?=/)")


def endpoint_of(path: str) -> str:
    """``/v25.0/me`` → ``/me``; ``/_sandbox/media/x.png`` → ``/_sandbox/media``."""
    path = _VERSION_RE.sub("", path) or "/"
    if path.startswith("/_sandbox/media/"):
        return "/_sandbox/media"
    return path.rstrip("/") or "/"


@dataclass(frozen=True, slots=True)
class Fault:
    kind: str
    endpoint: str | None = None
    #: How many more requests this fault applies to; None means until cleared.
    remaining: int | None = None
    latency_ms: int = 0
    status: int = 503
    body: str = "graph"
    graph_code: int | None = None
    graph_subcode: int | None = None
    message: str = ""
    regain_minutes: int = 1
    id: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "endpoint": self.endpoint,
            "remaining": self.remaining,
            "latency_ms": self.latency_ms,
            "status": self.status,
            "body": self.body,
            "graph_code": self.graph_code,
            "graph_subcode": self.graph_subcode,
            "message": self.message,
            "regain_minutes": self.regain_minutes,
        }


@dataclass(slots=True)
class FaultPlan:
    _faults: list[Fault] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    #: What a fault without an endpoint applies to, and what may be named (the Facebook half has its own).
    api_endpoints: tuple[str, ...] = API_ENDPOINTS
    targetable: tuple[str, ...] = TARGETABLE

    def add(
        self,
        kind: str,
        *,
        endpoint: str | None = None,
        count: int | None = None,
        latency_ms: int = 0,
        status: int | None = None,
        body: str = "graph",
        graph_code: int | None = None,
        graph_subcode: int | None = None,
        message: str = "",
        regain_minutes: int = 1,
    ) -> Fault:
        """Validate and queue a fault; raises ValueError with a readable reason."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"kind must be one of {', '.join(FAULT_KINDS)}")
        target = endpoint_of(endpoint if endpoint.startswith("/") else "/" + endpoint) if endpoint else None
        if target is not None and target not in self.targetable:
            raise ValueError(f"endpoint must be one of {', '.join(self.targetable)}")
        if count is not None and count < 1:
            raise ValueError("count must be at least 1")
        if kind == "latency" and not 0 < latency_ms <= 120_000:
            raise ValueError("latency_ms must be between 1 and 120000")
        if body not in BODY_STYLES:
            raise ValueError(f"body must be one of {', '.join(BODY_STYLES)}")
        if regain_minutes < 0:
            raise ValueError("regain_minutes must not be negative")
        default_status = {"status": 503, "rate_limit": 400, "error": 400}.get(kind, 0)
        chosen_status = default_status if status is None else status
        if kind in {"status", "rate_limit", "error"} and not 400 <= chosen_status <= 599:
            raise ValueError("status must be an HTTP error status (400-599)")
        if kind == "rate_limit":
            graph_code = 4 if graph_code is None else graph_code
        with self._lock:
            fault = Fault(
                kind=kind,
                endpoint=target,
                remaining=count,
                latency_ms=latency_ms,
                status=chosen_status,
                body=body,
                graph_code=graph_code,
                graph_subcode=graph_subcode,
                message=message,
                regain_minutes=regain_minutes,
                id=next(self._ids),
            )
            self._faults.append(fault)
            return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def active(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)

    def take(self, endpoint: str) -> tuple[int, Fault | None]:
        """For one request: total latency (ms) to add and the answer-replacing fault, if any.

        Count-limited faults are used up as they apply.
        """
        latency = 0
        answer: Fault | None = None
        with self._lock:
            kept: list[Fault] = []
            for fault in self._faults:
                kept_fault: Fault | None = fault
                if self._matches(fault, endpoint) and (fault.kind == "latency" or answer is None):
                    if fault.kind == "latency":
                        latency += fault.latency_ms
                    else:
                        answer = fault
                    if fault.remaining is not None:
                        remaining = fault.remaining - 1
                        kept_fault = replace(fault, remaining=remaining) if remaining > 0 else None
                if kept_fault is not None:
                    kept.append(kept_fault)
            self._faults = kept
        return latency, answer

    def _matches(self, fault: Fault, endpoint: str) -> bool:
        if fault.endpoint is None:
            return endpoint in self.api_endpoints
        return fault.endpoint == endpoint
