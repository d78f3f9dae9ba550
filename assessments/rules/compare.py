"""The claim set against the decision, row by row and need by need (rules.md R12).

The decided figures are the same rules applied to the rows as decided (`engine.compute` puts
them on `Result.decision`); this module lines the two up: each row's hours claimed and decided,
each need's, and the cuts that moved the verdict, the costliest first, with the basic needs
after each cut recalculated by the same rules.
"""

from dataclasses import dataclass
from fractions import Fraction

from .activity import Activity
from .engine import Result, counts_as_basic, deduction_exempt, weekly_minutes
from .needs import NEEDS, Need


@dataclass(frozen=True)
class RowComparison:
    index: int  # 0-based position of the row in the draft
    claimed: Activity
    decided: Activity | None  # None: nothing granted
    claimed_minutes: Fraction  # a week on average (its share of the weeks)
    decided_minutes: Fraction
    claimed_basic: Fraction  # of which counts toward the threshold
    decided_basic: Fraction

    @property
    def changed(self) -> bool:
        return self.decided != self.claimed

    @property
    def difference_minutes(self) -> Fraction:
        return self.claimed_minutes - self.decided_minutes

    @property
    def basic_cost(self) -> Fraction:
        """The basic hours the decision's change to this row took away."""
        return self.claimed_basic - self.decided_basic

    def changed_fields(self) -> tuple[str, ...]:
        if self.decided is None:
            return ("granted",)
        return tuple(self.claimed.decided.changes()) if self.claimed.decided else ()


@dataclass(frozen=True)
class NeedComparison:
    need: Need
    claimed_minutes: Fraction
    decided_minutes: Fraction

    @property
    def difference_minutes(self) -> Fraction:
        return self.claimed_minutes - self.decided_minutes


@dataclass(frozen=True)
class Cut:
    """A row's change, in the order of what it cost, with the basic needs after it and every
    costlier cut (recalculated, parental deduction included)."""

    row: RowComparison
    basic_after: Fraction
    meets_threshold_after: bool


@dataclass(frozen=True)
class Comparison:
    rows: tuple[RowComparison, ...]
    needs: tuple[NeedComparison, ...]
    cuts: tuple[Cut, ...]

    @property
    def changed_rows(self) -> tuple[RowComparison, ...]:
        return tuple(r for r in self.rows if r.changed)


def compare(result: Result) -> Comparison | None:
    """The claim against the decision, or None when the draft has no decision."""
    if result.decision is None:
        return None
    rows = []
    for row in result.rows:
        claimed = row.activity
        decided = claimed.as_decided()
        share = row.average_minutes / row.weekly_minutes if row.weekly_minutes else Fraction(0)
        claimed_minutes = row.average_minutes
        decided_minutes = weekly_minutes(decided) * share if decided else Fraction(0)
        rows.append(
            RowComparison(
                row.index,
                claimed,
                decided,
                claimed_minutes,
                decided_minutes,
                claimed_minutes if counts_as_basic(claimed) else Fraction(0),
                decided_minutes if decided and counts_as_basic(decided) else Fraction(0),
            )
        )
    claimed_needs = {t.need: t.total_minutes for t in result.by_need}
    decided_needs = {t.need: t.total_minutes for t in result.decision.by_need}
    needs = tuple(
        NeedComparison(info.need, claimed_needs.get(info.need, 0), decided_needs.get(info.need, 0))
        for info in NEEDS
        if info.need in claimed_needs or info.need in decided_needs
    )
    return Comparison(tuple(rows), needs, _cuts(result, rows))


def _cuts(result: Result, rows: list[RowComparison]) -> tuple[Cut, ...]:
    """The cuts, costliest first, each with the basic needs after it and every costlier one.

    Only the basic rows and the parental deduction on them decide the basic needs (rules.md
    R3, R7), so each step recalculates just those: per week type the basic minutes and the
    exempt ones, the deduction capped as the engine caps it, averaged over weeks and days.
    """
    costly = sorted(
        (r for r in rows if r.changed and r.basic_cost > 0),
        key=lambda r: (-r.basic_cost, r.index),
    )
    keys = [w.week_type.key for w in result.week_types]
    basic = dict.fromkeys(keys, Fraction(0))
    exempt = dict.fromkeys(keys, Fraction(0))

    def add(activity: Activity, sign: int) -> None:
        if not counts_as_basic(activity):
            return
        minutes = weekly_minutes(activity) * sign
        for key in keys:
            if activity.happens_in(key):
                basic[key] += minutes
                if deduction_exempt(activity):
                    exempt[key] += minutes

    for row in rows:
        add(row.claimed, 1)
    days = sum(s.days for s in result.segments)
    weeks = {w.week_type.key: w.week_type.weeks for w in result.week_types}
    all_weeks = sum(weeks.values())

    def basic_needs() -> Fraction:
        total = Fraction(0)
        for segment in result.segments:
            for week_type, figures in segment.week_types:
                key = week_type.key
                table = figures.deduction_basic.table_minutes if figures.deduction_basic else 0
                after = basic[key] - min(table, basic[key] - exempt[key])
                total += Fraction(segment.days, days) * weeks[key] / all_weeks * after
        return total

    cuts = []
    for row in costly:
        add(row.claimed, -1)
        if row.decided is not None:
            add(row.decided, 1)
        after = basic_needs()
        cuts.append(Cut(row, after, after > result.threshold_minutes))
    return tuple(cuts)
