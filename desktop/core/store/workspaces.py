"""Workspaces: named groups of connections. A default one always exists (found by flag, not name)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import SocialdeskError
from desktop.core.store.models import DEFAULT_WORKSPACE_NAME, Workspace


def _clean(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValueError("a workspace name cannot be empty")
    return cleaned


def list_workspaces(session: Session) -> list[Workspace]:
    """All workspaces, the default first, then by name."""
    return list(session.scalars(select(Workspace).order_by(Workspace.is_default.desc(), Workspace.name)))


def get(session: Session, workspace_id: int) -> Workspace | None:
    return session.get(Workspace, workspace_id)


def get_by_name(session: Session, name: str) -> Workspace | None:
    """Case-insensitive, whitespace-normalised lookup (names are unique in that sense too)."""
    wanted = " ".join(name.split()).casefold()
    for workspace in session.scalars(select(Workspace)):
        if workspace.name.casefold() == wanted:
            return workspace
    return None


def get_default(session: Session) -> Workspace | None:
    return session.scalars(select(Workspace).where(Workspace.is_default.is_(True))).first()


def ensure_default(session: Session, *, now: datetime | None = None) -> Workspace:
    """The default workspace, created as "My workspace" when there is none."""
    workspace = get_default(session)
    if workspace is not None:
        return workspace
    name = DEFAULT_WORKSPACE_NAME
    suffix = 2
    while get_by_name(session, name) is not None:
        name = f"{DEFAULT_WORKSPACE_NAME} {suffix}"
        suffix += 1
    moment = now or datetime.now(UTC)
    workspace = Workspace(name=name, is_default=True, created_at=moment, updated_at=moment)
    session.add(workspace)
    session.flush()
    return workspace


def create(session: Session, name: str, *, now: datetime | None = None) -> Workspace:
    """A new workspace; ``workspace_exists`` if the name is taken (ignoring case)."""
    cleaned = _clean(name)
    if get_by_name(session, cleaned) is not None:
        raise SocialdeskError("workspace_exists", cleaned)
    moment = now or datetime.now(UTC)
    workspace = Workspace(name=cleaned, is_default=False, created_at=moment, updated_at=moment)
    session.add(workspace)
    session.flush()
    return workspace


def rename(
    session: Session, workspace: Workspace, new_name: str, *, now: datetime | None = None
) -> Workspace:
    cleaned = _clean(new_name)
    existing = get_by_name(session, cleaned)
    if existing is not None and existing.id != workspace.id:
        raise SocialdeskError("workspace_exists", cleaned)
    workspace.name = cleaned
    workspace.updated_at = now or datetime.now(UTC)
    session.flush()
    return workspace
