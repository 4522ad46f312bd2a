"""``socialdesk connections disconnect`` for accounts connected through Facebook Login, in process.

The command's own parser and handler run against real services (embedded sandbox with its Facebook
half, loopback listener, SQLite, vault); only the opening of those services is handed the test's
instance, so the sandbox's faults can be set from here.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.commands import connections as connections_command
from desktop.core.environment import Environment
from desktop.core.errors import FACEBOOK_INTEGRATIONS_URL, lookup
from desktop.core.sandbox.facebook import FacebookSandbox
from desktop.core.services import Services
from desktop.core.settings import Paths, Settings, save_settings
from desktop.core.store import outbox
from tests.integration.conftest import BrowserThread
from tests.support.consent import ConsentBot
from tests.support.memory_keyring import MemoryKeyring
from tests.support.net import find_free_port
from tests.support.tls import ca_pem

ACME = "acme_coffee"


@pytest.fixture
def services(
    base_dir: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Services]:
    paths = Paths.resolve(base_dir).ensure()
    settings = Settings(redirect_uri=f"https://localhost:{find_free_port()}/callback/")
    save_settings(paths, settings)
    opened = Services.open(
        Environment(paths=paths, settings=settings),
        keyring_backend=memory_keyring,
        allow_backends=(MemoryKeyring,),
    )

    @contextlib.contextmanager
    def these_services(*_args: object, **_kwargs: object) -> Iterator[Services]:
        yield opened

    monkeypatch.setattr(connections_command, "open_services", these_services)
    try:
        yield opened
    finally:
        opened.close()


def _connect_acme(services: Services) -> FacebookSandbox:
    attempt = services.facebook.start_connect(services.workspaces.default().id)
    browser = BrowserThread(ConsentBot(account="maria.agency", ca_pem=ca_pem(services)), attempt.start_url)
    try:
        found = attempt.wait(timeout=30)
    finally:
        browser.join()
    services.facebook.connect(found, [c.ig_user_id for c in found.candidates if c.username == ACME])
    assert services.facebook_sandbox is not None
    return services.facebook_sandbox


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="socialdesk")
    connections_command.add_parser(parser.add_subparsers())
    return parser


def _disconnect(capsys: pytest.CaptureFixture[str], services: Services, username: str) -> tuple[int, str]:
    args = _parser().parse_args(["connections", "disconnect", username])
    code = args.handler(args, services.env.paths, services.env.settings)
    out, err = capsys.readouterr()
    assert err == ""
    return code, out


def test_a_revoked_facebook_grant_is_said_to_be_revoked_at_facebook(
    capsys: pytest.CaptureFixture[str], services: Services
) -> None:
    sandbox = _connect_acme(services)
    # Facebook answers the app-token revoke with success and the grant's Page token stops working.
    code, out = _disconnect(capsys, services, "@" + ACME)
    assert code == 0
    assert out == f"Removed @{ACME} from 'My workspace'.\n  Socialdesk's access was revoked at Facebook.\n"
    assert sandbox.provider.revoked_count() > 0
    assert services.connections.revocations() == []


def test_a_facebook_revoke_that_will_not_be_retried_asks_for_removal_in_business_integrations(
    capsys: pytest.CaptureFixture[str], services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    sandbox = _connect_acme(services)
    monkeypatch.setattr(outbox, "MAX_ATTEMPTS", 1)  # the first refusal is already the last try
    sandbox.inject_fault("error", endpoint="/{id}/permissions", graph_code=2500)
    code, out = _disconnect(capsys, services, ACME)
    assert code == 0
    gave_up = lookup("revoke_gave_up_facebook")
    assert out == f"Removed @{ACME} from 'My workspace'.\n  {gave_up.message} {gave_up.action}\n"
    assert FACEBOOK_INTEGRATIONS_URL in out and "instagram.com" not in out
    [entry] = services.connections.revocations()
    assert (entry.username, entry.state, entry.via) == (ACME, "gave_up", "facebook")


def test_an_unreachable_facebook_is_retried_and_the_way_to_remove_it_now_is_given(
    capsys: pytest.CaptureFixture[str], services: Services
) -> None:
    sandbox = _connect_acme(services)
    sandbox.inject_fault("status", endpoint="/{id}/permissions", count=8, status=503)
    code, out = _disconnect(capsys, services, ACME)
    assert code == 0
    assert out.splitlines()[1] == (
        "  Facebook could not be reached, so Socialdesk will revoke access when it can. To revoke it now, "
        f"open {FACEBOOK_INTEGRATIONS_URL} (Business Integrations), find Socialdesk and choose Remove."
    )
    [entry] = services.connections.revocations()
    assert (entry.state, entry.via) == ("pending", "facebook")

    # Removed by hand at Facebook meanwhile: the user tells Socialdesk to stop listing it.
    args = _parser().parse_args(["connections", "dismiss", "@" + ACME])
    assert args.handler(args, services.env.paths, services.env.settings) == 0
    out = capsys.readouterr().out
    assert out == f"Forgot @{ACME}: Socialdesk no longer lists its access at Facebook.\n"
    assert services.connections.revocations() == []
