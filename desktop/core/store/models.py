"""The tables Socialdesk keeps: workspaces, Instagram connections, and the token vault's rows.

A connection's token lives in its own ``token_records`` row (the envelope of ``docs/vault.md``), owned
either by the connection or, after a disconnect that could not reach Instagram, by a revocation-outbox
entry; a CHECK keeps it owned by exactly one, and ``ON DELETE CASCADE`` drops it with its owner in the
same transaction.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from desktop.core.store.types import ScopeList, UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

DEFAULT_WORKSPACE_NAME = "My workspace"


class ConnectionStatus(StrEnum):
    ACTIVE = "active"
    NEEDS_RECONNECT = "needs_reconnect"
    MISSING_PERMISSION = "missing_permission"


class OutboxFinal(StrEnum):
    """Why a revocation is no longer retried: either way, only the user can remove the access now."""

    #: Instagram refused to revoke (Graph 100), or said it did while the token kept working.
    MANUAL = "manual"
    #: Too many failed attempts.
    GAVE_UP = "gave_up"


class TokenKind(StrEnum):
    """What a token record holds; part of its associated data."""

    LONG_LIVED = "ig_long_lived"
    SHORT_LIVED = "ig_short_lived"
    #: A Facebook Page token (Facebook Login): no timer, verified rather than refreshed.
    FACEBOOK_PAGE = "fb_page"


class ConnectedVia(StrEnum):
    """Which sign-in a connection came through; reconnecting goes the same way."""

    INSTAGRAM = "instagram"
    FACEBOOK = "facebook"


class KekState(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    RETIRING = "retiring"
    DESTROYED = "destroyed"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Meta(Base):
    """One row: the vault id (names the keychain service) and the data schema version."""

    __tablename__ = "meta"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vault_id: Mapped[str] = mapped_column(String(64))
    schema_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: The identity of the database file that owns ``vault_id`` (``desktop.core.vault.home``); a
    #: copy of the file sees another file's identity here and takes a vault id of its own.
    home: Mapped[str | None] = mapped_column(Text, nullable=True)


class Workspace(Base):
    __tablename__ = "workspaces"
    __table_args__ = (
        # At most one default workspace; it is found by this flag, so renaming it is fine.
        Index(
            "uq_workspaces_one_default",
            "is_default",
            unique=True,
            sqlite_where=text("is_default = 1"),
            postgresql_where=text("is_default"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    connections: Mapped[list[InstagramConnection]] = relationship(
        back_populates="workspace", order_by="InstagramConnection.username"
    )

    def __repr__(self) -> str:
        return f"Workspace(id={self.id!r}, name={self.name!r})"


class InstagramConnection(Base):
    __tablename__ = "instagram_connections"
    __table_args__ = (
        UniqueConstraint("workspace_id", "ig_user_id"),
        # A workspace's list, in the order it is shown, without sorting thousands of rows.
        Index("ix_instagram_connections_workspace_id_username", "workspace_id", "username"),
        # The refresh sweep's due-token query: tokens expiring before a cutoff, by status.
        Index("ix_instagram_connections_status_expires_at", "status", "expires_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    #: Instagram user ids exceed 2**53 and are opaque: kept as text.
    ig_user_id: Mapped[str] = mapped_column(Text)
    username: Mapped[str] = mapped_column(Text)
    account_type: Mapped[str] = mapped_column(String(32))
    scopes: Mapped[tuple[str, ...]] = mapped_column(ScopeList())
    consented_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: When the stored token expires (plaintext metadata, so refresh can be planned without keys).
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    status: Mapped[str] = mapped_column(String(32), default=ConnectionStatus.ACTIVE.value)
    status_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    profile_picture_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    via: Mapped[str] = mapped_column(
        String(16), default=ConnectedVia.INSTAGRAM.value, server_default=ConnectedVia.INSTAGRAM.value
    )
    #: Facebook path: the consenting person's app-scoped id; rows sharing it share one grant.
    grant_id: Mapped[str | None] = mapped_column(Text, nullable=True, index=True)
    #: Facebook path: the Page the account is linked to.
    page_id: Mapped[str | None] = mapped_column(Text, nullable=True)
    page_name: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: Which desktop's refresh sweep is refreshing the token, and until when (a lease, so a desktop
    #: that dies mid-refresh holds nothing for long). See ``store.claims``.
    refresh_claimed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    refresh_claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    #: The provider ("instagram", or "sandbox") and app (its App ID) the token was granted to: the
    #: token is only ever sent there. Empty on rows from before tagging, until the app adopts them.
    provider: Mapped[str | None] = mapped_column(String(32), nullable=True)
    app_id: Mapped[str | None] = mapped_column(String(64), nullable=True)

    workspace: Mapped[Workspace] = relationship(back_populates="connections")
    token: Mapped[TokenRecord | None] = relationship(
        back_populates="connection", cascade="all, delete-orphan", passive_deletes=True, uselist=False
    )

    def __repr__(self) -> str:
        return (
            f"InstagramConnection(id={self.id!r}, workspace_id={self.workspace_id!r}, "
            f"username={self.username!r}, status={self.status!r})"
        )


class KekEntry(Base):
    """The KEK registry: which key-encryption keys exist, their state and a check value.

    The key itself is only in the OS keychain. The check value (an HMAC of a label under the key)
    detects a different key stored under the same name without revealing anything about the key.
    """

    __tablename__ = "kek_registry"
    __table_args__ = (
        CheckConstraint("state IN ('pending', 'active', 'retiring', 'destroyed')", name="state"),
        Index(
            "uq_kek_registry_one_active",
            "state",
            unique=True,
            sqlite_where=text("state = 'active'"),
            postgresql_where=text("state = 'active'"),
        ),
    )

    kek_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16))
    #: Module-qualified class name of the keyring backend that holds the key.
    backend: Mapped[str] = mapped_column(Text)
    #: Keychain service name of the entry (its user name is the kek_id).
    service: Mapped[str] = mapped_column(Text)
    check_value: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    activated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    destroyed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    #: Set once the keychain entry of a destroyed key is gone, so start-up stops looking for it.
    key_deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    def __repr__(self) -> str:
        return f"KekEntry(kek_id={self.kek_id!r}, state={self.state!r})"


class RevocationOutbox(Base):
    """A disconnected account whose token still has to be revoked at Instagram.

    The connection row is already gone from the workspace; this entry owns the encrypted token until
    the revoke succeeds (or the user gives up on it), then both are deleted together.
    """

    __tablename__ = "revocation_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"))
    ig_user_id: Mapped[str] = mapped_column(Text)
    username: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    last_error_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    via: Mapped[str] = mapped_column(
        String(16), default=ConnectedVia.INSTAGRAM.value, server_default=ConnectedVia.INSTAGRAM.value
    )
    #: Facebook path: whose grant to revoke (with the app token; no user token is kept).
    grant_id: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: Set once Socialdesk stops trying (see :class:`OutboxFinal`); the token is gone by then, and
    #: the entry stays only to tell the user to remove the access by hand.
    final_state: Mapped[str | None] = mapped_column(String(32), nullable=True)
    final_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    #: Copied from the connection: only its own provider and app can revoke the token.
    provider: Mapped[str | None] = mapped_column(String(32), nullable=True)
    app_id: Mapped[str | None] = mapped_column(String(64), nullable=True)

    token: Mapped[TokenRecord | None] = relationship(
        back_populates="outbox_entry", cascade="all, delete-orphan", passive_deletes=True, uselist=False
    )

    def __repr__(self) -> str:
        return f"RevocationOutbox(id={self.id!r}, username={self.username!r}, attempts={self.attempts!r})"


class TokenRecord(Base):
    """One encrypted token: the envelope columns of ``docs/vault.md``.

    ``record_uuid``, ``workspace_id``, ``ig_user_id``, ``kind`` and ``format_version`` are bound into
    the payload's associated data; ``kek_id`` and ``record_uuid`` into the wrapped key's. Each write of
    a token makes a new row (new uuid, new data key), so a row's identity never changes.
    """

    __tablename__ = "token_records"
    __table_args__ = (CheckConstraint("(connection_id IS NULL) <> (outbox_id IS NULL)", name="one_owner"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    connection_id: Mapped[int | None] = mapped_column(
        ForeignKey("instagram_connections.id", ondelete="CASCADE"), unique=True, nullable=True
    )
    outbox_id: Mapped[int | None] = mapped_column(
        ForeignKey("revocation_outbox.id", ondelete="CASCADE"), unique=True, nullable=True
    )
    workspace_id: Mapped[int] = mapped_column(Integer)
    ig_user_id: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    format_version: Mapped[int] = mapped_column(Integer)
    kek_id: Mapped[str] = mapped_column(ForeignKey("kek_registry.kek_id"), index=True)
    wrapped_dek: Mapped[bytes] = mapped_column(LargeBinary)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    connection: Mapped[InstagramConnection | None] = relationship(back_populates="token")
    outbox_entry: Mapped[RevocationOutbox | None] = relationship(back_populates="token")

    def __repr__(self) -> str:
        # Never the ciphertext columns: they are not secret, but they are noise in logs.
        return f"TokenRecord(id={self.id!r}, kind={self.kind!r}, kek_id={self.kek_id!r})"


# The team tables share this metadata (migrations and schema checks see them).
from desktop.core.store import team_models as _team_models  # noqa: E402, F401
