"""The rules as revised against the statute texts (rules.md R3, R7, R8, R9): the birth month,
the hourly amounts and the person's own, the age limit, the exemptions. Pure Python."""

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from assessments import rules
from assessments.rules import engine

DAY = timedelta(days=1)


def row(need="personal_hygiene", kind=None, minutes=60, times=1, per="day", **fields):
    if kind is None:
        kind = "basic" if rules.is_basic_need(need) else "other"
    return rules.Activity(need=need, kind=kind, minutes=minutes, times=times, per=per, **fields)


def calc(*activities, on, **fields):
    return rules.calculate(rules.Assessment(on, activities=tuple(activities), **fields))


def codes(result):
    return [w.code for w in result.warnings]


def message(result, code):
    return " ".join(w.message for w in result.warnings if w.code == code)


# --- R7 the birth month -----------------------------------------------------------------------


@pytest.mark.parametrize("bracket", [1, 7, 12, 18])
def test_the_whole_birthday_month_belongs_to_the_new_age(bracket):
    # A child born in March 2010 + bracket years: the new bracket from 1 March, not the birthday.
    born = date(2026 - bracket, 3, 1)
    first_day = date(2026, 3, 1)
    assert rules.Assessment(first_day, birth_month=born).bracket_age(first_day) == bracket
    assert rules.Assessment(first_day, birth_month=born).bracket_age(first_day - DAY) == (
        bracket - 1
    )


@pytest.mark.parametrize(
    ("on", "basic_per_day", "other_per_day"),
    [
        (date(2026, 10, 31), Fraction(1, 2), Fraction(1, 2)),  # 11 the day before the month
        (date(2026, 11, 1), Fraction(0), Fraction(1, 2)),  # 12 all November
        (date(2026, 11, 30), Fraction(0), Fraction(1, 2)),
    ],
)
def test_a_child_turning_12_later_in_the_month_has_no_basic_deduction(
    on, basic_per_day, other_per_day
):
    result = calc(
        row(minutes=600), row("household", minutes=600), on=on, birth_month=date(2014, 11, 1)
    )
    assert result.deduction_basic.table_minutes == basic_per_day * 60 * 7
    assert result.deduction_other.table_minutes == other_per_day * 60 * 7


def test_the_birth_month_decides_over_the_age():
    result = calc(row(), on=date(2026, 11, 15), age=11, birth_month=date(2014, 11, 1))
    assert result.age == 12


def test_the_result_says_which_bracket_and_why():
    result = calc(row(), on=date(2026, 11, 15), birth_month=date(2014, 11, 1))
    text = result.step("parental_deduction.basic").text
    assert "Barnet räknas som 12 år hela november, månaden då hen fyller 12." in text
    assert "åldersgruppen 12–17 år" in text


def test_with_only_an_age_the_birthday_hint_is_given():
    result = calc(row(), on=date(2026, 11, 15), age=11)
    text = result.step("parental_deduction.basic").text
    assert "Fyller barnet år senare samma månad räknas hela månaden till den nya åldern" in text
    assert "åldersgruppen 7–11 år" in text


def test_a_baby_in_its_first_month_is_0():
    assert (
        rules.Assessment(date(2026, 3, 20), birth_month=date(2026, 3, 1)).bracket_age(
            date(2026, 3, 20)
        )
        == 0
    )


# --- R8 the hourly amounts --------------------------------------------------------------------

ABOVE = (row(minutes=180),)  # 21 h a week of basic needs


@pytest.mark.parametrize(
    ("on", "amount"),
    [
        (date(2025, 1, 1), Decimal("342.60")),
        (date(2025, 12, 31), Decimal("342.60")),
        (date(2026, 1, 1), Decimal("347.70")),
        (date(2026, 12, 31), Decimal("347.70")),
    ],
)
def test_the_2025_and_2026_amounts(on, amount):
    result = calc(*ABOVE, on=on)
    assert result.hourly_amount == amount
    assert result.estimated_sek_per_year == 21 * 52 * Fraction(amount)
    assert not result.own_hourly_amount


def test_2027_is_not_known_and_is_said_so():
    result = calc(*ABOVE, on=date(2027, 1, 1))
    assert result.hourly_amount is None
    assert "Timbeloppet för 2027 är inte känt än" in message(result, "hourly_amount_unknown")


def test_the_persons_own_amount_is_used_and_labelled_as_theirs():
    result = calc(*ABOVE, on=date(2026, 6, 1), hourly_amount=Fraction("375.50"))
    assert result.hourly_amount == Fraction("375.50")
    assert result.own_hourly_amount
    assert result.estimated_sek_per_year == 21 * 52 * Fraction("375.50")
    assert "ditt eget timbelopp" in result.step("estimated_sek_per_year").text
    assert "own_amount_above_max" not in codes(result)


@pytest.mark.parametrize(
    ("amount", "warned"),
    [
        (Fraction("389.42"), False),  # 347.70 × 1.12 = 389.424
        (Fraction("389.424"), False),
        (Fraction("389.43"), True),
        (Fraction("500"), True),
    ],
)
def test_an_own_amount_above_112_percent_is_accepted_with_a_warning(amount, warned):
    result = calc(*ABOVE, on=date(2026, 6, 1), hourly_amount=amount)
    assert result.hourly_amount == amount
    assert ("own_amount_above_max" in codes(result)) is warned


def test_an_own_amount_in_2027_is_used_but_cannot_be_compared():
    result = calc(*ABOVE, on=date(2027, 3, 1), hourly_amount=Fraction(400))
    assert result.estimated_sek_per_year == 21 * 52 * 400
    assert "kan inte jämföras" in message(result, "hourly_amount_unknown")


