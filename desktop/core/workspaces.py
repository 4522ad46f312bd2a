"""Workspaces: named groups of connected accounts (a client, a brand, a team)."""

from __future__ import annotations

import builtins

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.clock import Clock
from desktop.core.errors import SocialdeskError
from desktop.core.store import workspaces as repo
from desktop.core.store.errors import transaction
from desktop.core.store.models import InstagramConnection, Workspace
from desktop.core.views import WorkspaceView


def _view(session: Session, workspace: Workspace) -> WorkspaceView:
    count = session.scalar(
        select(func.count())
        .select_from(InstagramConnection)
        .where(InstagramConnection.workspace_id == workspace.id)
    )
    return WorkspaceView(id=workspace.id, name=workspace.name, connection_count=int(count or 0))


def _checked(name: str) -> str:
    if not name.strip():
        raise SocialdeskError("workspace_name_invalid")
    return name


class Workspaces:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def list(self) -> builtins.list[WorkspaceView]:
        with transaction(self._sessions) as session:
            return [_view(session, w) for w in repo.list_workspaces(session)]

    def default(self) -> WorkspaceView:
        with transaction(self._sessions) as session:
            return _view(session, repo.ensure_default(session, now=self._clock.now()))

    def get(self, workspace_id: int) -> WorkspaceView:
        with transaction(self._sessions) as session:
            workspace = repo.get(session, workspace_id)
            if workspace is None:
                raise SocialdeskError("workspace_not_found", f"id {workspace_id}")
            return _view(session, workspace)

    def by_name(self, name: str | None) -> WorkspaceView:
        """The named workspace, or the default one when ``name`` is empty."""
        if not name:
            return self.default()
        with transaction(self._sessions) as session:
            workspace = repo.get_by_name(session, name)
            if workspace is None:
                raise SocialdeskError("workspace_not_found", name)
            return _view(session, workspace)

    def create(self, name: str) -> WorkspaceView:
        with transaction(self._sessions) as session:
            return _view(session, repo.create(session, _checked(name), now=self._clock.now()))

    def rename(self, workspace_id: int, name: str) -> WorkspaceView:
        with transaction(self._sessions) as session:
            workspace = repo.get(session, workspace_id)
            if workspace is None:
                raise SocialdeskError("workspace_not_found", f"id {workspace_id}")
            return _view(session, repo.rename(session, workspace, _checked(name), now=self._clock.now()))
