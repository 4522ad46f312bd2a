"""What the listener answers to each request: the start trampoline, the callback, the last pages.

It trusts nothing: only GET, only with the expected ``Host`` (which defeats DNS rebinding), no body,
and a callback only on the exact callback path with a known, unexpired, unused state that this
listener answers for. Everything else gets a 404 and the flow goes on. The callback answers 303 to
``/done``, ``/cancelled`` or ``/error``, so no code stays in the address bar or the history.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from http import HTTPStatus
from urllib.parse import parse_qsl

from desktop.core.errors import SocialdeskError
from desktop.core.oauth.callback import CallbackResult, parse_callback_query
from desktop.core.oauth.http_wire import Request
from desktop.core.oauth.listener_responses import Response
from desktop.core.oauth.pages import Page, Pages
from desktop.core.oauth.redirect_uri import RedirectUri
from desktop.core.oauth.session import ConnectSession, ConnectSessions

log = logging.getLogger("desktop.core.oauth.listener")

START_PATH = "/start"
DONE_PATH = "/done"
CANCELLED_PATH = "/cancelled"
ERROR_PATH = "/error"
#: The only words shown for an error answer that came without the flow's state.
STATELESS_ERROR_TEXT = (
    "Socialdesk received an error that it could not match to your connect attempt, so it shows none "
    "of its words. Go back to Socialdesk: it asks you there whether to stop connecting."
)
RESERVED_PATHS = frozenset({START_PATH, DONE_PATH, CANCELLED_PATH, ERROR_PATH})


@dataclass(frozen=True, slots=True)
class Outcome:
    """How the connect ended after Instagram's answer, for the browser's last page.

    ``username`` (and ``workspace``) when the account was connected, else the catalogue ``code``.
    """

    username: str = ""
    workspace: str = ""
    code: str = ""


def is_top_level_navigation(request: Request) -> bool:
    """A browser loading the page in its window (Fetch Metadata), not a sub-resource or a script."""
    return request.header("sec-fetch-mode") == "navigate" and request.header("sec-fetch-dest") == "document"


class ListenerRoutes:
    """Routes requests and keeps what the last pages need: where the callback landed, the outcome."""

    def __init__(
        self,
        redirect: RedirectUri,
        sessions: ConnectSessions,
        pages: Pages,
        *,
        on_callback: Callable[[CallbackResult], None],
        authorize_url_for: Callable[[ConnectSession], str],
        owns: Callable[[ConnectSession], bool],
        on_stateless_error: Callable[[ConnectSession], None] | None,
        outcome_wait: float | None,
    ) -> None:
        self._redirect = redirect
        self._sessions = sessions
        self._pages = pages
        self._on_callback = on_callback
        self._authorize_url_for = authorize_url_for
        self._owns = owns
        self._on_stateless_error = on_stateless_error
        self._outcome_wait = outcome_wait
        self._lock = threading.Lock()
        self._landing: str | None = None
        self._landing_description: str | None = None
        self._outcome: Outcome | None = None
        self._outcome_known = threading.Event()

    def report_outcome(self, outcome: Outcome | None) -> None:
        """The connect's final result (None: it ended some other way); the waiting page shows it."""
        with self._lock:
            self._outcome = outcome
        self._outcome_known.set()

    def release_waiting_pages(self) -> None:
        """A result page still waiting for the outcome says "finishing" and goes out."""
        self._outcome_known.set()

    def route(self, request: Request) -> Response:
        host = request.header("host")
        if host is None or host.lower() != self._redirect.host_header:
            return Response(HTTPStatus.NOT_FOUND, self._pages.not_found())
        if request.header_values("transfer-encoding") or request.header("content-length") not in (None, "0"):
            return Response(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        if request.method != "GET":
            return Response(HTTPStatus.NOT_FOUND, self._pages.not_found())
        if request.path == START_PATH:
            return self._start_route(request.query)
        if request.path == self._redirect.path:
            return self._callback_route(request)
        if request.path in (DONE_PATH, CANCELLED_PATH, ERROR_PATH):
            return self._landing_route(request.path)
        return Response(HTTPStatus.NOT_FOUND, self._pages.not_found())

    def _start_route(self, query: str) -> Response:
        try:
            states = [value for name, value in parse_qsl(query, max_num_fields=8) if name == "state"]
        except ValueError:
            states = []
        session = self._sessions.peek(states[0]) if len(states) == 1 else None
        if session is None or not self._owns(session):
            return Response(HTTPStatus.NOT_FOUND, self._pages.link_expired())
        try:
            location = self._authorize_url_for(session)
        except Exception as exc:
            log.error("could not build the authorize URL (%s)", type(exc).__name__)
            return Response(HTTPStatus.INTERNAL_SERVER_ERROR, self._pages.neutral())
        if any(ch in location for ch in "\r\n") or not location.startswith(("https://", "http://")):
            log.error("the authorize URL is not an http(s) address; not redirecting")
            return Response(HTTPStatus.INTERNAL_SERVER_ERROR, self._pages.neutral())
        return Response(HTTPStatus.SEE_OTHER, location=location)

    def _callback_route(self, request: Request) -> Response:
        stray = Response(HTTPStatus.NOT_FOUND, self._pages.neutral())
        try:
            result = parse_callback_query(request.query)
        except SocialdeskError:
            return stray
        if result.state is not None:
            session = self._sessions.peek(result.state)
        elif result.error is not None and is_top_level_navigation(request):
            return self._stateless_error_route(stray)
        else:
            session = None
        if session is None or not self._owns(session):
            return stray
        try:
            session = self._sessions.consume(session.state)
        except SocialdeskError:
            return stray  # used by a concurrent request or expired this instant
        result = replace(result, state=session.state)
        if result.denied and result.error_reason in (None, "user_denied"):
            landing = CANCELLED_PATH
        elif result.error is not None:
            landing = ERROR_PATH
        else:
            landing = DONE_PATH
        log.info("Instagram's answer arrived: %s", "a code" if result.code is not None else result.error)
        try:
            self._on_callback(result)
        except Exception as exc:
            log.error("handling Instagram's answer failed (%s)", type(exc).__name__)
            return Response(HTTPStatus.INTERNAL_SERVER_ERROR, self._pages.neutral(), lands=True)
        with self._lock:
            self._landing = landing
            self._landing_description = result.error_description
        return Response(HTTPStatus.SEE_OTHER, location=landing)

    def _stateless_error_route(self, stray: Response) -> Response:
        """An error redirect without state, from a page the browser navigated to.

        Meta may leave state out of an error redirect (its Cancel may), but any web page can send the
        same. So it ends nothing: the one pending flow it could mean is told, and its owner asks the
        user. None of its words are kept or shown, here or in the app.
        """
        pending = self._sessions.pending()
        session = pending[0] if len(pending) == 1 else None
        if session is None or not self._owns(session) or self._on_stateless_error is None:
            return stray
        log.info("an error answer without state arrived; the connect attempt goes on")
        try:
            self._on_stateless_error(session)
        except Exception as exc:
            log.error("reporting an error answer without state failed (%s)", type(exc).__name__)
        return Response(HTTPStatus.OK, self._pages.error(STATELESS_ERROR_TEXT))

    def _landing_route(self, path: str) -> Response:
        with self._lock:
            landing, description = self._landing, self._landing_description
        if landing != path:
            return Response(HTTPStatus.NOT_FOUND, self._pages.neutral())
        if path == DONE_PATH:
            page = self._result_page()
        elif path == CANCELLED_PATH:
            page = self._pages.cancelled()
        else:
            page = self._pages.error(description)
        return Response(HTTPStatus.OK, page, lands=True)

    def _result_page(self) -> Page:
        """The truth once it is known: connected, or why not; past the wait, "finishing"."""
        if self._outcome_wait is not None:
            self._outcome_known.wait(self._outcome_wait)
        with self._lock:
            outcome = self._outcome
        if outcome is None:
            return self._pages.finishing()
        if outcome.username:
            return self._pages.done(outcome.username, outcome.workspace)
        return self._pages.failed(outcome.code)
