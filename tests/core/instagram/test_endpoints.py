"""Endpoints come from settings; bad values are a clear configuration error."""

from __future__ import annotations

import pytest

from desktop.core.errors import SocialdeskError
from desktop.core.instagram import Endpoints
from desktop.core.settings import Settings


def test_the_real_defaults() -> None:
    endpoints = Endpoints.from_settings(Settings())

    assert endpoints.authorize_url == "https://www.instagram.com/oauth/authorize"
    assert endpoints.token_url == "https://api.instagram.com/oauth/access_token"
    assert endpoints.long_lived_url == "https://graph.instagram.com/access_token"
    assert endpoints.refresh_url == "https://graph.instagram.com/refresh_access_token"
    assert endpoints.me_url == "https://graph.instagram.com/v25.0/me"
    assert endpoints.permissions_url == "https://graph.instagram.com/v25.0/me/permissions"


def test_trailing_slashes_and_a_bare_version_are_tidied() -> None:
    endpoints = Endpoints("http://127.0.0.1:9/", "http://127.0.0.1:9/", "http://127.0.0.1:9//", "21.0")

    assert endpoints.me_url == "http://127.0.0.1:9/v21.0/me"
    assert endpoints.token_url == "http://127.0.0.1:9/oauth/access_token"


@pytest.mark.parametrize(
    ("field", "value"),
    [("graph_version", "latest"), ("graph_version", "v25"), ("graph_base_url", "graph.instagram.com")],
)
def test_bad_settings_are_app_misconfigured(field: str, value: str) -> None:
    settings = Settings()
    setattr(settings, field, value)

    with pytest.raises(SocialdeskError) as caught:
        Endpoints.from_settings(settings)

    assert caught.value.code == "app_misconfigured"
