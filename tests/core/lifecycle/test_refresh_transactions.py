"""How many transactions a refresh takes: the sweep's cost grows with them, one per due token."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import event, select
from sqlalchemy.engine import Connection

from desktop.core.lifecycle import Lifecycle
from desktop.core.lifecycle import report as r
from desktop.core.services import Services
from desktop.core.store.errors import transaction
from desktop.core.store.models import InstagramConnection
from tests.core.lifecycle.helpers import connect, sandbox_of, stored_token


def _count_transactions(services: Services, action: Callable[[], object]) -> int:
    begun: list[int] = []

    def on_begin(_connection: Connection) -> None:
        begun.append(1)

    engine = services.storage.engine
    event.listen(engine, "begin", on_begin)
    try:
        action()
    finally:
        event.remove(engine, "begin", on_begin)
    return len(begun)


def test_a_refresh_claims_and_opens_its_token_in_one_transaction_and_stores_in_a_second(
    services: Services, make_lifecycle: Callable[..., Lifecycle]
) -> None:
    view = connect(services)
    old = stored_token(services, view)
    sandbox_of(services).advance_clock(timedelta(days=55))
    lifecycle = make_lifecycle()
    outcomes: list[str] = []

    def sweep() -> None:
        outcomes.extend(o.outcome for o in lifecycle.sweep().outcomes)

    # One to read the connections, then per due token: claim and open, store and release.
    assert _count_transactions(services, sweep) == 3
    assert outcomes == [r.REFRESHED]
    assert stored_token(services, view) != old
    with transaction(services.storage.sessions) as session:
        claimed = session.scalars(select(InstagramConnection.refresh_claimed_by)).one()
    assert claimed is None, "the claim is released with the new token"
