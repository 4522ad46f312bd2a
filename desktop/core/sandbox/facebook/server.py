"""The Facebook half on its own loopback origin: www.facebook.com's dialog and graph.facebook.com.

Requests are counted and faults applied per endpoint as on the Instagram half, and its clock is the
one handed in (the Instagram half's, in the app), so "advance 61 days" moves both halves at once.
The control API lives under ``/_sandbox/`` of this origin:

=====================================  ==========================================================
``GET /_sandbox``                      base URL, client id, redirect URIs, shape, people and Pages
``GET|POST /_sandbox/clock``           ``{"days": 61}``: moves the clock shared with the Instagram half
``GET|POST|DELETE /_sandbox/faults``   as on the Instagram half, with this half's endpoint names
``POST /_sandbox/shape``               ``{"shape": "documented" | "observed"}``
``POST /_sandbox/development-mode``    ``{"enabled": true}``: also accept http redirect URIs
``POST /_sandbox/page-size``           ``{"size": 2}``: the most items per page of a list
``POST /_sandbox/redirect-uris``       ``{"uri": "https://localhost:8765/callback/"}``
``POST /_sandbox/person-event``        ``{"person": "maria.agency", "event": "password_changed"
                                       | "app_removed" | "role_removed", "page": "PAGE_ID"}``
``POST /_sandbox/token-status``        ``{"access_token": "EAASBX…"}``
``GET /_sandbox/requests``             requests seen per endpoint, tokens revoked
``GET /_sandbox/media/<username>.png`` the Instagram account's profile picture
=====================================  ==========================================================
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from desktop.core.clock import Clock, SystemClock
from desktop.core.facebook.endpoints import FacebookEndpoints
from desktop.core.sandbox.consent import render_error, stylesheet
from desktop.core.sandbox.facebook import people
from desktop.core.sandbox.facebook.browser_session import session_from_header
from desktop.core.sandbox.facebook.provider import FacebookProvider
from desktop.core.sandbox.facebook.state import FacebookState
from desktop.core.sandbox.faults import Fault, FaultPlan
from desktop.core.sandbox.http_host import HostServer, bind
from desktop.core.sandbox.picture import identicon_png
from desktop.core.sandbox.replies import Reply, graph_error, html_reply, json_reply
from desktop.core.sandbox.state import new_client_secret
from desktop.core.secrets import SecretStr
from desktop.core.settings import DEFAULT_GRAPH_VERSION

log = logging.getLogger(__name__)

#: The JSON endpoints, named without host and version; ids become ``{id}``.
API_ENDPOINTS = (
    "/oauth/access_token",
    "/me",
    "/me/permissions",
    "/me/accounts",
    "/me/businesses",
    "/{id}/owned_pages",
    "/{id}/client_pages",
    "/{id}",
    "/{id}/permissions",
)
TARGETABLE = (*API_ENDPOINTS, "/dialog/oauth", "/_sandbox/media")
_BANNER = "FacebookSandbox/1.0"
_VERSION_RE = re.compile(r"^/v\d+(?:\.\d+)?(?=/)")


def endpoint_of(path: str) -> str:
    """``/v25.0/1784…/permissions`` → ``/{id}/permissions``."""
    path = _VERSION_RE.sub("", path) or "/"
    if path.startswith("/_sandbox/media/"):
        return "/_sandbox/media"
    parts = ["{id}" if part.isdigit() else part for part in path.strip("/").split("/")]
    return "/" + "/".join(parts)


class FacebookSandbox:
    def __init__(
        self,
        state_dir: Path,
        *,
        clock: Clock | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        redirect_uris: Sequence[str] = (),
        client_secret: SecretStr | None = None,
        graph_version: str = DEFAULT_GRAPH_VERSION,
        development_mode: bool = False,
        advance_clock: Callable[[timedelta], object] | None = None,
    ) -> None:
        """``advance_clock`` moves the shared clock (the Instagram half's) for ``/_sandbox/clock``."""
        self._clock: Clock = clock or SystemClock()
        self._advance = advance_clock or getattr(self._clock, "advance", None)
        self._version = graph_version
        self._provider = FacebookProvider(
            FacebookState.load_or_create(Path(state_dir)), self._clock, lambda: self.base_url, graph_version
        )
        self._provider.development_mode = development_mode
        self._client_secret = client_secret if client_secret else SecretStr(new_client_secret())
        self._provider.set_client_secret(self._client_secret.reveal())
        for uri in redirect_uris:
            self._provider.register_redirect_uri(uri)
        self.faults = FaultPlan(api_endpoints=API_ENDPOINTS, targetable=TARGETABLE)
        self._requests: Counter[str] = Counter()
        self._requests_lock = threading.Lock()
        self._host = host
        self._port = port
        self._server: HostServer | None = None
        self._stopping = threading.Event()

    # -- lifecycle --------------------------------------------------------------------------------

    def start(self) -> FacebookSandbox:
        if self._server is not None:
            return self
        self._server = bind(self._host, self._port, self._handle, banner=_BANNER, label="facebook")
        self._stopping.clear()
        self._server.serve_in_thread()
        log.info("Facebook sandbox listening on %s", self.base_url)
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping.set()
        server.halt()

    def __enter__(self) -> FacebookSandbox:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the sandbox is not running")
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"http://{host}:{self._server.port}"

    def endpoints(self) -> FacebookEndpoints:
        return FacebookEndpoints(self.base_url, self.base_url, self._version, provider="sandbox-facebook")

    @property
    def client_id(self) -> str:
        return self._provider.client_id

    @property
    def client_secret(self) -> SecretStr:
        return self._client_secret

    @property
    def provider(self) -> FacebookProvider:
        return self._provider

    def register_redirect_uri(self, uri: str) -> None:
        self._provider.register_redirect_uri(uri)

    def inject_fault(self, kind: str, **options: Any) -> Fault:
        return self.faults.add(kind, **options)

    def request_count(self, endpoint: str) -> int:
        with self._requests_lock:
            return self._requests[endpoint_of(endpoint)]

    def describe(self) -> dict[str, Any]:
        return {
            "base_url": self.base_url,
            "client_id": self.client_id,
            "redirect_uris": list(self._provider.redirect_uris),
            "graph_version": self._version,
            "shape": self._provider.shape,
            "development_mode": self._provider.development_mode,
            "page_size": self._provider.page_size,
            "now": self._clock.now().isoformat(),
            "people": [
                {
                    "handle": person.handle,
                    "user_id": person.user_id,
                    "pages": [
                        {
                            "id": page.page_id,
                            "name": page.name,
                            "instagram": page.linked.username if page.linked else None,
                            "direct": page in person.pages,
                        }
                        for page in person.all_pages
                    ],
                }
                for person in people.PEOPLE
            ],
        }

    # -- requests ---------------------------------------------------------------------------------

    def _handle(
        self, method: str, path: str, query: dict[str, list[str]], body: bytes, headers: dict[str, str]
    ) -> Reply:
        endpoint = endpoint_of(path)
        with self._requests_lock:
            self._requests[endpoint] += 1
        if path == "/_sandbox" or path.startswith("/_sandbox/"):
            return self._control(method, path, body, headers.get("content-type", ""))
        latency_ms, fault = self.faults.take(endpoint)
        if latency_ms and self._stopping.wait(latency_ms / 1000):
            return Reply(0, drop=True)
        if fault is not None:
            return self._fault_reply(fault, endpoint)
        form: dict[str, list[str]] = {}
        if (
            headers.get("content-type", "").split(";")[0].strip().lower()
            == "application/x-www-form-urlencoded"
        ):
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        versioned = _VERSION_RE.match(path) is not None
        bare = _VERSION_RE.sub("", path)
        if endpoint == "/dialog/oauth":
            session_id = session_from_header(headers.get("cookie", ""))
            if method in {"GET", "HEAD"}:
                return self._provider.dialog_page(query, session_id)
            if method == "POST":
                return self._provider.dialog_decide(form, session_id)
        if not versioned:
            return graph_error(
                400, 2500, "Unknown path components: an API version such as /v25.0 is required"
            )
        params = {**query, **form}
        if endpoint == "/oauth/access_token" and method in {"GET", "POST"}:
            return self._provider.access_token(params)
        if method in {"GET", "HEAD"}:
            return self._provider.graph_get(bare, params)
        if method == "DELETE":
            return self._provider.delete_permissions(bare, params)
        return graph_error(400, 100, f"Unsupported {method.lower()} request.")

    def _fault_reply(self, fault: Fault, endpoint: str) -> Reply:
        if fault.kind == "drop":
            return Reply(0, drop=True)
        if endpoint == "/dialog/oauth":
            return html_reply(fault.status, render_error("Something went wrong", "Please try again later."))
        if fault.kind == "rate_limit":
            usage = {
                self.client_id: [
                    {
                        "type": "pages",
                        "call_count": 100,
                        "estimated_time_to_regain_access": fault.regain_minutes,
                    }
                ]
            }
            return graph_error(
                fault.status,
                fault.graph_code or 4,
                fault.message or "Application request limit reached",
                is_transient=True,
                headers={"X-Business-Use-Case-Usage": json.dumps(usage, separators=(",", ":"))},
            )
        if fault.kind == "error":
            return graph_error(
                fault.status,
                fault.graph_code or 190,
                fault.message or "An error occurred",
                subcode=fault.graph_subcode,
            )
        if fault.body == "html":
            return Reply(fault.status, b"<html><body><h1>Service Unavailable</h1></body></html>", "text/html")
        if fault.body == "empty":
            return Reply(fault.status, b"", "text/plain")
        return graph_error(
            fault.status, 2, fault.message or "An unexpected error has occurred.", is_transient=True
        )

    def _control(self, method: str, path: str, body: bytes, content_type: str) -> Reply:
        route = path.removeprefix("/_sandbox").rstrip("/") or "/"
        if method == "GET" and route == "/static/sandbox.css":
            return Reply(200, stylesheet(), "text/css; charset=utf-8", {"Cache-Control": "no-cache"})
        if method in {"GET", "HEAD"} and route.startswith("/media/") and route.endswith(".png"):
            account = next((a for a in people.ig_accounts() if f"/media/{a.username}.png" == route), None)
            if account is None:
                return json_reply(404, {"error": "no such picture"})
            return Reply(200, identicon_png(account.username, account.colour), "image/png")
        if method == "GET" and route == "/":
            return json_reply(200, self.describe())
        if method == "GET" and route == "/clock":
            return json_reply(200, {"now": self._clock.now().isoformat()})
        if method == "GET" and route == "/requests":
            with self._requests_lock:
                counts = dict(self._requests)
            return json_reply(200, {"requests": counts, "revoked_tokens": self._provider.revoked_count()})
        if method == "GET" and route == "/faults":
            return json_reply(200, {"faults": [f.to_json() for f in self.faults.active()]})
        if method == "DELETE" and route == "/faults":
            self.faults.clear()
            return json_reply(200, {"faults": []})
        if method != "POST":
            return json_reply(404, {"error": "no such sandbox control"})
        if content_type.split(";", maxsplit=1)[0].strip().lower() != "application/json":
            return json_reply(415, {"error": "send JSON (Content-Type: application/json)"})
        try:
            payload = json.loads(body or b"{}")
            if not isinstance(payload, dict):
                raise ValueError("the body must be a JSON object")
            return self._control_post(route, payload)
        except (ValueError, TypeError) as exc:
            return json_reply(400, {"error": str(exc)})

    def _control_post(self, route: str, payload: dict[str, Any]) -> Reply:
        provider = self._provider
        if route == "/clock":
            if self._advance is None:
                raise ValueError("this sandbox's clock cannot be moved")
            amounts = {name: payload.get(name, 0) for name in ("days", "hours", "minutes", "seconds")}
            if any(isinstance(v, bool) or not isinstance(v, int | float) for v in amounts.values()):
                raise ValueError("days, hours, minutes and seconds must be numbers")
            self._advance(timedelta(**{k: float(v) for k, v in amounts.items()}))
            return json_reply(200, {"now": self._clock.now().isoformat()})
        if route == "/faults":
            kind = payload.pop("kind", None)
            if not isinstance(kind, str):
                raise ValueError("kind is required")
            return json_reply(201, self.faults.add(kind, **payload).to_json())
        if route == "/shape":
            provider.set_shape(str(payload.get("shape", "")))
            return json_reply(200, {"shape": provider.shape})
        if route == "/development-mode":
            provider.development_mode = payload.get("enabled") is True
            return json_reply(200, {"development_mode": provider.development_mode})
        if route == "/page-size":
            size = payload.get("size")
            if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= 100:
                raise ValueError("size must be a whole number from 1 to 100")
            provider.page_size = size
            return json_reply(200, {"page_size": size})
        if route == "/redirect-uris":
            uri = payload.get("uri")
            if not isinstance(uri, str) or not uri.startswith(("http://", "https://")):
                raise ValueError("uri must be an http(s) URL")
            provider.register_redirect_uri(uri)
            return json_reply(200, {"redirect_uris": list(provider.redirect_uris)})
        if route == "/person-event":
            provider.person_event(
                str(payload.get("person", "")), str(payload.get("event", "")), str(payload.get("page", ""))
            )
            return json_reply(200, {"ok": True})
        if route == "/token-status":
            token = payload.get("access_token")
            if not isinstance(token, str):
                raise ValueError("access_token is required")
            return json_reply(200, provider.token_status(token))
        return json_reply(404, {"error": "no such sandbox control"})
