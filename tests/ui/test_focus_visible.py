"""Every control the Tab key reaches shows that it has the focus; scroll areas and the table are passed by."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QWidget

from tests.support.consent import ConsentBot
from tests.ui.conftest import App


def _tab_chain(app: App, start: QWidget, limit: int = 80) -> list[QWidget]:
    """The widgets Tab visits from ``start`` until it comes round again."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen: list[QWidget] = [start]
    for _ in range(limit):
        current = app.window.focusWidget()
        assert current is not None
        QTest.keyClick(current, Qt.Key.Key_Tab)
        after = app.window.focusWidget()
        assert after is not None
        if after is start or after in seen:
            break
        seen.append(after)
    return seen


def _with_error_and_a_row(app: App) -> None:
    app.connect("acme_business")
    app.opener.bot = ConsentBot(account="jane.personal")
    app.card.connect_button.click()
    app.qtbot.waitUntil(lambda: app.card.error_panel.code is not None, timeout=20_000)
    app.wait_ready()
    app.window.activateWindow()


def test_tab_visits_each_control_once_and_never_the_table_or_a_scroll_area(app: App) -> None:
    _with_error_and_a_row(app)
    chain = _tab_chain(app, app.card.connect_button)
    names = [w.objectName() for w in chain]
    assert "troubleshooting_table" not in names
    assert not [w for w in chain if isinstance(w, QScrollArea)]
    for wanted in ("connect_button", "retry_button", "dismiss_error_button", "show_all_codes_button"):
        assert wanted in names, (wanted, names)
    # Retry comes before the accounts' Disconnect buttons: the error's own action is nearest.
    assert names.index("retry_button") < names.index("disconnect_button")
    assert len(names) == len(set(map(id, chain)))
    for page in app.window.findChildren(QAbstractScrollArea):
        if isinstance(page, QScrollArea):
            assert page.focusPolicy() == Qt.FocusPolicy.NoFocus, page.objectName()


def _image(widget: QWidget) -> QImage:
    QApplication.processEvents()
    return widget.grab().toImage()


def test_every_control_tab_reaches_looks_different_with_the_focus(app: App) -> None:
    _with_error_and_a_row(app)
    chain = _tab_chain(app, app.card.connect_button)
    parking = app.card
    unseen = []
    for widget in chain:
        parking.setFocus(Qt.FocusReason.OtherFocusReason)
        without = _image(widget)
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        with_focus = _image(widget)
        if without == with_focus:
            unseen.append(widget.objectName() or type(widget).__name__)
    assert unseen == []
