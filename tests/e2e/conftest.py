"""A real Chromium for the end-to-end tests, and the app's services from the integration fixtures.

Without Chromium or Playwright these tests skip locally; under CI (``CI=true``) or with
``SOCIALDESK_REQUIRE_BROWSER=1`` they fail instead, so a missing browser never passes unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.chromium import Chromium, browser_missing_reason, browser_required
from tests.integration.conftest import app_env, services

__all__ = ["app_env", "chromium", "services"]


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    reason = browser_missing_reason()
    if reason is not None:
        if browser_required():
            pytest.fail(f"the end-to-end browser is required here: {reason}")
        pytest.skip(reason)
    browser = Chromium(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield browser
    finally:
        browser.close()
