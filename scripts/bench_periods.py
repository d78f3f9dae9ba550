"""Benchmark: a 150-row recompute with three week types, a period across a birthday month and a
night, against the same rows as one week type (issue: beyond one typical week).

    .venv/bin/python scripts/bench_periods.py [--rows 150] [--repeat 40]

Prints the median and p95 of `rules.calculate` (with its explanation) for both drafts,
measured interleaved in the same run, and the ratio of the medians.
"""

import argparse
import sys
from datetime import date
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assessments import catalogue, rules  # noqa: E402
from loadtest.stats import interleaved  # noqa: E402

ITEMS = [item for group in catalogue.CATALOGUE for item in group.items]
WEEK_TYPES = (
    rules.WeekType("school", "Skolvecka", 36, away_hours=30),
    rules.WeekType("holiday", "Lovvecka", 12),
    rules.WeekType("short_stay", "Vecka med korttidsvistelse", 4, assistance_days=5),
)


def rows(count: int, *, varied: bool) -> tuple[rules.Activity, ...]:
    made = []
    for index in range(count):
        row = ITEMS[index % len(ITEMS)].row
        if varied and row.per in (rules.Period.DAY, rules.Period.WEEK):
            keys = [w.key for w in WEEK_TYPES]
            row = rules.Activity(
                **{
                    **row.values(),
                    "week_types": tuple(keys[: 1 + index % 3]),
                    "at_night": index % 10 == 0 and row.time_type == rules.TimeType.ACTIVE,
                }
            )
        made.append(row)
    return tuple(made)


def drafts(count: int) -> tuple[rules.Assessment, rules.Assessment]:
    simple = rules.Assessment(date(2026, 12, 1), activities=rows(count, varied=False), age=9)
    varied = rules.Assessment(
        date(2026, 12, 1),
        activities=rows(count, varied=True),
        birth_month=date(2020, 3, 1),  # turns 7 in March 2027: two brackets in the period
        period=rules.GrantPeriod(date(2027, 1, 1), date(2027, 6, 30)),
        week_types=WEEK_TYPES,
        night=rules.Night(clock(22, 0), clock(7, 0)),
    )
    return simple, varied


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    simple, varied = drafts(args.rows)
    result = rules.calculate(varied)
    assert len(result.segments) == 2 and len(result.week_types) == 3 and result.night
    timings = interleaved(
        {
            "one week type": lambda: rules.calculate(simple),
            "three week types, period, night": lambda: rules.calculate(varied),
        },
        args.repeat,
    )
    medians = {}
    for label, (median, p95) in timings.items():
        medians[label] = median
        print(
            f"rules.calculate, {args.rows} rows, {label}: median {median * 1000:.1f} ms, "
            f"p95 {p95 * 1000:.1f} ms"
        )
    ratio = medians["three week types, period, night"] / medians["one week type"]
    print(f"ratio: {ratio:.2f} (target at most 2)")


if __name__ == "__main__":
    main()
