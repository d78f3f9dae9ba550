"""The figures: from rows to weekly hours, the parental deduction and the threshold test.

Types and arithmetic only; what the figures mean in words is `explain.py`. The calculation is
the spec's (spec/assessment-file.md, "The calculation"):

1. The period is cut into segments wherever a value the calculation uses changes: the month a
   child enters a new deduction bracket, and the effective date of a dated value (R7, R8,
   R10). Each segment is calculated with the rules in force on its first day.
2. In a segment, each week type is calculated on its own: the rows that happen in it (R4, R6),
   the night's waiting or on-call time (R11), and the parental deduction for that week (R7).
3. A segment's figures are the average of its week types weighted by their weeks; the period's
   the average of its segments weighted by their days. The threshold (R5) is tested on that
   average, unrounded.

Day plans (R13, `day.py`) are first turned into rows, which then count like any row, except that
the night of a week type with day plans is R13.6's: the night minutes no span covers, minus the
active help in them. The days of a week type that no plan describes keep R11's night, and rows
written by hand stay beside the plans and count as before (their active help at night takes
from the week's free night minutes). Each week type's clock minutes per assistance day are
checked against the dygn (R13.8).

All arithmetic is exact (`Fraction` of minutes); results are rounded only for display.
"""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from assessments.rules import parameters as p
from assessments.rules.activity import Activity
from assessments.rules.assessment import Assessment, Night, WeekType
from assessments.rules.deadline import Deadline, deadline
from assessments.rules.needs import (
    NEEDS,
    DecisionMaker,
    Kind,
    Need,
    NightCover,
    Period,
    TimeType,
    is_basic_need,
    need_label,
)

from . import day
from .day import time_factor

RULES_EDITION = "2026.12"
DAY_MINUTES = 24 * 60


def _parameters_hash(parameters: tuple[p.Parameter, ...] = p.ALL_PARAMETERS) -> str:
    return hashlib.sha256(repr(parameters).encode()).hexdigest()[:8]


RULES_VERSION = f"{RULES_EDITION}+{_parameters_hash()}"


@dataclass(frozen=True)
class RowResult:
    index: int  # 0-based position of the row in the draft
    activity: Activity
    weekly_minutes: Fraction  # in a week the row happens in
    average_minutes: Fraction  # over the year's week types, weighted by their weeks
    week_types: tuple[str, ...]  # the keys of the week types it happens in
    clock_minutes: Fraction  # the minutes of a week it takes on the clock (R9, R11)
    # The share of the period's days on which it counts toward the threshold: 1 or 0, but a
    # breathing row of a period that starts before 2019-11-01 counts only after (rules.md R12).
    basic_share: Fraction = Fraction(1)

    @property
    def basic_minutes(self) -> Fraction:
        """Of `average_minutes`, what counts toward the threshold."""
        return self.average_minutes * self.basic_share

    @property
    def other_minutes(self) -> Fraction:
        return self.average_minutes - self.basic_minutes


@dataclass(frozen=True)
class NeedTotal:
    need: Need
    basic_minutes: Fraction
    other_minutes: Fraction

    @property
    def label(self) -> str:
        return need_label(self.need)

    @property
    def total_minutes(self) -> Fraction:
        return self.basic_minutes + self.other_minutes


@dataclass(frozen=True)
class Deduction:
    """The parental deduction for one kind (rules.md R7), per week."""

    kind: Kind
    table_minutes: Fraction  # what the table says for the week's days with assistance
    deductible_minutes: Fraction  # rows of this kind that are not exempt
    exempt_minutes: Fraction
    applied_minutes: Fraction  # never more than deductible


@dataclass(frozen=True)
class NightResult:
    """The night rest of a week (rules.md R11), in clock minutes per week."""

    night: Night
    night_minutes: Fraction  # the night's length × the nights with assistance
    active_minutes: Fraction  # active help during it, each clock minute once
    free_minutes: Fraction  # the rest: waiting or on-call time before conversion, never < 0
    counted_minutes: Fraction  # as it counts: a share of the free time, an other need
    covered_minutes: Fraction = Fraction(0)  # a day plan's spans, which replace the cover (R13.6)

    @property
    def waiting_minutes(self) -> Fraction:
        return self.free_minutes if self.night.cover == NightCover.WAITING else Fraction(0)

    @property
    def on_call_minutes(self) -> Fraction:
        return self.free_minutes if self.night.cover == NightCover.ON_CALL else Fraction(0)


