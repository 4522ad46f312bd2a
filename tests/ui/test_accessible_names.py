"""What a screen reader hears, from Qt's side: every control named, no label's name hiding its text."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QWidget

from tests.support.consent import ConsentBot
from tests.ui.conftest import App


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).replace("&", "").strip()


def _states(app: App) -> None:
    """The window with a connected account, an error and every page built."""
    app.connect("acme_business")
    app.opener.bot = ConsentBot(account="jane.personal")
    app.card.connect_button.click()
    app.qtbot.waitUntil(lambda: app.card.error_panel.code is not None, timeout=20_000)
    app.wait_ready()


def test_no_label_has_a_name_that_replaces_its_text(app: App) -> None:
    _states(app)
    hidden = []
    for widget in app.window.findChildren(QLabel):
        text, name = _plain(widget.text()), widget.accessibleName()
        if text and name and text not in name:
            hidden.append((widget.objectName(), name, text))
    assert hidden == []
    code = app.find(QLabel, "error_code_label")
    assert code.accessibleName() in ("", code.text())
    assert code.accessibleDescription() == "Error code"


def test_every_control_has_a_name(app: App) -> None:
    _states(app)
    nameless = []
    kinds: tuple[type[QWidget], ...] = (QAbstractButton, QLineEdit, QComboBox)
    for widget in app.window.findChildren(QWidget):
        if isinstance(widget, kinds) and widget.isVisibleTo(app.window):
            name = widget.accessibleName()
            if isinstance(widget, QAbstractButton):
                name = name or _plain(widget.text())
            if isinstance(widget, QComboBox):
                name = name or widget.currentText()
            if not name.strip():
                nameless.append(f"{type(widget).__name__}#{widget.objectName()}")
    assert nameless == []
