"""The default opener: the desktop's browser, or the ``$BROWSER`` command when one is set."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.environment import Environment
from desktop.ui.app import create_application
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskRunner
from tests.support.memory_keyring import MemoryKeyring
from tests.ui.conftest import open_services

FILL_CONSENT = Path(__file__).resolve().parents[2] / "support" / "fill_consent.py"


def test_a_browser_command_in_the_environment_is_used_and_the_account_connects(
    qtbot: QtBot, env: Environment, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER", f"{sys.executable} {FILL_CONSENT}")
    monkeypatch.setenv("CONSENT_ACCOUNT", "northwind_shop")
    create_application(env)
    tasks = TaskRunner()
    services = open_services(env, memory_keyring)
    window = MainWindow(env, tasks, services)  # no opener given: the default one
    qtbot.addWidget(window)
    card = window.integrations_page.instagram_card
    try:
        qtbot.waitUntil(lambda: card.loaded and card.connect_button.isEnabled(), timeout=15_000)
        card.connect_button.click()
        qtbot.waitUntil(lambda: card.usernames() == ["northwind_shop"], timeout=30_000)
    finally:
        window.close()
        tasks.wait_for_done(20_000)
        services.close()