@dataclass(frozen=True)
class Figures:
    """The weekly figures of one week type in one segment, or an average of such weeks."""

    before_basic: Fraction
    before_other: Fraction
    deduction_basic: Deduction | None
    deduction_other: Deduction | None
    by_need: tuple[NeedTotal, ...]
    night: NightResult | None

    @property
    def basic(self) -> Fraction:
        return self.before_basic - (
            self.deduction_basic.applied_minutes if self.deduction_basic else 0
        )

    @property
    def other(self) -> Fraction:
        return self.before_other - (
            self.deduction_other.applied_minutes if self.deduction_other else 0
        )

    @property
    def total(self) -> Fraction:
        return self.basic + self.other


@dataclass(frozen=True)
class WeekTypeResult:
    week_type: WeekType
    figures: Figures  # averaged over the segments
    day_active_minutes: Fraction  # active daytime help in clock minutes (rules.md R9)
    day_available_minutes: Fraction  # waking hours minus the hours someone else meets the needs
    clock_minutes_per_day: Fraction = Fraction(0)  # per assistance day (rules.md R13.8)

    @property
    def over_capacity(self) -> bool:
        """rules.md R13.8: the rows hold more clock minutes per assistance day than a dygn."""
        return self.clock_minutes_per_day > DAY_MINUTES

    @property
    def excess_minutes_per_day(self) -> Fraction:
        return max(Fraction(0), self.clock_minutes_per_day - DAY_MINUTES)

    @property
    def excess_minutes_per_week(self) -> Fraction:
        return self.excess_minutes_per_day * self.week_type.assistance_days


@dataclass(frozen=True)
class SegmentResult:
    start: date
    end: date
    age: int | None  # the bracket age on the first day (rules.md R7)
    table: p.Parameter | None  # the deduction table in force, for a child
    figures: Figures  # averaged over the week types
    week_types: tuple[tuple[WeekType, Figures], ...]
    hourly_amount: p.Parameter | None = None  # the schablonbelopp in force, when known (R8)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class AgeLimit:
    """rules.md R9: the age limit in force and where the person stands against it."""

    limit: p.Parameter
    age: int  # the limit that applies to this person
    status: str  # "reached", "in_period" (reached during the period or month), "maybe", "no"
    month: date | None = None  # with a birth month: the month the limit is reached


