"""Revocation outbox: a final state once Socialdesk stops trying.

Revision ID: 0005_outbox_final
Revises: 0008_teams
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005_outbox_final"
down_revision: str | None = "0008_teams"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("revocation_outbox") as batch:
        batch.add_column(sa.Column("final_state", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("final_at", sa.DateTime(), nullable=True))
    op.execute("UPDATE meta SET schema_version = 4")


def downgrade() -> None:
    op.execute("UPDATE meta SET schema_version = 3")
    with op.batch_alter_table("revocation_outbox") as batch:
        batch.drop_column("final_at")
        batch.drop_column("final_state")
