"""The keys-unavailable banner says a team desktop's real reason: not yet approved, or removed."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.errors import lookup
from desktop.core.gui_actions import gui_action
from desktop.ui.integrations.banners import BannerArea


def test_the_banner_states_the_team_reason_and_returns_to_the_keychain_wording(qtbot: QtBot) -> None:
    area = BannerArea()
    qtbot.addWidget(area)
    banner = area.keys_unavailable_banner
    for code in ("team_member_pending", "team_member_removed", "team_key_unverified"):
        area.show_state(sandbox=False, storage_mode="keys-unavailable", problem_code=code)
        assert not banner.isHidden()
        assert banner.title_label.text() == lookup(code).message
        assert gui_action(lookup(code)) in banner.text_label.text()
        assert "--" not in banner.text_label.text(), "the window names no command-line option"
        assert "reset" not in banner.text_label.text().lower()
    area.show_state(sandbox=False, storage_mode="keys-unavailable", problem_code="vault_keys_unavailable")
    assert banner.title_label.text() == lookup("vault_keys_unavailable").message
