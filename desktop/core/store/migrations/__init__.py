"""Alembic migration scripts for the Socialdesk database (run by :mod:`desktop.core.store.migrate`)."""
