"""Connections and pending revocations record the provider and app their token was granted to.

Revision ID: 0003_owner_binding
Revises: 0005_outbox_final
Create Date: 2026-12-01

Rows from before have no tag (NULL): the app tags them with its configured Instagram app at the next
start in real mode, the only app that install could have used for real accounts.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003_owner_binding"
down_revision: str | None = "0007_scale_indexes"
branch_labels: str | None = None
depends_on: str | None = None

_TABLES = ("instagram_connections", "revocation_outbox")


def upgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("provider", sa.String(length=32), nullable=True))
            batch.add_column(sa.Column("app_id", sa.String(length=64), nullable=True))
    op.execute("UPDATE meta SET schema_version = 6")


def downgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("app_id")
            batch.drop_column("provider")
    op.execute("UPDATE meta SET schema_version = 5")
