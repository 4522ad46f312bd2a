"""Column types: aware UTC timestamps and scope tuples survive a round trip through SQLite."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.dialects import sqlite

from desktop.core.store.types import ScopeList, UTCDateTime

DIALECT = sqlite.dialect()


def test_timestamps_are_stored_as_utc_and_come_back_aware() -> None:
    column = UTCDateTime()
    paris = datetime(2026, 3, 1, 13, 0, tzinfo=timezone(timedelta(hours=1)))
    stored = column.process_bind_param(paris, DIALECT)
    assert stored == datetime(2026, 3, 1, 12, 0)
    loaded = column.process_result_value(stored, DIALECT)
    assert loaded == paris
    assert loaded is not None and loaded.tzinfo is UTC


def test_naive_timestamps_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        UTCDateTime().process_bind_param(datetime(2026, 1, 1), DIALECT)


def test_scopes_round_trip_in_order() -> None:
    column = ScopeList()
    stored = column.process_bind_param(
        ("instagram_business_basic", "instagram_business_manage_messages"), DIALECT
    )
    assert stored == '["instagram_business_basic","instagram_business_manage_messages"]'
    assert column.process_result_value(stored, DIALECT) == (
        "instagram_business_basic",
        "instagram_business_manage_messages",
    )


def test_comma_text_written_by_hand_is_read_too() -> None:
    assert ScopeList().process_result_value("a, b,,c", DIALECT) == ("a", "b", "c")