# --- R9 the age limit -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "age", "status"),
    [
        (date(2022, 12, 31), 65, "reached"),  # 65 until 2022
        (date(2022, 12, 31), 64, "no"),
        (date(2023, 1, 1), 65, "no"),  # 66 from 2023
        (date(2025, 12, 31), 66, "reached"),
        (date(2026, 1, 1), 66, "maybe"),  # turned 66 in 2025 (limit 66) or in 2026 (limit 67)
        (date(2026, 1, 1), 67, "reached"),
        (date(2027, 6, 1), 66, "no"),  # nobody 66 in 2027 turned 66 before 2026
    ],
)
def test_the_age_limit_with_an_age_only(on, age, status):
    limit = calc(row(), on=on, age=age).age_limit
    assert limit.status == status


@pytest.mark.parametrize(
    ("born", "on", "limit", "status"),
    [
        # Turned 66 in December 2025: keeps the limit of 66 (SFS 2022:879), reached.
        (date(1959, 12, 1), date(2025, 12, 31), 66, "in_period"),
        (date(1959, 12, 1), date(2026, 1, 1), 66, "reached"),
        # Turns 66 in January 2026: the limit is 67, reached in January 2027.
        (date(1960, 1, 1), date(2025, 12, 31), 66, "no"),
        (date(1960, 1, 1), date(2026, 1, 1), 67, "no"),
        (date(1960, 1, 1), date(2027, 1, 1), 67, "in_period"),
        (date(1960, 1, 1), date(2027, 2, 1), 67, "reached"),
    ],
)
def test_the_age_limit_with_a_birth_month_and_the_transitional_rule(born, on, limit, status):
    result = calc(row(), on=on, birth_month=born)
    assert (result.age_limit.age, result.age_limit.status) == (limit, status)


def test_the_month_the_limit_is_reached_is_named_with_its_meaning():
    result = calc(row(), on=date(2027, 1, 10), birth_month=date(1960, 1, 1))
    text = message(result, "age_limit")
    assert "når åldersgränsen 67 år i januari 2027, på födelsedagen" in text
    assert "senast dagen före" in text and "aldrig ökas" in text


def test_an_age_of_66_in_2026_says_both_possibilities():
    text = message(calc(row(), on=date(2026, 5, 1), age=66), "age_limit")
    assert "gäller gränsen 66 år och den är nådd" in text
    assert "gäller gränsen 67 år" in text


def test_the_transitional_rule_is_named_when_it_applies():
    text = message(calc(row(), on=date(2026, 3, 1), birth_month=date(1959, 6, 1)), "age_limit")
    assert "fyllde 66 år före 2026-01-01 gäller gränsen 66 år" in text


# --- R3, R7 the exemptions and the full-count needs -------------------------------------------


@pytest.mark.parametrize(
    "exempt",
    [
        row("breathing", "basic"),
        row("breathing", "other"),  # a direct measure: preparing the equipment
        row("medical_support", "basic"),
        row("medical_support", "other"),  # a direct measure for need 7
        row("meals", "basic", tube_feeding=True),
        row("meals", "other", tube_feeding=True),  # preparation and after-work
    ],
    ids=["breathing", "breathing-measure", "need-7", "need-7-measure", "tube", "tube-prep"],
)
def test_breathing_need_7_and_tube_feeding_with_their_measures_are_not_deducted(exempt):
    assert engine.deduction_exempt(exempt)
    result = calc(exempt, on=date(2026, 6, 1), age=3)
    assert result.deduction_basic.applied_minutes == 0
    assert result.deduction_other.applied_minutes == 0


@pytest.mark.parametrize(
    "deducted",
    [
        row("injury_prevention", minutes=600),
        row("personal_hygiene", minutes=600, description="Motivation"),
    ],
)
def test_need_6_and_motivation_are_deducted(deducted):
    result = calc(deducted, on=date(2026, 6, 1), age=3)
    assert result.deduction_basic.applied_minutes == Fraction(5, 4) * 60 * 7


def test_the_direct_measures_count_as_other_needs():
    result = calc(row("breathing", "other"), on=date(2026, 6, 1))
    assert result.basic_minutes == 0 and result.other_minutes == 420


def test_breathing_before_july_2020_counted_only_its_integrity_near_parts():
    assert "breathing_before_2020" in codes(calc(row("breathing"), on=date(2020, 6, 30)))
    assert "breathing_before_2020" not in codes(calc(row("breathing"), on=date(2020, 7, 1)))


# --- R9 the school and institution rule -------------------------------------------------------


@pytest.mark.parametrize(
    ("activity", "warned"),
    [
        (row("personal_hygiene", elsewhere="school"), True),
        (row("breathing", elsewhere="school"), False),  # no särskilda skäl needed
        (row("breathing", "other", elsewhere="preschool"), False),  # nor for its measures
        (row("meals", tube_feeding=True, elsewhere="school"), False),
        (row("meals", "other", tube_feeding=True, elsewhere="preschool"), False),
        (row("breathing", elsewhere="daily_activity"), True),  # daglig verksamhet is not skola
        (row("meals", elsewhere="hospital"), True),
        (row("meals"), False),
    ],
)
def test_help_elsewhere_needs_special_reasons_as_the_law_says(activity, warned):
    result = calc(activity, on=date(2026, 6, 1))
    assert ("special_reasons" in codes(result)) is warned
    if warned:
        assert "106 kap. 24–25 a §§" in message(result, "special_reasons")


def test_hospital_and_short_term_stay_get_their_own_words():
    result = calc(row(elsewhere="hospital"), row(elsewhere="short_term_stay"), on=date(2026, 6, 1))
    assert "kortare tid" in message(result, "hospital")
    assert "1312-07" in message(result, "short_term_stay")
