"""Renewed tokens stored several per transaction: a failed batch loses none of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from desktop.core.lifecycle import Lifecycle
from desktop.core.lifecycle import report as r
from desktop.core.services import Services
from desktop.core.store import refreshed_token
from desktop.core.store.errors import transaction
from desktop.core.store.models import InstagramConnection
from desktop.core.views import ConnectionView
from tests.core.lifecycle.helpers import connect_six_due, stored_token


def _key(view: ConnectionView) -> tuple[int, str]:
    return view.workspace_id, str(view.ig_user_id)


def test_a_token_that_cannot_be_stored_keeps_the_old_one_and_costs_the_others_nothing(
    services: Services, make_lifecycle: Callable[..., Lifecycle], monkeypatch: pytest.MonkeyPatch
) -> None:
    views = connect_six_due(services)
    old = {_key(view): stored_token(services, view) for view in views}
    broken = views[2]
    original = refreshed_token.store_refreshed

    def store_refreshed(session: Any, vault: Any, stored: Any, *args: Any, **kwargs: Any) -> Any:
        if (stored.workspace_id, str(stored.ig_user_id)) == _key(broken):
            # What a full disk or a dropped database connection looks like from SQLAlchemy.
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        return original(session, vault, stored, *args, **kwargs)

    monkeypatch.setattr(refreshed_token, "store_refreshed", store_refreshed)
    outcomes = {_key(o.view): o for o in make_lifecycle(max_workers=2).sweep().outcomes}

    assert outcomes[_key(broken)].outcome == r.SAVE_FAILED
    assert outcomes[_key(broken)].error_code == "internal_error"
    assert stored_token(services, broken) == old[_key(broken)], "the old token stays"
    assert services.connections.client.me(old[_key(broken)]).user_id, "and still works at Instagram"
    for view in views:
        if _key(view) != _key(broken):
            assert outcomes[_key(view)].outcome == r.REFRESHED
            assert stored_token(services, view) != old[_key(view)]
    with transaction(services.storage.sessions) as session:
        claimed = session.scalars(select(InstagramConnection.refresh_claimed_by)).all()
    assert claimed == [None] * len(views), "no claim outlives the sweep"
