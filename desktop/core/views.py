"""Plain, token-free views of what the store holds, for the UI, the CLI and JSON output."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from desktop.core.i18n import _

#: Connection statuses a user can see.
STATUS_ACTIVE = "active"
STATUS_NEEDS_RECONNECT = "needs_reconnect"
STATUS_MISSING_PERMISSION = "missing_permission"
STATUS_REVOCATION_PENDING = "revocation_pending"

SCOPE_WORDS: dict[str, str] = {
    "instagram_business_basic": "See your profile and media",
    "instagram_business_content_publish": "Publish posts",
    "instagram_business_manage_insights": "Read insights",
    "instagram_business_manage_comments": "Manage comments",
    "instagram_business_manage_messages": "Manage messages",
    "instagram_basic": "See the Instagram accounts linked to your Pages",
    "instagram_content_publish": "Publish posts",
    "instagram_manage_insights": "Read insights",
    "pages_show_list": "See the list of your Pages",
    "pages_read_engagement": "Read your Pages' content and engagement",
    "business_management": "See your business portfolios' Pages",
}


def scope_in_words(scope: str) -> str:
    """The permission as the consent dialog words it, in the language in use."""
    words = SCOPE_WORDS.get(scope)
    return _(words) if words else scope


@dataclass(frozen=True, slots=True)
class WorkspaceView:
    id: int
    name: str
    connection_count: int = 0


@dataclass(frozen=True, slots=True)
class ConnectionView:
    workspace_id: int
    workspace_name: str
    ig_user_id: str
    username: str
    account_type: str
    scopes: tuple[str, ...]
    consented_at: datetime
    expires_at: datetime | None
    status: str = STATUS_ACTIVE
    status_reason: str = ""
    profile_picture_url: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    #: ``instagram`` (Instagram Login) or ``facebook`` (through a Facebook Page).
    via: str = "instagram"
    #: Facebook path: the Page the account is linked to.
    page_name: str = ""

    @property
    def account_type_label(self) -> str:
        return {
            "BUSINESS": "Business",
            "MEDIA_CREATOR": "Creator",
            "PROFESSIONAL": "Business or Creator",
        }.get(self.account_type.upper(), self.account_type)

    @property
    def via_label(self) -> str:
        """How the row says it was connected."""
        if self.via == "facebook":
            return f"via Facebook Page {self.page_name}" if self.page_name else "via Facebook"
        return "via Instagram"

    def days_left(self, now: datetime) -> int | None:
        if self.expires_at is None:
            return None
        return max(0, (self.expires_at - now).days)

    def as_json(self) -> dict[str, object]:
        return {
            "workspace": self.workspace_name,
            "ig_user_id": self.ig_user_id,
            "username": self.username,
            "account_type": self.account_type,
            "scopes": list(self.scopes),
            "consented_at": self.consented_at.isoformat(),
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
            "status": self.status,
            "via": self.via,
            "page": self.page_name or None,
            # Why the status is not "active": a catalogue code (needs_reconnect, …), or "".
            "status_reason": self.status_reason,
        }


@dataclass(frozen=True, slots=True)
class ConnectionSummary:
    """What a list needs about every row before it shows any: identity, sort and filter keys, version."""

    ig_user_id: str
    username: str
    account_type: str
    status: str
    #: The stored timestamps as the database keeps them (UTC, ``YYYY-MM-DD HH:MM:SS…``): they sort
    #: and compare as text, and 10,000 rows list without 20,000 date conversions.
    expires_at: str | None
    #: Changes on every write of the row (token refreshed, status set): a cached view is then stale.
    updated_at: str


@dataclass(frozen=True, slots=True)
class DisconnectOutcome:
    username: str
    #: False when Instagram could not be reached (the token waits in the revocation outbox) or when
    #: the account stays connected in other workspaces (``shared_with``), whose access must survive.
    revoked_at_provider: bool
    shared_with: tuple[str, ...] = ()
    #: Facebook path: accounts (``@username in workspace``) still using the same Facebook grant,
    #: which is why it was not revoked at Facebook.
    kept_alive_by: tuple[str, ...] = ()
    #: Instagram will not remove the access (or said it did and didn't): only the user can, by hand.
    remove_by_hand: bool = False


@dataclass(frozen=True, slots=True)
class RevocationView:
    """An account disconnected from a workspace whose access at Instagram is not yet confirmed gone."""

    workspace_id: int
    username: str
    #: ``pending`` (Socialdesk retries), ``manual`` (Instagram won't) or ``gave_up`` (too many failures).
    state: str
    attempts: int
    last_error_code: str | None = None
    #: ``instagram`` or ``facebook``: where the access is removed by hand differs.
    via: str = "instagram"

    @property
    def remove_by_hand(self) -> bool:
        return self.state != "pending"


class ConnectionFields(Protocol):
    """What a stored connection offers, whether an ORM row or a row read with a Core query."""

    @property
    def workspace_id(self) -> int: ...
    @property
    def ig_user_id(self) -> str: ...
    @property
    def username(self) -> str: ...
    @property
    def account_type(self) -> str: ...
    @property
    def scopes(self) -> Sequence[str]: ...
    @property
    def consented_at(self) -> datetime: ...
    @property
    def expires_at(self) -> datetime | None: ...
    @property
    def status(self) -> str: ...
    @property
    def status_reason(self) -> str | None: ...
    @property
    def profile_picture_url(self) -> str | None: ...
    @property
    def via(self) -> str | None: ...
    @property
    def page_name(self) -> str | None: ...


def connection_view_of(row: ConnectionFields, workspace_name: str) -> ConnectionView:
    """The token-free view of a stored connection; empty columns read as the view's defaults."""
    return ConnectionView(
        workspace_id=row.workspace_id,
        workspace_name=workspace_name,
        ig_user_id=row.ig_user_id,
        username=row.username,
        account_type=row.account_type,
        scopes=tuple(row.scopes or ()),
        consented_at=row.consented_at,
        expires_at=row.expires_at,
        status=row.status,
        status_reason=row.status_reason or "",
        profile_picture_url=row.profile_picture_url or "",
        via=row.via or "instagram",
        page_name=row.page_name or "",
    )
