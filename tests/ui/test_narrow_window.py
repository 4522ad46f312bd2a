"""At 820×600, in German and in the pseudo-locale (40 % longer), no page is wider than the window.

A row of buttons that cannot wrap makes the whole page scroll sideways and cuts off every card's
right edge; this walks each page, with an error shown, and asks each for its narrowest width.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QScrollArea

from desktop.core import i18n
from desktop.ui.translation import install_translators
from desktop.ui.window_pages import PAGE_NAMES
from tests.support.consent import ConsentBot
from tests.ui.conftest import App


@pytest.fixture(params=["de", i18n.PSEUDO])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.set_language(request.param)
    app = QApplication.instance()
    assert app is not None
    install_translators(app)
    yield request.param
    i18n.set_language("en")
    install_translators(app)


def _too_wide(app: App) -> list[str]:
    found = []
    for name in PAGE_NAMES:
        app.window.show_page(name)
        page = app.window.pages.currentWidget()
        app.qtbot.waitUntil(lambda p=page: p.isVisible() and p.width() > 0, timeout=5_000)  # type: ignore[misc]
        if isinstance(page, QScrollArea):
            body = page.widget()
            assert body is not None
            needed, room = body.minimumSizeHint().width(), page.viewport().width()
            sideways = page.horizontalScrollBar().isVisible()
        else:
            needed, room, sideways = page.minimumSizeHint().width(), page.width(), False
        if needed > room or sideways:
            found.append(f"{name}: needs {needed} px, has {room}")
    return found


def test_no_page_scrolls_sideways_at_820_by_600(language: str, app: App) -> None:
    app.window.resize(820, 600)
    app.qtbot.waitUntil(lambda: app.window.width() == 820, timeout=5_000)
    assert _too_wide(app) == []
    app.window.show_page("integrations")
    app.opener.bot = ConsentBot(account="jane.personal")
    app.card.connect_button.click()
    app.qtbot.waitUntil(lambda: app.card.error_panel.code is not None, timeout=20_000)
    assert _too_wide(app) == []
