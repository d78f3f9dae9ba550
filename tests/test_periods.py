"""Beyond one typical week (rules.md R7, R10, R11; spec "The calculation"): week types, the
period's segments and the night. Pure Python."""

from datetime import date, time
from decimal import Decimal
from fractions import Fraction

import pytest

from assessments import rules
from assessments.rules import engine
from assessments.rules import parameters as p
from assessments.rules.words import amount_text

SCHOOL = rules.WeekType("school", "Skolvecka", 40)
HOLIDAY = rules.WeekType("holiday", "Lovvecka", 12)


def row(need="personal_hygiene", kind=None, minutes=60, times=1, per="week", **fields):
    if kind is None:
        kind = "basic" if rules.is_basic_need(need) else "other"
    return rules.Activity(need=need, kind=kind, minutes=minutes, times=times, per=per, **fields)


def calc(*activities, on=date(2026, 10, 1), **fields):
    return rules.calculate(rules.Assessment(on, activities=tuple(activities), **fields))


def hours(minutes) -> float:
    return float(minutes / 60)


def by_key(result):
    return {w.week_type.key: w.figures for w in result.week_types}


def assert_adds_up(result):
    for step in result.steps:
        assert sum((part.minutes for part in step.parts), Fraction()) == step.minutes, step.figure


# --- R10 week types ---------------------------------------------------------------------------


def r10_example():
    """rules.md R10: a child of 9 in 2026, school weeks basic 20 h and other 6 h, holiday weeks
    basic 30 h and other 12 h, 40 and 12 weeks; deduction 3,5 + 3,5 h a week."""
    return calc(
        row(minutes=1200, week_types=("school",)),
        row("household", minutes=360, week_types=("school",)),
        row(minutes=1800, week_types=("holiday",)),
        row("household", minutes=720, week_types=("holiday",)),
        birth_month=date(2017, 3, 1),
        week_types=(SCHOOL, HOLIDAY),
    )


def test_the_r10_example_is_not_met_on_average_although_every_holiday_week_is():
    result = r10_example()
    weeks = by_key(result)
    assert hours(weeks["school"].basic) == 16.5
    assert hours(weeks["holiday"].basic) == 26.5
    assert result.basic_minutes == (Fraction(990) * 40 + Fraction(1590) * 12) / 52
    assert round(hours(result.basic_minutes), 2) == 18.81
    assert not result.meets_threshold
    (notice,) = [w for w in result.warnings if w.code == "average_decides"]
    assert "lovvecka (26,5 timmar)" in notice.message
    assert "genomsnittet för hela perioden" in notice.message
    assert "i genomsnitt" in result.verdict
    assert_adds_up(result)


def test_the_output_gives_each_week_type():
    out = rules.result_data(r10_example())
    assert out["by_week_type"]["school"] == {
        "weeks": 40.0,
        "basic": 16.5,
        "other": 2.5,
        "total": 19.0,
    }
    assert out["by_week_type"]["holiday"]["basic"] == 26.5


def test_a_row_happens_only_in_its_week_types_and_counts_with_their_share():
    result = calc(row(minutes=520, week_types=("holiday",)), week_types=(SCHOOL, HOLIDAY))
    (only,) = result.rows
    assert only.weekly_minutes == 520
    assert only.average_minutes == 520 * Fraction(12, 52)
    assert result.basic_minutes == 120


def test_month_and_year_rows_count_in_every_week_type():
    result = calc(row(minutes=520, per="year"), week_types=(SCHOOL, HOLIDAY))
    assert by_key(result)["school"].before_basic == by_key(result)["holiday"].before_basic == 10


def test_the_deduction_is_capped_per_week_type():
    # Age 9 in 2026: 0,5 h a day of other needs, 3,5 h a week. School weeks have only 1 h.
    result = calc(
        row("household", minutes=60, week_types=("school",)),
        row("household", minutes=600, week_types=("holiday",)),
        birth_month=date(2017, 3, 1),
        week_types=(SCHOOL, HOLIDAY),
    )
    weeks = by_key(result)
    assert weeks["school"].deduction_other.applied_minutes == 60
    assert weeks["holiday"].deduction_other.applied_minutes == 210
    assert result.deduction_other.applied_minutes == (60 * 40 + 210 * 12) / Fraction(52)
    assert_adds_up(result)


