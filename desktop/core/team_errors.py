"""The error catalogue's entries for team workspaces on a shared PostgreSQL database.

They sit in :data:`desktop.core.errors.CATALOGUE` between the product's general codes and the
token-ownership ones, in this order, like every other entry.
"""

from __future__ import annotations

from desktop.core.error_info import ErrorInfo

TEAM_ERRORS: tuple[ErrorInfo, ...] = (
    ErrorInfo(
        "database_unreachable",
        "The team database can't be reached.",
        "Socialdesk lost its connection to the shared PostgreSQL database, or it refused the login; "
        "nothing was half-saved.",
        "Check the network (or VPN) and that the database server is running, then retry.",
    ),
    ErrorInfo(
        "team_member_pending",
        "Your team membership is waiting for approval.",
        "No team member has approved your key yet, so the team's accounts stay locked to you.",
        "Send your fingerprint to a team member and ask them to approve it, then retry.",
    ),
    ErrorInfo(
        "team_member_removed",
        "You are no longer a member of this team.",
        "A team member removed you and the team key was changed, so this desktop can't read the "
        "team's accounts.",
        "Ask a team member to add you again: join the team, then have your fingerprint approved.",
    ),
    ErrorInfo(
        "team_fingerprint_mismatch",
        "That fingerprint doesn't match the member's key.",
        "The key registered under that name is not the one whose fingerprint you were given; it may "
        "have been replaced in the database. Nothing was approved.",
        "Ask the member to read the fingerprint from their own screen again, and approve only when it matches.",
    ),
    ErrorInfo(
        "team_not_found",
        "No Socialdesk team uses that database.",
        "The database has no team yet, or this desktop is not set up for a team.",
        "Check the database URL, or create the team first.",
    ),
    ErrorInfo(
        "team_exists",
        "That database already holds a team.",
        "A Socialdesk team was already created on that database.",
        "Join the team instead, or use an empty database for a new team.",
    ),
    ErrorInfo(
        "team_member_not_found",
        "There is no team member by that name.",
        "No member of this team has that name.",
        "Check the name with Settings → Team (or socialdesk team members).",
    ),
    ErrorInfo(
        "team_member_exists",
        "That name is already taken in the team.",
        "Another member of the team uses that name.",
        "Choose another name; if it is you on a desktop that lost its key, join again with --rejoin.",
    ),
    ErrorInfo(
        "team_last_member",
        "The last approved member can't be removed.",
        "A team needs at least one approved member to hold its key; removing the last one would "
        "lock every stored token away for good.",
        "Approve another member first.",
    ),
    ErrorInfo(
        "team_reset_refused",
        "A team's token vault can't be reset from one desktop.",
        "Resetting would delete the stored tokens of every member of the team.",
        "If this desktop lost its access, join again with --rejoin and have a member approve you.",
    ),
    ErrorInfo(
        "team_key_unverified",
        "A team key given to this desktop isn't signed by a team member it trusts.",
        "The copy of the team key stored for you in the database has no valid signature from an "
        "approved member, so someone who can write to the database may have made it. Socialdesk "
        "refused it and sealed nothing with it.",
        "Tell your team and check who can write to the database. Then join again with --rejoin and "
        "have a member approve your new fingerprint.",
    ),
)
