"""The window never tells people to run a command; the CLI keeps its command hints."""

from __future__ import annotations

from desktop.core.errors import CATALOGUE
from desktop.core.gui_actions import GUI_ACTIONS, gui_action


def test_no_action_shown_in_the_window_quotes_a_socialdesk_command() -> None:
    quoting = [info.code for info in CATALOGUE.values() if "socialdesk " in gui_action(info)]
    assert quoting == []


def test_the_cli_keeps_the_command_and_the_window_has_its_own_words() -> None:
    assert "socialdesk workspaces list" in CATALOGUE["workspace_not_found"].action
    assert gui_action(CATALOGUE["workspace_not_found"]) == GUI_ACTIONS["workspace_not_found"]
    assert gui_action(CATALOGUE["scope_rejected"]) == CATALOGUE["scope_rejected"].action


def test_every_window_action_names_a_code_in_the_catalogue() -> None:
    assert set(GUI_ACTIONS) <= set(CATALOGUE)
