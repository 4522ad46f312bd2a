"""A workspace's list at agency scale, and the indexes the list and the sweep rely on (query plans)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Select, insert
from sqlalchemy.orm import Session

from desktop.core.store import connections, listing, workspaces
from desktop.core.store.errors import transaction
from desktop.core.store.models import ConnectionStatus, InstagramConnection
from desktop.core.vault.bootstrap import Storage
from tests.core.vault.helpers import CONSENTED, SCOPES

WORKSPACES = 100
PER_WORKSPACE = 100


def _seed(storage: Storage) -> list[int]:
    """10,000 connections over 100 workspaces, in one transaction (rows only: listing reads no token)."""
    with transaction(storage.sessions) as session:
        ids = [workspaces.create(session, f"Client {n:03d}", now=CONSENTED).id for n in range(WORKSPACES)]
        rows = [
            {
                "workspace_id": workspace_id,
                "ig_user_id": str(17841400000000000 + w * PER_WORKSPACE + n),
                "username": f"client{w:03d}_account{PER_WORKSPACE - n:03d}",
                "account_type": "MEDIA_CREATOR" if n % 3 else "BUSINESS",
                "scopes": SCOPES,
                "consented_at": CONSENTED,
                "expires_at": CONSENTED + timedelta(days=60 - (n % 60)),
                "status": ConnectionStatus.ACTIVE.value,
                "created_at": CONSENTED,
                "updated_at": CONSENTED,
            }
            for w, workspace_id in enumerate(ids)
            for n in range(PER_WORKSPACE)
        ]
        session.execute(insert(InstagramConnection), rows)
    return ids


def _sqlite_only(storage: Storage) -> None:
    if storage.engine.dialect.name != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans depend on its statistics")


def _plan(session: Session, query: Select) -> str:  # type: ignore[type-arg]
    compiled = query.compile(bind=session.get_bind(), compile_kwargs={"render_postcompile": True})
    params = [None] * len(compiled.positiontup or ())
    rows = session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + str(compiled), tuple(params))
    return "\n".join(str(row[-1]) for row in rows)


def test_a_workspace_of_an_agency_lists_only_its_rows_in_username_order(storage: Storage) -> None:
    ids = _seed(storage)
    with transaction(storage.sessions) as session:
        summaries = listing.summaries(session, ids[42])
        assert len(summaries) == PER_WORKSPACE
        names = [s.username for s in summaries]
        assert names == sorted(names) and all(n.startswith("client042_") for n in names)
        views = listing.views(session, ids[42], [s.ig_user_id for s in summaries[:10]])
    assert [views[s.ig_user_id].username for s in summaries[:10]] == names[:10]
    assert {v.workspace_name for v in views.values()} == {"Client 042"}
    assert next(iter(views.values())).scopes == SCOPES


def test_listing_a_workspace_reads_the_index_in_order_without_sorting(storage: Storage) -> None:
    _sqlite_only(storage)
    ids = _seed(storage)
    with transaction(storage.sessions) as session:
        session.connection().exec_driver_sql("ANALYZE")
        plan = _plan(session, listing.summaries_query(ids[0]))
    assert "USING INDEX ix_instagram_connections_workspace_id_username" in plan, plan
    assert "TEMP B-TREE" not in plan, plan  # no sort step: the index is already in username order


def test_the_sweeps_due_token_query_uses_the_status_expiry_index(storage: Storage) -> None:
    _sqlite_only(storage)
    _seed(storage)
    cutoff = CONSENTED + timedelta(days=7)
    with transaction(storage.sessions) as session:
        session.connection().exec_driver_sql("ANALYZE")
        query = connections.due_query(cutoff, skip_status=ConnectionStatus.NEEDS_RECONNECT.value)
        plan = _plan(session, query)
        due = connections.due_ids(session, cutoff, skip_status=ConnectionStatus.NEEDS_RECONNECT.value)
    assert "USING COVERING INDEX ix_instagram_connections_status_expires_at" in plan, plan
    assert "SCAN instagram_connections" not in plan, plan
    # Expiring within a week: days_left 0..7 of every 60, in every workspace.
    assert len(due) == WORKSPACES * sum(1 for n in range(PER_WORKSPACE) if 60 - (n % 60) <= 7)