@dataclass(frozen=True)
class Result:
    rules_as_of: date
    rules_version: str
    age: int | None  # the bracket age on the first day assessed
    rows: tuple[RowResult, ...]
    by_need: tuple[NeedTotal, ...]
    before_deduction_basic: Fraction
    before_deduction_other: Fraction
    deduction_basic: Deduction | None
    deduction_other: Deduction | None
    deduction_table_from: date | None
    basic_minutes: Fraction
    other_minutes: Fraction
    threshold_minutes: Fraction
    hourly_amount: Decimal | Fraction | None  # the amount used: the person's own, or the year's
    own_hourly_amount: bool
    schablon_amount: p.Parameter | None  # the year's schablonbelopp, when known
    applied: tuple[p.Parameter, ...]  # every parameter the figures used, for the sources
    age_limit: AgeLimit | None
    week_types: tuple[WeekTypeResult, ...]
    segments: tuple[SegmentResult, ...]
    night: NightResult | None  # averaged
    decision: "Result | None" = None  # the same rules applied to the rows as decided (R12)
    # On the decided figures: Försäkringskassan's decision grants nothing, since its basic
    # needs are not above the threshold (rules.md R5, R12).
    grants_nothing: bool = False
    deadline: "Deadline | None" = None  # the last day to contest the decision (rules.md R14)
    day_plans: tuple[day.PlanResult, ...] = ()  # each day plan's dygn (R13), in the draft's order
    # What the figures mean, filled in by explain.with_explanation in the same pass.
    steps: tuple = field(default=())
    warnings: tuple = field(default=())
    verdict: str = ""

    @property
    def total_minutes(self) -> Fraction:
        return self.basic_minutes + self.other_minutes

    @property
    def meets_threshold(self) -> bool:
        # rules.md R5: strictly more than 20 hours, compared unrounded.
        return self.basic_minutes > self.threshold_minutes

    @property
    def margin_minutes(self) -> Fraction:
        return self.basic_minutes - self.threshold_minutes

    @property
    def granted_minutes(self) -> Fraction:
        """rules.md R12: what a decision grants a week; nothing when Försäkringskassan's
        decided basic needs are not above the threshold."""
        return Fraction(0) if self.grants_nothing else self.total_minutes

    @property
    def several_amounts(self) -> bool:
        """rules.md R8: the period's parts are paid at different yearly amounts."""
        return not self.own_hourly_amount and len({s.hourly_amount for s in self.segments}) > 1

    @property
    def unknown_amount_year(self) -> int | None:
        """The first year of the period whose schablonbelopp is not known (R8), if any."""
        if self.own_hourly_amount:
            return None
        return next((s.start.year for s in self.segments if s.hourly_amount is None), None)

    @property
    def over_capacity(self) -> tuple[WeekTypeResult, ...]:
        """rules.md R13.8: the week types whose rows exceed the dygn; the total and the money
        are then not shown, the warning `day_over_24h` is."""
        return tuple(w for w in self.week_types if w.over_capacity)

    @property
    def assistance_days_per_week(self) -> Fraction:
        """The days with assistance of a week, averaged over the week types by their weeks."""
        weeks = _sum(w.week_type.weeks for w in self.week_types)
        return _sum(w.week_type.weeks * w.week_type.assistance_days for w in self.week_types) / (
            weeks
        )

    def per_assistance_day(self, minutes: Fraction) -> Fraction:
        """Weekly minutes per dygn med assistans: the figure "per dygn" of the page and the
        printout. Without `over_capacity` its clock part is at most 24 hours (R13.8)."""
        return minutes / self.assistance_days_per_week

    @property
    def estimated_sek_per_year(self) -> Fraction | None:
        """rules.md R8: hours per week × weeks a year × the amount, only above the threshold.
        A period across a year is paid at each year's amount for its part: the average over
        the segments of their hours × their amount, weighted by days. None when an amount of
        the period is not known, and for rows that hold more than a dygn (R13.8)."""
        if not self.meets_threshold or self.hourly_amount is None or self.over_capacity:
            return None
        weeks = p.WEEKS_PER_YEAR.value
        if self.own_hourly_amount:
            return self.total_minutes / 60 * weeks * Fraction(self.hourly_amount)
        if self.unknown_amount_year is not None:
            return None
        days = sum(s.days for s in self.segments)
        weighted = _sum(
            s.days * s.figures.total * Fraction(s.hourly_amount.value) for s in self.segments
        )
        return weighted / days / 60 * weeks

    @property
    def deduction_minutes(self) -> Fraction:
        return sum(
            (d.applied_minutes for d in (self.deduction_basic, self.deduction_other) if d),
            Fraction(0),
        )

    @property
    def several_weeks(self) -> bool:
        return len(self.week_types) > 1

    @property
    def several_segments(self) -> bool:
        return len(self.segments) > 1

    def step(self, figure: str):
        return next((s for s in self.steps if s.figure == figure), None)


# --- A row (rules.md R4, R6) -----------------------------------------------------------------


def period_factor(activity: Activity) -> Fraction:
    """rules.md R4: occasions per period to occasions per week."""
    match activity.per:
        case Period.DAY:
            return Fraction(activity.days_per_week)
        case Period.WEEK:
            return Fraction(1)
        case Period.MONTH:
            return Fraction(12, p.WEEKS_PER_YEAR.value)
        case Period.YEAR:
            return Fraction(1, p.WEEKS_PER_YEAR.value)


def clock_minutes(activity: Activity) -> Fraction:
    """The minutes of a week the help takes on the clock: two assistants at once take the same
    minutes once (rules.md R9, R11)."""
    return activity.minutes * activity.times * period_factor(activity)


def weekly_minutes(activity: Activity) -> Fraction:
    """rules.md R4: minutes × times × period factor × assistants × time-type factor."""
    return clock_minutes(activity) * activity.assistants * time_factor(activity.time_type)


def counts_as_basic(activity: Activity, on: date | None = None) -> bool:
    """rules.md R3, R6: only integrity-near rows of a basic need, never waiting or on-call.
    With a date: before 2019-11-01 help with breathing is an other need (R12)."""
    return (
        activity.kind == Kind.BASIC
        and is_basic_need(activity.need)
        and activity.time_type == TimeType.ACTIVE
        and (on is None or activity.need != Need.BREATHING or breathing_is_basic(on))
    )