def test_assistance_on_two_days_a_week_deducts_for_two_days():
    two_days = rules.WeekType("weekend", "Helg", 52, assistance_days=2)
    result = calc(row(minutes=600), birth_month=date(2017, 3, 1), week_types=(two_days,))
    assert result.deduction_basic.table_minutes == 2 * 30  # 0,5 h × 2 days
    assert "deduction_per_assistance_day" in [p.key for p in result.applied]


# --- R10 the period's segments -----------------------------------------------------------------


def test_a_period_across_a_birthday_month_is_cut_at_the_first_of_that_month():
    # Turns 7 in March 2027: 1–6 år in January and February, 7–11 år from 1 March.
    result = calc(
        row(minutes=1500),
        row("household", minutes=600),
        on=date(2026, 12, 1),
        birth_month=date(2020, 3, 1),
        period=rules.GrantPeriod(date(2027, 1, 1), date(2027, 6, 30)),
    )
    first, second = result.segments
    assert (first.start, first.end, first.days, first.age) == (
        date(2027, 1, 1),
        date(2027, 2, 28),
        59,
        6,
    )
    assert (second.start, second.end, second.days, second.age) == (
        date(2027, 3, 1),
        date(2027, 6, 30),
        122,
        7,
    )
    assert first.figures.deduction_basic.applied_minutes == Fraction(5, 4) * 60 * 7
    assert second.figures.deduction_basic.applied_minutes == Fraction(1, 2) * 60 * 7
    assert result.basic_minutes == (first.figures.basic * 59 + second.figures.basic * 122) / 181
    assert result.rules_as_of == date(2027, 1, 1)
    step = result.step("average.segments")
    assert "januari–februari 2027 (59 dagar, 1–6 år)" in step.text
    assert "mars–juni 2027 (122 dagar, 7–11 år)" in step.text
    assert_adds_up(result)


def test_a_period_across_new_year_2025_takes_each_table_on_its_side():
    result = calc(
        row(minutes=1500),
        age=3,
        period=rules.GrantPeriod(date(2024, 11, 1), date(2025, 2, 28)),
    )
    before, after = result.segments
    assert (before.end, after.start) == (date(2024, 12, 31), date(2025, 1, 1))
    assert before.table.effective == date(2023, 1, 1) and after.table.effective == date(2025, 1, 1)
    assert before.figures.deduction_basic.applied_minutes == Fraction(5, 2) * 60 * 7
    assert after.figures.deduction_basic.applied_minutes == Fraction(5, 4) * 60 * 7
    out = rules.result_data(result)
    assert [s["days"] for s in out["segments"]] == [61, 59]
    assert "period_without_birth_month" in [w.code for w in result.warnings]


def test_a_bracket_change_within_the_same_bracket_does_not_cut():
    result = calc(
        row(),
        birth_month=date(2018, 3, 1),  # 8 → 9 in March: both 7–11 år
        period=rules.GrantPeriod(date(2027, 1, 1), date(2027, 6, 30)),
    )
    assert len(result.segments) == 1


def test_without_a_period_there_is_one_segment_on_the_assessment_date():
    (segment,) = rules.result_data(calc(row()))["segments"]
    assert segment == {
        "start": "2026-10-01",
        "end": "2026-10-01",
        "days": 1,
        "weekly_hours": {"basic": 1.0, "other": 0.0, "total": 1.0},
    }


# --- R11 the night ----------------------------------------------------------------------------

NIGHT = rules.Night(time(23, 0), time(7, 0), "waiting")


