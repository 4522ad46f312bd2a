from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.core.errors import CATALOGUE, NO_CALLBACK
from desktop.core.gui_actions import gui_action
from desktop.ui.integrations.error_panel import ErrorPanel, missing_permissions


def _text(panel: ErrorPanel, name: str) -> str:
    widget = panel.findChild(QLabel, name)
    assert widget is not None, name
    return widget.text()


@pytest.fixture
def panel(host: Callable[[ErrorPanel], ErrorPanel]) -> ErrorPanel:
    return host(ErrorPanel())


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_each_code_shows_message_code_meaning_action_and_its_table_row(panel: ErrorPanel, code: str) -> None:
    panel.show_error(code)
    info = CATALOGUE[code]
    assert panel.isVisible()
    assert _text(panel, "error_message_label") == info.message
    assert _text(panel, "error_code_label") == code
    assert info.meaning in _text(panel, "error_meaning_label")
    assert gui_action(info) in _text(panel, "error_action_label")
    assert "socialdesk " not in _text(panel, "error_action_label")  # the window never sends you to a terminal
    assert panel.table.selected_code() == code
    assert panel.retry_button.isVisibleTo(panel)


def test_scope_rejected_names_the_missing_permissions_in_words(panel: ErrorPanel) -> None:
    panel.show_error(
        "scope_rejected", "missing: instagram_business_content_publish,instagram_business_manage_insights"
    )
    detail = _text(panel, "error_detail_label")
    assert "Publish posts (instagram_business_content_publish)" in detail
    assert "Read insights (instagram_business_manage_insights)" in detail


def test_state_expired_without_callback_explains_metas_own_error_screens(panel: ErrorPanel) -> None:
    panel.show_error("state_expired", NO_CALLBACK)
    detail = _text(panel, "error_detail_label")
    assert "Invalid Scopes" in detail and "URL Blocked" in detail
    assert NO_CALLBACK not in detail


def test_state_expired_from_the_clock_has_no_such_explanation(panel: ErrorPanel) -> None:
    panel.show_error("state_expired")
    assert not panel.findChild(QLabel, "error_detail_label").isVisibleTo(panel)


def test_retry_and_dismiss(panel: ErrorPanel, qtbot: QtBot) -> None:
    panel.show_error("network_error", retry_text="Connect again")
    assert panel.retry_button.text() == "Connect again"
    with qtbot.waitSignal(panel.retry_requested, timeout=1000):
        panel.retry_button.click()
    with qtbot.waitSignal(panel.dismissed, timeout=1000):
        panel.dismiss_button.click()
    assert not panel.isVisible()
    assert panel.code is None


def test_missing_permissions_parses_lists_in_any_separator() -> None:
    assert missing_permissions("instagram_business_manage_insights instagram_business_manage_insights") == [
        "instagram_business_manage_insights"
    ]
    assert missing_permissions("") == []


@pytest.mark.parametrize(
    "code", ["instagram_no_business_account", "scope_rejected", "state_expired", "network_error"]
)
def test_what_to_do_names_the_button_the_panel_offers(panel: ErrorPanel, code: str) -> None:
    panel.show_error(code, retry_text="Connect again")
    action = _text(panel, "error_action_label")
    assert panel.retry_button.text() == "Connect again"
    assert "click Connect again" in action or "Click Connect again" in action
    assert "retry" not in action.lower() and "Connect Instagram" not in action
    # The table keeps the help article's own words.
    assert CATALOGUE[code].action in panel.table.item(panel.table.currentRow(), 1).text()


def test_without_a_label_of_its_own_the_catalogue_action_stays(panel: ErrorPanel) -> None:
    panel.show_error("scope_rejected")
    assert "Retry and leave all boxes checked." in _text(panel, "error_action_label")
    panel.show_error("scope_rejected", retry_text="Connect again", can_retry=False)
    assert "Retry and leave all boxes checked." in _text(panel, "error_action_label")
