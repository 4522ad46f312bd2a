"""The sandbox's behaviour switches, each defaulting to the strictest reading of what Meta does.

Where Meta's docs and the wire disagree, or nobody has confirmed what Meta sends, the default is the
answer that is hardest on a client; the other values loosen it, or produce a shape that is known to
occur, so tests can prove the client copes with each. Knobs live in memory only: a restarted
sandbox is strict again.

==============================  =================================  ==================================
knob                            values (default first)             imitates
==============================  =================================  ==================================
``shape``                       observed, documented               answer shapes on the wire / in docs
``personal_failure``            account_type, dialog,              how a Personal account is refused:
                                dialog_denied, exchange            ``/me`` type, an error screen that
                                                                   never returns, a plain
                                                                   ``access_denied``, a bare exchange
                                                                   error
``revoke_answer``               unsupported, success_object,       ``DELETE /me/permissions``: Graph
                                bare_true, noop                    100, ``{"success":true}``, ``true``,
                                                                   or "success" that revokes nothing
``failed_exchange``             burns_code, keeps_code             a code after a failed exchange
``refresh_token``               new_string, same_string            what refresh hands back
``deny_redirect``               bare, with_state                   Cancel: no ``state``, no ``#_``; or
                                                                   both echoed
``call_budget``                 0 (off), N calls per hour          per-account rate limit
``budget_code``                 80002, 4                           the refusal past the budget
==============================  =================================  ==================================
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, fields, replace
from typing import Any

CHOICES: dict[str, tuple[str, ...]] = {
    "shape": ("observed", "documented"),
    "personal_failure": ("account_type", "dialog", "dialog_denied", "exchange"),
    "revoke_answer": ("unsupported", "success_object", "bare_true", "noop"),
    "failed_exchange": ("burns_code", "keeps_code"),
    "refresh_token": ("new_string", "same_string"),
    "deny_redirect": ("bare", "with_state"),
}
MAX_CALL_BUDGET = 1_000_000
BUDGET_CODES = (80002, 4)


@dataclass(frozen=True, slots=True)
class Knobs:
    shape: str = "observed"
    personal_failure: str = "account_type"
    revoke_answer: str = "unsupported"
    failed_exchange: str = "burns_code"
    refresh_token: str = "new_string"
    deny_redirect: str = "bare"
    #: Calls per account per rolling hour before Graph answers "rate limited"; 0 means no limit.
    call_budget: int = 0
    #: Graph code past the budget: 80002 (the account's limit) or 4 (the app's).
    budget_code: int = 80002

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


NAMES = tuple(f.name for f in fields(Knobs))


def validated(current: Knobs, changes: dict[str, Any]) -> Knobs:
    """``current`` with ``changes`` applied; raises ValueError naming the first bad field or value."""
    for name, value in changes.items():
        if name not in NAMES:
            raise ValueError(f"unknown knob {name!r}; knobs are {', '.join(NAMES)}")
        if name == "budget_code":
            if value not in BUDGET_CODES or isinstance(value, bool):
                raise ValueError("budget_code must be 80002 or 4")
        elif name == "call_budget":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_CALL_BUDGET:
                raise ValueError(f"call_budget must be a whole number from 0 to {MAX_CALL_BUDGET}")
        elif value not in CHOICES[name]:
            raise ValueError(f"{name} must be one of {', '.join(CHOICES[name])}")
    return replace(current, **changes)


class KnobBoard:
    """The live knobs, read by every request and changed by the control API."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._knobs = Knobs()

    @property
    def current(self) -> Knobs:
        with self._lock:
            return self._knobs

    def set(self, **changes: Any) -> Knobs:
        with self._lock:
            self._knobs = validated(self._knobs, changes)
            return self._knobs

    def reset(self) -> Knobs:
        with self._lock:
            self._knobs = Knobs()
            return self._knobs
