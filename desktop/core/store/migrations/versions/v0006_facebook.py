"""Facebook Login: how each connection was made, its grant and its Page.

Revision ID: 0006_facebook
Revises: 0005_outbox_final
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006_facebook"
down_revision: str | None = "0003_owner_binding"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("instagram_connections") as batch:
        batch.add_column(sa.Column("via", sa.String(length=16), server_default="instagram", nullable=False))
        batch.add_column(sa.Column("grant_id", sa.Text(), nullable=True))
        batch.add_column(sa.Column("page_id", sa.Text(), nullable=True))
        batch.add_column(sa.Column("page_name", sa.Text(), nullable=True))
        batch.create_index(op.f("ix_instagram_connections_grant_id"), ["grant_id"], unique=False)
    with op.batch_alter_table("revocation_outbox") as batch:
        batch.add_column(sa.Column("via", sa.String(length=16), server_default="instagram", nullable=False))
        batch.add_column(sa.Column("grant_id", sa.Text(), nullable=True))
    op.execute("UPDATE meta SET schema_version = 7")


def downgrade() -> None:
    with op.batch_alter_table("revocation_outbox") as batch:
        batch.drop_column("grant_id")
        batch.drop_column("via")
    with op.batch_alter_table("instagram_connections") as batch:
        batch.drop_index(op.f("ix_instagram_connections_grant_id"))
        batch.drop_column("page_name")
        batch.drop_column("page_id")
        batch.drop_column("grant_id")
        batch.drop_column("via")
    op.execute("UPDATE meta SET schema_version = 6")
