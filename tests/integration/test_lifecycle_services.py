"""``Services.lifecycle()``: the sweep as the app and the CLI get it, with the settings they read."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from desktop.core.lifecycle import DEFAULT_WINDOW
from tests.core.lifecycle.helpers import connect, open_services, sandbox_settings, stored_token
from tests.support.memory_keyring import MemoryKeyring


def test_the_refresh_window_comes_from_the_settings(base_dir: Path, memory_keyring: MemoryKeyring) -> None:
    with open_services(base_dir, sandbox_settings(refresh_window_days=10), memory_keyring) as services:
        view = connect(services)
        old = stored_token(services, view)
        lifecycle = services.lifecycle()
        assert lifecycle.window == timedelta(days=10)
        assert lifecycle.warn_before == timedelta(days=5)
        assert services.sandbox is not None
        services.sandbox.advance_clock(timedelta(days=51))  # 9 days left: outside the default window
        report = lifecycle.run()
        assert [item.outcome for item in report.outcomes] == ["refreshed"]
        assert stored_token(services, view) != old
        assert report.outbox is not None and report.outbox.still_pending == 0


def test_the_default_window_is_seven_days(base_dir: Path, memory_keyring: MemoryKeyring) -> None:
    with open_services(base_dir, sandbox_settings(), memory_keyring) as services:
        assert services.lifecycle().window == DEFAULT_WINDOW == timedelta(days=7)
        connect(services)
        assert services.sandbox is not None
        services.sandbox.advance_clock(timedelta(days=51))
        assert [item.outcome for item in services.lifecycle().run().outcomes] == ["verified"]
