"""Every value the rules use that has a date, a source or a confidence (rules.md).

A value is looked up *as of* the assessment date: the entry with the latest `effective` date
on or before it. Confidence follows rules.md: "high", "medium", or "derived" for a value
computed from a neighbouring one. Anything below "high" is shown to the user as uncertain.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

HIGH = "high"
MEDIUM = "medium"
DERIVED = "derived"


@dataclass(frozen=True)
class Source:
    title: str
    url: str = ""


@dataclass(frozen=True)
class Parameter[T]:
    key: str
    effective: date
    value: T
    unit: str
    rule: str  # rules.md id
    source: Source
    confidence: str = HIGH
    until: date | None = None  # last day in force, when a later entry does not end it


VAGLEDNING = Source(
    "Försäkringskassan, Vägledning 2003:6 Assistansersättning, kap. 9",
    "https://www.forsakringskassan.se/",
)
SFB_51_3 = Source("Socialförsäkringsbalken 51 kap. 3 §")
SFB_51_11 = Source("Socialförsäkringsbalken 51 kap. 11 § och förordning (1993:1091) 5 §")
LSS_9A = Source("LSS (1993:387) 9 a §")
FORORDNING_4A = Source("Förordning (1993:1091) om assistansersättning 4 a §, LSS 9 f §")
HALVERAT = Source(
    "Ändring av förordning (1993:1091) 4 a § från 2025-01-01 (hejaolika.se, "
    '"Halverat föräldraavdrag 1 januari")'
)
ASSISTANSKOLL = Source("assistanskoll.se, Timbelopp", "https://assistanskoll.se/")

# rules.md R5: more than 20 hours a week of basic needs. The tool covers dates from the first
# hourly amount it knows (2012); the threshold has applied unchanged over that whole span.
THRESHOLD_HOURS = Parameter(
    "threshold_hours", date(2011, 1, 1), 20, "timmar per vecka", "R5", SFB_51_3
)

# rules.md R6: one hour of väntetid counts as a quarter hour, beredskap as a seventh.
WAITING_FACTOR = Parameter(
    "waiting_factor", date(2011, 1, 1), Fraction(1, 4), "andel av tiden", "R6", VAGLEDNING
)
ON_CALL_FACTOR = Parameter(
    "on_call_factor",
    date(2011, 1, 1),
    Fraction(1, 7),
    "andel av tiden",
    "R6",
    Source("Försäkringskassans praxis (rules.md R6, bekräftad i domänstudien)"),
)
# rules.md R6: from 2018-04-01 väntetid and beredskap can again give assistance.
WAITING_ALLOWED_FROM = date(2018, 4, 1)

# rules.md R4: 52 weeks a year is the product's convention (FK averages over the decision period).
WEEKS_PER_YEAR = 52

# rules.md R1: needs 6 and 7 are separate basic needs from this date; before, one need.
SEPARATE_NEEDS_6_AND_7_FROM = date(2023, 1, 1)


@dataclass(frozen=True)
class DeductionTable:
    """Hours per day deducted for a child, by age bracket (rules.md R7)."""

    # (lowest age in bracket, basic hours per day, other hours per day); 18+ has no deduction.
    brackets: tuple[tuple[int, Fraction, Fraction], ...]

    def hours_per_day(self, age: int) -> tuple[Fraction, Fraction] | None:
        if age >= ADULT_AGE:
            return None
        basic, other = Fraction(0), Fraction(0)
        for lowest, bracket_basic, bracket_other in self.brackets:
            if age >= lowest:
                basic, other = bracket_basic, bracket_other
        return basic, other


ADULT_AGE = 18

PARENTAL_DEDUCTION: tuple[Parameter[DeductionTable], ...] = (
    Parameter(
        "parental_deduction",
        date(2023, 1, 1),
        DeductionTable(
            (
                (0, Fraction(12), Fraction(0)),
                (1, Fraction(5, 2), Fraction(1, 2)),
                (7, Fraction(1), Fraction(1)),
                (12, Fraction(0), Fraction(1)),
            )
        ),
        "timmar per dag",
        "R7",
        FORORDNING_4A,
    ),
    Parameter(
        "parental_deduction",
        date(2025, 1, 1),
        DeductionTable(
            (
                (0, Fraction(6), Fraction(0)),
                (1, Fraction(5, 4), Fraction(1, 4)),
                (7, Fraction(1, 2), Fraction(1, 2)),
                (12, Fraction(0), Fraction(1, 2)),
            )
        ),
        "timmar per dag",
        "R7",
        HALVERAT,
    ),
)

# rules.md R7 (confidence medium): an unused part of the deduction does not move to the other
# kind. Kept as a parameter so that the UI can show it as uncertain when it matters.
DEDUCTION_NO_TRANSFER = Parameter(
    "deduction_no_transfer", date(2023, 1, 1), True, "", "R7", FORORDNING_4A, MEDIUM
)

# rules.md R6 (confidence medium): waiting and on-call time never count toward the threshold.
WAITING_NOT_BASIC = Parameter(
    "waiting_not_basic", date(2011, 1, 1), True, "", "R6", VAGLEDNING, MEDIUM
)

# rules.md R9 with the correction: no new or increased hours from 66 (2023), 67 (2026).
AGE_LIMIT: tuple[Parameter[int], ...] = (
    Parameter("age_limit", date(2023, 1, 1), 66, "år", "R9", LSS_9A, MEDIUM),
    Parameter("age_limit", date(2026, 1, 1), 67, "år", "R9", LSS_9A, MEDIUM),
)

# rules.md R8: SEK per hour by calendar year. 2025 onwards is not verified here, so it is
# absent: the tool says the amount is unknown rather than guess.
HOURLY_AMOUNT: tuple[Parameter[Decimal], ...] = tuple(
    Parameter(
        "hourly_amount",
        date(year, 1, 1),
        Decimal(amount),
        "kr per timme",
        "R8",
        source,
        confidence,
        until=date(year, 12, 31),
    )
    for year, amount, source, confidence in (
        (2012, "267", ASSISTANSKOLL, HIGH),
        (2013, "275", ASSISTANSKOLL, HIGH),
        (2014, "280", Source("godassistans.se"), HIGH),
        (2015, "284", Source("molnetassistans.se"), HIGH),
        (2016, "288", Source("molnetassistans.se"), HIGH),
        (2017, "291", SFB_51_11, HIGH),
        (2018, "295.40", SFB_51_11, HIGH),
        (2019, "299.80", ASSISTANSKOLL, HIGH),
        (2020, "304.30", Source("spiraassistans.se"), HIGH),
        (2021, "315.00", Source("viassistans.se"), HIGH),
        (2022, "319.70", Source("Härlett: 2023 års belopp är 1,5 % högre"), DERIVED),
        (2023, "324.50", ASSISTANSKOLL, HIGH),
        (2024, "332.60", ASSISTANSKOLL, HIGH),
    )
)

ALL_DATED: tuple[tuple[Parameter, ...], ...] = (PARENTAL_DEDUCTION, AGE_LIMIT, HOURLY_AMOUNT)
ALL_PARAMETERS: tuple[Parameter, ...] = (
    THRESHOLD_HOURS,
    WAITING_FACTOR,
    ON_CALL_FACTOR,
    DEDUCTION_NO_TRANSFER,
    WAITING_NOT_BASIC,
    *PARENTAL_DEDUCTION,
    *AGE_LIMIT,
    *HOURLY_AMOUNT,
)


def in_force[T](entries: tuple[Parameter[T], ...], on: date) -> Parameter[T] | None:
    """The entry in force on a date: the latest that took effect on or before it."""
    current = None
    for entry in entries:
        if entry.effective <= on:
            current = entry
    if current is not None and current.until is not None and on > current.until:
        return None
    return current
