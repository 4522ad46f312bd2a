"""The window never tells people to run a command; the CLI keeps its command hints."""

from __future__ import annotations

import re

from desktop.core.errors import CATALOGUE
from desktop.core.gui_actions import GUI_ACTIONS, gui_action


def test_no_action_shown_in_the_window_quotes_a_socialdesk_command() -> None:
    quoting = [info.code for info in CATALOGUE.values() if "socialdesk " in gui_action(info)]
    assert quoting == []


def test_no_action_shown_in_the_window_names_a_command_line_option() -> None:
    options = {
        info.code: gui_action(info)
        for info in CATALOGUE.values()
        if re.search(r"(^|\s)--?[a-z]", gui_action(info))
    }
    assert options == {}


def test_the_team_actions_name_the_join_again_button_and_the_cli_keeps_its_option() -> None:
    for code in ("team_member_exists", "team_reset_refused"):
        assert "--rejoin" in CATALOGUE[code].action
        assert "Join again" in gui_action(CATALOGUE[code])


def test_the_cli_keeps_the_command_and_the_window_has_its_own_words() -> None:
    assert "socialdesk workspaces list" in CATALOGUE["workspace_not_found"].action
    assert gui_action(CATALOGUE["workspace_not_found"]) == GUI_ACTIONS["workspace_not_found"]
    assert gui_action(CATALOGUE["scope_rejected"]) == CATALOGUE["scope_rejected"].action


def test_every_window_action_names_a_code_in_the_catalogue() -> None:
    assert set(GUI_ACTIONS) <= set(CATALOGUE)
