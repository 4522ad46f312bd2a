"""One connect attempt, from the link the user opens to Instagram's answer.

A :class:`PendingFlow` owns a connect session and, usually, a loopback listener. Its answer comes
from the listener or from an address the user pasted, whichever is first; the flow also ends when
the user cancels or the session expires. However it ends, the listener stops and the port is free
again before :meth:`PendingFlow.wait` returns. Waiting blocks on a condition and checks the injected
clock only now and then, so expiry can be tested by moving a manual clock.
"""

from __future__ import annotations

import hmac
import logging
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Literal

from desktop.core.errors import SocialdeskError
from desktop.core.i18n import N_
from desktop.core.oauth.callback import CallbackResult, parse_callback_url
from desktop.core.oauth.http_wire import WireLimits
from desktop.core.oauth.listener import LoopbackListener, Outcome
from desktop.core.oauth.redirect_uri import RedirectUri
from desktop.core.oauth.session import ConnectSession, ConnectSessions

log = logging.getLogger(__name__)

#: How long the listener keeps serving after the callback so the browser can load the result page.
DEFAULT_LANDING_GRACE = 3.0

_Ending = Literal["answered", "cancelled", "expired"]


class FlowCancelled(Exception):
    """The user cancelled the connect attempt in Socialdesk."""


