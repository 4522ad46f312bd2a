"""Back-off between attempts: doubling per connection, capped, never shorter than Instagram asks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.core.lifecycle import Backoff

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def test_delays_double_and_stop_at_the_cap() -> None:
    backoff = Backoff(timedelta(minutes=10), timedelta(hours=1))
    delays = [backoff.failed(7, NOW) - NOW for _ in range(5)]
    assert delays == [timedelta(minutes=m) for m in (10, 20, 40, 60, 60)]


def test_a_connection_waits_until_its_time_and_success_clears_it() -> None:
    backoff = Backoff(timedelta(minutes=10))
    retry_at = backoff.failed(1, NOW)
    assert backoff.next_attempt_at(1, NOW + timedelta(minutes=9)) == retry_at
    assert backoff.next_attempt_at(1, NOW + timedelta(minutes=10)) is None
    assert backoff.next_attempt_at(2, NOW) is None
    backoff.succeeded(1)
    assert backoff.next_attempt_at(1, NOW) is None


def test_instagram_asking_for_longer_wins() -> None:
    backoff = Backoff(timedelta(minutes=10))
    assert backoff.failed(1, NOW, timedelta(hours=2)) == NOW + timedelta(hours=2)


def test_an_app_wide_pause_holds_everyone() -> None:
    backoff = Backoff()
    backoff.pause_all(NOW + timedelta(minutes=30))
    backoff.pause_all(NOW + timedelta(minutes=5))  # a shorter pause never shortens the longer one
    assert backoff.next_attempt_at(1, NOW) == NOW + timedelta(minutes=30)
    assert backoff.next_attempt_at(99, NOW + timedelta(minutes=31)) is None


def test_forgotten_connections_start_afresh() -> None:
    backoff = Backoff()
    backoff.failed(1, NOW)
    backoff.failed(2, NOW)
    backoff.keep_only({2})
    assert backoff.next_attempt_at(1, NOW) is None
    assert backoff.next_attempt_at(2, NOW) is not None
