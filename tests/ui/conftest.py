"""Fixtures for widget tests, and a real window on real services for the flow tests.

``app`` is the whole application as a user meets it: the main window on the embedded sandbox, a
SQLite file in the test's folder and an in-memory keychain; its browser is a ConsentBot that fills
the sandbox's consent form over HTTP on its own thread.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest
from keyring.errors import KeyringLocked
from PySide6.QtWidgets import QApplication, QLayout, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.environment import Environment
from desktop.core.sandbox import SandboxServer
from desktop.core.services import Services
from desktop.core.settings import Paths, Settings
from desktop.ui.app import create_application
from desktop.ui.integrations.connection_details import ConnectionDetails
from desktop.ui.integrations.instagram_card import InstagramCard
from desktop.ui.main_window import MainWindow
from desktop.ui.refcount import install_refcount_floor, top_up
from desktop.ui.tasks import TaskRunner
from tests.support.consent import ConsentBot
from tests.support.memory_keyring import MemoryKeyring
from tests.support.tls import ca_pem

W = TypeVar("W", bound=QWidget)


@pytest.fixture(autouse=True)
def refcount_floor(qapp: QApplication) -> None:
    """As the app does (``create_application``): PySide6 6.12.0 loses singleton references."""
    install_refcount_floor(qapp)
    top_up()


@pytest.fixture
def host(qtbot: QtBot) -> Iterator[Callable[[W], W]]:
    """Show a widget inside a fixed-size window, as it lives in the app (never a window of its own).

    The window's layout does not constrain its size, so widgets that grow or shrink while shown do
    not resize a top-level window (which the offscreen platform reports as a warning).
    """

    windows: list[QWidget] = []

    def _host(widget: W) -> W:
        window = QWidget()
        windows.append(window)
        layout = QVBoxLayout(window)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(widget)
        window.resize(800, 700)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return widget

    yield _host
    windows.clear()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class BotOpener:
    """The window's browser in tests: a ConsentBot filling the sandbox consent form on its own thread.

    Set ``bot`` (account, action, untick) before clicking Connect; with ``away`` the link is taken
    but nobody answers, as when the user has not finished in the browser yet.
    """

    def __init__(self) -> None:
        self.bot = ConsentBot()
        #: The local CA this browser trusts, as after "Let your browser trust…" (None: trusts nothing).
        self.trusted_ca: Callable[[], str | None] = lambda: None
        self.away = False
        self.opened: list[str] = []
        self.errors: list[BaseException] = []
        self._threads: list[threading.Thread] = []

    def __call__(self, url: str) -> bool:
        self.opened.append(url)
        if not self.away:
            thread = threading.Thread(target=self._run, args=(self.bot, url), name="consent-bot", daemon=True)
            self._threads.append(thread)
            thread.start()
        return True

    def _run(self, bot: ConsentBot, url: str) -> None:
        try:
            if bot.ca_pem is None:
                bot.ca_pem = self.trusted_ca()
            bot.open(url)
        except Exception as exc:
            self.errors.append(exc)

    def join(self) -> None:
        for thread in self._threads:
            thread.join(30)


class LockableKeyring(MemoryKeyring):
    """An in-memory keychain that can be locked, as a Secret Service collection can."""

    def __init__(self) -> None:
        super().__init__()
        self.locked = False

    def get_password(self, service: str, username: str) -> str | None:
        if self.locked:
            raise KeyringLocked("the collection is locked")
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.locked:
            raise KeyringLocked("the collection is locked")
        super().set_password(service, username, password)


@dataclass
class App:
    """A real main window on real services: sandbox, SQLite in the test's folder, in-memory keychain."""

    window: MainWindow
    services: Services
    opener: BotOpener
    tasks: TaskRunner
    qtbot: QtBot

    @property
    def card(self) -> InstagramCard:
        return self.window.integrations_page.instagram_card

    @property
    def sandbox(self) -> SandboxServer:
        assert self.services.sandbox is not None
        return self.services.sandbox

    def find(self, kind: type[W], name: str) -> W:
        widget = self.window.findChild(kind, name)
        assert widget is not None, name
        return widget

    def usernames(self) -> list[str]:
        """The accounts the list shows, in its order."""
        return self.card.usernames()

    def row(self, username: str) -> ConnectionDetails:
        """Make ``username``'s row current, as a click or the arrow keys do; its details pane (the
        row's labels and buttons) once the row has been read."""
        assert self.card.select(username), f"no row for @{username}"
        details = self.card.panel.details
        self.qtbot.waitUntil(
            lambda: (
                details.username == username
                and (details.view is not None or details.property("status") == "revocation_pending")
            ),
            timeout=10_000,
        )
        return details

    def wait_ready(self) -> None:
        self.qtbot.waitUntil(
            lambda: self.card.loaded and self.card.connect_button.isEnabled(), timeout=15_000
        )

    def connect(self, account: str = "acme_business") -> None:
        """Connect ``account`` through the window, as a user would."""
        self.wait_ready()
        self.opener.bot = ConsentBot(account=account)
        self.card.connect_button.click()
        self.qtbot.waitUntil(lambda: account in self.usernames(), timeout=20_000)
        self.wait_ready()


def open_services(env: Environment, backend: MemoryKeyring) -> Services:
    return Services.open(env, keyring_backend=backend, allow_backends=(type(backend),), check_interval=0.05)


def make_env(base_dir: Path) -> Environment:
    settings = Settings(redirect_uri=f"https://localhost:{free_port()}/callback/")
    return Environment(Paths.resolve(base_dir).ensure(), settings, force_sandbox=True)


@pytest.fixture
def env(base_dir: Path) -> Environment:
    return make_env(base_dir)


@pytest.fixture
def app(qtbot: QtBot, env: Environment, memory_keyring: MemoryKeyring) -> Iterator[App]:
    create_application(env)
    tasks = TaskRunner()
    services = open_services(env, memory_keyring)
    opener = BotOpener()
    opener.trusted_ca = lambda: ca_pem(services)
    window = MainWindow(env, tasks, services, opener=opener)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # The app form, below the first frame, is built just after it.
    qtbot.waitUntil(lambda: window.integrations_page.app_card.is_built, timeout=5_000)
    running = App(window, services, opener, tasks, qtbot)
    try:
        running.wait_ready()
        yield running
    finally:
        window.close()
        opener.join()
        tasks.wait_for_done(20_000)
        qtbot.wait(1)
        services.close()
    assert not opener.errors, opener.errors