def test_waiting_time_is_the_night_minus_the_active_help_with_two_assistants_once():
    # 15 min twice a night with two assistants: 30 clock minutes a night, not 60.
    result = calc(row(minutes=15, times=2, per="day", assistants=2, at_night=True), night=NIGHT)
    night = result.night
    assert night.night_minutes == 8 * 60 * 7
    assert night.active_minutes == 30 * 7
    assert night.free_minutes == 8 * 60 * 7 - 210
    assert night.counted_minutes == night.free_minutes / 4
    assert result.basic_minutes == 15 * 2 * 7 * 2  # the active help counts twice (R4)
    out = rules.result_data(result)["night"]
    assert out == {"hours": 8.0, "waiting_hours": 52.5, "on_call_hours": 0.0}
    step = result.step("night")
    assert "8 h natt × 7 − 3 h 30 min hjälp = 52 h 30 min väntetid, räknas 1/4 = 13 h 8 min" in (
        step.text
    )
    assert_adds_up(result)


@pytest.mark.parametrize(("cover", "share"), [("on_call", Fraction(1, 7)), ("none", 0)])
def test_on_call_counts_a_seventh_and_none_nothing(cover, share):
    night = rules.Night(time(22, 0), time(6, 0), cover)
    result = calc(night=night)
    assert result.night.counted_minutes == 8 * 60 * 7 * share


def test_the_nights_per_week_are_the_assistance_days():
    weekend = rules.WeekType("weekend", "Helg", 52, assistance_days=2)
    result = calc(night=NIGHT, week_types=(weekend,))
    assert result.night.night_minutes == 8 * 60 * 2


def test_the_night_is_an_other_need_deducted_for_a_child():
    result = calc(night=NIGHT, birth_month=date(2017, 3, 1))
    assert result.before_deduction_other == 8 * 60 * 7 / 4
    assert result.deduction_other.applied_minutes == 30 * 7
    assert result.basic_minutes == 0


def test_active_help_longer_than_the_night_is_shown():
    result = calc(row(minutes=600, times=1, per="day", at_night=True), night=NIGHT)
    assert result.night.free_minutes == 0  # never below zero
    (notice,) = [w for w in result.warnings if w.code == "night_over_night"]
    assert "70 timmar i veckan, men nattvilan är 56 timmar" in notice.message


def test_a_manual_waiting_row_beside_a_night_warns_of_counting_twice():
    result = calc(row("supervision", time_type="waiting", minutes=540, per="day"), night=NIGHT)
    assert "double_night" in [w.code for w in result.warnings]


# --- R9 a day has 24 hours --------------------------------------------------------------------


def test_the_day_check_names_the_week_type_both_figures_and_the_heaviest_rows():
    school = rules.WeekType("school", "Skolvecka", 40, away_hours=40)
    result = calc(
        row(description="Tillsyn", minutes=720, per="day"),
        row(description="Dusch", minutes=60, per="day"),
        night=rules.Night(time(22, 0), time(7, 0)),
        week_types=(school,),
    )
    (notice,) = [w for w in result.warnings if w.code == "day_over_waking_hours"]
    # 15 waking hours × 7 = 105 h, minus 40 h at school = 65 h; 91 h of active help.
    assert notice.message.startswith("Skolvecka: den aktiva hjälpen på dagen är 91 timmar")
    assert "är 65." in notice.message
    assert "rad 1 Tillsyn (84 h)" in notice.message


def test_two_assistants_at_once_take_the_clock_time_once_in_the_day_check():
    result = calc(row(minutes=720, per="day", assistants=2))  # 84 clock hours
    assert "day_over_waking_hours" not in [w.code for w in result.warnings]


def test_the_waking_hours_use_the_night():
    week = calc(night=NIGHT).week_types[0]
    assert week.day_available_minutes == 16 * 60 * 7


# --- R12 the decision -------------------------------------------------------------------------


