"""What to do, in window words, for the catalogue entries whose action names a command.

The catalogue's action is written for the terminal ("Check the name with 'socialdesk workspaces
list'"); a window must not send people to a terminal, so it shows these instead. The CLI keeps the
catalogue's own action.
"""

from __future__ import annotations

from desktop.core.errors import ErrorInfo
from desktop.core.i18n import N_, _

#: code → the action as the window says it (English source; translated through the catalogue).
GUI_ACTIONS: dict[str, str] = {
    "account_not_found": N_("Check the account and the workspace chosen at the top of Integrations."),
    "workspace_not_found": N_("Choose the workspace from the list at the top of Integrations."),
    "team_member_not_found": N_("Check the name in the list of members under Settings → Team."),
    "team_member_exists": N_(
        "Choose another name; if it is you on a desktop that lost its key, choose Join again as this member."
    ),
    "team_reset_refused": N_(
        "If this desktop lost its access, choose Join again under Settings → Team and have a member approve you."
    ),
    "team_key_unverified": N_(
        "Tell your team and check who can write to the database. Then choose Join again under Settings → "
        "Team and have a member approve your new fingerprint."
    ),
}


def gui_action(info: ErrorInfo) -> str:
    """``info``'s action for the window, translated: never a command to type."""
    return _(GUI_ACTIONS.get(info.code, info.action))
