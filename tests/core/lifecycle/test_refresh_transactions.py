"""How many transactions a sweep takes: its cost grows with them, so claims and stores are batched."""

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
from tests.core.lifecycle.helpers import connect, connect_six_due, sandbox_of, stored_token


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

    # One to read the connections, one to claim and open the due rows, one to store and release.
    assert _count_transactions(services, sweep) == 3
    assert outcomes == [r.REFRESHED]
    assert stored_token(services, view) != old
    with transaction(services.storage.sessions) as session:
        claimed = session.scalars(select(InstagramConnection.refresh_claimed_by)).one()
    assert claimed is None, "the claim is released with the new token"


def test_due_tokens_are_claimed_together_and_stored_at_most_one_transaction_each(
    services: Services, make_lifecycle: Callable[..., Lifecycle]
) -> None:
    connect_six_due(services)
    lifecycle = make_lifecycle()
    outcomes: list[str] = []

    def sweep() -> None:
        outcomes.extend(o.outcome for o in lifecycle.sweep().outcomes)

    count = _count_transactions(services, sweep)
    assert outcomes == [r.REFRESHED] * 6
    # One read, one claim for all six (claimed ahead, up to eight rows a transaction), and one store
    # per batch of tokens waiting: six at most, fewer when the workers finish close together. A claim
    # and a store per token, as before batching, would take 13.
    assert 3 <= count <= 1 + 1 + 6