def test_the_decided_figures_use_the_same_rules_as_the_claim():
    decision = rules.Decision("fk", date(2026, 8, 20))
    result = calc(
        row(minutes=60, per="day", decided=rules.Decided(minutes=30)),
        row(minutes=30, per="day", decided=rules.Decided(granted=False)),
        row(minutes=15, per="day", at_night=True),
        night=NIGHT,
        decision=decision,
    )
    decided = result.decision
    assert decided.basic_minutes == 30 * 7 + 15 * 7
    assert result.basic_minutes == 60 * 7 + 30 * 7 + 15 * 7
    # The night is the same, the active help at night too: waiting time is equal both ways.
    assert decided.night.counted_minutes == result.night.counted_minutes
    out = rules.result_data(result)["decision"]
    assert out["difference"]["basic"] == pytest.approx(7)
    assert out["by_need"]["personal_hygiene"] == {"claimed": 12.25, "decided": 5.25}
    assert decided.verdict.startswith("Enligt beslutet 5,25 timmar grundläggande behov i veckan")


def test_engine_segment_bounds_follow_the_hourly_amount_years():
    assessment = rules.Assessment(
        date(2026, 1, 1), period=rules.GrantPeriod(date(2026, 10, 1), date(2027, 3, 31))
    )
    assert engine.segment_bounds(assessment) == [
        (date(2026, 10, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), date(2027, 3, 31)),
    ]


def test_a_period_that_starts_before_the_birth_counts_those_months_as_the_first_year():
    result = calc(
        row(minutes=600),
        birth_month=date(2027, 3, 1),
        period=rules.GrantPeriod(date(2027, 1, 1), date(2027, 6, 30)),
    )
    assert [s.age for s in result.segments] == [0]


# --- R8 the hourly amount of each year --------------------------------------------------------


def test_a_period_across_a_year_is_paid_at_each_years_amount():
    # rules.md R8's example: 34 h a week over 2025-10-01 – 2026-03-31.
    result = calc(
        row(minutes=34 * 60),
        on=date(2025, 10, 1),
        period=rules.GrantPeriod(date(2025, 10, 1), date(2026, 3, 31)),
    )
    assert [(s.days, s.hourly_amount.value) for s in result.segments] == [
        (92, Decimal("342.60")),
        (90, Decimal("347.70")),
    ]
    sek = result.estimated_sek_per_year
    assert sek == 34 * 52 * (92 * Fraction("342.60") + 90 * Fraction("347.70")) / 182
    assert rules.format_number(sek, 2) == "610\u00a0175,66"  # not 34 × 52 × 342,60 = 605 716,80
    assert rules.result_data(result)["estimated_sek_per_year"] == pytest.approx(
        610175.66, abs=0.005
    )
    assert rules.result_data(result)["hourly_amount"] == 342.6  # the amount on the first day
    assert result.several_amounts
    step = result.step("estimated_sek_per_year")
    assert step.value == "Cirka 610\u00a0176\u00a0kr per år"
    assert "varje del av perioden räknas med sitt års timbelopp" in step.text
    assert (
        "2025-10-01 – 2025-12-31 (92 dagar): 34 timmar i veckan × 52 veckor × 342,60\u00a0kr"
        in step.text
    )
    assert (
        "2026-01-01 – 2026-03-31 (90 dagar): 34 timmar i veckan × 52 veckor × 347,70\u00a0kr"
        in (step.text)
    )
    assert amount_text(result).startswith(
        "Schablonbeloppen 342,60\u00a0kr för 2025 och 347,70\u00a0kr för 2026 i timmen"
    )
    applied = [x for x in result.applied if x.key == "hourly_amount"]
    assert [x.effective.year for x in applied] == [2025, 2026]


def test_the_hours_of_each_part_meet_their_own_amount():
    # A child turning 12 in December 2025: less deducted from then on, at the 2026 amount too.
    result = calc(
        row(minutes=30 * 60),
        on=date(2025, 10, 1),
        birth_month=date(2013, 12, 1),
        period=rules.GrantPeriod(date(2025, 10, 1), date(2026, 3, 31)),
    )
    weighted = sum(
        s.days * s.figures.total * Fraction(s.hourly_amount.value) for s in result.segments
    )
    assert len({s.figures.total for s in result.segments}) == 2
    assert result.estimated_sek_per_year == weighted / 182 / 60 * 52
    assert result.estimated_sek_per_year != result.total_minutes / 60 * 52 * Fraction("342.60")


