"""The claim against the decision (rules.md R12): rows, needs and the cuts that moved the
verdict, recalculated by the same rules. Pure Python."""

import random
from dataclasses import replace
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from assessments import files, rules
from assessments.rules.compare import compare

EXAMPLE = Path(__file__).resolve().parent / "examples" / "adult-compared-with-decision-2026.json"
DECISION = rules.Decision("fk", date(2026, 8, 20))


def row(need="personal_hygiene", minutes=60, **fields):
    kind = fields.pop("kind", "basic" if rules.is_basic_need(need) else "other")
    return rules.Activity(need=need, kind=kind, minutes=minutes, times=1, per="day", **fields)


def comparison_of(draft):
    return compare(rules.calculate(draft))


def test_the_example_compares_row_by_row():
    comparison = comparison_of(files.read(EXAMPLE.read_bytes()))
    shower, toilet, eating, dressing, talking, swimming = comparison.rows
    assert (shower.claimed_minutes, shower.decided_minutes) == (280, 175)
    assert not toilet.changed and toilet.difference_minutes == 0
    assert dressing.changed_fields() == ("assistants",)
    assert talking.decided is None and talking.decided_minutes == 0
    assert talking.changed_fields() == ("granted",)
    assert not swimming.changed


def test_the_cuts_are_sorted_by_what_they_cost_with_a_running_total():
    comparison = comparison_of(files.read(EXAMPLE.read_bytes()))
    costs = [cut.row.basic_cost for cut in comparison.cuts]
    assert costs == sorted(costs, reverse=True)
    # Talking 420, dressing 280, eating 210, shower 105 minutes a week.
    assert [cut.row.index for cut in comparison.cuts] == [4, 3, 2, 1 - 1]
    assert [cut.basic_after for cut in comparison.cuts] == [1974, 1694, 1484, 1379]
    assert (
        comparison.cuts[-1].basic_after
        == rules.calculate(files.read(EXAMPLE.read_bytes())).decision.basic_minutes
    )


def test_the_running_total_says_when_the_threshold_is_lost():
    draft = rules.Assessment(
        date(2026, 9, 1),
        activities=(
            row(minutes=120, decided=rules.Decided(minutes=30)),  # 14 h → 3,5 h
            row("meals", minutes=60, decided=rules.Decided(granted=False)),  # 7 h → 0
            row("dressing", minutes=30),  # 3,5 h
            row("personal_hygiene", minutes=60),  # 7 h
        ),
        decision=DECISION,
    )
    cuts = comparison_of(draft).cuts  # 31,5 h claimed
    assert [c.row.index for c in cuts] == [0, 1]
    assert [c.basic_after for c in cuts] == [1260, 840]  # 21 h, then 14 h
    assert [c.meets_threshold_after for c in cuts] == [True, False]


def test_a_kind_changed_to_other_costs_the_whole_basic_row():
    draft = rules.Assessment(
        date(2026, 9, 1),
        activities=(row(decided=rules.Decided(kind="other")),),
        decision=DECISION,
    )
    (only,) = comparison_of(draft).rows
    assert only.basic_cost == 420 and only.difference_minutes == 0


@pytest.mark.parametrize("seed", range(25))
def test_the_running_total_matches_a_full_recalculation_with_a_child(seed):
    rng = random.Random(seed)
    activities = []
    for _ in range(rng.randint(1, 8)):
        need = rng.choice(["personal_hygiene", "breathing", "meals", "household"])
        decided = rng.choice(
            [None, rules.Decided(minutes=rng.randint(1, 50)), rules.Decided(granted=False)]
        )
        activities.append(
            row(
                need,
                minutes=rng.randint(10, 200),
                decided=decided,
                week_types=rng.choice([None, ("school",)]),
            )
        )
    draft = rules.Assessment(
        date(2026, 9, 1),
        activities=tuple(activities),
        birth_month=date(2020, 1, 1),
        week_types=(rules.WeekType("school", "Skola", 40), rules.WeekType("lov", "Lov", 12)),
        decision=DECISION,
    )
    result = rules.calculate(draft)
    comparison = compare(result)
    # Apply the cuts one by one for real and compare.
    applied = set()
    for cut in comparison.cuts:
        applied.add(cut.row.index)
        partly = replace(
            draft,
            decision=None,
            activities=tuple(
                a
                for i, original in enumerate(draft.activities)
                if (a := original.as_decided() if i in applied else replace(original, decided=None))
            ),
        )
        assert cut.basic_after == rules.calculate(partly).basic_minutes


def test_no_decision_no_comparison():
    assert comparison_of(rules.Assessment(date(2026, 9, 1), activities=(row(),))) is None


def test_the_running_total_counts_breathing_only_from_2019_11_01():
    # rules.md R12: a period across 2019-11-01 counts breathing as basic only after it.
    draft = rules.Assessment(
        date(2019, 10, 1),
        activities=(
            row("breathing", minutes=120, decided=rules.Decided(minutes=60)),
            row(minutes=100, decided=rules.Decided(minutes=90)),
            row(minutes=60),
        ),
        period=rules.GrantPeriod(date(2019, 10, 1), date(2019, 12, 31)),
        decision=DECISION,
    )
    result = rules.calculate(draft)
    cuts = compare(result).cuts
    breathing = next(r for r in compare(result).rows if r.index == 0)
    assert breathing.basic_cost == 60 * 7 * Fraction(61, 92)
    assert [c.row.index for c in cuts] == [0, 1]
    assert cuts[-1].basic_after == result.decision.basic_minutes
    only_first = replace(
        draft,
        decision=None,
        activities=(
            draft.activities[0].as_decided(),
            *(replace(a, decided=None) for a in draft.activities[1:]),
        ),
    )
    assert cuts[0].basic_after == rules.calculate(only_first).basic_minutes