def breathing_is_basic(on: date) -> bool:
    """rules.md R12: need 1 andning counts from 2019-11-01 (prop. 2018/19:145)."""
    return on >= p.BREATHING_BASIC_FROM.value


def basic_share(activity: Activity, segments: Iterable[tuple[date, date]]) -> Fraction:
    """The share of the segments' days on which a row counts toward the threshold (R12)."""
    days = [((end - start).days + 1, counts_as_basic(activity, start)) for start, end in segments]
    return Fraction(sum(n for n, basic in days if basic), sum(n for n, _basic in days))


def deduction_exempt(activity: Activity) -> bool:
    """rules.md R7: need 1 andning and need 7, with the measures directly necessary for them
    (every row of those needs), and tube feeding with its preparation are never deducted."""
    return activity.need in (Need.BREATHING, Need.MEDICAL_SUPPORT) or (
        activity.need == Need.MEALS and activity.tube_feeding
    )


# --- The period (rules.md R7, R8, R10) ---------------------------------------------------------


def _bracket(age: int | None) -> int | None:
    """The lowest age of the deduction bracket an age falls in (the same in every table)."""
    if age is None:
        return None
    if age >= p.ADULT_AGE.value:
        return p.ADULT_AGE.value
    lowest = [low for low, _, _ in p.PARENTAL_DEDUCTION[-1].value.brackets if low <= age]
    return lowest[-1]


def _month_starts(start: date, end: date) -> Iterable[date]:
    month = date(start.year, start.month, 1)
    while month <= end:
        if month > start:
            yield month
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)


def segment_bounds(assessment: Assessment) -> list[tuple[date, date]]:
    """spec "The calculation" 1: the period cut where a value the calculation uses changes."""
    if assessment.period is None:
        return [(assessment.assessment_date, assessment.assessment_date)]
    start, end = assessment.period.start, assessment.period.end
    cuts = {
        entry.effective
        for series in (p.PARENTAL_DEDUCTION, p.HOURLY_AMOUNT)
        for entry in series
        if start < entry.effective <= end
    }
    breathing = p.BREATHING_BASIC_FROM.value
    if start < breathing <= end and any(
        a.need == Need.BREATHING and counts_as_basic(a) for a in assessment.activities
    ):
        cuts.add(breathing)  # rules.md R12: breathing counts as basic from this day on
    # The year after the last known hourly amount: from then the amount is not known.
    cuts |= {
        entry.until + timedelta(days=1)
        for entry in p.HOURLY_AMOUNT
        if entry.until and start < entry.until + timedelta(days=1) <= end
    }
    cuts |= {
        month
        for month in _month_starts(start, end)
        if _bracket(assessment.bracket_age(month))
        != _bracket(assessment.bracket_age(month - timedelta(days=1)))
    }
    days = sorted(cuts)
    starts = [start, *days]
    ends = [day - timedelta(days=1) for day in days] + [end]
    return list(zip(starts, ends, strict=True))


# --- A week (rules.md R4, R6, R7, R11) ----------------------------------------------------------


def _sum(values: Iterable[Fraction]) -> Fraction:
    return sum(values, Fraction(0))


def night_result(
    night: Night, week_type: WeekType, active: Fraction, plans: tuple[day.PlanResult, ...] = ()
) -> NightResult:
    """rules.md R11: per week, the night × the nights with assistance, minus the active help at
    night (each clock minute once), never below zero; converted by ¼ or 1/7 (R6).

    rules.md R13.6: on the days of a day plan, the minutes a span covers are the span's, not
    the cover's, and the plan's active help in the rest is taken each clock minute once; the
    days without a plan, and the help at night written on rows, are as R11 says.
    """
    nights = Fraction(night.minutes * week_type.assistance_days)
    covered = _sum(r.plan.days * r.night.covered_minutes for r in plans if r.night)
    active += _sum(r.plan.days * r.night.help_minutes for r in plans if r.night)
    free = max(Fraction(0), nights - covered - active)
    return NightResult(night, nights, active, free, free * day.cover_factor(night.cover), covered)


