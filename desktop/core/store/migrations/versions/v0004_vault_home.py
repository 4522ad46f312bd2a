"""The database file a vault belongs to, so a copied data folder is told apart from its original.

Revision ID: 0004_vault_home
Revises: 0006_facebook
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004_vault_home"
down_revision: str | None = "0006_facebook"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("meta") as batch:
        batch.add_column(sa.Column("home", sa.Text(), nullable=True))
    op.execute("UPDATE meta SET schema_version = 8")


def downgrade() -> None:
    op.execute("UPDATE meta SET schema_version = 7")
    with op.batch_alter_table("meta") as batch:
        batch.drop_column("home")
