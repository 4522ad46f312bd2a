"""Where the keyboard focus goes after each outcome, driven with real key presses on the real window.

The dangerous path first: after an error, the next Space must retry, never open the confirmation to
disconnect an account (which once had Disconnect as its default, one Enter from removing it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from tests.support.consent import ConsentBot
from tests.ui.conftest import App


def _focused(app: App) -> QWidget | None:
    return app.window.focusWidget()


def _press(app: App, key: Qt.Key) -> None:
    """A key press where the focus is, as the user's keyboard sends it."""
    target = _focused(app)
    assert target is not None, "nothing has the focus"
    QTest.keyClick(target, key)


class FocusLog:
    """Every widget that held the focus, by objectName."""

    def __init__(self) -> None:
        self.names: list[str] = []
        QApplication.instance().focusChanged.connect(self._changed)  # type: ignore[union-attr]

    def _changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None:
            self.names.append(new.objectName())


def _keyboard_ready(app: App) -> None:
    app.window.activateWindow()
    app.wait_ready()
    app.card.connect_button.setFocus(Qt.FocusReason.TabFocusReason)
    app.qtbot.waitUntil(lambda: _focused(app) is app.card.connect_button, timeout=5_000)


def test_error_then_space_retries_and_never_reaches_a_disconnect_dialog(app: App) -> None:
    app.connect("acme_business")
    app.connect("northwind_shop")
    _keyboard_ready(app)
    focus = FocusLog()
    app.opener.bot = ConsentBot(account="jane.personal")
    panel = app.card.error_panel
    _press(app, Qt.Key.Key_Space)  # Connect
    for _attempt in range(3):
        app.qtbot.waitUntil(lambda: panel.code == "instagram_no_business_account", timeout=20_000)
        app.qtbot.waitUntil(lambda: app.card.connect_button.isEnabled(), timeout=10_000)
        assert _focused(app) is panel.retry_button
        assert panel.retry_button.text() == "Connect again"
        started = len(app.opener.opened)
        _press(app, Qt.Key.Key_Space)  # "Connect again"
        assert app.card.confirm_dialog is None
        app.qtbot.waitUntil(lambda started=started: len(app.opener.opened) == started + 1, timeout=10_000)
        # While the attempt runs, Space and Enter land on harmless controls.
        assert app.card.confirm_dialog is None
    app.qtbot.waitUntil(lambda: panel.code == "instagram_no_business_account", timeout=20_000)
    app.opener.join()
    assert "disconnect_button" not in focus.names
    assert "confirm_disconnect_button" not in focus.names
    assert sorted(app.usernames()) == ["acme_business", "northwind_shop"]


def test_after_success_the_focus_is_on_the_new_row(app: App) -> None:
    app.connect("acme_business")
    _keyboard_ready(app)
    focus = FocusLog()
    app.opener.bot = ConsentBot(account="northwind_shop")
    _press(app, Qt.Key.Key_Space)
    app.qtbot.waitUntil(lambda: "northwind_shop" in app.usernames(), timeout=20_000)
    # The list takes the focus with the new account as its current row (its buttons just below).
    listed = app.card.panel
    app.qtbot.waitUntil(
        lambda: _focused(app) is listed.list_view and listed.details.username == "northwind_shop",
        timeout=10_000,
    )
    assert "disconnect_button" not in focus.names


def test_after_cancel_and_after_dismiss_the_focus_is_back_on_connect(app: App) -> None:
    app.connect("acme_business")
    _keyboard_ready(app)
    app.opener.away = True
    _press(app, Qt.Key.Key_Space)
    progress = app.card.progress
    app.qtbot.waitUntil(progress.isVisible, timeout=10_000)
    assert progress.isAncestorOf(_focused(app))  # type: ignore[arg-type]
    progress.cancel_button.setFocus(Qt.FocusReason.TabFocusReason)
    _press(app, Qt.Key.Key_Space)
    app.qtbot.waitUntil(lambda: not progress.isVisible(), timeout=10_000)
    app.qtbot.waitUntil(lambda: _focused(app) is app.card.connect_button, timeout=10_000)

    app.opener.away = False
    # Another account than the connected one: the same account again would be a different error.
    app.opener.bot = ConsentBot(account="northwind_shop", untick=("instagram_business_content_publish",))
    _press(app, Qt.Key.Key_Space)
    panel = app.card.error_panel
    app.qtbot.waitUntil(lambda: panel.code == "scope_rejected", timeout=20_000)
    app.qtbot.waitUntil(lambda: _focused(app) is panel.retry_button, timeout=10_000)
    panel.dismiss_button.setFocus(Qt.FocusReason.TabFocusReason)
    _press(app, Qt.Key.Key_Space)
    assert not panel.isVisible()
    assert _focused(app) is app.card.connect_button


def _open_confirmation(app: App, username: str) -> QWidget:
    row = app.row(username)
    row.disconnect_button.setFocus(Qt.FocusReason.TabFocusReason)
    _press(app, Qt.Key.Key_Space)
    dialog = app.card.confirm_dialog
    assert dialog is not None
    app.qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    return dialog


def test_the_confirmation_defaults_to_keeping_the_account(app: App) -> None:
    app.connect("acme_business")
    _keyboard_ready(app)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Escape):
        dialog = _open_confirmation(app, "acme_business")
        keep = dialog.findChild(QPushButton, "cancel_disconnect_button")
        app.qtbot.waitUntil(lambda dialog=dialog, keep=keep: dialog.focusWidget() is keep)
        QTest.keyClick(dialog.focusWidget(), key)
        app.qtbot.waitUntil(lambda: app.card.confirm_dialog is None, timeout=5_000)
        app.tasks.wait_for_done(5_000)
        assert app.usernames() == ["acme_business"], key
    assert app.sandbox.request_count("/me/permissions") == 0


def _reddish_pixels(widget: QWidget) -> int:
    image: QImage = widget.grab().toImage()
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = QColor(image.pixel(x, y))
            if (
                colour.red() > 150
                and colour.red() > colour.green() + 70
                and colour.red() > colour.blue() + 70
            ):
                count += 1
    return count


def test_the_confirmation_has_no_stock_icons_and_a_danger_styled_disconnect(app: App) -> None:
    # A revoke Instagram honours: with the strict default the account stays listed as "Remove by
    # hand" once the revocation is refused, and the list would be empty only for a moment.
    app.sandbox.set_knobs(revoke_answer="success_object")
    app.connect("acme_business")
    _keyboard_ready(app)
    dialog = _open_confirmation(app, "acme_business")
    confirm = dialog.findChild(QPushButton, "confirm_disconnect_button")
    keep = dialog.findChild(QPushButton, "cancel_disconnect_button")
    assert confirm is not None and keep is not None
    assert confirm.icon().isNull() and keep.icon().isNull()
    assert keep.isDefault() and not confirm.isDefault()
    assert _reddish_pixels(confirm) > 20
    assert _reddish_pixels(keep) == 0
    # Only an explicit press of Disconnect removes the account.
    confirm.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(confirm, Qt.Key.Key_Space)
    app.qtbot.waitUntil(lambda: app.usernames() == [], timeout=40_000)
    assert _focused(app) is app.card.connect_button
