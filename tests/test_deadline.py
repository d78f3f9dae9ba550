"""The last day to contest a decision (rules.md R14): Swedish public holidays (lag 1989:253),
the days lag (1930:173) treats like them, two months for Försäkringskassan and three weeks for
the kommun. Pure Python."""

from datetime import date, timedelta

import pytest

from assessments import rules
from assessments.rules import holidays
from assessments.rules.deadline import (
    CountedFrom,
    DeadlineKind,
    add_months,
    deadline,
    next_weekday,
)


def fk(received=None, on=None):
    return deadline(rules.Decision("fk", on, received=received))


def kommun(received=None, on=None):
    return deadline(rules.Decision("kommun", on, received=received))


# --- Easter and the public holidays -----------------------------------------------------------


@pytest.mark.parametrize(
    "sunday",
    [
        # Known Easter Sundays, including the earliest and the latest possible dates.
        date(1818, 3, 22),
        date(1943, 4, 25),
        date(2000, 4, 23),
        date(2008, 3, 23),
        date(2011, 4, 24),
        date(2019, 4, 21),
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
        date(2038, 4, 25),
        date(2285, 3, 22),
    ],
)
def test_easter_follows_the_gregorian_computus(sunday):
    assert holidays.easter(sunday.year) == sunday
    assert sunday.weekday() == 6


def test_every_year_has_the_thirteen_holidays_and_three_eves():
    for year in range(2005, 2101):
        days = holidays.public_holidays(year)
        # Two holidays on one day: Kristi himmelsfärdsdag on första maj (Easter on 23 March,
        # 2008), pingstdagen on nationaldagen (Easter on 18 April, 2049).
        sunday = holidays.easter(year)
        same_day = (sunday + timedelta(days=39) == date(year, 5, 1)) + (
            sunday + timedelta(days=49) == date(year, 6, 6)
        )
        assert len(days) == 16 - same_day, year
        assert {d.year for d in days} == {year}
        eves = {holidays.MIDSOMMARAFTON, holidays.JULAFTON, holidays.NYARSAFTON}
        assert len([d for d, off in days.items() if off not in eves]) == 13 - same_day


def test_a_day_that_is_two_holidays_is_a_day_off():
    assert holidays.day_off(date(2008, 5, 1)) in (
        holidays.FORSTA_MAJ,
        holidays.KRISTI_HIMMELSFARDSDAG,
    )
    assert holidays.day_off(date(2049, 6, 6)) in (holidays.NATIONALDAGEN, holidays.PINGSTDAGEN)


def test_the_holidays_of_2026_by_name():
    days = {off.key: day for day, off in holidays.public_holidays(2026).items()}
    assert days == {
        "nyarsdagen": date(2026, 1, 1),
        "trettondedag_jul": date(2026, 1, 6),
        "langfredagen": date(2026, 4, 3),
        "paskdagen": date(2026, 4, 5),
        "annandag_pask": date(2026, 4, 6),
        "forsta_maj": date(2026, 5, 1),
        "kristi_himmelsfardsdag": date(2026, 5, 14),
        "pingstdagen": date(2026, 5, 24),
        "nationaldagen": date(2026, 6, 6),
        "midsommarafton": date(2026, 6, 19),
        "midsommardagen": date(2026, 6, 20),
        "alla_helgons_dag": date(2026, 10, 31),
        "julafton": date(2026, 12, 24),
        "juldagen": date(2026, 12, 25),
        "annandag_jul": date(2026, 12, 26),
        "nyarsafton": date(2026, 12, 31),
    }


@pytest.mark.parametrize("year", range(2005, 2101))
def test_midsommar_and_alla_helgon_fall_on_their_saturday(year):
    days = {off.key: day for day, off in holidays.public_holidays(year).items()}
    assert days["midsommardagen"].weekday() == 5
    assert date(year, 6, 20) <= days["midsommardagen"] <= date(year, 6, 26)
    assert days["midsommarafton"] == days["midsommardagen"] - timedelta(days=1)
    assert days["alla_helgons_dag"].weekday() == 5
    assert date(year, 10, 31) <= days["alla_helgons_dag"] <= date(year, 11, 6)


