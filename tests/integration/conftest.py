"""The whole app core over real HTTP: embedded sandbox, loopback listener, real SQLite files."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.connections import ConnectAttempt
from desktop.core.environment import Environment
from desktop.core.services import Services
from desktop.core.settings import Paths, Settings, save_settings
from desktop.core.views import ConnectionView
from tests.support.consent import ConsentBot, ConsentOutcome
from tests.support.memory_keyring import MemoryKeyring
from tests.support.net import find_free_port
from tests.support.tls import ca_pem


@pytest.fixture
def app_env(base_dir: Path) -> Environment:
    paths = Paths.resolve(base_dir).ensure()
    settings = Settings(redirect_uri=f"https://localhost:{find_free_port()}/callback/")
    save_settings(paths, settings)
    return Environment(paths=paths, settings=settings)


@pytest.fixture
def services(app_env: Environment, memory_keyring: MemoryKeyring) -> Iterator[Services]:
    opened = Services.open(
        app_env, keyring_backend=memory_keyring, allow_backends=(MemoryKeyring,), check_interval=0.05
    )
    try:
        yield opened
    finally:
        opened.close()


class BrowserThread:
    """Runs a ConsentBot on its own thread, as the user's browser runs beside the app."""

    def __init__(self, bot: ConsentBot, url: str) -> None:
        self.bot = bot
        self.error: BaseException | None = None
        self.outcome: ConsentOutcome | None = None
        self._thread = threading.Thread(target=self._run, args=(url,), daemon=True)
        self._thread.start()

    def _run(self, url: str) -> None:
        try:
            self.outcome = self.bot.open(url)
        except BaseException as exc:
            self.error = exc

    def join(self) -> ConsentOutcome:
        self._thread.join(30)
        assert not self._thread.is_alive(), "the browser never finished"
        if self.error is not None:
            raise self.error
        assert self.outcome is not None
        return self.outcome


def start(
    services: Services, workspace_id: int | None = None, *, reconnect_of: str | None = None
) -> ConnectAttempt:
    ws = workspace_id if workspace_id is not None else services.workspaces.default().id
    return services.connections.start_connect(ws, reconnect_of=reconnect_of)


def connect(
    services: Services,
    bot: ConsentBot | None = None,
    workspace_id: int | None = None,
    *,
    reconnect_of: str | None = None,
) -> ConnectionView:
    """One whole connect (a Reconnect with ``reconnect_of``) as a user does it; raises what the app shows."""
    attempt = start(services, workspace_id, reconnect_of=reconnect_of)
    bot = bot or ConsentBot()
    if bot.ca_pem is None:
        bot.ca_pem = ca_pem(services)
    browser = BrowserThread(bot, attempt.start_url)
    try:
        return attempt.wait(timeout=30)
    finally:
        browser.join()
