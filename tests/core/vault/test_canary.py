"""Canaries: a known token, taken through the vault's paths with every logger at DEBUG, appears in
no log record, exception text, traceback or file (database, -wal, -shm, settings, logs, temp files);
and a deleted record's bytes are gone from the database files after a checkpoint."""

from __future__ import annotations

import logging
import tempfile
import traceback
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from desktop.core.errors import SocialdeskError
from desktop.core.logs import setup_logging
from desktop.core.secrets import SecretStr
from desktop.core.settings import Paths, Settings, save_settings
from desktop.core.store import connections, outbox, workspaces
from desktop.core.store.engine import checkpoint
from desktop.core.store.errors import transaction
from desktop.core.store.models import TokenRecord
from desktop.core.vault.bootstrap import Storage
from tests.core.vault.helpers import CONSENTED, Keychain, add_connection, read_token
from tests.support.canary import files_under, hits, scan_files
from tests.support.memory_keyring import MemoryKeyring

CONNECT_TOKEN = "IGAAcanaryConnect7Hq2Wm9Xv4Rk1Lp8Zt3Ns6Dj0Fb5Gy"
REFRESH_TOKEN = "IGAAcanaryRefresh3Mx8Qw1Vz6Tp4Kc9Hr2Yn7Bs5Jd0Lg"
OUTBOX_TOKEN = "IGAAcanaryOutbox5Pk2Wd8Yx1Nh6Tm3Zq9Rb4Gv7Jc0Sf"
CANARIES = (CONNECT_TOKEN, REFRESH_TOKEN, OUTBOX_TOKEN)


