"""The sandbox's own API under ``/_sandbox/``: knobs for tests, scripts and curious users.

Every change is a JSON POST (a browser page elsewhere cannot send one without a CORS preflight,
which the sandbox never grants), so no web page can turn the knobs behind the user's back. The same
routes answer on each of the three hosts (www, api, graph).

=========================================  ==================================================
``GET /_sandbox``                          base, www, api and graph URLs, client id, redirect
                                           URIs, knobs, accounts
``GET|POST /_sandbox/clock``               ``{"hours": 25}`` (also seconds, minutes, days)
``GET|POST|DELETE /_sandbox/faults``       ``{"kind": "status", "endpoint": "/access_token",
                                           "count": 2, "status": 503}``
``GET|POST|DELETE /_sandbox/knobs``        every knob, strict by default (see
                                           :mod:`~desktop.core.sandbox.knobs`): ``shape``,
                                           ``personal_failure``, ``revoke_answer``,
                                           ``failed_exchange``, ``refresh_token``,
                                           ``deny_redirect``, ``call_budget``, ``budget_code``;
                                           ``{"revoke_answer": "bare_true"}``; DELETE resets
``POST /_sandbox/shape``                   ``{"shape": "documented" | "observed"}``
``POST /_sandbox/personal-failure``        ``{"mode": "account_type" | "dialog" |
                                           "dialog_denied" | "exchange"}``
``POST /_sandbox/kill-token``              ``{"access_token": "IGAASBX…" | "username": "…",
                                           "reason": "removed" | "password_changed" |
                                           "checkpoint"}``: Graph 190/458, 460, 459 for good
``POST /_sandbox/redirect-uris``           ``{"uri": "https://localhost:8765/callback/"}``
                                           (https only, unless http://localhost is allowed)
``POST /_sandbox/redirect-policy``         ``{"allow_http_localhost": true}``: a Development
                                           Mode Facebook app; default false, as Instagram Login
``POST /_sandbox/token-status``            ``{"access_token": "IGAASBX…"}``
``GET /_sandbox/requests``                 requests seen per endpoint, tokens revoked
``GET /_sandbox/media/<username>.png``     the account's profile picture
=========================================  ==================================================

Every POST takes exactly the fields listed for it: an unknown one is a 400 that names it and lists
the accepted ones, so a mistyped knob never answers 200 and does nothing.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from desktop.core.sandbox.consent import stylesheet
from desktop.core.sandbox.knobs import NAMES as KNOB_NAMES
from desktop.core.sandbox.picture import identicon_png
from desktop.core.sandbox.replies import Reply, json_reply

if TYPE_CHECKING:
    from desktop.core.sandbox.server import SandboxServer

_FAULT_FIELDS = {
    "endpoint": str,
    "count": int,
    "latency_ms": int,
    "status": int,
    "body": str,
    "graph_code": int,
    "graph_subcode": int,
    "message": str,
    "regain_minutes": int,
}
#: The fields each POST accepts.
ACCEPTED_FIELDS: dict[str, tuple[str, ...]] = {
    "/clock": ("days", "hours", "minutes", "seconds"),
    "/faults": ("kind", *_FAULT_FIELDS),
    "/shape": ("shape",),
    "/personal-failure": ("mode",),
    "/redirect-uris": ("uri",),
    "/redirect-policy": ("allow_http_localhost",),
    "/token-status": ("access_token",),
    "/knobs": KNOB_NAMES,
    "/kill-token": ("access_token", "username", "reason"),
}


def handle_control(sandbox: SandboxServer, method: str, path: str, body: bytes, content_type: str) -> Reply:
    route = path.removeprefix("/_sandbox").rstrip("/") or "/"
    if method == "GET" and route == "/static/sandbox.css":
        return Reply(200, stylesheet(), "text/css; charset=utf-8", {"Cache-Control": "no-cache"})
    if method in {"GET", "HEAD"} and route.startswith("/media/") and route.endswith(".png"):
        account = next((a for a in sandbox.accounts if f"/media/{a.username}.png" == route), None)
        if account is None:
            return _problem(404, "no such picture")
        png = identicon_png(account.username, account.colour)
        return Reply(200, png, "image/png", {"Cache-Control": "public, max-age=3600"})

    payload: dict[str, Any] = {}
    if method == "POST":
        if content_type.split(";", maxsplit=1)[0].strip().lower() != "application/json":
            return _problem(415, "send JSON (Content-Type: application/json)")
        try:
            decoded = json.loads(body or b"{}")
        except ValueError:
            return _problem(400, "the body is not valid JSON")
        if not isinstance(decoded, dict):
            return _problem(400, "the body must be a JSON object")
        payload = decoded
        accepted = ACCEPTED_FIELDS.get(route)
        unknown = sorted(name for name in payload if accepted is not None and name not in accepted)
        if accepted is not None and unknown:
            listed = ", ".join(accepted)
            return json_reply(
                400,
                {
                    "error": f"unknown field {', '.join(unknown)}: {route.lstrip('/')} accepts {listed}",
                    "unknown_fields": unknown,
                    "accepted_fields": list(accepted),
                },
            )

    try:
        return _dispatch(sandbox, method, route, payload)
    except (ValueError, TypeError) as exc:
        return _problem(400, str(exc))


def _dispatch(sandbox: SandboxServer, method: str, route: str, payload: dict[str, Any]) -> Reply:
    if route == "/" and method == "GET":
        return json_reply(200, sandbox.describe())
    if route == "/clock":
        if method == "POST":
            delta = timedelta(
                days=_number(payload, "days"),
                hours=_number(payload, "hours"),
                minutes=_number(payload, "minutes"),
                seconds=_number(payload, "seconds"),
            )
            sandbox.advance_clock(delta)
        if method in {"GET", "POST"}:
            return json_reply(200, {"now": sandbox.now().isoformat()})
    if route == "/faults":
        if method == "GET":
            return json_reply(200, {"faults": [fault.to_json() for fault in sandbox.faults.active()]})
        if method == "DELETE":
            sandbox.clear_faults()
            return json_reply(200, {"faults": []})
        if method == "POST":
            kind = payload.get("kind")
            if not isinstance(kind, str):
                raise ValueError("kind is required")
            options = {name: _typed(payload, name, kind_of) for name, kind_of in _FAULT_FIELDS.items()}
            fault = sandbox.inject_fault(kind, **{k: v for k, v in options.items() if v is not None})
            return json_reply(201, fault.to_json())
    if route == "/knobs":
        if method == "POST":
            sandbox.set_knobs(**payload)
        if method == "DELETE":
            sandbox.reset_knobs()
        if method in {"GET", "POST", "DELETE"}:
            return json_reply(200, sandbox.knobs.to_json())
    if route == "/kill-token" and method == "POST":
        token, username, reason = payload.get("access_token"), payload.get("username"), payload.get("reason")
        if not isinstance(reason, str):
            raise ValueError("reason is required: removed, password_changed or checkpoint")
        if (
            not isinstance(token, str | None)
            or not isinstance(username, str | None)
            or not (token or username)
        ):
            raise ValueError("give access_token or username (text)")
        killed = sandbox.kill_tokens(reason=reason, token=token, username=username)
        return json_reply(200, {"killed_tokens": killed})
    if route == "/shape" and method == "POST":
        sandbox.set_shape(str(payload.get("shape", "")))
        return json_reply(200, {"shape": sandbox.shape})
    if route == "/personal-failure" and method == "POST":
        sandbox.set_personal_failure(str(payload.get("mode", "")))
        return json_reply(200, {"mode": sandbox.personal_failure})
    if route == "/redirect-uris" and method == "POST":
        uri = payload.get("uri")
        if not isinstance(uri, str):
            raise ValueError(
                "uri is required: the redirect URI to register, such as https://localhost:8765/callback/"
            )
        sandbox.register_redirect_uri(uri)  # RedirectRefused (a ValueError) says why, as a 400
        return json_reply(200, {"redirect_uris": list(sandbox.credentials.redirect_uris)})
    if route == "/redirect-policy" and method == "POST":
        allowed = payload.get("allow_http_localhost")
        if not isinstance(allowed, bool):
            raise ValueError("allow_http_localhost must be true or false")
        sandbox.set_allow_http_localhost(allowed)
        return json_reply(200, {"allow_http_localhost": sandbox.allow_http_localhost})
    if route == "/token-status" and method == "POST":
        token = payload.get("access_token")
        if not isinstance(token, str):
            raise ValueError("access_token is required")
        return json_reply(200, sandbox.token_status(token).to_json())
    if route == "/requests" and method == "GET":
        return json_reply(
            200, {"requests": sandbox.request_counts(), "revoked_tokens": sandbox.revoked_count()}
        )
    return _problem(404, "no such sandbox control")


def _problem(status: int, message: str) -> Reply:
    return json_reply(status, {"error": message})


def _number(payload: dict[str, Any], name: str) -> float:
    value = payload.get(name, 0)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number")
    return float(value)


def _typed(payload: dict[str, Any], name: str, kind: type) -> Any:
    value = payload.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, kind):
        raise ValueError(f"{name} must be {'a number' if kind is int else 'text'}")
    return value
