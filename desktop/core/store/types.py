"""Column types that keep Python values honest across SQLite and PostgreSQL.

SQLite has no time zones and no arrays: timestamps are stored as naive UTC and come back aware, and
scope lists are stored as a JSON array and come back as a tuple.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, Text
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime; naive values are refused rather than guessed at."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class ScopeList(TypeDecorator[tuple[str, ...]]):
    """Granted scopes as a JSON array of strings, exposed as an ordered tuple."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        scopes = [str(scope) for scope in value]
        return json.dumps(scopes, separators=(",", ":"))

    def process_result_value(self, value: str | None, dialect: Dialect) -> tuple[str, ...] | None:
        if value is None:
            return None
        try:
            decoded = json.loads(value)
        except ValueError:
            # Tolerate comma text written by hand or by an older tool.
            return tuple(part.strip() for part in value.split(",") if part.strip())
        if not isinstance(decoded, list):
            return ()
        return tuple(str(scope) for scope in decoded)
