"""The line after a disconnect says what happened to Socialdesk's access, for each way an account came in."""

from __future__ import annotations

from desktop.core.errors import FACEBOOK_INTEGRATIONS_URL
from desktop.core.views import DisconnectOutcome
from desktop.ui.integrations.facebook_picker import VIA_FACEBOOK
from desktop.ui.integrations.outcome_wording import disconnected


def test_an_account_kept_in_other_workspaces_is_not_said_to_be_unreachable() -> None:
    outcome = DisconnectOutcome(username="acme", revoked_at_provider=False, shared_with=("Clients", "Agency"))
    text, kind = disconnected(outcome, "instagram")
    assert text == (
        "Removed @acme from this workspace. It stays connected in Clients, Agency, so Socialdesk's "
        "access at Instagram was kept for those workspaces."
    )
    assert kind == "warning"


def test_a_facebook_grant_given_up_on_sends_the_person_to_business_integrations() -> None:
    outcome = DisconnectOutcome(username="acme", revoked_at_provider=False, remove_by_hand=True)
    text, _ = disconnected(outcome, VIA_FACEBOOK)
    assert "keep trying" not in text and "instagram.com" not in text
    assert FACEBOOK_INTEGRATIONS_URL in text and "no longer tries" in text


def test_a_facebook_grant_still_retried_says_so() -> None:
    outcome = DisconnectOutcome(username="acme", revoked_at_provider=False)
    text, _ = disconnected(outcome, VIA_FACEBOOK)
    assert "Facebook could not be reached" in text and "keep trying" in text