class _Sums:
    """The sums of a group of rows that happen in the same week types, taken once: a week type
    adds up the groups it has instead of going through every row again."""

    def __init__(self, on: date):
        self.on = on  # breathing before 2019-11-01 is an other need (R12)
        self.basic = dict.fromkeys(Need, Fraction(0))
        self.other = dict.fromkeys(Need, Fraction(0))
        self.exempt_basic = self.exempt_other = Fraction(0)
        self.day_active = self.night_active = Fraction(0)
        self.day_clock = Fraction(0)  # rows written by hand not at night, any time type (R13.8)

    def add(self, r: RowResult) -> None:
        activity = r.activity
        is_basic = counts_as_basic(activity, self.on)
        (self.basic if is_basic else self.other)[activity.need] += r.weekly_minutes
        if deduction_exempt(activity):
            if is_basic:
                self.exempt_basic += r.weekly_minutes
            else:
                self.exempt_other += r.weekly_minutes
        if activity.from_day_plan is not None:
            return  # placed in time: its night and its dygn are the plan's (R13.6, R13.7)
        if activity.at_night:
            self.night_active += r.clock_minutes
        else:
            self.day_clock += r.clock_minutes
            if activity.time_type == TimeType.ACTIVE:
                self.day_active += r.clock_minutes


@dataclass(frozen=True)
class _Week:
    """A week type's figures before the deduction; the same in every segment."""

    week_type: WeekType
    night: NightResult | None
    before_basic: Fraction
    before_other: Fraction
    exempt_basic: Fraction
    exempt_other: Fraction
    by_need: tuple[NeedTotal, ...]
    day_active_minutes: Fraction  # active help outside the night, each clock minute once
    clock_minutes_per_day: Fraction  # rules.md R13.8

    @classmethod
    def of(
        cls,
        week_type: WeekType,
        groups: list[_Sums],
        night: Night | None,
        plans: tuple[day.PlanResult, ...] = (),
    ) -> "_Week":
        basic = {need: _sum(g.basic[need] for g in groups) for need in Need}
        other = {need: _sum(g.other[need] for g in groups) for need in Need}
        night_active = _sum(g.night_active for g in groups)
        counted = None
        if night is not None:
            counted = night_result(night, week_type, night_active, plans)
            # The night's waiting or on-call time is "Tillsyn, väntetid och beredskap" (R11).
            other[Need.SUPERVISION] += counted.counted_minutes
        return cls(
            week_type,
            counted,
            _sum(basic.values()),
            _sum(other.values()),
            _sum(g.exempt_basic for g in groups),
            _sum(g.exempt_other for g in groups),
            tuple(NeedTotal(info.need, basic[info.need], other[info.need]) for info in NEEDS),
            _sum(g.day_active for g in groups),
            day.clock_minutes_per_day(
                day_rows=_sum(g.day_clock for g in groups),
                night_rows=night_active,
                assistance_days=week_type.assistance_days,
                night=night,
                plans=plans,
            ),
        )


def _deduction(kind: Kind, per_day: Fraction, days: int, before: Fraction, exempt: Fraction):
    """rules.md R7: the table × the days with assistance, capped at what there is to deduct
    (exempt needs left out); an unused part never moves to the other kind."""
    table_minutes = per_day * 60 * days
    deductible = before - exempt
    return Deduction(kind, table_minutes, deductible, exempt, min(table_minutes, deductible))


def _week_figures(week: _Week, per_day: tuple[Fraction, Fraction] | None) -> Figures:
    deduction_basic = deduction_other = None
    if per_day is not None:
        days = week.week_type.assistance_days
        deduction_basic = _deduction(
            Kind.BASIC, per_day[0], days, week.before_basic, week.exempt_basic
        )
        deduction_other = _deduction(
            Kind.OTHER, per_day[1], days, week.before_other, week.exempt_other
        )
    return Figures(
        week.before_basic,
        week.before_other,
        deduction_basic,
        deduction_other,
        week.by_need,
        week.night,
    )


# --- Averages (rules.md R10) -------------------------------------------------------------------


def _average[T](items: list[tuple[Fraction, T]], value: Callable[[T], Fraction]) -> Fraction:
    total = _sum(weight for weight, _ in items)
    return _sum(weight * value(item) for weight, item in items) / total


