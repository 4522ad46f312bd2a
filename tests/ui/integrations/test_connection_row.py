from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from desktop.core.views import (
    STATUS_ACTIVE,
    STATUS_NEEDS_RECONNECT,
    STATUS_REVOCATION_PENDING,
    ConnectionView,
)
from desktop.ui.integrations.connection_row import ConnectionRow
from desktop.ui.integrations.pictures import PictureCache
from desktop.ui.tasks import TaskRunner

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def _view(status: str = STATUS_ACTIVE, *, days: int = 59, reason: str = "") -> ConnectionView:
    return ConnectionView(
        workspace_id=1,
        workspace_name="Acme",
        ig_user_id="17841400008460001",
        username="acme_business",
        account_type="BUSINESS",
        scopes=("instagram_business_basic", "instagram_business_content_publish"),
        consented_at=NOW - timedelta(days=1),
        expires_at=NOW + timedelta(days=days, hours=1),
        status=status,
        status_reason=reason,
    )


@pytest.fixture
def pictures(qtbot: QtBot, tmp_path: Path) -> PictureCache:
    return PictureCache(TaskRunner(), tmp_path / "pictures")


def _label(row: ConnectionRow, name: str) -> str:
    widget = row.findChild(QLabel, name)
    assert widget is not None, name
    return widget.text()


def test_an_active_row_says_who_what_when_and_how_long(qtbot: QtBot, pictures: PictureCache) -> None:
    row = ConnectionRow(_view(), NOW, pictures)
    qtbot.addWidget(row)
    assert row.objectName() == "connection_row"
    assert row.property("ig_username") == "acme_business"
    assert _label(row, "username_label") == "@acme_business"
    assert _label(row, "account_type_label") == "Business"
    assert _label(row, "permissions_label") == "Permissions: See your profile and media · Publish posts"
    details = _label(row, "details_label")
    assert "Connected on" in details and "Token expires in 59 days" in details
    assert _label(row, "status_label") == "Active"
    assert row.findChild(QPushButton, "reconnect_button") is None
    assert row.findChild(QPushButton, "disconnect_button") is not None


def test_a_row_that_needs_reconnecting_offers_reconnect(qtbot: QtBot, pictures: PictureCache) -> None:
    row = ConnectionRow(_view(STATUS_NEEDS_RECONNECT, days=1), NOW, pictures)
    qtbot.addWidget(row)
    assert _label(row, "status_label") == "Needs reconnect"
    assert "Token expires in 1 day" in _label(row, "details_label")
    reconnect = row.findChild(QPushButton, "reconnect_button")
    assert reconnect is not None
    with qtbot.waitSignal(row.reconnect_requested, timeout=1000) as blocker:
        reconnect.click()
    assert blocker.args[0].username == "acme_business"


def test_a_revocation_pending_row_explains_and_has_no_disconnect(
    qtbot: QtBot, pictures: PictureCache
) -> None:
    row = ConnectionRow(_view(STATUS_REVOCATION_PENDING), NOW, pictures)
    qtbot.addWidget(row)
    assert _label(row, "status_label") == "Revocation pending"
    assert "manage_access" in _label(row, "status_reason_label")
    assert not row.disconnect_button.isVisibleTo(row)


def test_highlight_is_a_style_property(qtbot: QtBot, pictures: PictureCache) -> None:
    row = ConnectionRow(_view(), NOW, pictures)
    qtbot.addWidget(row)
    assert not row.highlighted
    row.set_highlighted(True)
    assert row.property("highlighted") is True
    row.set_highlighted(False)
    assert not row.highlighted


def test_disconnect_button_asks_the_card(qtbot: QtBot, pictures: PictureCache) -> None:
    row = ConnectionRow(_view(), NOW, pictures)
    qtbot.addWidget(row)
    assert row.disconnect_button.accessibleName() == "Disconnect @acme_business"
    with qtbot.waitSignal(row.disconnect_requested, timeout=1000):
        row.disconnect_button.click()