def test_a_holiday_is_named_before_its_weekday_and_a_weekday_is_no_day_off():
    assert holidays.day_off(date(2026, 4, 5)) is holidays.PASKDAGEN  # a Sunday
    assert holidays.day_off(date(2026, 6, 20)) is holidays.MIDSOMMARDAGEN  # a Saturday
    assert holidays.day_off(date(2026, 3, 14)) is holidays.SATURDAY
    assert holidays.day_off(date(2026, 3, 15)) is holidays.SUNDAY
    assert holidays.day_off(date(2026, 3, 16)) is None


# --- Counting (lag 1930:173) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 10, 20), date(2026, 12, 20)),  # the same date in the second month after
        (date(2025, 12, 31), date(2026, 2, 28)),  # no 31 February: the month's last day
        (date(2023, 12, 31), date(2024, 2, 29)),  # a leap year
        (date(2026, 12, 30), date(2027, 2, 28)),
        (date(2026, 11, 15), date(2027, 1, 15)),  # into the next year
        (date(2026, 8, 31), date(2026, 10, 31)),
        (date(2026, 7, 31), date(2026, 9, 30)),
    ],
)
def test_two_months_end_on_the_same_date_or_the_months_last_day(start, end):
    assert add_months(start, 2) == end


def test_a_last_day_on_a_weekday_stays():
    last = fk(received=date(2026, 10, 21))  # 2026-12-21 is a Monday
    assert (last.unmoved, last.last_day, last.skipped) == (date(2026, 12, 21),) * 2 + ((),)
    assert not last.moved
    assert last.kind == DeadlineKind.OMPROVNING
    assert last.counted_from == CountedFrom.RECEIVED
    assert last.start == date(2026, 10, 21)


@pytest.mark.parametrize(
    ("received", "unmoved", "last_day", "why"),
    [
        # A Saturday, then the Sunday: to Monday.
        (date(2026, 8, 24), date(2026, 10, 24), date(2026, 10, 26), ["saturday", "sunday"]),
        # A Sunday.
        (date(2026, 10, 20), date(2026, 12, 20), date(2026, 12, 21), ["sunday"]),
        # Kristi himmelsfärdsdag (Easter + 39 days, a Thursday that moves every year).
        (date(2026, 3, 14), date(2026, 5, 14), date(2026, 5, 15), ["kristi_himmelsfardsdag"]),
        # Långfredagen to annandag påsk: past the whole Easter weekend to Tuesday.
        (
            date(2026, 2, 3),
            date(2026, 4, 3),
            date(2026, 4, 7),
            ["langfredagen", "saturday", "paskdagen", "annandag_pask"],
        ),
        # Första maj, a Friday in 2026.
        (
            date(2026, 3, 1),
            date(2026, 5, 1),
            date(2026, 5, 4),
            ["forsta_maj", "saturday", "sunday"],
        ),
        # Nationaldagen, a Saturday in 2026.
        (date(2026, 4, 6), date(2026, 6, 6), date(2026, 6, 8), ["nationaldagen", "sunday"]),
        # Midsommarafton (not a public holiday, but lag 1930:173 names it), then the weekend.
        (
            date(2026, 4, 19),
            date(2026, 6, 19),
            date(2026, 6, 22),
            ["midsommarafton", "midsommardagen", "sunday"],
        ),
        # Julafton, juldagen, annandag jul and a Sunday.
        (
            date(2026, 10, 24),
            date(2026, 12, 24),
            date(2026, 12, 28),
            ["julafton", "juldagen", "annandag_jul", "sunday"],
        ),
        # Nyårsafton, then nyårsdagen: to 2 January.
        (
            date(2025, 10, 31),
            date(2025, 12, 31),
            date(2026, 1, 2),
            ["nyarsafton", "nyarsdagen"],
        ),
        # Trettondedag jul, a Tuesday in 2026.
        (date(2025, 11, 6), date(2026, 1, 6), date(2026, 1, 7), ["trettondedag_jul"]),
        # Alla helgons dag, a Saturday.
        (date(2026, 8, 31), date(2026, 10, 31), date(2026, 11, 2), ["alla_helgons_dag", "sunday"]),
        # Received 31 December: 28 February 2026 is a Saturday.
        (date(2025, 12, 31), date(2026, 2, 28), date(2026, 3, 2), ["saturday", "sunday"]),
        # Received 31 December before a leap year: 29 February 2024 is a Thursday.
        (date(2023, 12, 31), date(2024, 2, 29), date(2024, 2, 29), []),
    ],
)
def test_fk_two_months_move_past_days_off_to_the_next_weekday(received, unmoved, last_day, why):
    last = fk(received=received)
    assert last.unmoved == unmoved
    assert last.last_day == last_day
    assert [off.key for _day, off in last.skipped] == why
    assert [day for day, _off in last.skipped] == [
        unmoved + timedelta(days=n) for n in range(len(why))
    ]
    assert holidays.day_off(last.last_day) is None