def _average_deduction(items: list[tuple[Fraction, Figures]], kind: str) -> Deduction | None:
    present = [getattr(f, f"deduction_{kind}") for _, f in items]
    if all(d is None for d in present):
        return None
    zero = Deduction(Kind(kind), Fraction(0), Fraction(0), Fraction(0), Fraction(0))
    weighted = [(w, d or zero) for (w, _), d in zip(items, present, strict=True)]
    return Deduction(
        Kind(kind),
        *(
            _average(weighted, lambda d, name=name: getattr(d, name))
            for name in ("table_minutes", "deductible_minutes", "exempt_minutes", "applied_minutes")
        ),
    )


def _average_night(items: list[tuple[Fraction, Figures]]) -> NightResult | None:
    nights = [(w, f.night) for w, f in items if f.night is not None]
    if not nights:
        return None
    return NightResult(
        nights[0][1].night,
        *(
            _average(nights, lambda n, name=name: getattr(n, name))
            for name in (
                "night_minutes",
                "active_minutes",
                "free_minutes",
                "counted_minutes",
                "covered_minutes",
            )
        ),
    )


def _average_needs(items: list[tuple[Fraction, tuple[NeedTotal, ...]]]) -> tuple[NeedTotal, ...]:
    first = items[0][1]
    if all(needs is first for _, needs in items):
        return first
    return tuple(
        NeedTotal(
            total.need,
            _average([(w, needs[i]) for w, needs in items], lambda t: t.basic_minutes),
            _average([(w, needs[i]) for w, needs in items], lambda t: t.other_minutes),
        )
        for i, total in enumerate(first)
    )


def average(
    items: list[tuple[Fraction, Figures]], by_need: tuple[NeedTotal, ...] | None = None
) -> Figures:
    """Weighted average of weekly figures (weeks for week types, days for segments).

    The needs before the deduction are the same in every segment; a caller that has averaged
    them once passes them in.
    """
    if len(items) == 1:
        return items[0][1]
    return Figures(
        _average(items, lambda f: f.before_basic),
        _average(items, lambda f: f.before_other),
        _average_deduction(items, "basic"),
        _average_deduction(items, "other"),
        by_need or _average_needs([(w, f.by_need) for w, f in items]),
        _average_night(items),
    )


# --- The age limit (rules.md R9) ---------------------------------------------------------------


def _age_limit(assessment: Assessment) -> AgeLimit | None:
    start = assessment.start
    end = assessment.period.end if assessment.period else start
    limit = p.in_force(p.AGE_LIMIT, start)
    if limit is None or (assessment.birth_month is None and assessment.age is None):
        return None
    if assessment.birth_month is not None:
        born = assessment.birth_month
        kept = p.AGE_LIMIT_KEPT
        # SFS 2022:879: who turned 66 before 2026 keeps 66.
        if limit.effective >= kept.effective and born.year + kept.value < kept.effective.year:
            applies = kept.value
        else:
            applies = limit.value
        if born.year + applies > date.max.year:  # a file may hold any date; no calendar does
            return AgeLimit(limit, applies, "no")
        month = date(born.year + applies, born.month, 1)
        if month < date(start.year, start.month, 1):
            status = "reached"
        elif month <= date(end.year, end.month, 1):
            status = "in_period"
        else:
            status = "no"
        return AgeLimit(limit, applies, status, month)
    age = assessment.age
    if age >= limit.value:
        return AgeLimit(limit, limit.value, "reached")
    kept = p.AGE_LIMIT_KEPT
    # With an age only, a 66-year-old in 2026 may have turned 66 in 2025 (limit 66) or in 2026.
    if (
        limit.effective == kept.effective
        and start.year == kept.effective.year
        and age == kept.value
    ):
        return AgeLimit(limit, kept.value, "maybe")
    return AgeLimit(limit, limit.value, "no")


# --- The calculation ---------------------------------------------------------------------------


def as_decided(assessment: Assessment) -> Assessment:
    """rules.md R12: the draft with its rows, its night and its week types' weeks as the
    decision granted them."""
    decision = assessment.decision
    if decision is None:
        return assessment
    return replace(
        assessment,
        activities=tuple(row for a in assessment.activities if (row := a.as_decided()) is not None),
        night=decision.decided_night(assessment.night),
        week_types=tuple(decision.decided_week_type(w) for w in assessment.week_types),
        decision=None,
    )


