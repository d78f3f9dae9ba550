"""Every value the rules use that has a date, a source or a confidence (rules.md).

A value is looked up *as of* the assessment date: the entry with the latest `effective` date
on or before it. Each value carries its metadata with it, as OpenFisca and PolicyEngine keep
it: a label a person can read, its unit, the rules.md id, a source with its address, a
confidence ("high", "medium", "low" for a convention of this product, "derived" for a value
computed from a neighbouring one) and, below high, a caveat that says what is uncertain. The
rules version hashes all of them, and the printed summary lists those a calculation used.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

HIGH = "high"
MEDIUM = "medium"
LOW = "low"
DERIVED = "derived"


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Parameter[T]:
    key: str
    label: str  # what the value is, in words a person reads on the summary
    effective: date
    value: T
    unit: str
    rule: str  # rules.md id, for the code and its tests; never shown to a user
    source: Source
    confidence: str = HIGH
    caveat: str = ""  # what is uncertain, when the confidence is not high
    until: date | None = None  # last day in force, when a later entry does not end it


_RIKSDAGEN = "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/"
LSS_URL = _RIKSDAGEN + "lag-1993387-om-stod-och-service-till-vissa_sfs-1993-387/"
SFB_URL = _RIKSDAGEN + "socialforsakringsbalk-2010110_sfs-2010-110/"
FORORDNING_URL = _RIKSDAGEN + "forordning-19931091-om-assistansersattning_sfs-1993-1091/"
FK_URL = "https://www.forsakringskassan.se/"


def sfs(number: str) -> str:
    """The address of an SFS in the official electronic Svensk författningssamling."""
    year, serial = number.split(":")
    return f"https://svenskforfattningssamling.se/doc/{year}{serial}.html"


VAGLEDNING = Source(
    "Försäkringskassan, Vägledning 2003:6 Assistansersättning, kap. 9 (under Vägledningar på "
    "forsakringskassan.se)",
    FK_URL,
)
SFB_51_3 = Source("Socialförsäkringsbalken 51 kap. 3 §", SFB_URL)
LSS_9A = Source("Lagen (1993:387) om stöd och service till vissa funktionshindrade, 9 a §", LSS_URL)
FORORDNING_4A_2023 = Source(
    "Förordningen (1993:1091) om assistansersättning 4 a § och bilagan, i lydelse enligt "
    "SFS 2022:1229; LSS 9 f §",
    sfs("2022:1229"),
)
FORORDNING_4A_2025 = Source(
    "Förordningen (1993:1091) om assistansersättning 4 a § och bilagan, i lydelse enligt "
    "SFS 2024:1064; LSS 9 f §",
    sfs("2024:1064"),
)
FORORDNING_5 = Source("Förordningen (1993:1091) om assistansersättning 5 §", FORORDNING_URL)
SFB_51_11 = Source(
    "Socialförsäkringsbalken 51 kap. 11 § och förordningen (1993:1091) 5 §", FORORDNING_URL
)
AGE_LIMIT_SOURCE = Source("Socialförsäkringsbalken 51 kap. 8 och 10 §§; LSS 9 b §", SFB_URL)

# rules.md R5: more than 20 hours a week of basic needs. The tool covers dates from the first
# hourly amount it knows (2012); the threshold has applied unchanged over that whole span.
THRESHOLD_HOURS = Parameter(
    "threshold_hours",
    "Gränsen för grundläggande behov",
    date(2011, 1, 1),
    20,
    "timmar per vecka",
    "R5",
    SFB_51_3,
)

# rules.md R6: one hour of väntetid counts as a quarter hour, beredskap as a seventh.
WAITING_FACTOR = Parameter(
    "waiting_factor",
    "Väntetid räknas med",
    date(2011, 1, 1),
    Fraction(1, 4),
    "andel av tiden",
    "R6",
    VAGLEDNING,
)
ON_CALL_FACTOR = Parameter(
    "on_call_factor",
    "Beredskap räknas med",
    date(2011, 1, 1),
    Fraction(1, 7),
    "andel av tiden",
    "R6",
    Source("Försäkringskassans praxis; prop. 2017/18:78", FK_URL),
)
# rules.md R6: from this date väntetid and beredskap can again give assistance.
WAITING_ALLOWED_FROM = Parameter(
    "waiting_allowed_from",
    "Väntetid och beredskap kan ge assistansersättning från",
    date(2018, 4, 1),
    date(2018, 4, 1),
    "datum",
    "R6",
    Source("LSS 9 a § fjärde stycket, i lydelse från 2018-04-01", LSS_URL),
)

# rules.md R4: 52 weeks a year is the product's convention (FK averages over the decision period).
WEEKS_PER_YEAR = Parameter(
    "weeks_per_year",
    "Veckor per år",
    date(2011, 1, 1),
    52,
    "veckor",
    "R4",
    Source("Behovsräknarens antagande; ingen text från Försäkringskassan anger antalet", FK_URL),
    LOW,
    "Ingen regel anger 52 eller 365/7 veckor per år; skillnaden är 0,27 %.",
)

# rules.md R1: needs 6 and 7 are separate basic needs from this date; before, one need.
SEPARATE_NEEDS_6_AND_7_FROM = Parameter(
    "separate_needs_6_and_7_from",
    "Behov 6 och 7 är två egna grundläggande behov från",
    date(2023, 1, 1),
    date(2023, 1, 1),
    "datum",
    "R1",
    LSS_9A,
)

# rules.md R7: the parental deduction concerns children; from this age a person is an adult.
ADULT_AGE = Parameter(
    "adult_age",
    "Föräldraavdraget gäller barn under",
    date(2023, 1, 1),
    18,
    "år",
    "R7",
    FORORDNING_4A_2023,
)


@dataclass(frozen=True)
class DeductionTable:
    """Hours per day deducted for a child, by age bracket (rules.md R7)."""

    # (lowest age in bracket, basic hours per day, other hours per day); adults have none.
    brackets: tuple[tuple[int, Fraction, Fraction], ...]

    def hours_per_day(self, age: int) -> tuple[Fraction, Fraction] | None:
        if age >= ADULT_AGE.value:
            return None
        basic, other = Fraction(0), Fraction(0)
        for lowest, bracket_basic, bracket_other in self.brackets:
            if age >= lowest:
                basic, other = bracket_basic, bracket_other
        return basic, other


PARENTAL_DEDUCTION: tuple[Parameter[DeductionTable], ...] = (
    Parameter(
        "parental_deduction",
        "Tabellen för föräldraavdrag",
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
        FORORDNING_4A_2023,
    ),
    Parameter(
        "parental_deduction",
        "Tabellen för föräldraavdrag",
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
        FORORDNING_4A_2025,
    ),
)

# rules.md R7 (confidence medium): an unused part of the deduction does not move to the other
# kind. Kept as a parameter so that the UI can show it as uncertain when it matters.
DEDUCTION_NO_TRANSFER = Parameter(
    "deduction_no_transfer",
    "Oanvänt föräldraavdrag flyttas inte till det andra slaget av behov",
    date(2023, 1, 1),
    True,
    "",
    "R7",
    FORORDNING_4A_2023,
    MEDIUM,
    "Det är inte säkert att ett oanvänt föräldraavdrag för ena slaget av behov inte flyttas "
    "till det andra; här flyttas det inte.",
)

# rules.md R6 (confidence medium): waiting and on-call time never count toward the threshold.
WAITING_NOT_BASIC = Parameter(
    "waiting_not_basic",
    "Väntetid och beredskap räknas aldrig mot gränsen",
    date(2011, 1, 1),
    True,
    "",
    "R6",
    VAGLEDNING,
    MEDIUM,
    "Väntetid och beredskap räknas här som andra personliga behov och aldrig mot "
    "20-timmarsgränsen; det är en tolkning med medelhög säkerhet.",
)

# rules.md R9: no new or increased hours from 66 (2023), 67 (2026).
AGE_LIMIT: tuple[Parameter[int], ...] = (
    Parameter(
        "age_limit",
        "Åldersgräns för ny assistansersättning",
        date(2023, 1, 1),
        66,
        "år",
        "R9",
        AGE_LIMIT_SOURCE,
        MEDIUM,
        "Åldersgränsen är inte kontrollerad mot lagtexten här.",
    ),
    Parameter(
        "age_limit",
        "Åldersgräns för ny assistansersättning",
        date(2026, 1, 1),
        67,
        "år",
        "R9",
        AGE_LIMIT_SOURCE,
        MEDIUM,
        "Åldersgränsen är inte kontrollerad mot lagtexten här.",
    ),
)

# rules.md R8: a higher hourly amount can be granted on special grounds, at most this much more.
HIGHER_AMOUNT_MAX = Parameter(
    "higher_amount_max",
    "Förhöjt timbelopp, högst",
    date(2011, 1, 1),
    Fraction(12, 100),
    "över schablonbeloppet",
    "R8",
    FORORDNING_5,
)

# rules.md R8: SEK per hour by calendar year. 2025 onwards is not verified here, so it is
# absent: the tool says the amount is unknown rather than guess.
HOURLY_AMOUNT: tuple[Parameter[Decimal], ...] = tuple(
    Parameter(
        "hourly_amount",
        "Timbelopp",
        date(year, 1, 1),
        Decimal(amount),
        "kr per timme",
        "R8",
        SFB_51_11,
        confidence,
        caveat,
        until=date(year, 12, 31),
    )
    for year, amount, confidence, caveat in (
        (2012, "267", HIGH, ""),
        (2013, "275", HIGH, ""),
        (2014, "280", HIGH, ""),
        (2015, "284", HIGH, ""),
        (2016, "288", HIGH, ""),
        (2017, "291", HIGH, ""),
        (2018, "295.40", HIGH, ""),
        (2019, "299.80", HIGH, ""),
        (2020, "304.30", HIGH, ""),
        (2021, "315.00", HIGH, ""),
        (
            2022,
            "319.70",
            DERIVED,
            "Timbeloppet 319,70 kr är härlett, inte hämtat ur en källa, och kan avvika något.",
        ),
        (2023, "324.50", HIGH, ""),
        (2024, "332.60", HIGH, ""),
    )
)

ALL_PARAMETERS: tuple[Parameter, ...] = (
    THRESHOLD_HOURS,
    WAITING_FACTOR,
    ON_CALL_FACTOR,
    WAITING_ALLOWED_FROM,
    WEEKS_PER_YEAR,
    SEPARATE_NEEDS_6_AND_7_FROM,
    ADULT_AGE,
    DEDUCTION_NO_TRANSFER,
    WAITING_NOT_BASIC,
    HIGHER_AMOUNT_MAX,
    *PARENTAL_DEDUCTION,
    *AGE_LIMIT,
    *HOURLY_AMOUNT,
)
ALL_DATED: tuple[tuple[Parameter, ...], ...] = (PARENTAL_DEDUCTION, AGE_LIMIT, HOURLY_AMOUNT)


def in_force[T](entries: tuple[Parameter[T], ...], on: date) -> Parameter[T] | None:
    """The entry in force on a date: the latest that took effect on or before it."""
    current = None
    for entry in entries:
        if entry.effective <= on:
            current = entry
    if current is not None and current.until is not None and on > current.until:
        return None
    return current
