"""An agency's store: 10,000 connections over 100 workspaces, and how fast one workspace lists.

Listing is what the window does on switching workspace: every row's summary (id, username, type,
status, expiry, version), then the full rows of the first screenful. The baseline reads the same
summary columns of the same workspace with bare ``sqlite3`` from the same file, no SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
import time

from tests.benchmarks.common import Result, app_environment, median, open_services, seed_rows

WORKSPACES = 100
PER_WORKSPACE = 100
#: The rows a screenful shows, read in full (the model's first page).
FIRST_PAGE = 64

_BARE = (
    "SELECT ig_user_id, username, account_type, status, expires_at, updated_at "
    "FROM instagram_connections WHERE workspace_id = ? ORDER BY username"
)


def run(quick: bool) -> list[Result]:
    workspaces = 20 if quick else WORKSPACES
    listed: list[float] = []
    bare: list[float] = []
    with app_environment() as env, open_services(env) as services:
        ids = [services.workspaces.create(f"Client {n:03d}").id for n in range(workspaces)]
        for number, workspace_id in enumerate(ids):
            seed_rows(services, PER_WORKSPACE, workspace_id, offset=number * PER_WORKSPACE)
        connections = services.connections
        for workspace_id in ids * 2:  # each workspace twice: cold, then as a revisit
            start = time.perf_counter()
            summaries, _pending = connections.summaries(workspace_id)
            connections.views(workspace_id, [s.ig_user_id for s in summaries[:FIRST_PAGE]])
            listed.append((time.perf_counter() - start) * 1000.0)
        assert env.database_file is not None
        database = sqlite3.connect(env.database_file)
        try:
            for workspace_id in ids * 2:
                start = time.perf_counter()
                rows = database.execute(_BARE, (workspace_id,)).fetchall()
                bare.append((time.perf_counter() - start) * 1000.0)
                assert len(rows) == PER_WORKSPACE
        finally:
            database.close()
    return [
        Result(
            f"list one workspace of {workspaces * PER_WORKSPACE:,} connections",
            median(listed),
            median(bare),
            "ms",
            "measured",
            20.0,
            "the summary columns read with bare sqlite3",
            note=f"{workspaces} workspaces of {PER_WORKSPACE}; every row's summary and the first "
            f"{FIRST_PAGE} rows in full, median over every workspace listed twice; worst "
            f"{max(listed):.1f} ms",
        )
    ]
