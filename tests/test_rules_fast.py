"""The rules' fast path against the reference it replaced (tests/reference; issue 22, item 3):
on random drafts every figure of the `Result` and every text of its explanation are the same,
in Swedish and in English.

The drafts have rows of every need, kind, time type, period and number of assistants, week
types, periods across a birthday, a year and 2019-11-01, nights, decisions and day plans.
"""

import dataclasses
from datetime import date, time, timedelta
from fractions import Fraction

from django.utils import translation
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from assessments import rules
from assessments.rules import Kind, Need, NightCover, Period, TimeType, dayplan
from assessments.rules.activity import Decided, row_problems
from assessments.rules.assessment import DEFAULT_WEEK_TYPE
from assessments.rules.dayplan import DayPlan, Item, Span
from assessments.rules.needs import DecisionMaker, Elsewhere, Presence
from tests import reference
from tests.reference import formatting as reference_formatting

CASES = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much]
)

# The properties of a Result that are not fields: what the page and the printout read.
RESULT_PROPERTIES = (
    "total_minutes",
    "meets_threshold",
    "margin_minutes",
    "granted_minutes",
    "several_amounts",
    "unknown_amount_year",
    "over_capacity",
    "assistance_days_per_week",
    "estimated_sek_per_year",
    "deduction_minutes",
    "several_weeks",
    "several_segments",
)
ROW_FIGURES = ("basic_minutes", "other_minutes")


def assert_same(new, old, path: str = "result") -> None:
    """Every field of `old` (a reference type), property by property where it has them, equal
    in `new`: the same values of the same types, and the same texts."""
    if dataclasses.is_dataclass(old) and not isinstance(old, type):
        for f in dataclasses.fields(old):
            assert_same(getattr(new, f.name), getattr(old, f.name), f"{path}.{f.name}")
        extra = RESULT_PROPERTIES if type(old).__name__ == "Result" else ()
        extra += ROW_FIGURES if type(old).__name__ == "RowResult" else ()
        for name in extra:
            assert_same(getattr(new, name), getattr(old, name), f"{path}.{name}")
    elif isinstance(old, tuple | list):
        new = tuple(new)
        assert len(new) == len(old), path
        for i, (a, b) in enumerate(zip(new, old, strict=True)):
            assert_same(a, b, f"{path}[{i}]")
    elif isinstance(old, dict):
        assert new.keys() == old.keys(), path
        for key in old:
            assert_same(new[key], old[key], f"{path}[{key!r}]")
    else:
        assert new == old, f"{path}: {new!r} != {old!r}"
        if isinstance(old, int | Fraction | float | str):
            assert type(new) is type(old), f"{path}: {type(new)} is not {type(old)}"


# --- Drafts ---------------------------------------------------------------------------------

decimals = st.integers(1, 2400).map(lambda tenths: Fraction(tenths, 10))
minutes = st.one_of(st.integers(1, 240).map(Fraction), decimals)
clock_minutes = st.integers(0, 24 * 12 - 1).map(lambda fives: fives * 5)


