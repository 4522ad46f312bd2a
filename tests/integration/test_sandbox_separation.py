"""Sandbox mode never touches real connections, and no token is sent to another provider or app.

A data folder holds a real connection (made with the user's own Instagram app). The app is then
started with ``--sandbox`` on that folder: every request it sends to the sandbox is recorded, and
the real token must not be among them, nor may the real connection change.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

import httpx
import pytest

from desktop.core.environment import Environment
from desktop.core.secrets import SecretStr
from desktop.core.services import Services
from desktop.core.settings import Paths, Settings, save_settings
from desktop.core.store import connections as repo
from desktop.core.store import workspaces as workspace_repo
from desktop.core.store.errors import transaction
from desktop.core.token_audience import TokenAudience
from desktop.core.vault.bootstrap import open_storage
from tests.core.lifecycle.helpers import connect
from tests.support.memory_keyring import MemoryKeyring
from tests.support.net import find_free_port

REAL_APP = TokenAudience("instagram", "1234567890123456")
REAL_TOKEN = "IGAAreal0000token1111of2222a3333real4444account"
REAL_USER = "17841400000009999"


class SentTokens:
    def __init__(self) -> None:
        self.values: list[str] = []

    def __call__(self, request: httpx.Request) -> None:
        pairs = list(request.url.params.multi_items())
        if request.content:
            pairs += parse_qsl(request.content.decode("utf-8", "replace"))
        self.values += [value for name, value in pairs if "token" in name]


@pytest.fixture
def real_folder(base_dir: object, memory_keyring: MemoryKeyring) -> Paths:
    """A data folder with one connection made through the user's own Instagram app."""
    paths = Paths.resolve().ensure()
    settings = Settings(
        instagram_app_id=REAL_APP.app_id, redirect_uri=f"https://localhost:{find_free_port()}/callback/"
    )
    save_settings(paths, settings)
    storage = open_storage(paths, settings, memory_keyring, allow_backends=(MemoryKeyring,))
    with storage, transaction(storage.sessions) as session:
        if True:
            workspace = workspace_repo.ensure_default(session)
            repo.upsert_connection(
                session,
                storage.vault,
                workspace_id=workspace.id,
                ig_user_id=REAL_USER,
                username="real_client",
                account_type="BUSINESS",
                scopes=("instagram_business_basic",),
                consented_at=datetime.now(UTC) - timedelta(days=55),
                expires_at=datetime.now(UTC) + timedelta(days=2),
                token=SecretStr(REAL_TOKEN),
                audience=REAL_APP,
            )
    return paths


def _real_rows(paths: Paths, backend: MemoryKeyring) -> list[tuple[str, str, str, str]]:
    settings = Settings(instagram_app_id=REAL_APP.app_id)
    storage = open_storage(paths, settings, backend, allow_backends=(MemoryKeyring,))
    with storage, transaction(storage.sessions) as session:
        if True:
            return [
                (c.username, c.status, c.provider or "", repo.read_token(session, storage.vault, c).reveal())
                for c in repo.list_all(session)
            ]


@pytest.fixture
def sandbox_services(
    real_folder: Paths, memory_keyring: MemoryKeyring
) -> Iterator[tuple[Services, SentTokens]]:
    settings = Settings(
        instagram_app_id=REAL_APP.app_id, redirect_uri=f"https://localhost:{find_free_port()}/callback/"
    )
    env = Environment(real_folder, settings, force_sandbox=True)
    services = Services.open(
        env, keyring_backend=memory_keyring, allow_backends=(MemoryKeyring,), check_interval=0.05
    )
    sent = SentTokens()
    services.http.event_hooks["request"].append(sent)
    try:
        yield services, sent
    finally:
        services.close()


def test_sandbox_mode_on_a_folder_with_real_connections_never_sends_them(
    sandbox_services: tuple[Services, SentTokens], real_folder: Paths, memory_keyring: MemoryKeyring
) -> None:
    services, sent = sandbox_services
    assert services.connections.list_all() == [], "real connections are not shown in sandbox mode"
    view = connect(services, "acme_business")
    assert services.sandbox is not None
    services.sandbox.advance_clock(timedelta(days=56))
    services.lifecycle().run()
    services.connections.disconnect(view.workspace_id, view.ig_user_id)
    services.connections.retry_outbox()
    services.close()

    assert sent.values, "the sandbox was used"
    assert REAL_TOKEN not in sent.values
    assert _real_rows(real_folder, memory_keyring) == [("real_client", "active", "instagram", REAL_TOKEN)]
    assert real_folder.database_file != real_folder.sandbox_database_file
    assert real_folder.sandbox_database_file.exists()


def test_a_token_is_never_sent_to_another_app(
    sandbox_services: tuple[Services, SentTokens],
) -> None:
    """A connection made through another app of the same provider is left alone, and never counted
    as revoked: only its own app can say that."""
    services, sent = sandbox_services
    mine = connect(services, "acme_business")
    other_app = TokenAudience("sandbox", "999")
    with transaction(services.storage.sessions) as session:
        connection = repo.get_by_ig_user_id(session, mine.workspace_id, mine.ig_user_id)
        assert connection is not None
        connection.app_id = other_app.app_id
    stolen = services.storage  # the token stays readable locally, it just is not sent
    with transaction(stolen.sessions) as session:
        connection = repo.get_by_ig_user_id(session, mine.workspace_id, mine.ig_user_id)
        assert connection is not None
        token = repo.read_token(session, stolen.vault, connection).reveal()
    sent.values.clear()
    assert services.sandbox is not None
    services.sandbox.advance_clock(timedelta(days=56))

    (outcome,) = services.lifecycle().run().outcomes
    assert outcome.outcome == "skipped"
    result = services.connections.disconnect(mine.workspace_id, mine.ig_user_id)
    services.connections.retry_outbox()

    assert token not in sent.values
    assert result.revoked_at_provider is False
    assert services.connections.pending_revocations(mine.workspace_id) == ["acme_business"]
    assert services.sandbox.token_status(token).status == "active"
