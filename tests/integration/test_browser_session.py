"""Instagram reuses the browser's signed-in account: the app forces a sign-in where it must, and says
so in words when Instagram answers with an account the user did not mean. One ConsentBot is one
browser, its cookies kept from dialog to dialog."""

from __future__ import annotations

import pytest

from desktop.core.connections import ConnectAttempt
from desktop.core.errors import SocialdeskError
from desktop.core.secrets import SecretStr
from desktop.core.services import Services
from desktop.core.store import connections as repo
from desktop.core.store.errors import transaction
from desktop.core.views import ConnectionView
from tests.integration.conftest import BrowserThread, connect
from tests.support.consent import ConsentBot

pytestmark = pytest.mark.usefixtures("services")


def _finish(services: Services, attempt: ConnectAttempt, bot: ConsentBot) -> ConnectionView:
    browser = BrowserThread(bot, attempt.start_url)
    try:
        return attempt.wait(timeout=30)
    finally:
        browser.join()


def test_connect_another_account_forces_the_sign_in_so_the_second_account_connects(
    services: Services,
) -> None:
    browser = ConsentBot(account="acme_business")
    first = connect(services, browser)
    browser.account = "northwind_shop"

    attempt = services.connections.start_connect(first.workspace_id)
    second = _finish(services, attempt, browser)

    assert attempt.forced
    assert [v.username for v in services.connections.list(first.workspace_id)] == [
        "acme_business",
        "northwind_shop",
    ]
    assert second.username == "northwind_shop"


def test_without_force_instagram_answers_as_the_signed_in_account(services: Services) -> None:
    browser = ConsentBot(account="acme_business")
    connect(services, browser)
    other = services.workspaces.create("Clients")
    browser.account = "northwind_shop"  # the person would like another one, but is not asked

    view = connect(services, browser, workspace_id=other.id)

    assert view.username == "acme_business"  # the same account, shared by the two workspaces


def test_choosing_an_account_already_connected_says_so_and_changes_nothing(services: Services) -> None:
    browser = ConsentBot(account="acme_business")
    first = connect(services, browser)
    before = services.vault_status().record_count

    with pytest.raises(SocialdeskError) as caught:
        connect(services, browser)  # forced picker, and the person picks the same account again

    assert caught.value.code == "account_already_connected"
    assert "@acme_business" in caught.value.detail
    assert "Switch account" in caught.value.info.action
    assert [v.username for v in services.connections.list(first.workspace_id)] == ["acme_business"]
    assert services.vault_status().record_count == before
    assert services.connections.client.me(_token(services, first.workspace_id)).username == "acme_business"


def test_reconnect_of_the_signed_in_account_is_not_forced(services: Services) -> None:
    browser = ConsentBot(account="acme_business")
    view = connect(services, browser)

    attempt = services.connections.start_connect(view.workspace_id, reconnect_of=view.ig_user_id)
    again = _finish(services, attempt, browser)

    assert not attempt.forced
    assert browser.outcomes[-1].consent_status == 302  # Instagram skipped the dialog: a live grant
    assert again.ig_user_id == view.ig_user_id


def test_reconnect_of_another_account_forces_the_sign_in(services: Services) -> None:
    browser = ConsentBot(account="acme_business")
    acme = connect(services, browser)
    browser.account = "northwind_shop"
    connect(services, browser)  # the browser is now signed in as northwind
    browser.account = "acme_business"

    attempt = services.connections.start_connect(acme.workspace_id, reconnect_of=acme.ig_user_id)
    again = _finish(services, attempt, browser)

    assert attempt.forced
    assert again.username == "acme_business"


def test_a_reconnect_that_returns_another_account_says_so_and_changes_nothing(services: Services) -> None:
    browser = ConsentBot(account="acme_business")
    acme = connect(services, browser)
    browser.account = "studio.creator"  # in the forced picker the person chooses the wrong account

    attempt = services.connections.start_connect(
        acme.workspace_id, reconnect_of=acme.ig_user_id, force_authentication=True
    )
    with pytest.raises(SocialdeskError) as caught:
        _finish(services, attempt, browser)

    assert caught.value.code == "reconnect_other_account"
    assert caught.value.detail == "Instagram signed you in as @studio.creator, not @acme_business"
    assert [v.username for v in services.connections.list(acme.workspace_id)] == ["acme_business"]


def _token(services: Services, workspace_id: int) -> SecretStr:
    with transaction(services.storage.sessions) as session:
        (connection,) = repo.list_for_workspace(session, workspace_id)
        return repo.read_token(session, services.storage.vault, connection)
