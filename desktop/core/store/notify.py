"""Other desktops' changes, announced through PostgreSQL's LISTEN/NOTIFY.

A transaction that changes connections, workspaces, the revocation outbox or team members sends
``NOTIFY socialdesk_changes`` with the topics it touched, as part of its commit: a rolled-back
change is never announced, and a committed one is announced exactly when it becomes visible.

A notification carries no data to apply, only *what kind of thing* changed (and which desktop
changed it). Listeners re-read from the database, so a late, duplicated or stale notification (say,
for a connection already removed again) can only cause one extra, correct reload. While the
listening connection is down nothing is heard; after reconnecting the listener reports ``resync``,
so the lists are reloaded once for whatever was missed. On SQLite there is one machine and nothing
to listen to.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.store.dialect import is_postgresql
from desktop.core.store.models import InstagramConnection, RevocationOutbox, Workspace
from desktop.core.store.team_models import TeamMember
from desktop.core.store.topics import RESYNC

log = logging.getLogger(__name__)

CHANNEL = "socialdesk_changes"
#: The topic of changes to connection rows, for writes made with Core statements (see ``touched``).
CONNECTIONS = "connections"
_TOPICS: tuple[tuple[type, str], ...] = (
    (InstagramConnection, CONNECTIONS),
    (Workspace, "workspaces"),
    (RevocationOutbox, "outbox"),
    (TeamMember, "members"),
)
_PENDING_KEY = "socialdesk_change_topics"

OnChange = Callable[[frozenset[str], str | None], None]


def touched(session: Session, topic: str) -> None:
    """Record ``topic`` for this transaction's announcement: Core statements pass no ORM flush, so a
    write made with one says what it touched here (PostgreSQL only; a no-op elsewhere)."""
    if is_postgresql(session.get_bind()):
        session.info.setdefault(_PENDING_KEY, set()).add(topic)


def announce_changes(sessions: sessionmaker[Session], origin: str) -> None:
    """Make every transaction of ``sessions`` announce what it changed, at commit (PostgreSQL only)."""

    @event.listens_for(sessions, "after_flush")
    def _collect(session: Session, _context: Any) -> None:
        if not is_postgresql(session.get_bind()):
            return
        topics: set[str] = session.info.setdefault(_PENDING_KEY, set())
        for instance in (*session.new, *session.dirty, *session.deleted):
            for model, topic in _TOPICS:
                if isinstance(instance, model):
                    topics.add(topic)

    @event.listens_for(sessions, "before_commit")
    def _announce(session: Session) -> None:
        topics: set[str] = session.info.pop(_PENDING_KEY, set())
        if topics:
            payload = json.dumps({"topics": sorted(topics), "origin": origin}, separators=(",", ":"))
            session.execute(
                text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload}
            )

    @event.listens_for(sessions, "after_rollback")
    def _forget(session: Session) -> None:
        session.info.pop(_PENDING_KEY, None)


def parse(payload: str) -> tuple[frozenset[str], str | None]:
    """Topics and origin of a notification; anything unreadable means "reload everything"."""
    try:
        data = json.loads(payload)
        topics = frozenset(str(topic) for topic in data["topics"])
        origin = data.get("origin")
        return topics, str(origin) if origin is not None else None
    except (ValueError, KeyError, TypeError):
        return frozenset({RESYNC}), None


class ChangeListener:
    """A thread holding one connection that LISTENs, calling ``on_change`` for each notification.

    ``on_change`` runs on the listener thread; a GUI must hand the call over to its own thread.
    """

    def __init__(
        self,
        engine: Engine,
        on_change: OnChange,
        *,
        poll_seconds: float = 0.5,
        retry_seconds: float = 2.0,
    ) -> None:
        self._engine = engine
        self._on_change = on_change
        self._poll = poll_seconds
        self._retry = retry_seconds
        self._stop = threading.Event()
        self._listening = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def enabled(self) -> bool:
        return is_postgresql(self._engine)

    def start(self) -> ChangeListener:
        if self.enabled and self._thread is None:
            self._thread = threading.Thread(target=self._run, name="store-listen", daemon=True)
            self._thread.start()
        return self

    def wait_listening(self, timeout: float) -> bool:
        return self._listening.wait(timeout)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(self._poll + 5)
            self._thread = None

    def _run(self) -> None:
        first = True
        while not self._stop.is_set():
            try:
                self._listen(resync=not first)
            except Exception as error:  # a lost server, a restart: try again, never die quietly
                log.warning("change notifications interrupted (%s); reconnecting", type(error).__name__)
            first = False
            self._listening.clear()
            self._stop.wait(self._retry)

    def _listen(self, *, resync: bool) -> None:
        raw = self._engine.raw_connection()
        try:
            connection = raw.driver_connection
            assert connection is not None
            connection.autocommit = True
            connection.execute(f"LISTEN {CHANNEL}")
            self._listening.set()
            if resync:
                self._deliver(frozenset({RESYNC}), None)
            while not self._stop.is_set():
                for note in connection.notifies(timeout=self._poll):
                    topics, origin = parse(note.payload)
                    self._deliver(topics, origin)
                    if self._stop.is_set():
                        break
        finally:
            try:
                raw.invalidate()  # never hand a LISTENing connection back to the pool
            finally:
                raw.close()

    def _deliver(self, topics: frozenset[str], origin: str | None) -> None:
        try:
            self._on_change(topics, origin)
        except Exception:
            log.exception("a change-notification handler failed")
