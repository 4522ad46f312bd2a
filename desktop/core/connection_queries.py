"""What the connection use cases read: a row as the view the window shows, and the lookups that
decide whether a sign-in must be forced, a grant withdrawn or a revocation dropped."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.store.models import InstagramConnection, RevocationOutbox
from desktop.core.views import ConnectionView, RevocationView, connection_view_of, scope_in_words


def connection_view(connection: InstagramConnection) -> ConnectionView:
    return connection_view_of(connection, connection.workspace.name)


def other_workspaces(session: Session, connection: InstagramConnection) -> tuple[str, ...]:
    others = session.scalars(
        select(InstagramConnection).where(
            InstagramConnection.ig_user_id == connection.ig_user_id,
            InstagramConnection.workspace_id != connection.workspace_id,
        )
    )
    return tuple(sorted(other.workspace.name for other in others))


def connected_anywhere(session: Session, ig_user_id: str) -> bool:
    found = session.scalar(select(InstagramConnection.id).where(InstagramConnection.ig_user_id == ig_user_id))
    return found is not None


def workspace_has_connections(session: Session, workspace_id: int) -> bool:
    """Whether the workspace has any account (one row looked at, however many it has)."""
    found = session.scalar(
        select(InstagramConnection.id).where(InstagramConnection.workspace_id == workspace_id).limit(1)
    )
    return found is not None


def browser_account(session: Session) -> str | None:
    """The account the browser is signed in to Instagram as, as far as Socialdesk knows.

    Every dialog leaves the browser signed in as the account it returned, so that is the account of
    the most recent consent.
    """
    latest = session.scalar(
        select(InstagramConnection.ig_user_id)
        .order_by(InstagramConnection.consented_at.desc(), InstagramConnection.id.desc())
        .limit(1)
    )
    return latest


def describe_missing(scopes: Iterable[str]) -> str:
    """'Publish posts (instagram_business_content_publish), …': plain words first, then the name."""
    return ", ".join(f"{scope_in_words(s)} ({s})" for s in scopes)


def revocation_view(entry: RevocationOutbox) -> RevocationView:
    return RevocationView(
        workspace_id=entry.workspace_id,
        username=entry.username,
        state=entry.final_state or "pending",
        attempts=entry.attempts,
        last_error_code=entry.last_error_code,
        via=entry.via or "instagram",
    )
