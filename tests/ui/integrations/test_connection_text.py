"""Why a disconnected account is still listed, in the words of the way it was connected."""

from __future__ import annotations

import pytest

from desktop.core.errors import FACEBOOK_INTEGRATIONS_URL, MANAGE_ACCESS_URL
from desktop.ui.integrations.connection_text import pending_revocation_text, pending_row_text

STATES = ("pending", "manual", "gave_up")


@pytest.mark.parametrize("state", STATES)
def test_an_instagram_grant_points_to_instagram_manage_access(state: str) -> None:
    text = pending_revocation_text(state)
    assert MANAGE_ACCESS_URL in text and "Instagram" in text
    assert "facebook.com" not in text and "Facebook" not in text
    assert pending_revocation_text(state, "instagram") == text


@pytest.mark.parametrize("state", STATES)
def test_a_facebook_grant_points_to_facebook_business_integrations(state: str) -> None:
    text = pending_revocation_text(state, "facebook")
    assert f"Facebook's Business Integrations at {FACEBOOK_INTEGRATIONS_URL}" in text
    assert "instagram.com" not in text and "Instagram" not in text


def test_each_state_has_its_own_words() -> None:
    for via in ("instagram", "facebook"):
        assert len({pending_revocation_text(state, via) for state in STATES}) == len(STATES)
    assert "failed too many times" in pending_revocation_text("gave_up", "facebook")
    assert "keeps trying" in pending_revocation_text("pending", "facebook")


def test_the_row_of_a_facebook_revocation_carries_the_facebook_reason() -> None:
    row = pending_row_text("acme_coffee", "manual", "facebook")
    assert row.username == "@acme_coffee"
    assert row.reason == pending_revocation_text("manual", "facebook")
    assert pending_row_text("acme_coffee", "manual").reason == pending_revocation_text("manual")
