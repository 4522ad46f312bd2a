"""Teams: members' public keys, the team KEK wrapped per member, and refresh claims on connections.

Revision ID: 0008_teams
Revises: 0002_vault
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision: str = "0008_teams"
down_revision: str | None = "0002_vault"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "team",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_team_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team")),
        sa.UniqueConstraint("team_id", name=op.f("uq_team_team_id")),
    )
    op.create_table(
        "team_members",
        sa.Column("member_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("approved_by", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("removed_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "state IN ('pending', 'approved', 'removed')", name=op.f("ck_team_members_state")
        ),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_team_members")),
        sa.UniqueConstraint("name", name=op.f("uq_team_members_name")),
    )
    op.create_table(
        "team_kek_wraps",
        sa.Column("kek_id", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.String(length=64), nullable=False),
        sa.Column("wrapped_kek", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kek_id"],
            ["kek_registry.kek_id"],
            name=op.f("fk_team_kek_wraps_kek_id_kek_registry"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["team_members.member_id"],
            name=op.f("fk_team_kek_wraps_member_id_team_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("kek_id", "member_id", name=op.f("pk_team_kek_wraps")),
    )
    op.create_index(op.f("ix_team_kek_wraps_member_id"), "team_kek_wraps", ["member_id"], unique=False)
    with op.batch_alter_table("instagram_connections") as batch:
        batch.add_column(sa.Column("refresh_claimed_by", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("refresh_claimed_until", sa.DateTime(), nullable=True))
    op.execute("UPDATE meta SET schema_version = 3")


def downgrade() -> None:
    with op.batch_alter_table("instagram_connections") as batch:
        batch.drop_column("refresh_claimed_until")
        batch.drop_column("refresh_claimed_by")
    op.drop_index(op.f("ix_team_kek_wraps_member_id"), table_name="team_kek_wraps")
    op.drop_table("team_kek_wraps")
    op.drop_table("team_members")
    op.drop_table("team")
    op.execute("UPDATE meta SET schema_version = 2")
