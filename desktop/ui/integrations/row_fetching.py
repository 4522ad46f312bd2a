"""Which connections' full views a list still needs, asked for a page at a time on a worker.

The view asks for rows as it paints them; the rows around one are gathered into a page and the
pages wanted in one event-loop turn go out as one fetch. A row asked for is not asked again until
it arrives, its page fails, or the listing changes under it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Slot

Fetch = Callable[[int, list[str]], None]


class RowFetching(QObject):
    def __init__(self, workspace_id: Callable[[], int | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workspace_id = workspace_id
        self._fetch: Fetch | None = None
        self._requested: set[str] = set()
        self._wanted: set[str] = set()
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)
        self._flush.timeout.connect(self._on_flush_timeout)

    def set_fetcher(self, fetch: Fetch) -> None:
        """``fetch(workspace_id, ids)`` starts a worker job that ends in the model's ``add_views``."""
        self._fetch = fetch

    def want(self, keys: Iterable[str]) -> None:
        """Queue ``keys`` not yet asked for (one worker job per event-loop turn)."""
        self._wanted.update(key for key in keys if key not in self._requested)
        if self._wanted and not self._flush.isActive():
            self._flush.start()

    def refetch(self, workspace_id: int, keys: list[str]) -> None:
        """Ask again at once for rows shown with data the listing says is stale."""
        if keys and self._fetch is not None:
            self._requested.update(keys)
            self._fetch(workspace_id, keys)

    def is_requested(self, key: str) -> bool:
        return key in self._requested

    def forget(self, key: str) -> None:
        """No longer asked for: it arrived, or the listing changed under it."""
        self._requested.discard(key)

    def failed(self, keys: Iterable[str]) -> None:
        """A page could not be read: asking again later may succeed."""
        self._requested.difference_update(keys)

    def forget_requests(self) -> None:
        self._requested.clear()

    def forget_all(self) -> None:
        self._requested.clear()
        self._wanted.clear()

    @Slot()
    def _on_flush_timeout(self) -> None:
        wanted, self._wanted = sorted(self._wanted), set()
        workspace_id = self._workspace_id()
        if not wanted or self._fetch is None or workspace_id is None:
            return
        self._requested.update(wanted)
        self._fetch(workspace_id, wanted)
