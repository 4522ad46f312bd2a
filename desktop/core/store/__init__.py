"""The database: SQLAlchemy models, repositories that work inside the caller's transaction,
alembic migrations run at start-up, and the single-instance lock."""