class RawCapture(logging.Handler):
    """Keeps every record fully formatted, before any redaction filter sees it."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def debug_everything(paths: Paths) -> Iterator[RawCapture]:
    capture = RawCapture()
    root = logging.getLogger()
    root.addHandler(capture)  # first, so it sees records before the file handler's redaction
    setup_logging(paths.log_dir, level=logging.DEBUG)
    levels = {name: logging.getLogger(name).level for name in list(logging.root.manager.loggerDict)}
    for name in levels:
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield capture
    finally:
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
        setup_logging(None)
        root.removeHandler(capture)


@pytest.fixture
def private_temp(base_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = base_dir / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setenv("SQLITE_TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _exception_text(error: BaseException) -> str:
    return "\n".join([str(error), repr(error), "".join(traceback.format_exception(error))])


def _no_canary(text_or_bytes: str | bytes) -> list[str]:
    data = (
        text_or_bytes.encode("utf-8", "surrogateescape") if isinstance(text_or_bytes, str) else text_or_bytes
    )
    return [f"{secret[:12]}…: {name}" for secret in CANARIES for name in hits(data, secret)]


def test_tokens_never_reach_logs_exceptions_or_disk(
    make_storage: Callable[..., Storage],
    memory_keyring: MemoryKeyring,
    paths: Paths,
    base_dir: Path,
    private_temp: Path,
    debug_everything: RawCapture,
) -> None:
    save_settings(paths, Settings())
    storage = make_storage(Keychain(memory_keyring, (MemoryKeyring,), "memory"))
    errors: list[BaseException] = []

    # connect, read for a request, refresh
    alice = add_connection(storage, "alice", token=CONNECT_TOKEN)
    assert read_token(storage, alice) == CONNECT_TOKEN
    with transaction(storage.sessions) as session:
        connection = connections.get(session, alice)
        assert connection is not None
        connections.replace_token(
            session, storage.vault, connection, SecretStr(REFRESH_TOKEN), CONSENTED + timedelta(days=60)
        )
    assert read_token(storage, alice) == REFRESH_TOKEN

    # a write that fails in the database, with a token in the same transaction
    with pytest.raises(Exception) as failed, transaction(storage.sessions) as session:
        connections.upsert_connection(
            session,
            storage.vault,
            workspace_id=9999,
            ig_user_id="1",
            username="ghost",
            account_type="BUSINESS",
            scopes=(),
            consented_at=CONSENTED,
            expires_at=None,
            token=SecretStr(CONNECT_TOKEN),
        )
    errors.append(failed.value)

    # rotation, then a damaged record and a missing key
    storage.vault.rotate()
    with transaction(storage.sessions) as session:
        record = session.scalars(select(TokenRecord)).one()
        damaged = bytearray(record.payload)
        damaged[-1] ^= 1
        record.payload = bytes(damaged)
    with pytest.raises(SocialdeskError) as integrity:
        read_token(storage, alice)
    errors.append(integrity.value)

    # disconnect: one account through the revocation outbox, one deleted outright
    bob = add_connection(storage, "bob", token=OUTBOX_TOKEN)
    with transaction(storage.sessions) as session:
        connection = connections.get(session, bob)
        assert connection is not None
        entry = connections.move_to_outbox(session, connection, now=CONSENTED)
        assert entry is not None
    with transaction(storage.sessions) as session:
        [entry] = outbox.list_all(session)
        assert outbox.read_outbox_token(session, storage.vault, entry).reveal() == OUTBOX_TOKEN
        outbox.mark_attempt(
            session, entry, error_code="network_error", next_attempt_at=CONSENTED, now=CONSENTED
        )
        outbox.delete_entry(session, entry)
    with transaction(storage.sessions) as session:
        connection = connections.get(session, alice)
        assert connection is not None
        connections.delete_connection(session, connection)

    # keys unavailable
    carol = add_connection(storage, "carol", token=CONNECT_TOKEN)
    memory_keyring._items.clear()
    storage.vault.load()
    with pytest.raises(SocialdeskError) as unavailable:
        read_token(storage, carol)
    errors.append(unavailable.value)

    files_while_open = files_under(base_dir)
    assert any(path.name.endswith("-wal") for path in files_while_open)
    assert scan_files(files_while_open, CANARIES) == []
    storage.close()
    for handler in logging.getLogger().handlers:
        handler.flush()

    assert debug_everything.lines, "the capture saw the DEBUG records"
    assert any("sqlalchemy" in line for line in debug_everything.lines)
    assert _no_canary("\n".join(debug_everything.lines)) == []
    for error in errors:
        assert _no_canary(_exception_text(error)) == []
    files = files_under(base_dir)
    names = {path.name for path in files}
    assert {"socialdesk.db", "settings.json", "socialdesk.log"} <= names
    assert scan_files(files, CANARIES) == []


def test_a_deleted_records_bytes_are_gone_after_a_checkpoint(storage: Storage, paths: Paths) -> None:
    keep = add_connection(storage, "bob")
    gone = add_connection(storage, "alice-canary-user", ig_user_id="17841499999999999")
    with transaction(storage.sessions) as session:
        record = session.scalars(select(TokenRecord).where(TokenRecord.connection_id == gone)).one()
        secrets = [record.payload, record.wrapped_dek, record.record_uuid.encode()]
    secrets += [b"alice-canary-user", b"17841499999999999"]
    checkpoint(storage.engine)
    database_files = [
        paths.database_file,
        Path(f"{paths.database_file}-wal"),
        Path(f"{paths.database_file}-shm"),
    ]
    stored = b"".join(path.read_bytes() for path in database_files if path.exists())
    assert all(secret in stored for secret in secrets[:2]), "the record was on disk before the delete"

    with transaction(storage.sessions) as session:
        connection = connections.get(session, gone)
        assert connection is not None
        connections.delete_connection(session, connection)
    assert checkpoint(storage.engine)

    remaining = b"".join(path.read_bytes() for path in database_files if path.exists())
    for secret in secrets:
        assert secret not in remaining
    assert read_token(storage, keep)
    with transaction(storage.sessions) as session:
        assert session.execute(text("PRAGMA secure_delete")).scalar() == 1
        assert workspaces.ensure_default(session) is not None