def at(minute: int) -> time:
    return time(minute // 60, minute % 60)


@st.composite
def week_types(draw) -> tuple[rules.WeekType, ...]:
    if draw(st.booleans()):
        return (DEFAULT_WEEK_TYPE,)
    count = draw(st.integers(1, 3))
    return tuple(
        rules.WeekType(
            f"w{i}",
            draw(st.sampled_from(["Skolvecka", "Lovvecka", "Vecka med korttids"])) + str(i),
            draw(
                st.one_of(
                    st.integers(1, 40).map(Fraction),
                    st.integers(1, 80).map(lambda n: Fraction(n, 2)),
                )
            ),
            assistance_days=draw(st.integers(1, 7)),
            away_hours=draw(st.sampled_from([Fraction(0), Fraction(30), Fraction(25, 2)])),
        )
        for i in range(count)
    )


@st.composite
def rows(draw, keys: tuple[str, ...], night: bool, decision: bool) -> rules.Activity:
    need = draw(st.sampled_from(list(Need)))
    time_type = draw(st.sampled_from(list(TimeType)))
    can_be_basic = rules.is_basic_need(need) and time_type == TimeType.ACTIVE
    per = draw(st.sampled_from(list(Period)))
    values = {
        "need": need,
        "description": draw(st.sampled_from(["", "Dusch", "Frukost och medicin", "Natt"])),
        "kind": draw(st.sampled_from([Kind.BASIC, Kind.OTHER])) if can_be_basic else Kind.OTHER,
        "minutes": draw(minutes),
        "times": draw(st.one_of(st.integers(1, 12).map(Fraction), st.just(Fraction(5, 2)))),
        "per": per,
        "days_per_week": draw(st.integers(1, 7)),
        "assistants": draw(st.integers(1, 2)),
        "time_type": time_type,
        "tube_feeding": need == Need.MEALS and draw(st.booleans()),
        "elsewhere": draw(st.one_of(st.none(), st.sampled_from(list(Elsewhere)))),
    }
    if per in (Period.DAY, Period.WEEK) and len(keys) > 1 and draw(st.booleans()):
        values["week_types"] = tuple(draw(st.sets(st.sampled_from(keys), min_size=1)))
    if night and time_type == TimeType.ACTIVE:
        values["at_night"] = draw(st.booleans())
    if decision:
        changes = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "granted": st.just(False),
                    "minutes": minutes,
                    "times": st.integers(1, 5),
                    "assistants": st.just(1),
                    "kind": st.just(Kind.OTHER),
                    "per": st.sampled_from([Period.DAY, Period.WEEK]),
                },
            )
        )
        if changes.get("granted") is False:
            changes = {"granted": False}
        if changes and not row_problems(**{**values, **changes}):
            values["decided"] = Decided(**changes)
    return rules.Activity(**values)


@st.composite
def nights(draw) -> rules.Night:
    start = draw(st.integers(19 * 60, 23 * 60 + 30).map(lambda m: m - m % 15))
    end = draw(st.integers(5 * 60, 9 * 60).map(lambda m: m - m % 15))
    return rules.Night(at(start), at(end), draw(st.sampled_from(list(NightCover))))


@st.composite
def spans(draw, start: int, end: int, on: date) -> Span:
    presence = draw(st.sampled_from(list(Presence)))
    if presence == Presence.AT_HAND:
        need = draw(st.sampled_from([Need.LEISURE_AND_COMMUNITY, Need.WORK_AND_EDUCATION]))
    else:
        need = draw(st.sampled_from(dayplan.PRESENCE_NEEDS))
    kind = draw(st.sampled_from([None, Kind.OTHER, Kind.BASIC]))
    first = dayplan.basic_from(need)
    if kind == Kind.BASIC and (
        presence != Presence.SUPERVISION
        or first is None
        or (on < first and need != Need.INJURY_PREVENTION)
    ):
        kind = None
    return Span(
        start=at(start),
        end=at(end % (24 * 60)),
        need=need,
        presence=presence,
        assistants=draw(st.integers(1, 2)),
        kind=kind,
        description=draw(st.sampled_from(["", "Promenad"])),
    )


@st.composite
def items(draw) -> Item:
    need = draw(st.sampled_from(list(Need)))
    kind = (
        draw(st.sampled_from([Kind.BASIC, Kind.OTHER])) if rules.is_basic_need(need) else Kind.OTHER
    )
    length = draw(st.one_of(st.integers(1, 90).map(Fraction), st.just(Fraction(5, 2))))
    assistants = draw(st.integers(1, 2))
    two = None
    if assistants == 1 and draw(st.booleans()):
        two = draw(st.integers(1, 5).map(Fraction))
        assume(two <= length)
    return Item(
        at=at(draw(clock_minutes)),
        minutes=length,
        need=need,
        kind=kind,
        assistants=assistants,
        two_minutes=two,
        tube_feeding=need == Need.MEALS and draw(st.booleans()),
        during_supervision=assistants == 1 and two is None and draw(st.booleans()),
        description=draw(st.sampled_from(["Medicin", "Vändning"])),
    )


