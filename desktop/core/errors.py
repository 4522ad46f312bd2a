"""The error catalogue: one place for every error a user can meet.

Each entry has the user message, what it means and what to do. The UI's inline error panel and
troubleshooting table, the CLI's ``error: <code>: <message>`` lines, the logs and the README table
are all built from it. The first four entries are the help article's table, word for word.
"""

from __future__ import annotations

from desktop.core.error_info import (
    FACEBOOK_INTEGRATIONS_URL,
    MANAGE_ACCESS_URL,
    NO_CALLBACK,
    NO_CALLBACK_HELP,
    REVOKE_BY_HAND_HELP,
    REVOKE_MANUALLY_HELP,
    ErrorInfo,
    revoke_help,
)
from desktop.core.team_errors import TEAM_ERRORS

__all__ = [
    "CATALOGUE",
    "FACEBOOK_INTEGRATIONS_URL",
    "MANAGE_ACCESS_URL",
    "NO_CALLBACK",
    "NO_CALLBACK_HELP",
    "REVOKE_BY_HAND_HELP",
    "REVOKE_MANUALLY_HELP",
    "SEED_CODES",
    "ErrorInfo",
    "SocialdeskError",
    "lookup",
    "revoke_help",
]

_ENTRIES: tuple[ErrorInfo, ...] = (
    # The help article's troubleshooting table, verbatim.
    ErrorInfo(
        "instagram_no_business_account",
        "Connecting Instagram requires a Business or Creator account.",
        "Your Instagram account is Personal.",
        "Switch to Business or Creator in the Instagram app, then retry.",
    ),
    ErrorInfo(
        "scope_rejected",
        "Facebook didn't grant the permissions we need to publish.",
        "You unticked one or more permissions on the Instagram dialog.",
        "Retry and leave all boxes checked.",
    ),
    ErrorInfo(
        "state_expired",
        "The connection link expired.",
        "The connect link is good for 10 minutes.",
        "Click Connect Instagram again to start fresh.",
    ),
    ErrorInfo(
        "network_error",
        "Network error reaching Facebook.",
        "A transient network failure interrupted the flow.",
        "Retry in a moment.",
    ),
    # The product's own codes.
    ErrorInfo(
        "access_denied",
        "You cancelled the Instagram dialog.",
        "The Instagram dialog was closed with Cancel, so Instagram sent no permission.",
        "Click Connect Instagram again and choose Allow. If you did choose Allow, Instagram turned the "
        "account away without saying why, as it does for Personal accounts: switch it to Business or "
        "Creator in the Instagram app, then retry.",
    ),
    ErrorInfo(
        "needs_reconnect",
        "Instagram no longer accepts this connection.",
        "The access token expired, was revoked, or the password of the account changed.",
        "Click Reconnect on the account's row and sign in again.",
    ),
    ErrorInfo(
        "checkpoint_required",
        "Instagram wants you to log in on instagram.com first.",
        "Instagram put a security checkpoint on the account.",
        "Log in on instagram.com, complete the check, then click Reconnect.",
    ),
    ErrorInfo(
        "missing_permission",
        "A permission this feature needs was not granted.",
        "The connection lacks a permission that Instagram requires for this action.",
        "Click Reconnect and leave all boxes checked on the Instagram dialog.",
    ),
    ErrorInfo(
        "rate_limited",
        "Instagram asked us to slow down.",
        "Too many requests reached Instagram in a short time.",
        "Wait a few minutes; Socialdesk retries on its own.",
    ),
    ErrorInfo(
        "code_invalid",
        "Instagram did not accept the sign-in code.",
        "The code from the Instagram dialog was already used or is more than an hour old.",
        "Click Connect Instagram again to start fresh.",
    ),
    ErrorInfo(
        "app_misconfigured",
        "Instagram rejected this app's settings.",
        "The Instagram App ID, App Secret or redirect URI does not match the app at Meta.",
        "Check Settings → Integrations → Instagram app against your app in the Meta dashboard.",
    ),
    ErrorInfo(
        "provider_error",
        "Instagram answered with an unexpected error.",
        "Instagram refused a request in a way Socialdesk does not expect.",
        "Retry; if it persists, send the log file from Settings → About to support.",
    ),
    ErrorInfo(
        "invalid_callback",
        "That address is not an Instagram sign-in result.",
        "The pasted address has no code and state from the Instagram dialog.",
        "Copy the whole address from the browser's address bar after choosing Allow, then paste it again.",
    ),
    ErrorInfo(
        "port_in_use",
        "Socialdesk can't listen for Instagram's answer.",
        "Another program is using the port of the redirect URI on this computer.",
        "Close the program using that port, or choose another port in the redirect URI in Settings and at Meta.",
    ),
    ErrorInfo(
        "connect_in_progress",
        "A connection is already being set up.",
        "Only one Instagram dialog can be in progress at a time.",
        "Finish or cancel the connection in progress, then try again.",
    ),
    ErrorInfo(
        "account_not_found",
        "No such Instagram account in this workspace.",
        "The account is not connected to the chosen workspace.",
        "Check the username and workspace with 'socialdesk connections list'.",
    ),
    ErrorInfo(
        "workspace_not_found",
        "No such workspace.",
        "No workspace has that name.",
        "Check the name with 'socialdesk workspaces list'.",
    ),
    ErrorInfo(
        "workspace_exists",
        "A workspace with that name already exists.",
        "Workspace names are unique.",
        "Choose another name.",
    ),
    ErrorInfo(
        "workspace_name_invalid",
        "A workspace needs a name.",
        "The name was empty or only spaces.",
        "Type a name for the workspace.",
    ),
    ErrorInfo(
        "keychain_unavailable",
        "No secure keychain is available.",
        "Socialdesk keeps its encryption key in the system keychain, and none answered.",
        "Install and start a Secret Service keychain (GNOME Keyring or KWallet), then restart Socialdesk.",
    ),
    ErrorInfo(
        "keychain_locked",
        "The keychain is locked.",
        "The system keychain did not unlock, or the unlock prompt was dismissed.",
        "Unlock the keychain, then click Unlock and retry.",
    ),
    ErrorInfo(
        "vault_keys_unavailable",
        "Socialdesk's encryption key is missing from the keychain.",
        "The key that protects stored tokens is not in the keychain, or a different key has its name.",
        "Restore the keychain and retry, or reset the vault and reconnect your accounts.",
    ),
    ErrorInfo(
        "vault_integrity_error",
        "A stored token failed its integrity check.",
        "The encrypted token in the database was changed or damaged.",
        "Reconnect the account; if it happens again, check the disk and restore from a backup.",
    ),
    ErrorInfo(
        "database_corrupt",
        "Socialdesk's database can't be read.",
        "The database file is damaged or is not a Socialdesk database.",
        "Restore the file from a backup, or move it aside to start with an empty one.",
    ),
    ErrorInfo(
        "database_busy",
        "Socialdesk's database is busy.",
        "Another Socialdesk process held the database for too long.",
        "Retry in a moment.",
    ),
    ErrorInfo(
        "disk_full",
        "The disk is full.",
        "Socialdesk could not save because there is no space left on the disk.",
        "Free some disk space, then retry; nothing was lost.",
    ),
    ErrorInfo(
        "already_running",
        "Socialdesk is already running.",
        "Another Socialdesk window is open with the same data folder.",
        "Switch to the open window, or close it first.",
    ),
    ErrorInfo(
        "not_configured",
        "The Instagram app is not set up.",
        "Real Instagram needs your app's App ID, App Secret and redirect URI.",
        "Fill in Settings → Integrations → Instagram app, or use sandbox mode.",
    ),
    ErrorInfo(
        "internal_error",
        "Something went wrong inside Socialdesk.",
        "An unexpected error stopped the operation; nothing was changed.",
        "Retry; if it persists, send the log file from Settings → About to support.",
    ),
    *TEAM_ERRORS,
    ErrorInfo(
        "token_owner_mismatch",
        "A stored token belongs to another account.",
        "The encrypted token in the database is attached to an account or workspace it was not saved "
        "for, so Socialdesk refused to use it.",
        "Reconnect the account; if it happens again, check who can change files in Socialdesk's data folder.",
    ),
    ErrorInfo(
        "account_mismatch",
        "Instagram answered for a different account.",
        "The stored token signs in as another Instagram account than the one this connection is for, "
        "so Socialdesk did not use or renew it.",
        "Reconnect the account and sign in as the account shown on its row.",
    ),
    ErrorInfo(
        "tls_unavailable",
        "Socialdesk's local certificate is not available.",
        "The https redirect needs the certificate of Socialdesk's local address, and its key in the "
        "keychain could not be read or made.",
        "Unlock the keychain and retry, or paste the address from your browser's address bar.",
    ),
    ErrorInfo(
        "trust_store_failed",
        "A certificate store could not be changed.",
        "The tool that adds Socialdesk's local certificate to a browser's store is missing or refused.",
        "Install the tool named in the details (on Debian and Ubuntu: libnss3-tools), then retry.",
    ),
    ErrorInfo(
        "revoke_unsupported",
        "Instagram keeps Socialdesk's access until you remove it.",
        "Instagram refused to let the app remove its own access, so the account is disconnected here "
        "but Socialdesk is still listed in your Instagram settings.",
        f"Open {MANAGE_ACCESS_URL}, find Socialdesk and choose Remove.",
    ),
    ErrorInfo(
        "revoke_gave_up",
        "Socialdesk stopped trying to remove its access at Instagram.",
        "Removing the access failed too many times, so Socialdesk no longer retries.",
        f"Open {MANAGE_ACCESS_URL}, find Socialdesk and choose Remove.",
    ),
    ErrorInfo(
        "account_already_connected",
        "Instagram signed you in as an account that is already connected.",
        "Instagram reuses the account signed in to it in your browser, so the dialog returned that "
        "account instead of a new one.",
        "Choose Switch account to sign in to Instagram as the other account.",
    ),
    ErrorInfo(
        "reconnect_other_account",
        "Instagram signed you in as a different account.",
        "The account you reconnected is not the one signed in to Instagram in your browser; nothing "
        "was changed.",
        "Choose Switch account and sign in as the account you are reconnecting.",
    ),
    ErrorInfo(
        "connection_other_app",
        "This account was connected through another Instagram app.",
        "Its token was granted to a different app (or to the sandbox), so Socialdesk does not send it "
        "here, and nothing Instagram says here changes it.",
        "Switch back to that app's settings (or out of sandbox mode), or reconnect the account.",
    ),
    ErrorInfo(
        "revoke_unsupported_facebook",
        "Facebook keeps Socialdesk's access until you remove it.",
        "Facebook did not confirm that the app's access was removed, so the account is disconnected "
        "here but Socialdesk is still listed in your Facebook settings.",
        f"Open {FACEBOOK_INTEGRATIONS_URL} (Business Integrations), find Socialdesk and choose Remove.",
    ),
    ErrorInfo(
        "revoke_gave_up_facebook",
        "Socialdesk stopped trying to remove its access at Facebook.",
        "Removing the access failed too many times, so Socialdesk no longer retries.",
        f"Open {FACEBOOK_INTEGRATIONS_URL} (Business Integrations), find Socialdesk and choose Remove.",
    ),
)