def test_one_years_amount_keeps_the_plain_formula():
    result = calc(
        row(minutes=34 * 60),
        on=date(2026, 1, 1),
        period=rules.GrantPeriod(date(2026, 1, 1), date(2026, 6, 30)),
    )
    assert not result.several_amounts
    assert result.estimated_sek_per_year == 34 * 52 * Fraction("347.70")
    assert "34 timmar i veckan × 52 veckor × 347,70" in result.step("estimated_sek_per_year").text


def test_the_persons_own_amount_holds_across_the_year():
    result = calc(
        row(minutes=34 * 60),
        on=date(2025, 10, 1),
        period=rules.GrantPeriod(date(2025, 10, 1), date(2026, 3, 31)),
        hourly_amount=Fraction(380),
    )
    assert not result.several_amounts
    assert result.estimated_sek_per_year == 34 * 52 * 380


def test_a_part_of_the_period_with_no_known_amount_gives_no_money_and_says_why():
    result = calc(
        row(minutes=34 * 60),
        on=date(2026, 10, 1),
        period=rules.GrantPeriod(date(2026, 10, 1), date(2027, 3, 31)),
    )
    assert result.hourly_amount == Decimal("347.70")  # known on the first day
    assert result.unknown_amount_year == 2027
    assert result.estimated_sek_per_year is None
    assert rules.result_data(result)["estimated_sek_per_year"] is None
    assert result.step("estimated_sek_per_year") is None
    (warning,) = [w for w in result.warnings if w.code == "hourly_amount_unknown"]
    assert warning.message.startswith("Timbeloppet för 2027 är inte känt än")


# --- R12 breathing counts from 2019-11-01 -------------------------------------------------------


def test_breathing_before_2019_11_01_is_an_other_need():
    breathing = row("breathing", minutes=21 * 60)
    before = calc(breathing, on=date(2019, 10, 31))
    assert (before.basic_minutes, before.other_minutes) == (0, 21 * 60)
    assert before.by_need[0].other_minutes == 21 * 60
    assert "breathing_before_2019" in [w.code for w in before.warnings]
    assert before.rows[0].basic_share == 0
    after = calc(breathing, on=date(2019, 11, 1))
    assert (after.basic_minutes, after.other_minutes) == (21 * 60, 0)
    assert "breathing_before_2019" not in [w.code for w in after.warnings]


def test_a_period_across_2019_11_01_counts_breathing_as_basic_from_that_day():
    result = calc(
        row("breathing", minutes=21 * 60),
        row(minutes=600),
        on=date(2019, 10, 1),
        period=rules.GrantPeriod(date(2019, 10, 1), date(2019, 12, 31)),
    )
    assert [(s.start, s.end) for s in result.segments] == [
        (date(2019, 10, 1), date(2019, 10, 31)),
        (date(2019, 11, 1), date(2019, 12, 31)),
    ]
    assert [s.figures.basic for s in result.segments] == [600, 21 * 60 + 600]
    assert result.basic_minutes == 600 + Fraction(61, 92) * 21 * 60
    assert result.rows[0].basic_share == Fraction(61, 92)
    assert_adds_up(result)
    assert p.BREATHING_BASIC_FROM in result.applied


def test_no_cut_at_2019_11_01_without_breathing():
    result = calc(
        row(minutes=600),
        on=date(2019, 10, 1),
        period=rules.GrantPeriod(date(2019, 10, 1), date(2019, 12, 31)),
    )
    assert len(result.segments) == 1


def test_the_amounts_of_a_period_into_an_unknown_year_are_named_as_far_as_known():
    result = calc(
        row(minutes=34 * 60),
        on=date(2026, 10, 1),
        period=rules.GrantPeriod(date(2026, 10, 1), date(2027, 3, 31)),
    )
    assert amount_text(result) == (
        "Schablonbeloppen 347,70\u00a0kr för 2026 och inget känt belopp för 2027 i timmen; "
        "varje del av perioden räknas med sitt års belopp (Förordningen (1993:1091) 5 §, "
        "SFS 2025:1045)."
    )
