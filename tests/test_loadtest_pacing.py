"""The load test's people keep their own beat (loadtest.pacing): a late answer neither makes the
next save come at once nor moves the person's beat, so that a stall of the load generator does
not put everybody's saves in the same instant (README, "The load test at 20 people")."""

from types import SimpleNamespace

import pytest

from loadtest.pacing import own_rhythm


@pytest.fixture
def clock():
    now = [100.0]
    return now


def wait_at(now: list[float], moment: float, start: float = 100.0) -> float:
    now[0] = moment
    return own_rhythm(1, clock=lambda: now[0])(SimpleNamespace(rhythm_start=start))


def test_a_quick_answer_waits_for_the_next_beat(clock):
    assert wait_at(clock, 100.25) == pytest.approx(0.75)
    assert wait_at(clock, 105.9) == pytest.approx(0.1)


def test_a_late_answer_skips_the_missed_beat_instead_of_saving_at_once(clock):
    # constant_pacing would answer 0 here: the next save at once, in step with everybody else
    # whose answer the same stall held up.
    assert wait_at(clock, 101.4) == pytest.approx(0.6)
    assert wait_at(clock, 103.95) == pytest.approx(0.05)


def test_people_who_started_apart_stay_apart_after_the_same_stall(clock):
    # Two people whose answers both arrive at 107.5 keep their own moments in the second.
    first = 107.5 + wait_at(clock, 107.5, start=100.1)
    second = 107.5 + wait_at(clock, 107.5, start=100.6)
    assert first == pytest.approx(108.1)
    assert second == pytest.approx(107.6)