def compute(assessment: Assessment) -> Result:
    """The figures of an assessment, without their explanation (see rules.calculate)."""
    result = _compute(assessment)
    if assessment.decision is not None:
        decided = _compute(as_decided(assessment))
        # rules.md R5, R12: Försäkringskassan grants nothing at or below the threshold; the
        # kommun has no floor (R9).
        nothing = assessment.decision.by == DecisionMaker.FK and not decided.meets_threshold
        result = replace(
            result,
            decision=replace(decided, grants_nothing=nothing),
            deadline=deadline(assessment.decision),
        )
    return result


def _compute(assessment: Assessment) -> Result:
    plans = tuple(
        day.evaluate(plan, assessment.night, assessment.start) for plan in assessment.day_plans
    )
    # rules.md R13.9: each plan's rows follow the rows written by hand.
    activities = (*assessment.activities, *(row for r in plans for row in r.rows))
    week_types = assessment.week_types
    all_weeks = _sum(w.weeks for w in week_types)
    bounds = segment_bounds(replace(assessment, activities=activities) if plans else assessment)
    # rules.md R12: a breathing row counts as basic only from 2019-11-01; with no such row,
    # every segment counts its rows alike.
    dated = any(not breathing_is_basic(start) for start, _end in bounds) and any(
        a.need == Need.BREATHING for a in activities
    )
    rows = []
    for index, a in enumerate(activities):
        clock = clock_minutes(a)
        minutes = clock * a.assistants * time_factor(a.time_type)  # weekly_minutes, R4
        keys = tuple(w.key for w in week_types if a.happens_in(w.key))
        share = (
            Fraction(1)
            if len(keys) == len(week_types)
            else (_sum(w.weeks for w in week_types if w.key in keys) / all_weeks)
        )
        counted = basic_share(a, bounds) if dated else Fraction(int(counts_as_basic(a)))
        rows.append(RowResult(index, a, minutes, minutes * share, keys, clock, counted))
    rows = tuple(rows)

    def weeks_on(on: date) -> tuple[list[_Week], tuple[NeedTotal, ...]]:
        groups: dict[tuple[str, ...], _Sums] = {}
        for r in rows:
            sums = groups.get(r.week_types)
            if sums is None:  # not setdefault: that would build a _Sums for every row
                sums = groups[r.week_types] = _Sums(on)
            sums.add(r)
        weeks = [
            _Week.of(
                week_type,
                [sums for keys, sums in groups.items() if week_type.key in keys],
                assessment.night,
                tuple(r for r in plans if r.plan.week_type == week_type.key),
            )
            for week_type in week_types
        ]
        return weeks, _average_needs([(week.week_type.weeks, week.by_need) for week in weeks])

    eras: dict[bool, tuple[list[_Week], tuple[NeedTotal, ...]]] = {}
    segments = []
    for start, end in bounds:
        era = breathing_is_basic(start) or not dated
        if era not in eras:
            eras[era] = weeks_on(start)
        weeks, by_need = eras[era]
        age = assessment.bracket_age(start)
        table = None
        if age is not None and age < p.ADULT_AGE.value:
            table = p.in_force(p.PARENTAL_DEDUCTION, start)
        per_day = table.value.hours_per_day(age) if table else None
        figures = tuple((week.week_type, _week_figures(week, per_day)) for week in weeks)
        segments.append(
            SegmentResult(
                start,
                end,
                age,
                table,
                average([(w.weeks, f) for w, f in figures], by_need),
                figures,
                p.in_force(p.HOURLY_AMOUNT, start),
            )
        )

    # The day check (R9) counts clock minutes, the same in every era.
    day_weeks = next(iter(eras.values()))[0]
    week_results = tuple(
        WeekTypeResult(
            week.week_type,
            average([(Fraction(s.days), s.week_types[i][1]) for s in segments]),
            *_day_check(assessment, week),
            week.clock_minutes_per_day,
        )
        for i, week in enumerate(day_weeks)
    )
    period = average([(Fraction(s.days), s.figures) for s in segments])
    start = assessment.start
    threshold = Fraction(p.THRESHOLD_HOURS.value * 60)
    schablon = p.in_force(p.HOURLY_AMOUNT, start)
    own = assessment.hourly_amount is not None
    amount = assessment.hourly_amount if own else (schablon.value if schablon else None)
    age_limit = _age_limit(assessment)
    first_table = segments[0].table
    day_parameters = day.applied(
        plans, night=assessment.night, over_capacity=any(w.over_capacity for w in week_results)
    )
    return Result(
        rules_as_of=start,
        rules_version=RULES_VERSION,
        age=segments[0].age,
        rows=rows,
        by_need=tuple(
            total
            for total in period.by_need
            if total.basic_minutes
            or total.other_minutes
            or any(r.activity.need == total.need for r in rows)
        ),
        before_deduction_basic=period.before_basic,
        before_deduction_other=period.before_other,
        deduction_basic=period.deduction_basic,
        deduction_other=period.deduction_other,
        deduction_table_from=first_table.effective if first_table else None,
        basic_minutes=period.basic,
        other_minutes=period.other,
        threshold_minutes=threshold,
        hourly_amount=amount,
        own_hourly_amount=own,
        schablon_amount=schablon,
        applied=_applied(
            assessment, rows, segments, period, schablon, age_limit, threshold, day_parameters
        ),
        age_limit=age_limit,
        week_types=week_results,
        segments=tuple(segments),
        night=period.night,
        day_plans=plans,
    )


