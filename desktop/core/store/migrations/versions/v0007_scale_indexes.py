"""Indexes for agencies with thousands of accounts: a workspace's list and the sweep's due tokens.

Revision ID: 0007_scale_indexes
Revises: 0005_outbox_final
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision: str = "0007_scale_indexes"
down_revision: str | None = "0005_outbox_final"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index(
        "ix_instagram_connections_workspace_id_username",
        "instagram_connections",
        ["workspace_id", "username"],
        unique=False,
    )
    op.create_index(
        "ix_instagram_connections_status_expires_at",
        "instagram_connections",
        ["status", "expires_at"],
        unique=False,
    )
    op.execute("UPDATE meta SET schema_version = 5")


def downgrade() -> None:
    op.drop_index("ix_instagram_connections_status_expires_at", table_name="instagram_connections")
    op.drop_index("ix_instagram_connections_workspace_id_username", table_name="instagram_connections")
    op.execute("UPDATE meta SET schema_version = 4")
