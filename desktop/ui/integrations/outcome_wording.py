"""What the Instagram card says once a connect or a disconnect has ended, in the user's words.

Kept apart from the flows so that the flows read as steps and the wording reads as one place to
review (and to translate: the German is in ``packaging/translations/german.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.errors import FACEBOOK_INTEGRATIONS_URL
from desktop.core.views import ConnectionView, DisconnectOutcome
from desktop.ui.integrations.facebook_picker import VIA_FACEBOOK


def connected(view: ConnectionView, *, other_workspace: str, reconnected: bool) -> str:
    """The success line; ``other_workspace`` names the workspace when it is not the one shown."""
    if reconnected:
        return QCoreApplication.translate("OutcomeWording", "Reconnected @{username}.").format(
            username=view.username
        )
    if other_workspace:
        return QCoreApplication.translate("OutcomeWording", "Connected @{username} to {workspace}.").format(
            username=view.username, workspace=other_workspace
        )
    return QCoreApplication.translate("OutcomeWording", "Connected @{username}.").format(
        username=view.username
    )


def cancelled_in_browser(via: str) -> str:
    """Cancel in the browser (``access_denied``), which is also how Instagram turns a Personal
    account away: a notice that says both."""
    if via == VIA_FACEBOOK:
        return QCoreApplication.translate(
            "OutcomeWording",
            "You cancelled on Facebook's page (access_denied). Nothing was changed; "
            "click Connect Instagram when you are ready.",
        )
    return QCoreApplication.translate(
        "OutcomeWording",
        "You cancelled on Instagram's page (access_denied). Nothing was changed; "
        "click Connect Instagram when you are ready. If you chose Allow, Instagram turned "
        "the account away, as it does for Personal accounts: switch it to Business or "
        "Creator in the Instagram app, then retry.",
    )


def disconnected(outcome: DisconnectOutcome, via: str) -> tuple[str, str]:
    """The line after a disconnect and its kind (``success`` once revoked, else ``warning``)."""
    kind = "success" if outcome.revoked_at_provider else "warning"
    username = outcome.username
    if outcome.kept_alive_by:
        text = QCoreApplication.translate(
            "OutcomeWording",
            "Removed @{username} from this workspace. Its Facebook sign-in is kept because {accounts} still "
            "use it; it is revoked at Facebook when the last of them is disconnected.",
        ).format(username=username, accounts=", ".join(outcome.kept_alive_by))
    elif outcome.revoked_at_provider and via == VIA_FACEBOOK:
        text = QCoreApplication.translate(
            "OutcomeWording",
            "Disconnected @{username}: removed from this workspace and Socialdesk's access at Facebook revoked.",
        ).format(username=username)
    elif outcome.revoked_at_provider:
        text = QCoreApplication.translate(
            "OutcomeWording",
            "Disconnected @{username}: removed from this workspace and Socialdesk's access at Instagram revoked.",
        ).format(username=username)
    elif outcome.remove_by_hand and via == VIA_FACEBOOK:
        text = QCoreApplication.translate(
            "OutcomeWording",
            "Removed @{username} from this workspace. Socialdesk could not remove its access at Facebook "
            "and no longer tries: open Facebook's Business Integrations at {url}, find Socialdesk and "
            "choose Remove.",
        ).format(username=username, url=FACEBOOK_INTEGRATIONS_URL)
    elif via == VIA_FACEBOOK:
        text = QCoreApplication.translate(
            "OutcomeWording",
            "Removed @{username} from this workspace. Facebook could not be reached to revoke access; "
            "Socialdesk will keep trying. You can also remove Socialdesk in Facebook's Settings → Business "
            "integrations.",
        ).format(username=username)
    elif outcome.shared_with:
        text = QCoreApplication.translate(
            "OutcomeWording",
            "Removed @{username} from this workspace. It stays connected in {workspaces}, so Socialdesk's "
            "access at Instagram was kept for those workspaces.",
        ).format(username=username, workspaces=", ".join(outcome.shared_with))
    elif outcome.remove_by_hand:
        text = QCoreApplication.translate(
            "OutcomeWording",
            "Removed @{username} from this workspace. Instagram does not let Socialdesk remove its own "
            "access: open instagram.com/accounts/manage_access, find Socialdesk and choose Remove.",
        ).format(username=username)
    else:
        text = QCoreApplication.translate(
            "OutcomeWording",
            "Removed @{username} from this workspace. Instagram could not be reached to revoke access; "
            "Socialdesk will keep trying. You can also remove Socialdesk at instagram.com/accounts/manage_access.",
        ).format(username=username)
    return text, kind
