"""Every string the window shows goes through translation: in the pseudo-locale, each is accented.

A string that skipped ``tr()`` (or the core's ``_()``) shows up here in plain English. Data is
exempt: usernames, codes, the workspace's own name, numbers, dates and addresses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from desktop.core import i18n
from desktop.ui.translation import install_translators
from tests.support.consent import ConsentBot
from tests.ui.conftest import App

#: Shown as they are: names of things, codes, numbers, addresses.
DATA = re.compile(
    r"^(@[\w.]+|[a-z_\u200b]+|My workspace|Socialdesk|Instagram|\d[\d:.,\s]*|https?://\S+|v?\d+\.\d+.*|kek-\S+)$"
)


@pytest.fixture
def pseudo() -> Iterator[None]:
    i18n.set_language(i18n.PSEUDO)
    app = QApplication.instance()
    assert app is not None
    install_translators(app)
    yield
    i18n.set_language("en")
    install_translators(app)


def _untranslated(app: App) -> list[str]:
    found = []
    for widget in [*app.window.findChildren(QLabel), *app.window.findChildren(QAbstractButton)]:
        if not widget.isVisibleTo(app.window):
            continue
        text = widget.text().strip()
        if not text or "⟦" in text or DATA.match(text):
            continue
        found.append(f"{widget.objectName() or type(widget).__name__}: {text}")
    return found


def test_every_visible_string_is_translated(pseudo: None, app: App) -> None:
    assert app.card.connect_button.text().startswith("⟦")
    seen = set(_untranslated(app))
    app.connect("acme_business")
    seen |= set(_untranslated(app))
    app.opener.bot = ConsentBot(account="jane.personal")
    app.card.connect_button.click()
    app.qtbot.waitUntil(lambda: app.card.error_panel.code is not None, timeout=20_000)
    seen |= set(_untranslated(app))
    assert sorted(seen) == []


def test_the_check_sees_plain_english(app: App) -> None:
    """Without the pseudo-locale the same walk finds the English strings: the check can fail."""
    found = _untranslated(app)
    assert any("Connect Instagram" in line for line in found)
