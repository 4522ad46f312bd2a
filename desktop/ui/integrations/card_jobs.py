"""What the Instagram card runs on a worker, and the results it hands back to the GUI thread.

Each job catches its own failure where the card needs to know *which* row or attempt failed, so the
result arrives at one slot either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.core.views import ConnectionSummary, ConnectionView, DisconnectOutcome
from desktop.ui.integrations.connections_order import ConnectionsIndex

if TYPE_CHECKING:
    from desktop.core.connections import ConnectAttempt, Connections

#: Errors where Instagram signed the user in as an account they did not mean.
WRONG_ACCOUNT_CODES = frozenset({"account_already_connected", "reconnect_other_account"})


@dataclass(frozen=True, slots=True)
class Listed:
    workspace_id: int
    summaries: list[ConnectionSummary]
    pending_revocations: list[str]
    first_views: dict[str, ConnectionView]
    #: Username → ``pending``, ``manual`` or ``gave_up`` (see :class:`RevocationView`).
    revocation_states: dict[str, str] = field(default_factory=dict)
    #: The summaries and pending revocations indexed for filtering and sorted (on the worker).
    index: ConnectionsIndex | None = None
    #: Username → ``instagram`` or ``facebook``: where a pending revocation is removed by hand.
    revocation_vias: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Fetched:
    workspace_id: int
    ig_user_ids: list[str]
    views: dict[str, ConnectionView]


@dataclass(frozen=True, slots=True)
class Ended:
    """How a connect attempt ended: a connection, or the exception ``wait`` raised."""

    attempt: object
    view: ConnectionView | None
    error: BaseException | None


@dataclass(frozen=True, slots=True)
class Disconnected:
    view: ConnectionView
    outcome: DisconnectOutcome | None
    error: BaseException | None


def disconnect(connections: Connections, view: ConnectionView) -> Disconnected:
    try:
        return Disconnected(view, connections.disconnect(view.workspace_id, view.ig_user_id), None)
    except Exception as exc:
        return Disconnected(view, None, exc)


def list_connections(connections: Connections, workspace_id: int, first_page: int) -> Listed:
    """Every summary, and the first screenful in full (in the store's username order, the list's
    default): the list then paints its first rows without a second trip to the worker. The rows
    are indexed and sorted here too, so the GUI thread only swaps them in."""
    summaries, _pending = connections.summaries(workspace_id)
    first = connections.views(workspace_id, [s.ig_user_id for s in summaries[:first_page]])
    revocations = connections.revocations(workspace_id)
    pending = [r.username for r in revocations]
    return Listed(
        workspace_id,
        summaries,
        pending,
        first,
        {r.username: r.state for r in revocations},
        ConnectionsIndex(summaries, pending),
        {r.username: r.via for r in revocations},
    )


def fetch_views(connections: Connections, workspace_id: int, ig_user_ids: list[str]) -> Fetched:
    return Fetched(workspace_id, ig_user_ids, connections.views(workspace_id, ig_user_ids))


def wait_for_attempt(attempt: ConnectAttempt) -> Ended:
    try:
        return Ended(attempt, attempt.wait(), None)
    except BaseException as exc:
        return Ended(attempt, None, exc)
