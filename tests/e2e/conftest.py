"""A real Chromium for the end-to-end tests, and the app's services from the integration fixtures.

Without Chromium or Playwright these tests skip locally; under CI (``CI=true``) or with
``SOCIALDESK_REQUIRE_BROWSER=1`` they fail instead, so a missing browser never passes unnoticed.
The browser's ``HOME`` is a temporary folder whose NSS database trusts the test CA, which each
test's app uses as its local CA: the https listener is trusted with certificate errors not ignored.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.environment import Environment
from desktop.core.services import Services
from desktop.core.tls.authority import Authority, new_authority
from tests.e2e.chromium import Chromium, browser_missing_reason, browser_required
from tests.e2e.trusted import install_authority, trusting_home
from tests.integration.conftest import app_env
from tests.support.memory_keyring import MemoryKeyring

__all__ = ["app_env", "browser_ca", "chromium", "services"]


def _require_browser() -> None:
    reason = browser_missing_reason()
    if reason is None and shutil.which("certutil") is None:
        reason = "certutil is not installed (apt-get install libnss3-tools)"
    if reason is not None:
        if browser_required():
            pytest.fail(f"the end-to-end browser is required here: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_ca() -> Authority:
    return new_authority()


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory, browser_ca: Authority) -> Iterator[Chromium]:
    _require_browser()
    home = trusting_home(tmp_path_factory.mktemp("browser-home"), browser_ca)
    browser = Chromium(tmp_path_factory.mktemp("chromium-profile"), home=home)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def services(
    app_env: Environment, memory_keyring: MemoryKeyring, browser_ca: Authority
) -> Iterator[Services]:
    install_authority(app_env.paths, memory_keyring, browser_ca)
    opened = Services.open(
        app_env, keyring_backend=memory_keyring, allow_backends=(MemoryKeyring,), check_interval=0.05
    )
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def untrusting_home(tmp_path: Path) -> Path:
    """A HOME with no NSS database: the browser trusts only its built-in roots."""
    folder = tmp_path / "untrusting-home"
    folder.mkdir()
    return folder
