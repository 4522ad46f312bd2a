"""LISTEN/NOTIFY on the run's PostgreSQL: other desktops hear committed changes, never rolled-back ones."""

from __future__ import annotations

import queue
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.core.settings import Paths, Settings
from desktop.core.store import connections
from desktop.core.store.errors import transaction
from desktop.core.store.notify import RESYNC, ChangeListener, parse
from desktop.core.vault.bootstrap import Storage
from tests.core.vault.helpers import add_connection, open_test_storage
from tests.support.memory_keyring import MemoryKeyring

WAIT = 10.0


def _open(paths: Paths, url: str, keyring: MemoryKeyring) -> Storage:
    return open_test_storage(paths, keyring, settings=Settings(database_url=url))


class Heard:
    def __init__(self) -> None:
        self.items: queue.Queue[tuple[frozenset[str], str | None]] = queue.Queue()

    def __call__(self, topics: frozenset[str], origin: str | None) -> None:
        self.items.put((topics, origin))

    def next(self) -> frozenset[str]:
        return self.items.get(timeout=WAIT)[0]

    def nothing_within(self, seconds: float) -> bool:
        try:
            self.items.get(timeout=seconds)
        except queue.Empty:
            return True
        return False


@pytest.fixture
def two_desktops(paths: Paths, postgres_url: str, memory_keyring: MemoryKeyring):  # type: ignore[no-untyped-def]
    writer = _open(paths, postgres_url, memory_keyring)
    reader = _open(paths, postgres_url, memory_keyring)
    heard = Heard()
    listener = ChangeListener(reader.engine, heard, poll_seconds=0.1, retry_seconds=0.2).start()
    assert listener.wait_listening(WAIT)
    yield writer, reader, heard, listener
    listener.stop()
    writer.close()
    reader.close()


def test_a_committed_connect_is_heard_by_the_other_desktop(two_desktops) -> None:  # type: ignore[no-untyped-def]
    writer, reader, heard, _ = two_desktops
    connection_id = add_connection(writer, "acme")
    assert "connections" in heard.next()
    with transaction(reader.sessions) as session:
        assert connections.get(session, connection_id) is not None


def test_a_rolled_back_change_is_never_announced(two_desktops) -> None:  # type: ignore[no-untyped-def]
    writer, _, heard, _ = two_desktops
    with pytest.raises(RuntimeError), transaction(writer.sessions) as session:
        from desktop.core.store import workspaces

        workspaces.create(session, "Never")
        raise RuntimeError("the user cancelled")
    assert heard.nothing_within(1.5)
    with transaction(writer.sessions) as session:
        from desktop.core.store import workspaces

        workspaces.create(session, "Kept")
    assert heard.next() == frozenset({"workspaces"})


def test_a_stale_notification_only_causes_a_correct_reload(two_desktops) -> None:  # type: ignore[no-untyped-def]
    """Connected then removed before the other desktop looked: it reloads and finds it gone."""
    writer, reader, heard, _ = two_desktops
    connection_id = add_connection(writer, "acme")
    with transaction(writer.sessions) as session:
        connection = connections.get(session, connection_id)
        assert connection is not None
        connections.delete_connection(session, connection)
    assert "connections" in heard.next()
    with transaction(reader.sessions) as session:
        assert connections.get(session, connection_id) is None
    assert parse("not json") == (frozenset({RESYNC}), None)


def test_a_dropped_listening_connection_reconnects_and_asks_for_a_resync(two_desktops) -> None:  # type: ignore[no-untyped-def]
    writer, _, heard, _listener = two_desktops
    with writer.engine.connect() as admin:
        killed = admin.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"
            )
        ).all()
        admin.commit()
    assert killed, "the listening connection was found"
    assert heard.next() == frozenset({RESYNC})
    add_connection(writer, "after_restart")
    assert "connections" in heard.next()


def test_there_is_nothing_to_listen_to_on_sqlite(storage_sqlite: Storage) -> None:
    listener = ChangeListener(storage_sqlite.engine, lambda *_: None).start()
    assert not listener.enabled
    assert not listener.wait_listening(0.1)
    listener.stop()


@pytest.fixture
def storage_sqlite(paths: Paths, memory_keyring: MemoryKeyring, base_dir: Path):  # type: ignore[no-untyped-def]
    opened = open_test_storage(paths, memory_keyring)
    yield opened
    opened.close()


def test_listener_threads_end_when_stopped(two_desktops) -> None:  # type: ignore[no-untyped-def]
    _, _, _, listener = two_desktops
    listener.stop()
    assert not any(thread.name == "store-listen" and thread.is_alive() for thread in threading.enumerate())
