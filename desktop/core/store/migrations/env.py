"""Alembic environment: always runs on a connection handed in by :mod:`desktop.core.store.migrate`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from desktop.core.store.models import Base


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("Socialdesk migrations run only through desktop.core.store.migrate")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
