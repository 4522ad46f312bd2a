"""The whole product as a person uses it: the window (offscreen), its Connect button, and Chromium.

The main window runs on real services (embedded sandbox, SQLite in the test's folder, in-memory
keychain). Its browser opener hands the sign-in link to a real Chromium, which answers the sandbox's
consent page on its own thread while the Qt event loop keeps running, exactly as the system browser
runs beside the app.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.core.environment import Environment
from desktop.core.errors import CATALOGUE
from desktop.core.services import Services
from desktop.core.settings import Paths, Settings
from desktop.core.tls.authority import Authority
from desktop.ui.app import create_application
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskRunner
from tests.e2e.chromium import SCREENSHOT_DIR_ENV, Chromium, Consent, Visit, consent_job
from tests.e2e.trusted import install_authority
from tests.support.memory_keyring import MemoryKeyring
from tests.support.net import find_free_port


class ChromiumOpener:
    """The window's browser opener: hands each link to Chromium and returns at once (GUI thread)."""

    def __init__(self, chromium: Chromium) -> None:
        self.chromium = chromium
        self.consent = Consent()
        self.opened: list[str] = []
        self.visits: list[Future[Visit]] = []

    def __call__(self, url: str) -> bool:
        self.opened.append(url)
        self.visits.append(self.chromium.submit(consent_job(url, self.consent)))
        return True

    def last_visit(self) -> Visit:
        assert self.visits, "the app never opened the browser"
        return self.visits[-1].result(timeout=40)


@dataclass
class Gui:
    window: MainWindow
    services: Services
    opener: ChromiumOpener
    qtbot: QtBot

    def usernames(self) -> list[str]:
        return self.window.integrations_page.instagram_card.usernames()

    def label(self, name: str) -> str:
        found = self.window.findChild(QLabel, name)
        assert found is not None, name
        return found.text()

    def wait_ready(self) -> None:
        card = self.window.integrations_page.instagram_card
        self.qtbot.waitUntil(lambda: card.loaded and card.connect_button.isEnabled(), timeout=20_000)

    def click_connect(self, consent: Consent) -> None:
        self.wait_ready()
        self.opener.consent = consent
        self.window.integrations_page.instagram_card.connect_button.click()

    def wait_for_error(self, code: str) -> None:
        panel = self.window.integrations_page.instagram_card.error_panel
        self.qtbot.waitUntil(lambda: panel.isVisible() and panel.code == code, timeout=40_000)
        assert self.label("error_code_label") == code
        assert self.label("error_message_label") == CATALOGUE[code].message


@pytest.fixture
def gui(
    qtbot: QtBot, base_dir: Path, memory_keyring: MemoryKeyring, chromium: Chromium, browser_ca: Authority
) -> Iterator[Gui]:
    settings = Settings(redirect_uri=f"https://localhost:{find_free_port()}/callback/")
    env = Environment(Paths.resolve(base_dir).ensure(), settings, force_sandbox=True)
    install_authority(env.paths, memory_keyring, browser_ca)
    create_application(env)
    tasks = TaskRunner()
    services = Services.open(
        env, keyring_backend=memory_keyring, allow_backends=(MemoryKeyring,), check_interval=0.05
    )
    opener = ChromiumOpener(chromium)
    window = MainWindow(env, tasks, services, opener=opener)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    running = Gui(window, services, opener, qtbot)
    try:
        running.wait_ready()
        yield running
    finally:
        window.close()
        for visit in opener.visits:
            visit.exception(timeout=40)  # the browser is done before the services go
        tasks.wait_for_done(20_000)
        qtbot.wait(1)
        services.close()


def test_connect_in_the_window_with_chromium_adds_the_row(gui: Gui, tmp_path: Path) -> None:
    gui.click_connect(Consent(account="acme_business", screenshot_dir=tmp_path))
    gui.qtbot.waitUntil(lambda: gui.usernames() == ["acme_business"], timeout=40_000)

    visit = gui.opener.last_visit()
    assert httpx.URL(visit.final_url).path == "/done"
    assert visit.final_heading == "@acme_business is connected"
    # The browser was sent to the app's own listener, never straight to a URL with a secret in it.
    assert gui.opener.opened == [gui.opener.opened[0]]
    assert httpx.URL(gui.opener.opened[0]).path == "/start"
    assert [c.username for c in gui.services.connections.list_all()] == ["acme_business"]
    assert not gui.window.integrations_page.instagram_card.error_panel.isVisible()
    keep = os.environ.get(SCREENSHOT_DIR_ENV)
    if keep:
        gui.qtbot.wait(50)
        gui.window.grab().save(str(Path(keep) / "gui-connected.png"))


def test_cancel_in_chromium_is_a_notice_in_the_window_not_an_error(gui: Gui) -> None:
    assert gui.services.sandbox is not None
    gui.services.sandbox.set_knobs(deny_redirect="with_state")
    gui.click_connect(Consent(action="deny"))
    card = gui.window.integrations_page.instagram_card
    gui.qtbot.waitUntil(lambda: "access_denied" in card.notice_label.text(), timeout=40_000)
    assert card.notice_label.kind == "info"
    assert not card.error_panel.isVisible()
    assert httpx.URL(gui.opener.last_visit().final_url).path == "/cancelled"
    assert gui.usernames() == []
    assert gui.services.connections.list_all() == []


def test_cancel_in_chromium_without_the_state_asks_and_stop_is_a_notice(gui: Gui) -> None:
    gui.click_connect(Consent(action="deny"))
    card = gui.window.integrations_page.instagram_card
    gui.qtbot.waitUntil(lambda: card.progress.asking, timeout=40_000)
    assert card.window().focusWidget() is card.progress.keep_waiting_button
    assert not card.error_panel.isVisible()
    card.progress.stop_button.click()
    gui.qtbot.waitUntil(lambda: "cancelled" in card.notice_label.text(), timeout=20_000)
    assert card.notice_label.kind == "info"
    assert not card.error_panel.isVisible()
    assert gui.services.connections.list_all() == []


def test_choosing_the_personal_account_in_chromium_shows_the_business_account_error(gui: Gui) -> None:
    gui.click_connect(Consent(account="jane.personal"))
    gui.wait_for_error("instagram_no_business_account")
    assert gui.usernames() == []
    assert gui.services.connections.list_all() == []
