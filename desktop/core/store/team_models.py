"""Tables of a team database: the team, its members' public keys, and the team KEK wrapped per member.

No private key and no plaintext KEK is ever stored: a member's X25519 private key lives in that
member's OS keychain, and ``team_kek_wraps`` holds the team KEK encrypted to each approved member's
public key (``desktop.core.vault.team_keys``), signed by the member who wrapped it. A database
reader learns names, public keys and fingerprints; a database writer can add a pending member, but
approval is by fingerprint, which the new member reads off their own screen, and a wrap the writer
makes is refused for want of a signature the recipient trusts.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.core.store.models import Base
from desktop.core.store.types import UTCDateTime


class MemberState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REMOVED = "removed"


class Team(Base):
    """One row: which team this database is, and its name."""

    __tablename__ = "team"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: The creator's Ed25519 public key, for joiners to pin (they confirm it by the team fingerprint).
    anchor_key: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class TeamMember(Base):
    __tablename__ = "team_members"
    __table_args__ = (CheckConstraint("state IN ('pending', 'approved', 'removed')", name="state"),)

    member_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    #: Raw 32-byte X25519 public key.
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    #: Raw 32-byte Ed25519 public key; None for members from before signed key copies.
    signing_key: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    #: The approver's signature over team, member and both public keys (self-signed by the creator).
    certificate: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    state: Mapped[str] = mapped_column(String(16))
    approved_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    def __repr__(self) -> str:
        return f"TeamMember(name={self.name!r}, state={self.state!r})"


class TeamRetiredKey(Base):
    """A member's earlier keys and certificate, kept when they rejoin with new ones (a lost key).

    Certificates that member signed with the old key stay verifiable, so the members they approved
    keep the team key; an old key only certifies, it never signs a wrap or receives one.
    """

    __tablename__ = "team_retired_keys"

    member_id: Mapped[str] = mapped_column(
        ForeignKey("team_members.member_id", ondelete="CASCADE"), primary_key=True
    )
    signing_key: Mapped[bytes] = mapped_column(LargeBinary, primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    certificate: Mapped[bytes] = mapped_column(LargeBinary)
    approved_by: Mapped[str] = mapped_column(String(64))
    retired_at: Mapped[datetime] = mapped_column(UTCDateTime())


class TeamKekWrap(Base):
    """A team KEK encrypted to one member's public key (ephemeral public key ‖ nonce ‖ ciphertext)."""

    __tablename__ = "team_kek_wraps"

    kek_id: Mapped[str] = mapped_column(
        ForeignKey("kek_registry.kek_id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[str] = mapped_column(
        ForeignKey("team_members.member_id", ondelete="CASCADE"), primary_key=True, index=True
    )
    wrapped_kek: Mapped[bytes] = mapped_column(LargeBinary)
    #: Who wrapped it, and their Ed25519 signature (``desktop.core.vault.team_signing``).
    signer_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    def __repr__(self) -> str:
        return f"TeamKekWrap(kek_id={self.kek_id!r}, member_id={self.member_id!r})"
