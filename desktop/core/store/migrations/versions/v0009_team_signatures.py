"""Signed team key copies: members' signing keys and certificates, the anchor, wrap signatures.

Revision ID: 0009_team_signatures
Revises: 0004_vault_home
Create Date: 2026-12-01

Every new column is nullable: rows from before stay readable, and a desktop refuses their unsigned
wraps until the team has moved over (see the README's team section).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0009_team_signatures"
down_revision: str | None = "0004_vault_home"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("team") as batch:
        batch.add_column(sa.Column("anchor_key", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("team_members") as batch:
        batch.add_column(sa.Column("signing_key", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("certificate", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("team_kek_wraps") as batch:
        batch.add_column(sa.Column("signer_id", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("signature", sa.LargeBinary(), nullable=True))
    op.create_table(
        "team_retired_keys",
        sa.Column("member_id", sa.String(length=64), nullable=False),
        sa.Column("signing_key", sa.LargeBinary(), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("certificate", sa.LargeBinary(), nullable=False),
        sa.Column("approved_by", sa.String(length=64), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["team_members.member_id"],
            name=op.f("fk_team_retired_keys_member_id_team_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("member_id", "signing_key", name=op.f("pk_team_retired_keys")),
    )
    op.execute("UPDATE meta SET schema_version = 9")


def downgrade() -> None:
    op.drop_table("team_retired_keys")
    with op.batch_alter_table("team_kek_wraps") as batch:
        batch.drop_column("signature")
        batch.drop_column("signer_id")
    with op.batch_alter_table("team_members") as batch:
        batch.drop_column("certificate")
        batch.drop_column("signing_key")
    with op.batch_alter_table("team") as batch:
        batch.drop_column("anchor_key")
    op.execute("UPDATE meta SET schema_version = 8")
