"""Profile pictures: fetched in the background, kept in memory and under the cache folder.

Rows ask for a picture and show the placeholder meanwhile; when the bytes arrive the cache emits
:attr:`PictureCache.loaded` with the URL, and every row showing that URL picks it up. A failed fetch
leaves the placeholder (a picture is never worth an error panel).
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QPixmap

from desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

#: Larger answers are not pictures we want to keep.
MAX_PICTURE_BYTES = 5 * 1024 * 1024


def cache_file_for(folder: Path, url: str) -> Path:
    """The file a picture URL is cached in: a hash, so the URL (and its query) never becomes a name."""
    import hashlib  # here: it loads OpenSSL, which the window does not need to paint

    return folder / hashlib.sha256(url.encode("utf-8")).hexdigest()


def load_picture(fetch: Callable[[str], bytes], folder: Path, url: str) -> tuple[str, bytes]:
    """Worker side: the cached bytes, or fetched ones written to the cache; empty when unavailable."""
    path = cache_file_for(folder, url)
    with contextlib.suppress(OSError):
        data = path.read_bytes()
        if data:
            return url, data
    try:
        data = fetch(url)
    except Exception as exc:
        log.info("a profile picture could not be fetched: %s", type(exc).__name__)
        return url, b""
    if not data or len(data) > MAX_PICTURE_BYTES:
        return url, b""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        log.info("could not cache a profile picture: %s", type(exc).__name__)
    return url, data


class PictureCache(QObject):
    loaded = Signal(str)

    def __init__(self, tasks: TaskRunner, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._folder = folder
        self._fetch: Callable[[str], bytes] | None = None
        self._pixmaps: dict[str, QPixmap] = {}
        self._pending: set[str] = set()
        self._failed: set[str] = set()

    def set_fetcher(self, fetch: Callable[[str], bytes]) -> None:
        self._fetch = fetch

    def pixmap(self, url: str) -> QPixmap | None:
        """The picture if it is in memory; otherwise None, and a fetch is started."""
        if not url:
            return None
        cached = self._pixmaps.get(url)
        if cached is not None:
            return cached
        if url not in self._pending and url not in self._failed and self._fetch is not None:
            self._pending.add(url)
            self._tasks.submit(
                load_picture,
                self._fetch,
                self._folder,
                url,
                on_success=self._on_picture_loaded,
            )
        return None

    @property
    def pending(self) -> int:
        return len(self._pending)

    @Slot(object)
    def _on_picture_loaded(self, result: object) -> None:
        assert isinstance(result, tuple)
        url, data = str(result[0]), bytes(result[1])
        self._pending.discard(url)
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self._pixmaps[url] = pixmap
            self.loaded.emit(url)
        else:
            self._failed.add(url)