@st.composite
def day_plans(draw, weeks: tuple[rules.WeekType, ...], on: date) -> tuple[DayPlan, ...]:
    plans = []
    left = {w.key: w.assistance_days for w in weeks}
    for number in range(draw(st.integers(0, 2))):
        week = draw(st.sampled_from(weeks))
        if not left[week.key]:
            continue
        days = draw(st.integers(1, left[week.key]))
        left[week.key] -= days
        bounds = sorted(draw(st.sets(clock_minutes, max_size=6)))
        pairs = list(zip(bounds[::2], bounds[1::2], strict=False))
        plan = DayPlan(
            key=f"p{number}",
            name=f"Dag {number}",
            week_type=week.key,
            days=days,
            spans=tuple(draw(spans(a, b, on)) for a, b in pairs),
            items=tuple(draw(st.lists(items(), max_size=6))),
        )
        assume(not dayplan.plan_problems(plan))
        plans.append(plan)
    return tuple(plans)


# First days where a value the calculation uses changes inside a period: breathing counts as
# basic from 2019-11-01 (R12), each year's hourly amount (R8), the deduction table (R7).
TURNS = [
    date(2019, 9, 15),
    date(2019, 10, 31),
    date(2019, 11, 1),
    date(2025, 11, 1),
    date(2026, 7, 1),
]


@st.composite
def periods(draw) -> rules.GrantPeriod:
    start = draw(st.one_of(st.dates(date(2018, 6, 1), date(2028, 6, 1)), st.sampled_from(TURNS)))
    return rules.GrantPeriod(start, start + timedelta(days=draw(st.integers(0, 500))))


@st.composite
def heavy_rows(draw) -> rules.Activity:
    """A row of basic needs of 10–60 hours a week, so that drafts are above the threshold as
    often as below it."""
    return rules.Activity(
        need=draw(st.sampled_from([Need.BREATHING, *sorted(rules.BASIC_NEEDS)])),
        description="Tung rad",
        kind=Kind.BASIC,
        minutes=draw(st.integers(30, 120).map(Fraction)),
        times=draw(st.integers(3, 4).map(Fraction)),
        per=Period.DAY,
        days_per_week=7,
        assistants=draw(st.integers(1, 2)),
    )


@st.composite
def drafts(draw) -> rules.Assessment:
    weeks = draw(week_types())
    period = draw(st.one_of(st.none(), periods()))
    assessment_date = draw(st.dates(date(2017, 1, 1), date(2028, 12, 31)))
    first = period.start if period else assessment_date
    night = draw(st.one_of(st.none(), nights()))
    keys = tuple(w.key for w in weeks)
    decision = None
    if draw(st.booleans()):
        decision = rules.Decision(
            draw(st.sampled_from(list(DecisionMaker))),
            date=draw(st.one_of(st.none(), st.dates(date(2018, 1, 1), date(2028, 12, 31)))),
            received=draw(st.one_of(st.none(), st.dates(date(2018, 1, 1), date(2028, 12, 31)))),
            night=draw(st.sampled_from([None, rules.NOT_GRANTED, rules.Night(time(22), time(6))]))
            if night
            else None,
            week_types=draw(
                st.dictionaries(st.sampled_from(keys), st.integers(1, 52).map(Fraction))
            ),
        )
    person = draw(st.sampled_from(["age", "birth", "none"]))
    child = draw(st.booleans())
    oldest = date(first.year - 18, 1, 1) if child else date(1950, 1, 1)
    born = draw(st.dates(oldest, first).map(lambda d: d.replace(day=1)))
    heavy = tuple(draw(st.lists(heavy_rows(), max_size=1)))
    return rules.Assessment(
        assessment_date,
        activities=heavy
        + tuple(draw(st.lists(rows(keys, night is not None, decision is not None), max_size=12))),
        age=draw(st.integers(0, 17) if child else st.integers(18, 70)) if person == "age" else None,
        birth_month=born if person == "birth" else None,
        hourly_amount=draw(
            st.one_of(st.none(), st.integers(3000, 5000).map(lambda n: Fraction(n, 10)))
        ),
        period=period,
        week_types=weeks,
        night=night,
        decision=decision,
        day_plans=draw(day_plans(weeks, first)),
    )


