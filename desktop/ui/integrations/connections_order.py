"""Which connection rows show, and in what order: the search filter and the sort keys.

Plain Python over the model's summaries (no Qt calls per row). :class:`ConnectionsIndex` keeps what
filtering needs per row (one casefolded search text) and each sort order once computed, and it can
be built on the worker that read the listing: a keystroke is then one substring test per row (fewer
while the user types on), and a new listing reaches the GUI thread already sorted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import IntEnum

from desktop.core.views import STATUS_REVOCATION_PENDING, ConnectionSummary
from desktop.ui.integrations import connection_text as words

#: Keys of rows that are pending revocations rather than connections.
PENDING_PREFIX = "pending:"


class SortKey(IntEnum):
    USERNAME = 0
    STATUS = 1
    EXPIRY = 2


#: Accounts that need the user first when sorted by status.
_STATUS_ORDER = {"needs_reconnect": 0, "missing_permission": 1, "active": 2}
#: Sorts after every stored timestamp: accounts whose token never expires go last.
_FAR = "~"


def _matches(summary: ConnectionSummary, wanted: str, type_words: dict[str, str]) -> bool:
    if wanted in summary.username.casefold() or wanted in summary.account_type.casefold():
        return True
    if not summary.account_type:
        return False
    shown = type_words.get(summary.account_type)
    if shown is None:
        shown = type_words[summary.account_type] = words.account_type_text(summary.account_type).casefold()
    return wanted in shown


def ordered(summaries: Mapping[str, ConnectionSummary], wanted: str, sort: SortKey) -> list[str]:
    """The keys to show: those matching ``wanted`` (casefolded; "" for all), sorted by ``sort``.

    Pending revocations go last whatever the order; ties break on the username, then the key.
    """
    type_words: dict[str, str] = {}
    keys = [k for k, s in summaries.items() if not wanted or _matches(s, wanted, type_words)]

    def by_username(key: str) -> tuple[bool, str, str]:
        return key.startswith(PENDING_PREFIX), summaries[key].username.casefold(), key

    def by_status(key: str) -> tuple[int, str, str]:
        return _STATUS_ORDER.get(summaries[key].status, 3), summaries[key].username.casefold(), key

    def by_expiry(key: str) -> tuple[bool, str, str, str]:
        summary = summaries[key]
        return key.startswith(PENDING_PREFIX), summary.expires_at or _FAR, summary.username.casefold(), key

    if sort == SortKey.STATUS:
        keys.sort(key=by_status)
    elif sort == SortKey.EXPIRY:
        keys.sort(key=by_expiry)
    else:
        keys.sort(key=by_username)
    return keys


#: Between the parts of a row's search text: no search text (one line, stripped) can contain it.
_APART = "\x00"


def pending_summary(username: str, stamp: str = "") -> ConnectionSummary:
    """The row of a revocation still pending for an account no longer connected."""
    return ConnectionSummary(PENDING_PREFIX + username, username, "", STATUS_REVOCATION_PENDING, None, stamp)


def _search_text(summary: ConnectionSummary, type_words: dict[str, str]) -> str:
    """What the filter looks in (as :func:`_matches` does): username, type, and the type in words."""
    if not summary.account_type:
        return summary.username.casefold() + _APART
    shown = type_words.get(summary.account_type)
    if shown is None:
        shown = type_words[summary.account_type] = words.account_type_text(summary.account_type).casefold()
    return _APART.join((summary.username.casefold(), summary.account_type.casefold(), shown))


class ConnectionsIndex:
    """A listing's rows by key, with their search texts and sort orders, ready for the model.

    Built once per listing (on a worker when it comes from the store); a row removed from the
    model is :meth:`drop`-ped. Orders are computed on first use per sort key and kept.
    """

    def __init__(
        self, summaries: Iterable[ConnectionSummary], pending: Iterable[str] = (), *, presort: bool = True
    ) -> None:
        """``pending``: usernames with a revocation pending, listed unless still connected."""
        self.summaries: dict[str, ConnectionSummary] = {s.ig_user_id: s for s in summaries}
        connected = {s.username for s in self.summaries.values()}
        for username in pending:
            if username not in connected:
                self.summaries[PENDING_PREFIX + username] = pending_summary(username)
        type_words: dict[str, str] = {}
        self._search = {key: _search_text(s, type_words) for key, s in self.summaries.items()}
        self._orders: dict[SortKey, list[str]] = {}
        #: The last filtered order: typing on narrows it instead of searching every row again.
        self._last: tuple[SortKey, str, list[str]] | None = None
        if presort:
            self.order(SortKey.USERNAME)

    def order(self, sort: SortKey) -> list[str]:
        """Every key in ``sort``'s order (not a copy: do not change it)."""
        keys = self._orders.get(sort)
        if keys is None:
            keys = self._orders[sort] = ordered(self.summaries, "", sort)
        return keys

    def ordered(self, wanted: str, sort: SortKey) -> list[str]:
        """The keys matching ``wanted`` (casefolded, "" for all) in ``sort``'s order, as
        :func:`ordered` gives them."""
        everything = self.order(sort)
        if not wanted:
            return list(everything)
        source = everything
        last = self._last
        if last is not None and last[0] == sort and last[1] in wanted:
            source = last[2]  # every row matching the longer text matched the shorter one
        search = self._search
        found = [key for key in source if wanted in search[key]]
        self._last = (sort, wanted, found)
        return list(found)

    def drop(self, key: str) -> None:
        if self.summaries.pop(key, None) is None:
            return
        self._search.pop(key, None)
        for keys in self._orders.values():
            keys.remove(key)
        self._last = None
