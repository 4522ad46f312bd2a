"""What each row of the connections list says, worked out once and kept until its data changes.

A connection's words come from its full view and the time "expires in" is counted from; a pending
revocation's from its state (still retried, remove by hand, gave up) and the way the account was
connected (Instagram or Facebook Login). Anything that changes them drops the kept words of just
the rows concerned.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from desktop.core.views import ConnectionView
from desktop.ui.integrations import connection_text as words
from desktop.ui.integrations.connection_text import RowText
from desktop.ui.integrations.connections_order import PENDING_PREFIX


class RowWords:
    def __init__(self) -> None:
        self._texts: dict[str, RowText] = {}
        self._now: datetime | None = None
        #: Pending revocations by username: their state and how the account was connected.
        self._states: dict[str, str] = {}
        self._vias: dict[str, str] = {}

    def set_now(self, now: datetime) -> bool:
        """Count from ``now``; True when a new day began and every row's words were dropped."""
        new_day = self._now is not None and self._now.date() != now.date()
        self._now = now
        if new_day:
            self._texts.clear()
        return new_day

    def set_revocations(self, states: dict[str, str], vias: dict[str, str]) -> set[str]:
        """New states of the pending revocations; the keys of the rows whose words changed."""
        if states == self._states and vias == self._vias:
            return set()
        changed = set(states.items()) ^ set(self._states.items())
        changed |= set(vias.items()) ^ set(self._vias.items())
        self._states, self._vias = dict(states), dict(vias)
        keys = {PENDING_PREFIX + username for username, _value in changed}
        for key in keys:
            self._texts.pop(key, None)
        return keys

    def revocation_state(self, username: str) -> str:
        return self._states.get(username, "pending")

    def forget(self, key: str) -> None:
        self._texts.pop(key, None)

    def forget_all(self) -> None:
        self._texts.clear()

    def text(self, key: str, username: str, view: Callable[[], ConnectionView | None]) -> RowText | None:
        """The row's words; None while its full ``view()`` has not arrived (or no time is set)."""
        text = self._texts.get(key)
        if text is not None:
            return text
        if key.startswith(PENDING_PREFIX):
            text = words.pending_row_text(
                username, self.revocation_state(username), self._vias.get(username, "instagram")
            )
        else:
            shown = view()
            if shown is None or self._now is None:
                return None
            text = words.row_text(shown, self._now)
        self._texts[key] = text
        return text
