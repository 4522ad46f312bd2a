"""Helpers shared by the lifecycle tests: connect like a user, read what is stored, open real services."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

from desktop.core.connections import ConnectAttempt
from desktop.core.environment import Environment
from desktop.core.sandbox import SandboxServer
from desktop.core.secrets import SecretStr
from desktop.core.services import Services
from desktop.core.settings import Paths, Settings
from desktop.core.store import connections as repo
from desktop.core.store.errors import transaction
from desktop.core.views import ConnectionView
from tests.support.consent import ConsentBot
from tests.support.memory_keyring import MemoryKeyring
from tests.support.net import find_free_port
from tests.support.tls import ca_pem


def sandbox_settings(**values: object) -> Settings:
    """Settings whose redirect URI uses a free port, so tests can run side by side."""
    return Settings(redirect_uri=f"https://localhost:{find_free_port()}/callback/", **values)  # type: ignore[arg-type]


def open_services(base_dir: Path, settings: Settings, backend: MemoryKeyring) -> Services:
    """The app's services on the embedded sandbox, a SQLite file under ``base_dir`` and ``backend``."""
    env = Environment(Paths.resolve(base_dir).ensure(), settings, force_sandbox=True)
    return Services.open(env, keyring_backend=backend, allow_backends=(type(backend),), check_interval=0.05)


def sandbox_of(services: Services) -> SandboxServer:
    assert services.sandbox is not None
    return services.sandbox


def connect(
    services: Services,
    account: str = "acme_business",
    workspace_id: int | None = None,
    *,
    reconnect_of: str | None = None,
) -> ConnectionView:
    """One whole connect (a Reconnect with ``reconnect_of``), as a user does it in the browser."""
    ws = workspace_id if workspace_id is not None else services.workspaces.default().id
    attempt: ConnectAttempt = services.connections.start_connect(ws, reconnect_of=reconnect_of)
    errors: list[BaseException] = []

    def browse() -> None:
        try:
            ConsentBot(ca_pem=ca_pem(services), account=account).open(attempt.start_url)
        except BaseException as exc:
            errors.append(exc)

    browser = threading.Thread(target=browse, daemon=True)
    browser.start()
    try:
        return attempt.wait(timeout=30)
    finally:
        browser.join(30)
        assert not errors, errors


def connect_six_due(services: Services) -> list[ConnectionView]:
    """The sandbox's three accounts in two workspaces (workspace by workspace), their tokens all due
    for a refresh."""
    other = services.workspaces.create("Clients")
    views = [
        connect(services, account, workspace_id)
        for workspace_id in (services.workspaces.default().id, other.id)
        for account in ("acme_business", "northwind_shop", "studio.creator")
    ]
    sandbox_of(services).advance_clock(timedelta(days=55))
    return views


def stored_token(services: Services, view: ConnectionView) -> SecretStr:
    with transaction(services.storage.sessions) as session:
        connection = repo.get_by_ig_user_id(session, view.workspace_id, view.ig_user_id)
        assert connection is not None
        return repo.read_token(session, services.storage.vault, connection)


def current(services: Services, view: ConnectionView) -> ConnectionView:
    return next(
        v
        for v in services.connections.list_all()
        if (v.workspace_id, v.ig_user_id) == (view.workspace_id, view.ig_user_id)
    )
