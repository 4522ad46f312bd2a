"""The banners that say how the app runs, on real services with real keychain states."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from keyring.backends.fail import Keyring as NoKeyring
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from desktop.core.environment import Environment
from desktop.core.services import Services
from desktop.core.settings import load_settings
from desktop.ui.app import create_application
from desktop.ui.integrations.banners import BannerArea
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskRunner
from tests.support.memory_keyring import MemoryKeyring
from tests.ui.conftest import BotOpener, LockableKeyring, open_services


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done(20_000)


def _window(qtbot: QtBot, env: Environment, tasks: TaskRunner, services: Services) -> MainWindow:
    create_application(env)
    window = MainWindow(env, tasks, services, opener=BotOpener())
    qtbot.addWidget(window)
    window.show()
    # The app form, below the first frame, is built just after it.
    qtbot.waitUntil(lambda: window.integrations_page.app_card.is_built, timeout=5_000)
    return window


def test_sandbox_mode_shows_the_sandbox_banner_only(
    qtbot: QtBot, env: Environment, tasks: TaskRunner, memory_keyring: MemoryKeyring
) -> None:
    services = open_services(env, memory_keyring)
    try:
        window = _window(qtbot, env, tasks, services)
        banners = window.banners
        assert banners.sandbox_banner.isVisible()
        assert not banners.session_only_banner.isVisible()
        assert not banners.keychain_locked_banner.isVisible()
        window.close()
    finally:
        tasks.wait_for_done(20_000)
        services.close()


def test_no_keychain_shows_the_session_only_banner(qtbot: QtBot, env: Environment, tasks: TaskRunner) -> None:
    services = Services.open(env, keyring_backend=NoKeyring(), check_interval=0.05)
    try:
        assert services.storage_mode == "session-only"
        window = _window(qtbot, env, tasks, services)
        banner = window.banners.session_only_banner
        assert banner.isVisible()
        assert "plain text" in banner.text_label.text()
        window.close()
    finally:
        tasks.wait_for_done(20_000)
        services.close()


def test_a_locked_keychain_offers_unlock_and_retry(qtbot: QtBot, env: Environment, tasks: TaskRunner) -> None:
    keychain = LockableKeyring()
    first = open_services(env, keychain)  # makes the vault key, then quits
    first.close()
    keychain.locked = True
    services = open_services(env, keychain)
    try:
        assert services.storage_mode == "locked"
        window = _window(qtbot, env, tasks, services)
        banner = window.banners.keychain_locked_banner
        assert banner.isVisible()
        button = window.findChild(QPushButton, "unlock_retry_button")
        assert button is not None and button.text() == "Unlock and retry"
        keychain.locked = False
        button.click()
        qtbot.waitUntil(lambda: not banner.isVisible(), timeout=15_000)
        assert services.storage_mode == "persistent"
        window.close()
    finally:
        tasks.wait_for_done(20_000)
        services.close()


def test_a_still_locked_keychain_keeps_the_banner_and_shows_the_error(
    qtbot: QtBot, env: Environment, tasks: TaskRunner
) -> None:
    keychain = LockableKeyring()
    open_services(env, keychain).close()
    keychain.locked = True
    services = open_services(env, keychain)
    try:
        window = _window(qtbot, env, tasks, services)
        window.banners.unlock_retry_button.click()
        qtbot.waitUntil(lambda: window.banners.unlock_retry_button.isEnabled(), timeout=15_000)
        assert window.banners.keychain_locked_banner.isVisible()
        window.close()
    finally:
        tasks.wait_for_done(20_000)
        services.close()


def test_banner_area_hides_when_nothing_to_say(host: Callable[[BannerArea], BannerArea]) -> None:
    area = host(BannerArea())
    area.show_state(sandbox=False, storage_mode="persistent")
    assert area.isHidden()
    area.show_state(sandbox=False, storage_mode="keys-unavailable")
    assert not area.isHidden() and not area.keys_unavailable_banner.isHidden()


def test_the_sandbox_banner_folds_and_stays_folded_next_start(
    qtbot: QtBot, env: Environment, tasks: TaskRunner, memory_keyring: MemoryKeyring
) -> None:
    services = open_services(env, memory_keyring)
    try:
        window = _window(qtbot, env, tasks, services)
        banner = window.banners.sandbox_banner
        fold = window.findChild(QPushButton, "sandbox_banner_collapse_button")
        assert fold is not None and fold.text() == "Hide details"
        assert banner.text_label.isVisible()
        fold.click()
        assert not banner.text_label.isVisible() and banner.title_label.isVisible()
        assert fold.text() == "Show details" and fold.accessibleName() == "Show details"
        qtbot.waitUntil(lambda: load_settings(env.paths).sandbox_banner_collapsed, timeout=10_000)
        assert "sandbox" not in " ".join(QSettings().allKeys())  # the settings file, not QSettings
        window.close()
        tasks.wait_for_done(20_000)

        again = MainWindow(
            replace(env, settings=load_settings(env.paths)), tasks, services, opener=BotOpener()
        )
        qtbot.addWidget(again)
        again.show()
        folded = again.banners.sandbox_banner
        assert folded.isVisible() and folded.is_collapsed() and not folded.text_label.isVisible()
        unfold = again.findChild(QPushButton, "sandbox_banner_collapse_button")
        assert unfold is not None
        unfold.click()
        assert folded.text_label.isVisible()
        qtbot.waitUntil(lambda: not load_settings(env.paths).sandbox_banner_collapsed, timeout=10_000)
        again.close()
    finally:
        tasks.wait_for_done(20_000)
        services.close()


def test_the_sandbox_banner_says_below_only_above_the_app_form(
    qtbot: QtBot, env: Environment, tasks: TaskRunner, memory_keyring: MemoryKeyring
) -> None:
    services = open_services(env, memory_keyring)
    try:
        window = _window(qtbot, env, tasks, services)
        banner = window.banners.sandbox_banner
        go = window.findChild(QPushButton, "sandbox_app_form_button")
        assert go is not None
        # Integrations: the Instagram app form is on this page, below the banner.
        assert window.pages.currentWidget() is window.integrations_page
        assert "below" in banner.text_label.text() and "below" in banner.accessibleDescription()
        app_form = window.integrations_page.app_card
        assert app_form.isVisible()
        assert (
            app_form.mapTo(window, app_form.rect().topLeft()).y()
            > banner.mapTo(window, banner.rect().bottomLeft()).y()
        )
        assert not go.isVisible()
        for page in ("general", "security", "about"):
            window.show_page(page)
            assert "below" not in banner.text_label.text(), page
            assert "Integrations → Instagram app" in banner.text_label.text()
            assert "below" not in banner.accessibleDescription()
            assert go.isVisible() and go.isEnabled()
        go.click()
        assert window.pages.currentWidget() is window.integrations_page
        qtbot.waitUntil(lambda: window.focusWidget() is app_form.app_id_field, timeout=5_000)
        qtbot.waitUntil(lambda: not app_form.app_id_field.visibleRegion().isEmpty(), timeout=5_000)
        assert "below" in banner.text_label.text() and not go.isVisible()
        window.close()
    finally:
        tasks.wait_for_done(20_000)
        services.close()


def test_the_app_form_stays_in_view_while_the_page_above_it_grows(
    qtbot: QtBot, env: Environment, tasks: TaskRunner, memory_keyring: MemoryKeyring
) -> None:
    """The list and cards fill in after the jump; the focused field must not be pushed out of sight."""
    services = open_services(env, memory_keyring)
    try:
        window = _window(qtbot, env, tasks, services)
        page = window.integrations_page
        field = page.app_card.app_id_field
        window.show_page("about")
        go = window.findChild(QPushButton, "sandbox_app_form_button")
        assert go is not None
        go.click()
        qtbot.waitUntil(lambda: window.focusWidget() is field, timeout=5_000)
        qtbot.waitUntil(lambda: not field.visibleRegion().isEmpty(), timeout=5_000)
        # Something above the form grows by more than a screen, as a long error panel would.
        body = page.widget()
        grown = body.height() + 2 * page.viewport().height()
        page.trust_card.setMinimumHeight(page.trust_card.height() + 2 * page.viewport().height())
        qtbot.waitUntil(lambda: body.height() >= grown, timeout=5_000)
        qtbot.waitUntil(lambda: not field.visibleRegion().isEmpty(), timeout=5_000)
        # Once the person scrolls themselves, the page stops pulling them back.
        bar = page.verticalScrollBar()
        bar.triggerAction(bar.SliderAction.SliderToMinimum)
        page.trust_card.setMinimumHeight(page.trust_card.minimumHeight() + 10)
        qtbot.waitUntil(lambda: body.height() >= grown + 10, timeout=5_000)
        qtbot.wait(50)
        assert bar.value() == 0
        assert field.visibleRegion().isEmpty()
        window.close()
    finally:
        tasks.wait_for_done(20_000)
        services.close()