def _day_check(assessment: Assessment, week: _Week) -> tuple[Fraction, Fraction]:
    """rules.md R9, R11: the active daytime help against the waking hours of the week minus
    the hours someone else meets the needs, in clock minutes."""
    night = assessment.night.minutes if assessment.night else 0
    waking = Fraction((DAY_MINUTES - night) * 7) - week.week_type.away_hours * 60
    return week.day_active_minutes, waking


def _applied(assessment, rows, segments, period, schablon, age_limit, threshold, day_parameters):
    activities = [r.activity for r in rows]
    applied: list[p.Parameter] = [p.THRESHOLD_HOURS]
    night = assessment.night.cover if assessment.night else NightCover.NONE
    waiting = any(a.time_type == TimeType.WAITING for a in activities) or (
        night == NightCover.WAITING
    )
    on_call = any(a.time_type == TimeType.ON_CALL for a in activities) or (
        night == NightCover.ON_CALL
    )
    applied += [p.WAITING_FACTOR] if waiting else []
    applied += [p.ON_CALL_FACTOR] if on_call else []
    if waiting or on_call:
        applied += [p.WAITING_NOT_BASIC, p.WAITING_ALLOWED_FROM]
    if assessment.night:
        applied.append(p.NIGHT_MINUS_HELP)
    if any(a.per in (Period.MONTH, Period.YEAR) for a in activities):
        applied.append(p.WEEKS_PER_YEAR)
    if any(a.need in (Need.INJURY_PREVENTION, Need.MEDICAL_SUPPORT) for a in activities):
        applied.append(p.SEPARATE_NEEDS_6_AND_7_FROM)
    if any(a.need == Need.BREATHING or a.tube_feeding for a in activities):
        applied.append(p.BREATHING_IN_FULL_FROM)
    if segments[0].start < p.BREATHING_BASIC_FROM.value and any(
        a.need == Need.BREATHING for a in activities
    ):
        applied.append(p.BREATHING_BASIC_FROM)
    if assessment.age is not None or assessment.birth_month is not None:
        applied.append(p.ADULT_AGE)
    tables = [s.table for s in segments if s.table is not None]
    applied += tables
    if tables:
        applied.append(p.DEDUCTION_NO_TRANSFER)
        if any(w.assistance_days < 7 for w in assessment.week_types):
            applied.append(p.DEDUCTION_PER_ASSISTANCE_DAY)
    if len(assessment.week_types) > 1:
        applied.append(p.WEEK_TYPES_WEIGHTED)
    if len(segments) > 1:
        applied.append(p.PERIOD_PARTS_BY_DAYS)
    if schablon is not None:
        applied.append(schablon)
    if assessment.hourly_amount is None:
        applied += [s.hourly_amount for s in segments if s.hourly_amount is not None]
    if period.basic > threshold:
        applied += [p.WEEKS_PER_YEAR, p.HIGHER_AMOUNT_MAX]
    if age_limit is not None and age_limit.status != "no":
        applied.append(age_limit.limit)
        if age_limit.age != age_limit.limit.value or age_limit.status == "maybe":
            applied.append(p.AGE_LIMIT_KEPT)
    applied += day_parameters  # rules.md R13
    return tuple(dict.fromkeys(applied))
