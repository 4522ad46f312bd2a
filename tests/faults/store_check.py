"""What "nothing was damaged" means after a fault or a crash, checked on the real files.

The database passes SQLite's integrity check; the vault opens in persistent mode with exactly one
active key and no rotation left half-done; every token record decrypts; every connection has its
token; and every token record belongs to a connection or to a pending revocation.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from desktop.core.secrets import SecretStr
from desktop.core.services import Services
from desktop.core.settings import Paths, Settings
from desktop.core.store import connections as repo
from desktop.core.store import outbox as outbox_repo
from desktop.core.store.engine import integrity_check, open_engine
from desktop.core.store.errors import transaction
from desktop.core.store.models import InstagramConnection, KekEntry, RevocationOutbox, TokenRecord


@dataclass(frozen=True)
class Stored:
    """The store's content after the checks: tokens by (workspace id, username)."""

    connections: dict[tuple[int, str], SecretStr]
    outbox: dict[tuple[int, str], SecretStr]
    kek_states: dict[str, str]

    def usernames(self) -> list[str]:
        return sorted(username for _ws, username in self.connections)

    def outbox_usernames(self) -> list[str]:
        return sorted(username for _ws, username in self.outbox)


def assert_file_intact(paths: Paths, settings: Settings) -> None:
    """SQLite's own check on the file as the crash left it, before the app touches it again."""
    engine = open_engine(settings.database_url_for(paths), migrate_to_head=False)
    try:
        assert integrity_check(engine) == ["ok"]
    finally:
        engine.dispose()


def assert_consistent(services: Services) -> Stored:
    assert integrity_check(services.storage.engine) == ["ok"]
    status = services.vault_status()
    assert status.mode == "persistent", status
    assert status.problem_code is None, status
    vault = services.storage.vault
    connections: dict[tuple[int, str], SecretStr] = {}
    outbox: dict[tuple[int, str], SecretStr] = {}
    with transaction(services.storage.sessions) as session:
        kek_states = {entry.kek_id: entry.state for entry in session.scalars(select(KekEntry))}
        assert list(kek_states.values()).count("active") == 1, kek_states
        assert not {"pending", "retiring"} & set(kek_states.values()), kek_states
        for connection in session.scalars(select(InstagramConnection)):
            assert connection.token is not None, f"connection @{connection.username} has no token"
            connections[(connection.workspace_id, connection.username)] = repo.read_token(
                session, vault, connection
            )
        for entry in session.scalars(select(RevocationOutbox)):
            assert entry.token is not None, f"pending revocation of @{entry.username} has no token"
            outbox[(entry.workspace_id, entry.username)] = outbox_repo.read_outbox_token(
                session, vault, entry
            )
        records = int(session.scalar(select(func.count()).select_from(TokenRecord)) or 0)
        assert records == len(connections) + len(outbox), "a token record belongs to nobody"
        for record in session.scalars(select(TokenRecord)):
            assert kek_states[record.kek_id] == "active", "a record is still wrapped by an old key"
    return Stored(connections, outbox, kek_states)
