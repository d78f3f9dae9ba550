"""Benchmark: `rules.calculate` (with its explanation) against its floor, plain float sums of the
same rows (issue 22, item 3: within 10 times), and the reference implementation it replaced.

    .venv/bin/python scripts/bench_rules.py [--rows 150] [--repeat 200]

Two drafts of the catalogue's rows: the page's benchmark draft (a 9-year-old, one ordinary
week, as scripts/bench_recompute.py makes it) and scripts/bench_periods.py's (three week types,
a period across a birthday month, a night). For each, interleaved in one run so that load from
other work slows them alike: the median and p95 of `rules.calculate`, of the reference
(`tests/reference`, the code before the fast path) and of the floor, and the ratios of the
medians. The floor is Σ float(minutes) × float(times) × period factor × assistants × time-type
factor over the rows, the factors as floats: what the figures would cost with no exactness, no
week types and no words.

Django is set up as for the page, the PDF and the command, so that the explanation's words go
through Django's translation (Swedish), as they do there.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "behovsraknare.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 40)

import django  # noqa: E402

django.setup()

from bench_periods import drafts  # noqa: E402
from django.utils import translation  # noqa: E402

from assessments import rules  # noqa: E402
from assessments.rules import parameters as p  # noqa: E402
from loadtest.stats import interleaved  # noqa: E402
from tests import reference  # noqa: E402


def floor(rows: tuple[rules.Activity, ...]) -> float:
    weeks = p.WEEKS_PER_YEAR.value
    per = {rules.Period.WEEK: 1.0, rules.Period.MONTH: 12 / weeks, rules.Period.YEAR: 1 / weeks}
    time = {
        rules.TimeType.ACTIVE: 1.0,
        rules.TimeType.WAITING: float(p.WAITING_FACTOR.value),
        rules.TimeType.ON_CALL: float(p.ON_CALL_FACTOR.value),
    }
    return sum(
        float(a.minutes)
        * float(a.times)
        * (a.days_per_week if a.per == rules.Period.DAY else per[a.per])
        * a.assistants
        * time[a.time_type]
        for a in rows
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    names = ("one week type", "three week types, period, night")
    translation.activate("sv")
    for name, draft in zip(names, drafts(args.rows), strict=True):
        fast, old = rules.calculate(draft), reference.calculate(draft)
        assert (fast.basic_minutes, fast.verdict) == (old.basic_minutes, old.verdict)
        timings = interleaved(
            {
                "rules.calculate": lambda d=draft: rules.calculate(d),
                "reference": lambda d=draft: reference.calculate(d),
                "floor": lambda d=draft: floor(d.activities),
            },
            args.repeat,
        )
        print(f"{args.rows} rows, {name}:")
        for label, (median, p95) in timings.items():
            print(f"  {label}: median {median * 1000:.3f} ms, p95 {p95 * 1000:.3f} ms")
        bottom = timings["floor"][0]
        for label in ("rules.calculate", "reference"):
            print(f"  {label} / floor: {timings[label][0] / bottom:.1f} (target at most 10)")


if __name__ == "__main__":
    main()
