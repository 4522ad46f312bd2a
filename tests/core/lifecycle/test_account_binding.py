"""A token is only ever sent for the account it belongs to.

Two clients' accounts are connected in two workspaces, then the database file is edited the way
someone who can write it (but not reach the keychain) would. Every request the app sends to the
sandbox is recorded: none may carry a token on behalf of the other account.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import parse_qsl

import httpx
import pytest

from desktop.core.lifecycle import Lifecycle
from desktop.core.services import Services
from desktop.core.store import connections as repo
from desktop.core.store.errors import transaction
from desktop.core.views import ConnectionView
from tests.core.lifecycle.helpers import connect, current, sandbox_of, stored_token

REFRESH = "/refresh_access_token"


class SentTokens:
    """Every credential-looking value in every request the app's HTTP client sends."""

    def __init__(self) -> None:
        self.values: list[str] = []

    def __call__(self, request: httpx.Request) -> None:
        pairs = list(request.url.params.multi_items())
        if request.content:
            pairs += parse_qsl(request.content.decode("utf-8", "replace"))
        self.values += [value for name, value in pairs if "token" in name or name == "code"]
        auth = request.headers.get("authorization", "")
        if auth:
            self.values.append(auth.split()[-1])


@pytest.fixture
def sent(services: Services) -> SentTokens:
    recorder = SentTokens()
    services.http.event_hooks["request"].append(recorder)
    return recorder


def _two_clients(services: Services) -> tuple[ConnectionView, ConnectionView]:
    acme_ws = services.workspaces.create("Acme").id
    north_ws = services.workspaces.create("Northwind").id
    return connect(services, "acme_business", acme_ws), connect(services, "northwind_shop", north_ws)


def _raw(services: Services) -> sqlite3.Connection:
    raw = sqlite3.connect(services.env.paths.database_file)
    raw.execute("PRAGMA foreign_keys = OFF")
    return raw


def _connection_id(services: Services, view: ConnectionView) -> int:
    with transaction(services.storage.sessions) as session:
        connection = repo.get_by_ig_user_id(session, view.workspace_id, view.ig_user_id)
        assert connection is not None
        return connection.id


def test_swapped_token_rows_are_never_sent_to_instagram(
    services: Services, make_lifecycle: Callable[..., Lifecycle], sent: SentTokens
) -> None:
    sandbox = sandbox_of(services)
    acme, north = _two_clients(services)
    acme_token, north_token = stored_token(services, acme).reveal(), stored_token(services, north).reveal()
    a, b = _connection_id(services, acme), _connection_id(services, north)
    with _raw(services) as raw:
        raw.execute("UPDATE token_records SET connection_id = -1 WHERE connection_id = ?", (a,))
        raw.execute("UPDATE token_records SET connection_id = ? WHERE connection_id = ?", (a, b))
        raw.execute("UPDATE token_records SET connection_id = ? WHERE connection_id = -1", (b,))
    raw.close()
    services.storage.engine.dispose()
    sent.values.clear()

    lifecycle = make_lifecycle()
    lifecycle.run()  # verifies both with /me
    sandbox.advance_clock(timedelta(days=55))
    lifecycle.run()  # both due for refresh
    services.connections.disconnect(acme.workspace_id, acme.ig_user_id)
    services.connections.retry_outbox()

    assert acme_token not in sent.values and north_token not in sent.values
    assert sandbox.request_count(REFRESH) == 0
    assert current(services, north).status == "needs_reconnect"
    assert "another account" in current(services, north).status_reason
    # Neither real grant was revoked or replaced by someone else's.
    assert sandbox.token_status(acme_token).status == "active"
    assert sandbox.token_status(north_token).status == "active"


def _seal_other_accounts_token(services: Services, view: ConnectionView, token: str) -> None:
    """A token that passes the vault's checks but signs in as another account (a mix-up upstream)."""
    from desktop.core.secrets import SecretStr

    with transaction(services.storage.sessions) as session:
        connection = repo.get_by_ig_user_id(session, view.workspace_id, view.ig_user_id)
        assert connection is not None
        repo.replace_token(
            session, services.storage.vault, connection, SecretStr(token), connection.expires_at
        )


def test_verify_refuses_a_token_that_signs_in_as_another_account(
    services: Services, make_lifecycle: Callable[..., Lifecycle]
) -> None:
    acme, north = _two_clients(services)
    _seal_other_accounts_token(services, acme, stored_token(services, north).reveal())

    outcomes = {o.view.ig_user_id: o for o in make_lifecycle().run().outcomes}

    assert outcomes[acme.ig_user_id].error_code == "account_mismatch"
    assert current(services, acme).status == "needs_reconnect"
    assert "another Instagram account" in current(services, acme).status_reason
    assert current(services, north).status == "active"


def test_refresh_refuses_a_token_that_signs_in_as_another_account(
    services: Services, make_lifecycle: Callable[..., Lifecycle]
) -> None:
    sandbox = sandbox_of(services)
    acme, north = _two_clients(services)
    north_token = stored_token(services, north).reveal()
    _seal_other_accounts_token(services, acme, north_token)
    sandbox.advance_clock(timedelta(days=55))

    outcomes = {o.view.ig_user_id: o for o in make_lifecycle(verify_every=None).run().outcomes}

    assert outcomes[acme.ig_user_id].error_code == "account_mismatch"
    assert current(services, acme).status == "needs_reconnect"
    assert stored_token(services, acme).reveal() == north_token, "nothing was re-sealed under acme"
    assert outcomes[north.ig_user_id].outcome == "refreshed"
    assert sandbox.request_count(REFRESH) == 1
