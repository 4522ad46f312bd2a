"""The sandbox Instagram's token checks: Meta's reasons a token no longer works, and the call budget
a passing call is counted against."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

from desktop.core.clock import Clock
from desktop.core.sandbox.budget import MESSAGES as BUDGET_MESSAGES
from desktop.core.sandbox.budget import CallBudget
from desktop.core.sandbox.knobs import Knobs
from desktop.core.sandbox.replies import Reply, graph_error
from desktop.core.sandbox.state import SandboxState, fingerprint
from desktop.core.sandbox.state_records import TokenRecord

CANNOT_PARSE = "Invalid OAuth access token - Cannot parse access token"
SUBCODE_APP_REMOVED = 458
SUBCODE_EXPIRED = 463
#: ``/_sandbox/kill-token`` reasons and the Graph 190 subcode each leaves on the token for good.
KILL_SUBCODES = {"removed": 458, "password_changed": 460, "checkpoint": 459}
KILL_MESSAGES = {
    458: "Error validating access token: The user has not authorized application.",
    459: "Error validating access token: You cannot access the app till you log in to www.instagram.com "
    "and follow the instructions given.",
    460: "Error validating access token: The session has been invalidated because the user changed "
    "their password or Facebook has changed the session for security reasons.",
}


class TokenChecks:
    """What :class:`~desktop.core.sandbox.provider.SandboxProvider` holds, and its token rules."""

    _state: SandboxState
    _clock: Clock
    _picture_base_url: Callable[[], str]
    _lock: threading.RLock
    _usage_headers: dict[int, dict[str, str]]
    budget: CallBudget

    @property
    def _knobs(self) -> Knobs:
        raise NotImplementedError

    def _authenticate(self, token: str | None) -> TokenRecord | Reply:
        """The live token record, or Meta's refusal; a call that passes counts against the budget."""
        record = self._check_token(token)
        if isinstance(record, Reply):
            return record
        budget = self._knobs.call_budget
        if budget:
            usage = self.budget.spend(record.user_id, budget, self._clock.now())
            if usage.exhausted:
                code = self._knobs.budget_code
                reply = graph_error(400 if code == 4 else 403, code, BUDGET_MESSAGES[code], is_transient=True)
                reply.headers.update(usage.headers(record.user_id))
                return reply
            self._usage_headers[threading.get_ident()] = usage.headers(record.user_id)
        return record

    def take_usage_headers(self) -> dict[str, str]:
        """The usage headers of the call this thread just made (empty without a budget)."""
        return self._usage_headers.pop(threading.get_ident(), {})

    def _check_token(self, token: str | None) -> TokenRecord | Reply:
        if not token:
            return graph_error(
                400, 2500, "An active access token must be used to query information about the current user."
            )
        record = self._state.tokens.get(fingerprint(token))
        if record is None or record.client_id != self._state.app.client_id:
            return graph_error(400, 190, CANNOT_PARSE)
        if record.killed_subcode is not None:
            return graph_error(400, 190, KILL_MESSAGES[record.killed_subcode], subcode=record.killed_subcode)
        if record.revoked_at is not None:
            return graph_error(
                400,
                190,
                f"Error validating access token: The user has not authorized application {record.client_id}.",
                subcode=SUBCODE_APP_REMOVED,
            )
        now = self._clock.now()
        if now >= record.expires_at:
            return graph_error(
                400,
                190,
                f"Error validating access token: Session has expired on {graph_time(record.expires_at)}. "
                f"The current time is {graph_time(now)}.",
                subcode=SUBCODE_EXPIRED,
            )
        return record


def graph_time(when: datetime) -> str:
    return when.strftime("%A, %d-%b-%y %H:%M:%S UTC")
