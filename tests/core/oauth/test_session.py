from __future__ import annotations

import base64
import threading
from datetime import timedelta

import pytest

from desktop.core.clock import ManualClock
from desktop.core.errors import SocialdeskError
from desktop.core.oauth.session import ConnectSessions


def test_new_session_has_a_256_bit_url_safe_state_and_a_ten_minute_life(
    sessions: ConnectSessions, clock: ManualClock
) -> None:
    session = sessions.new(7)

    raw = base64.urlsafe_b64decode(session.state + "=" * (-len(session.state) % 4))
    assert len(raw) == 32
    assert set(session.state) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert session.workspace_id == 7
    assert session.created_at == clock.now()
    assert session.expires_at - session.created_at == timedelta(minutes=10)


def test_states_are_unique(sessions: ConnectSessions) -> None:
    states = {sessions.new(1).state for _ in range(200)}
    assert len(states) == 200


def test_state_stays_out_of_repr(sessions: ConnectSessions) -> None:
    session = sessions.new(1)
    assert session.state not in repr(session)


def test_consume_works_once(sessions: ConnectSessions) -> None:
    session = sessions.new(1)

    assert sessions.consume(session.state) == session
    with pytest.raises(SocialdeskError) as replay:
        sessions.consume(session.state)
    assert replay.value.code == "state_expired"


@pytest.mark.parametrize("state", ["", "not-a-state", "x" * 5000, "é" * 43])
def test_unknown_state_is_state_expired(sessions: ConnectSessions, state: str) -> None:
    sessions.new(1)
    with pytest.raises(SocialdeskError) as refused:
        sessions.consume(state)
    assert refused.value.code == "state_expired"


def test_state_expires_after_ten_minutes(sessions: ConnectSessions, clock: ManualClock) -> None:
    early = sessions.new(1)
    late = sessions.new(1)

    clock.advance(timedelta(minutes=9, seconds=59))
    assert sessions.consume(early.state) == early
    clock.advance(timedelta(seconds=1))
    with pytest.raises(SocialdeskError) as expired:
        sessions.consume(late.state)
    assert expired.value.code == "state_expired"


def test_custom_lifetime(clock: ManualClock) -> None:
    sessions = ConnectSessions(clock, lifetime=timedelta(seconds=30))
    session = sessions.new(1)
    clock.advance(timedelta(seconds=30))
    assert sessions.peek(session.state) is None


def test_lifetime_must_be_positive(clock: ManualClock) -> None:
    with pytest.raises(ValueError, match="positive"):
        ConnectSessions(clock, lifetime=timedelta(0))


def test_peek_does_not_consume(sessions: ConnectSessions) -> None:
    session = sessions.new(1)

    assert sessions.peek(session.state) == session
    assert sessions.peek(session.state) == session
    sessions.consume(session.state)
    assert sessions.peek(session.state) is None
    assert sessions.peek("unknown") is None


def test_cancel_retires_the_state(sessions: ConnectSessions) -> None:
    session = sessions.new(1)
    sessions.cancel(session.state)
    sessions.cancel("never-issued")

    with pytest.raises(SocialdeskError) as refused:
        sessions.consume(session.state)
    assert refused.value.code == "state_expired"


def test_pending_lists_only_live_sessions(sessions: ConnectSessions, clock: ManualClock) -> None:
    old = sessions.new(1)
    clock.advance(timedelta(minutes=6))
    used = sessions.new(2)
    live = sessions.new(3)
    sessions.consume(used.state)
    assert sessions.pending() == [old, live]

    clock.advance(timedelta(minutes=5))
    assert sessions.pending() == [live]


def test_time_left_counts_down_and_stops_at_zero(sessions: ConnectSessions, clock: ManualClock) -> None:
    session = sessions.new(1)
    clock.advance(timedelta(minutes=4))
    assert session.time_left(clock.now()) == timedelta(minutes=6)
    clock.advance(timedelta(minutes=20))
    assert session.time_left(clock.now()) == timedelta(0)


def test_concurrent_consumers_get_the_session_exactly_once(sessions: ConnectSessions) -> None:
    session = sessions.new(1)
    barrier = threading.Barrier(8)
    winners: list[int] = []
    losers: list[str] = []

    def race(index: int) -> None:
        barrier.wait()
        try:
            sessions.consume(session.state)
            winners.append(index)
        except SocialdeskError as exc:
            losers.append(exc.code)

    threads = [threading.Thread(target=race, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(winners) == 1
    assert losers == ["state_expired"] * 7
