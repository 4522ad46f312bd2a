"""Vault: KEK registry, revocation outbox and token records.

Revision ID: 0002_vault
Revises: 0001_store
Create Date: 2026-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision: str = "0002_vault"
down_revision: str | None = "0001_store"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "kek_registry",
        sa.Column("kek_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("backend", sa.Text(), nullable=False),
        sa.Column("service", sa.Text(), nullable=False),
        sa.Column("check_value", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("activated_at", sa.DateTime(), nullable=True),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.Column("destroyed_at", sa.DateTime(), nullable=True),
        sa.Column("key_deleted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "state IN ('pending', 'active', 'retiring', 'destroyed')", name=op.f("ck_kek_registry_state")
        ),
        sa.PrimaryKeyConstraint("kek_id", name=op.f("pk_kek_registry")),
    )
    op.create_index(
        "uq_kek_registry_one_active",
        "kek_registry",
        ["state"],
        unique=True,
        sqlite_where=sa.text("state = 'active'"),
        postgresql_where=sa.text("state = 'active'"),
    )
    op.create_table(
        "revocation_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("ig_user_id", sa.Text(), nullable=False),
        sa.Column("username", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("last_error_code", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_revocation_outbox_workspace_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revocation_outbox")),
    )
    op.create_index(
        op.f("ix_revocation_outbox_next_attempt_at"), "revocation_outbox", ["next_attempt_at"], unique=False
    )
    op.create_table(
        "token_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("connection_id", sa.Integer(), nullable=True),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("ig_user_id", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("format_version", sa.Integer(), nullable=False),
        sa.Column("kek_id", sa.String(length=64), nullable=False),
        sa.Column("wrapped_dek", sa.LargeBinary(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(connection_id IS NULL) <> (outbox_id IS NULL)", name=op.f("ck_token_records_one_owner")
        ),
        sa.ForeignKeyConstraint(
            ["connection_id"],
            ["instagram_connections.id"],
            name=op.f("fk_token_records_connection_id_instagram_connections"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["kek_id"], ["kek_registry.kek_id"], name=op.f("fk_token_records_kek_id_kek_registry")
        ),
        sa.ForeignKeyConstraint(
            ["outbox_id"],
            ["revocation_outbox.id"],
            name=op.f("fk_token_records_outbox_id_revocation_outbox"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_token_records")),
        sa.UniqueConstraint("connection_id", name=op.f("uq_token_records_connection_id")),
        sa.UniqueConstraint("outbox_id", name=op.f("uq_token_records_outbox_id")),
        sa.UniqueConstraint("record_uuid", name=op.f("uq_token_records_record_uuid")),
    )
    op.create_index(op.f("ix_token_records_kek_id"), "token_records", ["kek_id"], unique=False)
    # The data schema version the app reads from ``meta`` (the row exists once the app has started).
    op.execute("UPDATE meta SET schema_version = 2")


def downgrade() -> None:
    op.drop_index(op.f("ix_token_records_kek_id"), table_name="token_records")
    op.drop_table("token_records")
    op.drop_index(op.f("ix_revocation_outbox_next_attempt_at"), table_name="revocation_outbox")
    op.drop_table("revocation_outbox")
    op.drop_index("uq_kek_registry_one_active", table_name="kek_registry")
    op.drop_table("kek_registry")
    op.execute("UPDATE meta SET schema_version = 1")
