"""Which connection rows show, and in what order: the search filter and the sort keys.

Plain Python over the model's summaries (no Qt calls per row), so filtering or re-sorting 10,000
accounts costs a few milliseconds on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum

from desktop.core.views import ConnectionSummary
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