CATALOGUE: dict[str, ErrorInfo] = {entry.code: entry for entry in _ENTRIES}
#: The codes of the help article's table, in its order.
SEED_CODES: tuple[str, ...] = (
    "instagram_no_business_account",
    "scope_rejected",
    "state_expired",
    "network_error",
)


def lookup(code: str) -> ErrorInfo:
    """The catalogue entry for ``code``; unknown codes fall back to ``internal_error``."""
    return CATALOGUE.get(code, CATALOGUE["internal_error"])


class SocialdeskError(Exception):
    """A failure a user can act on, carrying its catalogue code.

    ``detail`` is extra, non-secret context (the missing scope names, the port number, an fbtrace id).
    Never put a token, a code, a secret or a URL with a query string into it.
    """

    def __init__(self, code: str, detail: str = "") -> None:
        if code not in CATALOGUE:
            raise ValueError(f"unknown error code {code!r}")
        self.code = code
        self.detail = detail
        super().__init__(self.__str__())

    @property
    def info(self) -> ErrorInfo:
        return CATALOGUE[self.code]

    @property
    def message(self) -> str:
        return self.info.message

    @property
    def detail_text(self) -> str:
        """The detail in words a user can act on (``no_callback`` becomes its explanation)."""
        if self.code == "state_expired" and self.detail == NO_CALLBACK:
            return NO_CALLBACK_HELP
        return self.detail

    def __str__(self) -> str:
        text = f"{self.code}: {self.info.message}"
        return f"{text} ({self.detail})" if self.detail else text

    def __reduce__(self) -> tuple[type[SocialdeskError], tuple[str, str]]:
        return (type(self), (self.code, self.detail))
