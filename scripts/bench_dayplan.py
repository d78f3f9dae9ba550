"""Benchmark: a day described as two day plans against the same day as 150 rows written by hand
(rules.md R13; issue "The day as it is lived").

    .venv/bin/python scripts/bench_dayplan.py [--repeat 40]

The plans are a weekday (5 days) and a weekend day (2 days), each with three spans (supervision
of breathing, an hour at hand outside the home, supervision again), 71 items of help at clock
times (some needing two for their first minutes) and a night with waiting time. The rows are
exactly the rows the plans become (R13.9), written by hand: the same figures but for the
night, which the rows take from R11. Prints the median and p95 of `rules.calculate` (with its
explanation) for both, and of the rules before issue 22 (`tests/reference`) for both, measured
interleaved in the same run, and the ratio of the medians.
"""

import argparse
import sys
from dataclasses import replace
from datetime import date
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assessments import rules  # noqa: E402
from assessments.rules.dayplan import DayPlan, Item, Span  # noqa: E402
from loadtest.stats import interleaved  # noqa: E402
from tests import reference  # noqa: E402

ITEMS_PER_PLAN = 64
HELP = (
    ("personal_hygiene", "basic", "Hygien"),
    ("meals", "basic", "Måltid"),
    ("dressing", "basic", "Av- och påklädning"),
    ("breathing", "basic", "Slemsugning"),
    ("communication", "basic", "Kommunikation"),
    ("household", "other", "Hushåll"),
)


def plan(key: str, name: str, days: int) -> DayPlan:
    spans = (
        Span(start=clock(7, 0), end=clock(12, 0), need="breathing", presence="supervision"),
        Span(
            start=clock(12, 0),
            end=clock(13, 0),
            need="leisure_and_community",
            presence="at_hand",
            description="Promenad",
        ),
        Span(start=clock(13, 0), end=clock(22, 0), need="breathing", presence="supervision"),
    )
    items = []
    for index in range(ITEMS_PER_PLAN):
        need, kind, words = HELP[index % len(HELP)]
        minute = 7 * 60 + index * 12  # one every 12 minutes from 07:00, 10 minutes each
        items.append(
            Item(
                at=clock(minute // 60 % 24, minute % 60),
                minutes=10,
                need=need,
                kind=kind,
                two_minutes=5 if index % 9 == 0 else None,
                description=f"{words} {index + 1}",
            )
        )
    return DayPlan(key=key, name=name, week_type="week", days=days, spans=spans, items=items)


def drafts() -> tuple[rules.Assessment, rules.Assessment]:
    planned = rules.Assessment(
        date(2026, 11, 2),
        birth_month=date(1980, 5, 1),
        night=rules.Night(clock(22, 0), clock(7, 0)),
        day_plans=(plan("vardag", "Vardag", 5), plan("helg", "Helgdag", 2)),
    )
    rows = tuple(replace(r.activity, from_day_plan=None) for r in rules.calculate(planned).rows)
    written = replace(planned, day_plans=(), activities=rows)
    return written, planned


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    written, planned = drafts()
    rows = len(written.activities)
    items = sum(len(p.items) for p in planned.day_plans)
    assert rules.calculate(written).basic_minutes == rules.calculate(planned).basic_minutes
    hand, plans = f"{rows} rows written by hand", f"two day plans, {items} items, 6 spans"
    timings = interleaved(
        {
            f"rules.calculate, {hand}": lambda: rules.calculate(written),
            f"rules.calculate, {plans}": lambda: rules.calculate(planned),
            f"before issue 22 (tests/reference), {hand}": lambda: reference.calculate(written),
            f"before issue 22 (tests/reference), {plans}": lambda: reference.calculate(planned),
        },
        args.repeat,
    )
    for label, (median, p95) in timings.items():
        print(f"{label}: median {median * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms")
    by_hand, planned_median = (median for median, _p95 in list(timings.values())[:2])
    print(f"ratio (plans / rows): {planned_median / by_hand:.2f}")


if __name__ == "__main__":
    main()
