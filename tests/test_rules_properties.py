"""Properties of the rules that hold for any input (rules.md R4, R5, R7): monotone, never
negative, order-free, and an explanation that always adds up."""

from dataclasses import replace
from datetime import date
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments import rules
from assessments.rules import Kind, Need, Period, TimeType

FAST = settings(max_examples=75, deadline=None)


@st.composite
def activities(draw) -> rules.Activity:
    need = draw(st.sampled_from(list(Need)))
    time_type = draw(st.sampled_from(list(TimeType)))
    # spec/assessment-file.md: kind basic only with a basic need; waiting and on-call are other.
    can_be_basic = rules.is_basic_need(need) and time_type == TimeType.ACTIVE
    kind = draw(st.sampled_from([Kind.BASIC, Kind.OTHER])) if can_be_basic else Kind.OTHER
    return rules.Activity(
        need=need,
        kind=kind,
        minutes=draw(st.integers(1, 2880).map(lambda half: Fraction(half, 2))),
        times=draw(st.integers(1, 30)),
        per=draw(st.sampled_from(list(Period))),
        days_per_week=draw(st.integers(1, 7)),
        assistants=draw(st.integers(1, 2)),
        time_type=time_type,
        tube_feeding=need == Need.MEALS and draw(st.booleans()),
    )


# Mostly children around the dated changes of the deduction table, some adults and no age.
ages = st.one_of(st.none(), st.integers(0, 18), st.integers(0, 100))
dates = st.dates(date(2012, 1, 1), date(2027, 12, 31))


@st.composite
def assessments(draw, min_rows: int = 0) -> rules.Assessment:
    rows = draw(st.lists(activities(), min_size=min_rows, max_size=8))
    return rules.Assessment(draw(dates), activities=tuple(rows), age=draw(ages))


def totals(result: rules.Result) -> tuple[Fraction, Fraction, Fraction]:
    return result.basic_minutes, result.other_minutes, result.total_minutes


def with_row(assessment: rules.Assessment, index: int, activity: rules.Activity):
    rows = list(assessment.activities)
    rows[index] = activity
    return replace(assessment, activities=tuple(rows))


@FAST
@given(assessments(min_rows=1), st.data())
def test_a_longer_row_never_lowers_a_total(assessment, data):
    index = data.draw(st.integers(0, len(assessment.activities) - 1))
    activity = assessment.activities[index]
    longer = replace(activity, minutes=activity.minutes + data.draw(st.integers(1, 600)))
    before = rules.calculate(assessment)
    after = rules.calculate(with_row(assessment, index, longer))
    for old, new in zip(totals(before), totals(after), strict=True):
        assert new >= old
    assert after.meets_threshold or not before.meets_threshold


@FAST
@given(assessments(min_rows=1), st.data())
def test_more_occasions_never_lower_a_total(assessment, data):
    index = data.draw(st.integers(0, len(assessment.activities) - 1))
    activity = assessment.activities[index]
    more = replace(activity, times=activity.times + data.draw(st.integers(1, 10)))
    before = rules.calculate(assessment)
    after = rules.calculate(with_row(assessment, index, more))
    for old, new in zip(totals(before), totals(after), strict=True):
        assert new >= old


@FAST
@given(assessments())
def test_totals_and_deductions_are_never_negative(assessment):
    result = rules.calculate(assessment)
    assert result.before_deduction_basic >= 0
    assert result.before_deduction_other >= 0
    assert result.basic_minutes >= 0
    assert result.other_minutes >= 0
    assert result.total_minutes >= 0
    for deduction in (result.deduction_basic, result.deduction_other):
        if deduction is not None:
            assert deduction.applied_minutes >= 0
            assert deduction.table_minutes >= 0
    for row in result.rows:
        assert row.weekly_minutes > 0
    sek = result.estimated_sek_per_year
    assert sek is None or sek >= 0


@FAST
@given(activities())
def test_two_assistants_exactly_double_a_row(activity):
    one = replace(activity, assistants=1)
    two = replace(activity, assistants=2)
    assert rules.weekly_minutes(two) == 2 * rules.weekly_minutes(one)


@FAST
@given(assessments(min_rows=1), st.data())
def test_two_assistants_never_lower_a_total(assessment, data):
    index = data.draw(st.integers(0, len(assessment.activities) - 1))
    one = replace(assessment.activities[index], assistants=1)
    two = replace(one, assistants=2)
    with_one = rules.calculate(with_row(assessment, index, one))
    with_two = rules.calculate(with_row(assessment, index, two))
    assert with_two.rows[index].weekly_minutes == 2 * with_one.rows[index].weekly_minutes
    for old, new in zip(totals(with_one), totals(with_two), strict=True):
        assert new >= old


@FAST
@given(assessments())
def test_deduction_never_exceeds_the_table_nor_what_there_is(assessment):
    result = rules.calculate(assessment)
    for deduction, before in (
        (result.deduction_basic, result.before_deduction_basic),
        (result.deduction_other, result.before_deduction_other),
    ):
        if deduction is None:
            continue
        assert deduction.applied_minutes <= deduction.table_minutes
        assert deduction.applied_minutes <= deduction.deductible_minutes
        # capped, not otherwise reduced (R7)
        assert deduction.applied_minutes == min(
            deduction.table_minutes, deduction.deductible_minutes
        )
        assert deduction.deductible_minutes + deduction.exempt_minutes == before
    if result.deduction_basic is not None:
        assert result.basic_minutes >= result.deduction_basic.exempt_minutes


@FAST
@given(assessments())
def test_deduction_only_for_children_from_2023(assessment):
    result = rules.calculate(assessment)
    deducted = result.deduction_basic is not None
    age = assessment.age
    assert deducted is (
        age is not None and age < 18 and assessment.assessment_date >= date(2023, 1, 1)
    )
    assert (result.deduction_other is not None) is deducted


@FAST
@given(assessments(), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_row_order(assessment, rng):
    shuffled = list(assessment.activities)
    rng.shuffle(shuffled)
    result = rules.calculate(assessment)
    other = rules.calculate(replace(assessment, activities=tuple(shuffled)))
    assert totals(other) == totals(result)
    assert other.before_deduction_basic == result.before_deduction_basic
    assert other.before_deduction_other == result.before_deduction_other
    assert other.deduction_basic == result.deduction_basic
    assert other.deduction_other == result.deduction_other
    assert other.meets_threshold is result.meets_threshold
    assert other.by_need == result.by_need
    # Warnings name the rows by their place ("rad 3"), which the shuffle changes.
    assert [w.code for w in other.warnings] == [w.code for w in result.warnings]
    unnamed = {**rules.result_data(result), "warnings": None}
    assert {**rules.result_data(other), "warnings": None} == unnamed


@FAST
@given(assessments())
def test_step_parts_add_up_to_the_step(assessment):
    result = rules.calculate(assessment)
    for step in result.steps:
        assert sum((part.minutes for part in step.parts), Fraction()) == step.minutes, step.figure
    assert result.step("weekly_hours.basic").minutes == result.basic_minutes
    assert result.step("weekly_hours.other").minutes == result.other_minutes
    assert result.step("weekly_hours.total").minutes == result.total_minutes


@FAST
@given(assessments())
def test_threshold_follows_basic_hours_unrounded(assessment):
    result = rules.calculate(assessment)
    assert result.meets_threshold is (result.basic_minutes > 20 * 60)
    assert result.margin_minutes == result.basic_minutes - 20 * 60
