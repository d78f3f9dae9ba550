"""The figures: from rows to weekly hours, the parental deduction and the threshold test.

Types and arithmetic only; what the figures mean in words is `explain.py`. All arithmetic is
exact (`Fraction` of minutes); results are rounded only for display, and the threshold is
compared unrounded (rules.md R5).
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from . import parameters as p
from .activity import Activity
from .assessment import Assessment
from .needs import NEEDS, Kind, Need, Period, TimeType, is_basic_need, need_label

RULES_EDITION = "2026.11"


def _parameters_hash(parameters: tuple[p.Parameter, ...] = p.ALL_PARAMETERS) -> str:
    return hashlib.sha256(repr(parameters).encode()).hexdigest()[:8]


RULES_VERSION = f"{RULES_EDITION}+{_parameters_hash()}"


@dataclass(frozen=True)
class RowResult:
    index: int  # 0-based position of the row in the draft
    activity: Activity
    weekly_minutes: Fraction


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
    """The parental deduction for one kind (rules.md R7)."""

    kind: Kind
    table_minutes: Fraction  # what the table says, per week
    deductible_minutes: Fraction  # rows of this kind that are not exempt
    exempt_minutes: Fraction
    applied_minutes: Fraction  # never more than deductible


@dataclass(frozen=True)
class Result:
    rules_as_of: date
    rules_version: str
    age: int | None
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
    hourly_amount: Decimal | None
    applied: tuple[p.Parameter, ...]  # every parameter the figures used, for the sources
    age_limit: p.Parameter | None  # the age limit in force, when the person has reached it
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
    def estimated_sek_per_year(self) -> Fraction | None:
        """rules.md R8: hours per week × weeks a year × the amount, only above the threshold."""
        if not self.meets_threshold or self.hourly_amount is None:
            return None
        return self.total_minutes / 60 * p.WEEKS_PER_YEAR.value * Fraction(self.hourly_amount)

    @property
    def deduction_minutes(self) -> Fraction:
        return sum(
            (d.applied_minutes for d in (self.deduction_basic, self.deduction_other) if d),
            Fraction(0),
        )

    def step(self, figure: str):
        return next((s for s in self.steps if s.figure == figure), None)


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


def time_factor(time_type: TimeType) -> Fraction:
    """rules.md R6: väntetid and beredskap count a share of their time."""
    match time_type:
        case TimeType.ACTIVE:
            return Fraction(1)
        case TimeType.WAITING:
            return p.WAITING_FACTOR.value
        case TimeType.ON_CALL:
            return p.ON_CALL_FACTOR.value


def weekly_minutes(activity: Activity) -> Fraction:
    """rules.md R4: minutes × times × period factor × assistants × time-type factor."""
    return (
        activity.minutes
        * activity.times
        * period_factor(activity)
        * activity.assistants
        * time_factor(activity.time_type)
    )


def counts_as_basic(activity: Activity) -> bool:
    """rules.md R3, R6: only integrity-near rows of a basic need, never waiting or on-call."""
    return (
        activity.kind == Kind.BASIC
        and is_basic_need(activity.need)
        and activity.time_type == TimeType.ACTIVE
    )


def deduction_exempt(activity: Activity) -> bool:
    """rules.md R7: breathing, need 7 and tube feeding are never deducted."""
    return activity.need in (Need.BREATHING, Need.MEDICAL_SUPPORT) or (
        activity.need == Need.MEALS and activity.tube_feeding
    )


def active_minutes_per_day_one_assistant(activities: tuple[Activity, ...]) -> Fraction:
    """rules.md R9: the active help of a week spread over its days, counted once per minute."""
    return (
        sum(
            (
                weekly_minutes(a) / a.assistants
                for a in activities
                if a.time_type == TimeType.ACTIVE
            ),
            Fraction(),
        )
        / 7
    )


def compute(assessment: Assessment) -> Result:
    """The figures of an assessment, without their explanation (see rules.calculate)."""
    on = assessment.assessment_date
    activities = assessment.activities
    applied: list[p.Parameter] = [p.THRESHOLD_HOURS]
    rows = tuple(RowResult(index, a, weekly_minutes(a)) for index, a in enumerate(activities))
    basic_rows = [r for r in rows if counts_as_basic(r.activity)]
    other_rows = [r for r in rows if not counts_as_basic(r.activity)]
    before_basic = sum((r.weekly_minutes for r in basic_rows), Fraction(0))
    before_other = sum((r.weekly_minutes for r in other_rows), Fraction(0))
    if any(a.time_type != TimeType.ACTIVE for a in activities):
        applied += [p.WAITING_FACTOR, p.ON_CALL_FACTOR, p.WAITING_NOT_BASIC, p.WAITING_ALLOWED_FROM]
    if any(a.per in (Period.MONTH, Period.YEAR) for a in activities):
        applied.append(p.WEEKS_PER_YEAR)
    if any(a.need in (Need.INJURY_PREVENTION, Need.MEDICAL_SUPPORT) for a in activities):
        applied.append(p.SEPARATE_NEEDS_6_AND_7_FROM)

    by_need = tuple(
        NeedTotal(
            info.need,
            sum((r.weekly_minutes for r in basic_rows if r.activity.need == info.need), Fraction()),
            sum((r.weekly_minutes for r in other_rows if r.activity.need == info.need), Fraction()),
        )
        for info in NEEDS
        if any(r.activity.need == info.need for r in rows)
    )

    table = None
    deduction_basic = deduction_other = None
    if assessment.age is not None:
        applied.append(p.ADULT_AGE)
    if assessment.is_child:
        table = p.in_force(p.PARENTAL_DEDUCTION, on)
    if table is not None:
        per_day_basic, per_day_other = table.value.hours_per_day(assessment.age)
        deduction_basic = _deduction(Kind.BASIC, per_day_basic, basic_rows)
        deduction_other = _deduction(Kind.OTHER, per_day_other, other_rows)
        applied.append(table)
        if any(d.table_minutes > d.deductible_minutes for d in (deduction_basic, deduction_other)):
            applied.append(p.DEDUCTION_NO_TRANSFER)

    basic = before_basic - (deduction_basic.applied_minutes if deduction_basic else 0)
    other = before_other - (deduction_other.applied_minutes if deduction_other else 0)
    threshold = Fraction(p.THRESHOLD_HOURS.value * 60)
    amount = p.in_force(p.HOURLY_AMOUNT, on)
    if amount is not None:
        applied.append(amount)
        if basic > threshold:
            applied += [p.WEEKS_PER_YEAR, p.HIGHER_AMOUNT_MAX]

    age_limit = p.in_force(p.AGE_LIMIT, on)
    if age_limit is not None and assessment.age is not None and assessment.age >= age_limit.value:
        applied.append(age_limit)
    else:
        age_limit = None  # in force, but not reached

    return Result(
        rules_as_of=on,
        rules_version=RULES_VERSION,
        age=assessment.age,
        rows=rows,
        by_need=by_need,
        before_deduction_basic=before_basic,
        before_deduction_other=before_other,
        deduction_basic=deduction_basic,
        deduction_other=deduction_other,
        deduction_table_from=table.effective if table else None,
        basic_minutes=basic,
        other_minutes=other,
        threshold_minutes=threshold,
        hourly_amount=amount.value if amount else None,
        applied=tuple(dict.fromkeys(applied)),
        age_limit=age_limit,
    )


def _deduction(kind: Kind, hours_per_day: Fraction, rows: list[RowResult]) -> Deduction:
    """rules.md R7: per day × 7, never below zero, exempt needs left out, no transfer."""
    deductible = sum(
        (r.weekly_minutes for r in rows if not deduction_exempt(r.activity)), Fraction()
    )
    exempt = sum((r.weekly_minutes for r in rows if deduction_exempt(r.activity)), Fraction())
    table_minutes = hours_per_day * 60 * 7
    return Deduction(kind, table_minutes, deductible, exempt, min(table_minutes, deductible))
