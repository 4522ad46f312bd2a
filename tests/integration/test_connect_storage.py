"""A connect never leaves a live grant behind that Socialdesk could not keep.

Before the browser opens, the vault must be able to store a token (else the connect is refused, with
the banner's way out). After the code exchange, any failure to store (a busy database, a keychain
that locked meanwhile) withdraws the grant at Instagram before the error is shown.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from desktop.core.environment import Environment
from desktop.core.errors import SocialdeskError
from desktop.core.sandbox.state import STATE_DB_NAME, saved_state
from desktop.core.services import Services
from desktop.core.settings import Paths, Settings, save_settings
from desktop.core.vault.bootstrap import open_storage
from tests.core.vault.helpers import LockedKeyring
from tests.integration.conftest import BrowserThread, start
from tests.support.consent import ConsentBot
from tests.support.net import find_free_port
from tests.support.tls import ca_pem

ROOT = Path(__file__).resolve().parents[2]
AUTHORIZE = "/oauth/authorize"


def _sandbox_tokens(env: Environment) -> list[dict[str, object]]:
    """What the sandbox remembers about each token it issued (from its own state file)."""
    state = saved_state(env.paths.sandbox_dir)
    return list(state["tokens_sha256"].values())


@pytest.fixture
def locked_keyring() -> LockedKeyring:
    return LockedKeyring()


@pytest.fixture
def locking_services(app_env: Environment, locked_keyring: LockedKeyring) -> Iterator[Services]:
    opened = Services.open(
        app_env, keyring_backend=locked_keyring, allow_backends=(LockedKeyring,), check_interval=0.05
    )
    try:
        yield opened
    finally:
        opened.close()


def test_a_connect_is_refused_while_the_keychain_is_locked(
    app_env: Environment, locked_keyring: LockedKeyring
) -> None:
    locked_keyring.locked = True
    with Services.open(
        app_env, keyring_backend=locked_keyring, allow_backends=(LockedKeyring,), check_interval=0.05
    ) as services:
        assert services.storage_mode == "locked"
        with pytest.raises(SocialdeskError) as caught:
            start(services)
        assert caught.value.code == "keychain_locked"
        assert caught.value.info.action == "Unlock the keychain, then click Unlock and retry."
        assert "nothing was sent to Instagram" in caught.value.detail
        assert services.sandbox is not None
        assert services.sandbox.request_count(AUTHORIZE) == 0
        locked_keyring.locked = False
        services.retry_keychain()
        attempt = start(services)  # unlocked: connecting works again
        attempt.cancel()


def test_a_failed_save_after_the_exchange_withdraws_the_grant_busy_database(
    services: Services, app_env: Environment
) -> None:
    assert services.sandbox is not None
    services.sandbox.set_knobs(revoke_answer="success_object")  # a withdrawal that lands, to see it
    attempt = start(services)
    blocker = sqlite3.connect(_file(app_env.database_file), timeout=1)
    blocker.execute("BEGIN IMMEDIATE")  # another process holds the write lock past the busy timeout
    try:
        browser = BrowserThread(ConsentBot(ca_pem=ca_pem(services)), attempt.start_url)
        with pytest.raises(SocialdeskError) as caught:
            attempt.wait(timeout=30)
        browser.join()
    finally:
        blocker.rollback()
        blocker.close()
    assert caught.value.code == "database_busy"
    assert services.connections.list_all() == []
    tokens = _sandbox_tokens(app_env)
    assert tokens, "the exchange happened"
    assert all(token["revoked_at"] for token in tokens), "every token of the grant was withdrawn"


def test_a_failed_save_after_the_exchange_withdraws_the_grant_keychain_locked_meanwhile(
    locking_services: Services, app_env: Environment, locked_keyring: LockedKeyring
) -> None:
    services = locking_services
    assert services.sandbox is not None
    services.sandbox.set_knobs(revoke_answer="success_object")  # a withdrawal that lands, to see it
    attempt = start(services)
    # Meanwhile the CLI rotated the key, and then the keychain locked (screen lock, logout of a
    # session): sealing needs the new key, which the keychain now refuses.
    other = open_storage(
        app_env.paths,
        app_env.settings,
        locked_keyring,
        allow_backends=(LockedKeyring,),
        clock=services.clock,
        database_url=make_url(app_env.database_url),
    )
    try:
        other.vault.rotate()
    finally:
        other.close()
    locked_keyring.locked = True
    browser = BrowserThread(ConsentBot(ca_pem=ca_pem(services)), attempt.start_url)
    with pytest.raises(SocialdeskError) as caught:
        attempt.wait(timeout=30)
    browser.join()
    assert caught.value.code in {"keychain_locked", "vault_keys_unavailable"}
    assert services.connections.list_all() == []
    tokens = _sandbox_tokens(app_env)
    assert tokens and all(token["revoked_at"] for token in tokens)


@pytest.mark.real_keychain
@pytest.mark.skipif(shutil.which("gnome-keyring-daemon") is None, reason="needs gnome-keyring")
def test_cli_connect_with_a_never_unlocked_gnome_keyring_is_refused_before_the_browser(
    tmp_path: Path,
) -> None:
    """The issue's repro: gnome-keyring running but never unlocked, then ``connections connect``."""
    base = tmp_path / "never-unlocked"
    paths = Paths.resolve(base).ensure()
    save_settings(paths, Settings(redirect_uri=f"https://localhost:{find_free_port()}/callback/"))
    opened = tmp_path / "browser-opened"
    script = textwrap.dedent(
        f"""
        set -eu
        export XDG_RUNTIME_DIR="$(mktemp -d)" XDG_DATA_HOME="$(mktemp -d)"
        eval "$(gnome-keyring-daemon --start --components=secrets 2>/dev/null)" || true
        exec {sys.executable} -m desktop --sandbox connections connect
        """
    )
    env = {
        **os.environ,
        "SOCIALDESK_BASE_DIR": str(base),
        "BROWSER": f"touch {opened}",
        "DISPLAY": "",
    }
    env.pop("PYTHON_KEYRING_BACKEND", None)
    result = subprocess.run(
        ["dbus-run-session", "--", "bash", "-c", script],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "error: keychain_locked: The keychain is locked." in result.stderr
    assert "Unlock the keychain, then click Unlock and retry." in result.stderr
    assert not opened.exists(), "the browser was opened"
    if (paths.sandbox_dir / STATE_DB_NAME).exists():
        data = saved_state(paths.sandbox_dir)
        assert data["codes_sha256"] == {} and data["tokens_sha256"] == {} and data["grants"] == {}


def test_a_failed_save_of_a_reconnect_keeps_the_accounts_grant(
    locking_services: Services, app_env: Environment, locked_keyring: LockedKeyring
) -> None:
    """Instagram revokes per account: withdrawing would cut off the connection already stored."""
    from tests.integration.conftest import connect

    services = locking_services
    view = connect(services)
    attempt = start(services)
    other = open_storage(
        app_env.paths,
        app_env.settings,
        locked_keyring,
        allow_backends=(LockedKeyring,),
        clock=services.clock,
        database_url=make_url(app_env.database_url),
    )
    try:
        other.vault.rotate()
    finally:
        other.close()
    locked_keyring.locked = True
    browser = BrowserThread(ConsentBot(ca_pem=ca_pem(services)), attempt.start_url)
    with pytest.raises(SocialdeskError):
        attempt.wait(timeout=30)
    browser.join()
    assert [v.ig_user_id for v in services.connections.list_all()] == [view.ig_user_id]
    assert services.sandbox is not None
    assert services.sandbox.revoked_count() == 0


def _file(path: Path | None) -> Path:
    assert path is not None
    return path
