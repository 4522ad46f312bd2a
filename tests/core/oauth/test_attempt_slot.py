"""One attempt at a time: a second start is refused until the first ends, and a late end of an old
attempt leaves the newer one alone. Real flows, whose answer can only be pasted (no listener)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop.core.errors import SocialdeskError
from desktop.core.oauth.attempt import FlowAttempt
from desktop.core.oauth.attempt_slot import AttemptSlot
from desktop.core.oauth.flow import PendingFlow
from desktop.core.oauth.session import ConnectSessions
from tests.core.oauth.test_attempt import authorize_url_for


def starter(
    slot: AttemptSlot[FlowAttempt], sessions: ConnectSessions, redirect_uri: str, begun: list[PendingFlow]
) -> Callable[[], FlowAttempt]:
    def begin() -> FlowAttempt:
        flow = PendingFlow.begin(
            sessions, 1, redirect_uri=redirect_uri, authorize_url_for=authorize_url_for, listen=False
        )
        begun.append(flow)
        return FlowAttempt(flow, slot.release)

    return begin


def test_a_second_start_is_refused_without_opening_a_flow(
    sessions: ConnectSessions, redirect_uri: str
) -> None:
    slot: AttemptSlot[FlowAttempt] = AttemptSlot()
    begun: list[PendingFlow] = []
    begin = starter(slot, sessions, redirect_uri, begun)
    first = slot.start(begin)
    assert slot.busy
    with pytest.raises(SocialdeskError) as caught:
        slot.start(begin)
    assert caught.value.code == "connect_in_progress"
    assert len(begun) == 1
    first.cancel()
    assert not slot.busy
    second = slot.start(begin)
    assert second is not first and len(begun) == 2
    second.cancel()


def test_an_old_attempt_ending_late_leaves_the_new_one(sessions: ConnectSessions, redirect_uri: str) -> None:
    slot: AttemptSlot[FlowAttempt] = AttemptSlot()
    begun: list[PendingFlow] = []
    begin = starter(slot, sessions, redirect_uri, begun)
    first = slot.start(begin)
    first.cancel()
    second = slot.start(begin)
    slot.release(first)  # the first says again that it is over
    assert slot.busy
    with pytest.raises(SocialdeskError):
        slot.start(begin)
    second.cancel()


def test_a_start_that_fails_leaves_the_slot_free(sessions: ConnectSessions, redirect_uri: str) -> None:
    slot: AttemptSlot[FlowAttempt] = AttemptSlot()

    def failing() -> FlowAttempt:
        raise SocialdeskError("port_in_use")

    with pytest.raises(SocialdeskError):
        slot.start(failing)
    assert not slot.busy
    slot.start(starter(slot, sessions, redirect_uri, [])).cancel()
