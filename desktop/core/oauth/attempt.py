"""What every connect attempt does around its provider's own steps, whichever provider it is.

An attempt wraps a :class:`PendingFlow`: it waits for the dialog's answer, runs the provider's
steps on it (Instagram: exchange, checks, store; Facebook: find the accounts), tells the browser's
waiting result page how that went, and tells its owner when it is over, however it ended. An
expired attempt says ``state_expired`` with the no-callback advice, since the answer never came.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from desktop.core.errors import NO_CALLBACK, SocialdeskError
from desktop.core.oauth.callback import CallbackResult
from desktop.core.oauth.flow import PendingFlow
from desktop.core.oauth.listener_routes import Outcome

T = TypeVar("T")


class FlowAttempt:
    """One dialog in progress; its methods may be called from any thread."""

    def __init__(self, flow: PendingFlow, on_ended: Callable[[FlowAttempt], None]) -> None:
        """``on_ended(attempt)`` runs once the attempt is over (it may run more than once)."""
        self._flow = flow
        self._on_ended = on_ended

    @property
    def start_url(self) -> str:
        """The link to open in the browser (the listener's trampoline; no secret in it)."""
        return self._flow.start_url

    @property
    def authorize_url(self) -> str:
        """The provider's dialog itself, for when the local link cannot be opened."""
        return self._flow.authorize_url

    @property
    def expires_at(self) -> datetime:
        return self._flow.expires_at

    @property
    def workspace_id(self) -> int:
        return self._flow.workspace_id

    @property
    def ended(self) -> bool:
        return self._flow.ended

    @property
    def stateless_error_seen(self) -> bool:
        """The browser reported the dialog closed, without the state that proves it; still pending."""
        return self._flow.stateless_error_seen

    @property
    def stateless_error_count(self) -> int:
        """How many such reports arrived; the user is asked about the first only."""
        return self._flow.stateless_error_count

    def on_stateless_error(self, handler: Callable[[], None]) -> None:
        """Call ``handler`` (on a listener thread) when the first such report arrives; the user decides.

        Later ones are only logged and counted, so a page that keeps sending them cannot keep asking.
        """
        self._flow.on_stateless_error(handler)

    def submit_pasted_url(self, text: str) -> None:
        """Use an address pasted from the browser as the answer; :meth:`wait` then finishes."""
        self._flow.submit_pasted_url(text)

    def cancel(self) -> None:
        self._flow.cancel()
        self._on_ended(self)

    def _complete(
        self,
        timeout: float | None,
        steps: Callable[[CallbackResult], T],
        outcome_of: Callable[[T], Outcome | None],
    ) -> T:
        """Wait for the answer, run ``steps`` on it, and tell the result page what came of it.

        Raises a SocialdeskError with a catalogue code, FlowCancelled after :meth:`cancel`, or
        TimeoutError when ``timeout`` passes first (the attempt goes on).
        """
        try:
            result = self._flow.wait(timeout)
        except SocialdeskError as error:
            if self._flow.ended:
                self._on_ended(self)
            if error.code == "state_expired":
                raise SocialdeskError("state_expired", NO_CALLBACK) from None
            raise
        except BaseException:
            if self._flow.ended:
                self._on_ended(self)
            raise
        # The browser's result page waits for this outcome, so it tells the truth.
        outcome: Outcome | None = None
        try:
            done = steps(result)
            outcome = outcome_of(done)
            return done
        except SocialdeskError as error:
            outcome = Outcome(code=error.code)
            raise
        except Exception:
            outcome = Outcome(code="internal_error")
            raise
        finally:
            self._flow.finish(outcome)
            self._on_ended(self)