@pytest.mark.parametrize(
    ("received", "last_day"),
    [
        (date(2026, 10, 20), date(2026, 11, 10)),  # a Tuesday three weeks later
        (date(2026, 12, 3), date(2026, 12, 28)),  # Thursday 24 December: julafton
        (date(2026, 12, 10), date(2027, 1, 4)),  # nyårsafton, nyårsdagen, the weekend
        (date(2026, 5, 30), date(2026, 6, 22)),  # a Saturday: midsommardagen, to Monday
    ],
)
def test_the_kommun_has_three_weeks_to_the_same_weekday(received, last_day):
    last = kommun(received=received)
    assert last.kind == DeadlineKind.OVERKLAGANDE
    assert last.unmoved == received + timedelta(weeks=3)
    assert last.unmoved.weekday() == received.weekday()
    assert last.last_day == last_day


def test_counted_from_the_received_day_when_known_else_the_decisions_date():
    both = fk(received=date(2026, 10, 20), on=date(2026, 10, 15))
    assert both.counted_from == CountedFrom.RECEIVED and both.start == date(2026, 10, 20)
    dated = fk(on=date(2026, 10, 15))
    assert dated.counted_from == CountedFrom.DATE and dated.start == date(2026, 10, 15)
    # Counted from the date, the deadline is never later than the law gives.
    assert dated.last_day <= both.last_day


def test_no_deadline_without_a_decision_or_a_date():
    assert deadline(None) is None
    assert fk() is None
    assert kommun() is None


def test_the_next_weekday_of_a_weekday_is_itself():
    assert next_weekday(date(2026, 12, 23)) == (date(2026, 12, 23), ())


# --- The words ----------------------------------------------------------------------------------


def test_the_explanation_says_the_rule_how_it_was_counted_and_why_it_moved():
    last = fk(received=date(2026, 10, 20))
    assert last.headline == "Sista dagen för en begäran om omprövning är 2026-12-21."
    assert last.explanation == (
        "En begäran om omprövning måste ha kommit fram till Försäkringskassan inom två månader "
        "från den dag du fick del av beslutet (socialförsäkringsbalken 113 kap. 19 §). Du fick "
        "beslutet 2026-10-20; två månader senare är 2026-12-20. Den dagen är söndag, så sista "
        "dagen flyttas till nästa vardag, 2026-12-21 (lagen (1930:173) om beräkning av "
        "lagstadgad tid)."
    )


def test_several_days_off_are_each_named():
    text = kommun(received=date(2026, 12, 3)).explanation
    assert text.startswith("Ett överklagande måste ha kommit fram till kommunen inom tre veckor")
    assert "Står det något annat i beslutet, gör som det står där." in text
    assert (
        "Den dagen är julafton, och inte heller 2026-12-25 (juldagen), 2026-12-26 (annandag jul) "
        "och 2026-12-27 (söndag) är vardagar, så sista dagen flyttas till nästa vardag, "
        "2026-12-28" in text
    )
    one = fk(received=date(2026, 4, 6)).explanation  # 6 June, then a Sunday
    assert (
        "Den dagen är Sveriges nationaldag, och inte heller 2026-06-07 (söndag) är en vardag"
        in (one)
    )


def test_from_the_decisions_date_it_says_the_real_deadline_may_be_later():
    text = fk(on=date(2026, 10, 15)).explanation
    assert "Beslutet är daterat 2026-10-15; två månader senare är 2026-12-15." in text
    # rules.md R14, word for word.
    assert text.endswith(
        "Räknat från beslutsdatum. Fristen räknas från dagen du fick beslutet och kan därför vara "
        "senare."
    )
    assert "Räknat från beslutsdatum" not in fk(received=date(2026, 10, 15)).explanation
