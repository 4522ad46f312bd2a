"""What one catalogue entry holds, and the longer advice some errors give beside their entry."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.i18n import N_, _

MANAGE_ACCESS_URL = "https://www.instagram.com/accounts/manage_access/"
#: Where a Facebook Login grant is removed by hand: Settings → Business Integrations.
FACEBOOK_INTEGRATIONS_URL = "https://www.facebook.com/settings/?tab=business_tools"
#: Detail of a ``state_expired`` when no answer ever came back from the Instagram dialog.
NO_CALLBACK = "no_callback"
#: What to tell the user then: Meta's own error screens never return to the app.
NO_CALLBACK_HELP = (
    "No answer came back from Instagram. If Instagram showed its own error page instead of the "
    'permissions dialog (such as "Invalid Scopes", "URL Blocked" or "Invalid platform app"), '
    "the Instagram app's settings at Meta need fixing: check the App ID and that the redirect URI "
    "matches exactly. If it said the app isn't available for your account, the account is Personal: "
    "switch it to Business or Creator in the Instagram app, then retry."
)
#: What to tell the user when Instagram keeps the access: only they can remove it, on Instagram.
#: ``{url}`` stands for MANAGE_ACCESS_URL, so a translation is keyed by the sentence alone.
REVOKE_MANUALLY_HELP = N_(
    "Instagram does not let Socialdesk remove its own access. Open {url}, find Socialdesk and choose Remove."
)
REVOKE_BY_HAND_HELP = N_(
    "Instagram could not be reached, so Socialdesk will revoke access when it can. To revoke it now, "
    "open {url}, find Socialdesk and choose Remove."
)


def revoke_help(template: str) -> str:
    """``REVOKE_MANUALLY_HELP`` or ``REVOKE_BY_HAND_HELP`` in the language in use, with the URL."""
    return _(template).format(url=MANAGE_ACCESS_URL)


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    code: str
    message: str
    meaning: str
    action: str
    #: Shown in the troubleshooting table that users see next to every error.
    user_facing: bool = True

    @property
    def explanation(self) -> str:
        """The help article's "What it means" column: meaning followed by action."""
        return f"{self.meaning} {self.action}"