class PendingFlow:
    """A connect attempt waiting for Instagram's answer; start one with :meth:`begin`."""

    def __init__(
        self,
        sessions: ConnectSessions,
        session: ConnectSession,
        *,
        redirect_uri: str,
        authorize_url: str,
        check_interval: float = 1.0,
        landing_grace: float = DEFAULT_LANDING_GRACE,
        outcome_wait: float | None = None,
    ) -> None:
        self._sessions = sessions
        self._session = session
        self._redirect_uri = RedirectUri.parse(redirect_uri).uri
        self._authorize_url = authorize_url
        self._check_interval = check_interval
        self._landing_grace = landing_grace
        self._outcome_wait = outcome_wait
        self._outcome_reported = threading.Event()
        self._listener: LoopbackListener | None = None
        self._cond = threading.Condition()
        self._ending: _Ending | None = None
        self._result: CallbackResult | None = None
        self._closer: threading.Thread | None = None
        self._closer_started = threading.Event()
        self._stateless_errors = 0
        self._stateless_handlers: list[Callable[[], None]] = []

    @classmethod
    def begin(
        cls,
        sessions: ConnectSessions,
        workspace_id: int,
        *,
        redirect_uri: str,
        authorize_url_for: Callable[[ConnectSession], str],
        listen: bool = True,
        limits: WireLimits | None = None,
        check_interval: float = 1.0,
        landing_grace: float = DEFAULT_LANDING_GRACE,
        tls: Callable[[], ssl.SSLContext] | None = None,
        outcome_wait: float | None = None,
    ) -> PendingFlow:
        """Create the session and, with ``listen``, start the loopback listener for it.

        ``tls`` gives the listener's server context for an ``https://`` redirect URI.

        Without ``listen`` (a redirect URI that cannot be served locally) the answer can only be
        pasted, and :attr:`start_url` is the authorize URL itself. Raises ``port_in_use`` or
        ``app_misconfigured``; then nothing is left behind.

        With ``outcome_wait``, the browser's result page waits that long for :meth:`finish` to say
        how the connection ended; the caller must then call :meth:`finish` after :meth:`wait`.
        """
        RedirectUri.parse(redirect_uri)
        session = sessions.new(workspace_id)
        try:
            flow = cls(
                sessions,
                session,
                redirect_uri=redirect_uri,
                authorize_url=authorize_url_for(session),
                check_interval=check_interval,
                landing_grace=landing_grace,
                outcome_wait=outcome_wait,
            )
            if listen:
                listener = LoopbackListener(
                    redirect_uri,
                    sessions,
                    on_callback=flow._deliver,
                    authorize_url_for=lambda _session: flow.authorize_url,
                    owns=flow._owns,
                    limits=limits,
                    tls=tls,
                    outcome_wait=outcome_wait,
                    on_stateless_error=flow._stateless_error,
                )
                listener.start()
                flow._listener = listener
        except BaseException:
            sessions.cancel(session.state)
            raise
        return flow

    @property
    def state(self) -> str:
        return self._session.state

    @property
    def session(self) -> ConnectSession:
        return self._session

    @property
    def workspace_id(self) -> int:
        return self._session.workspace_id

    @property
    def created_at(self) -> datetime:
        return self._session.created_at

    @property
    def expires_at(self) -> datetime:
        return self._session.expires_at

    @property
    def authorize_url(self) -> str:
        return self._authorize_url

    @property
    def start_url(self) -> str:
        """What to open in the browser and show with a Copy button."""
        if self._listener is None:
            return self._authorize_url
        return self._listener.start_url(self._session.state)

    @property
    def listening(self) -> bool:
        return self._listener is not None and self._listener.running

    @property
    def ended(self) -> bool:
        with self._cond:
            return self._ending is not None

    @property
    def stateless_error_seen(self) -> bool:
        """The browser brought an error without this flow's state; the flow goes on regardless.

        Meta's Cancel may come back like that, but so can a forged page load from any web site, so
        only the user may end the flow on it (:meth:`cancel`).
        """
        with self._cond:
            return self._stateless_errors > 0

    @property
    def stateless_error_count(self) -> int:
        """How many error reports without state arrived; only the first one is passed on."""
        with self._cond:
            return self._stateless_errors

    def on_stateless_error(self, handler: Callable[[], None]) -> None:
        """Call ``handler`` (on a listener thread) for the first error report without state.

        Anything that can reach the loopback port can send such reports, so the user is asked once
        per attempt; the ones after it are logged and counted (:attr:`stateless_error_count`).
        """
        with self._cond:
            self._stateless_handlers.append(handler)

    def time_left(self) -> timedelta:
        return self._session.time_left(self._sessions.clock.now())

    def wait(self, timeout: float | None = None) -> CallbackResult:
        """Block until Instagram's answer (a code or an error such as ``access_denied``) arrives.

        Raises ``state_expired`` when the session expires first, :class:`FlowCancelled` after
        :meth:`cancel`, and ``TimeoutError`` when ``timeout`` seconds pass first (the flow goes on).
        """
        give_up = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._ending is None:
                now = self._sessions.clock.now()
                if self._session.is_expired(now):
                    self._end_locked("expired")
                    break
                pause = min(self._check_interval, self._session.time_left(now).total_seconds())
                if give_up is not None:
                    left = give_up - time.monotonic()
                    if left <= 0:
                        raise TimeoutError("no answer from Instagram yet")
                    pause = min(pause, left)
                self._cond.wait(max(pause, 0.001))
            ending, result = self._ending, self._result
        if ending == "answered" and result is not None:
            if self._outcome_wait is None:
                self._release_listener()
            return result
        self._release_listener()
        if ending == "cancelled":
            raise FlowCancelled()
        raise SocialdeskError("state_expired")

    def submit_pasted_url(self, text: str) -> CallbackResult:
        """Take Instagram's answer from an address the user pasted; this ends the flow.

        Raises ``invalid_callback`` for text that is not such an address (the flow goes on) and
        ``state_expired`` when it belongs to another attempt or this one has ended.
        """
        result = parse_callback_url(text, self._redirect_uri)
        if result.state is None:
            result = replace(result, state=self._session.state)  # an error redirect without state
        elif not self._owns_state(result.state):
            raise SocialdeskError(
                "state_expired", N_("the pasted address belongs to another connect attempt")
            )
        with self._cond:
            if self._ending is not None:
                raise SocialdeskError("state_expired", N_("this connect attempt has already ended"))
            refused: SocialdeskError | None = None
            try:
                self._sessions.consume(self._session.state)
            except SocialdeskError as error:
                refused = error
                if self._session.is_expired(self._sessions.clock.now()):
                    self._end_locked("expired")
            else:
                self._ending, self._result = "answered", result
                self._cond.notify_all()
        if refused is not None:
            if self.ended:
                self._release_listener()  # the attempt is over: its port is free again
            raise refused
        log.info("Instagram's answer was pasted: %s", "a code" if result.code is not None else result.error)
        self._release_listener()
        return result

    def finish(self, outcome: Outcome | None) -> None:
        """How the connection ended after the answer; the browser is told, then the listener stops.

        Returns once the port is free (after the browser has its page, or the landing grace).
        """
        listener = self._listener
        if listener is not None:
            listener.report_outcome(outcome)
        self._outcome_reported.set()
        self._release_listener()

    def cancel(self) -> None:
        """End the attempt: the state is retired, the listener stops, :meth:`wait` raises FlowCancelled."""
        with self._cond:
            if self._ending is None:
                self._end_locked("cancelled")
        self.finish(None)

    def close(self) -> None:
        """Cancel unless already ended, and make sure the listener is stopped."""
        self.cancel()

    def __enter__(self) -> PendingFlow:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"PendingFlow(workspace_id={self.workspace_id!r}, expires_at={self.expires_at.isoformat()})"

    def _owns(self, session: ConnectSession) -> bool:
        return self._owns_state(session.state)

    def _owns_state(self, state: str) -> bool:
        if not state.isascii():
            return False
        return hmac.compare_digest(state.encode("ascii"), self._session.state.encode("ascii"))

    def _end_locked(self, ending: _Ending) -> None:
        self._ending = ending
        self._sessions.cancel(self._session.state)
        self._cond.notify_all()
        log.info("connect attempt ended: %s", ending)

    def _deliver(self, result: CallbackResult) -> None:
        """The listener's callback (on a listener thread): record the answer and schedule the stop."""
        with self._cond:
            if self._ending is not None:
                return
            self._ending, self._result = "answered", result
            listener = self._listener
            closer = None
            if listener is not None:
                # The listener cannot stop itself from its own thread; a helper stops it once the
                # browser has its result page (or the grace period is over).
                closer = threading.Thread(
                    target=self._stop_after_landing,
                    args=(listener,),
                    name="socialdesk-listener-close",
                    daemon=True,
                )
                self._closer = closer
            self._cond.notify_all()
        if closer is not None:
            # Started after the waiter is woken: starting a thread waits for it to run, and the
            # waiter has the token exchange to get on with meanwhile.
            try:
                closer.start()
            except RuntimeError:  # no thread to be had: whoever releases the listener stops it
                with self._cond:
                    self._closer = None
                log.warning("could not start the listener's closer; it stops when the attempt ends")
            finally:
                self._closer_started.set()

    def _stateless_error(self, _session: ConnectSession) -> None:
        """The listener's report of an error without state: counted, the first passed on, nothing ends."""
        with self._cond:
            if self._ending is not None:
                return
            self._stateless_errors += 1
            count = self._stateless_errors
            handlers = list(self._stateless_handlers) if count == 1 else []
            self._cond.notify_all()
        if count > 1:
            log.info("another error answer without state (%d in this attempt); not asked again", count)
        for handler in handlers:
            try:
                handler()
            except Exception as exc:
                log.error("a handler of an error answer without state failed (%s)", type(exc).__name__)

    def _stop_after_landing(self, listener: LoopbackListener) -> None:
        if self._outcome_wait is not None:
            # The result page waits for the outcome; keep serving until it is known (bounded).
            self._outcome_reported.wait(self._outcome_wait + self._landing_grace)
        listener.wait_landing_served(self._landing_grace)
        listener.stop()

    def _release_listener(self) -> None:
        with self._cond:
            closer, listener = self._closer, self._listener
        if closer is not None:
            self._closer_started.wait()  # it is made under the lock, started just after
            with self._cond:
                closer = self._closer  # None when it could not start
        if closer is not None:
            closer.join()
        elif listener is not None:
            listener.stop()