def rare_draft() -> rules.Assessment:
    """What random drafts seldom hold at once: breathing across 2019-11-01 (R12) for a child
    who has a birthday in the period, two week types, a night, a decision and a day plan."""
    school = rules.WeekType("school", "Skolvecka", Fraction(77, 2), assistance_days=5)
    holiday = rules.WeekType("holiday", "Lovvecka", Fraction(27, 2), away_hours=Fraction(10))
    breathing = rules.Activity(
        need=Need.BREATHING,
        description="Slemsugning",
        kind=Kind.BASIC,
        minutes=Fraction(25, 2),
        times=Fraction(8),
        decided=Decided(minutes=Fraction(10)),
    )
    waiting = rules.Activity(
        need=Need.SUPERVISION,
        kind=Kind.OTHER,
        minutes=Fraction(60),
        times=Fraction(2),
        per=Period.WEEK,
        time_type=TimeType.WAITING,
        week_types=("holiday",),
    )
    plan = DayPlan(
        key="dag",
        name="Skoldag",
        week_type="school",
        days=5,
        spans=(
            Span(start=time(20), end=time(23), need=Need.BREATHING, presence=Presence.SUPERVISION),
        ),
        items=(
            Item(
                at=time(22, 30),
                minutes=Fraction(45),
                need=Need.MEALS,
                kind=Kind.BASIC,
                tube_feeding=True,
                two_minutes=Fraction(5),
                description="Sondmatning",
            ),
        ),
    )
    return rules.Assessment(
        date(2019, 8, 1),
        activities=(breathing, waiting),
        birth_month=date(2013, 12, 1),
        period=rules.GrantPeriod(date(2019, 9, 15), date(2020, 3, 31)),
        week_types=(school, holiday),
        night=rules.Night(time(22), time(7), NightCover.ON_CALL),
        decision=rules.Decision(
            DecisionMaker.FK, date=date(2019, 9, 1), week_types={"holiday": 10}
        ),
        day_plans=(plan,),
    )


@CASES
@given(drafts(), st.sampled_from(["sv", "en"]))
@example(rare_draft(), "sv").via("the rare parts together")
@example(rare_draft(), "en").via("the rare parts together")
def test_calculate_gives_the_reference_figures_and_words(draft, language):
    with translation.override(language):
        old = reference.calculate(draft)
        new = rules.calculate(draft)
        assert_same(new, old)
        assert rules.result_data(new) == rules.result_data(old)


# --- Numbers --------------------------------------------------------------------------------

# Ratios near the halves where rounding turns, and with denominators too large to round in
# integers (formatting falls back to Decimal there).
halves = st.builds(
    lambda k, places, sign: Fraction(sign * (2 * k + 1), 2 * 10**places),
    st.integers(0, 10**6),
    st.integers(0, 4),
    st.sampled_from([1, -1]),
)
ratios = st.builds(
    Fraction,
    st.integers(-(10**20), 10**20),
    st.one_of(st.integers(1, 10**4), st.integers(1, 10**20)),
)
numbers = st.one_of(
    halves, ratios, st.integers(-(10**12), 10**12), st.decimals(-(10**6), 10**6, places=4)
)


@settings(max_examples=1000, deadline=None)
@given(numbers, st.integers(0, 4), st.booleans(), st.booleans(), st.sampled_from(["sv", "en"]))
# Just below a half, closer than the Decimal division's 28 digits see: rounded up there.
@example(Fraction(5 * 10**28 - 1, 10**31), 2, False, True, "sv")
def test_numbers_are_written_as_the_reference_writes_them(
    value, places, keep_zeros, grouping, language
):
    with translation.override(language):
        assert rules.format_number(
            value, places, keep_zeros=keep_zeros, grouping=grouping
        ) == reference_formatting.format_number(
            value, places, keep_zeros=keep_zeros, grouping=grouping
        )
        assert rules.format_hours(value) == reference_formatting.format_hours(value)
        assert rules.format_kronor(value, places) == reference_formatting.format_kronor(
            value, places
        )
