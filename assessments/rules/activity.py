"""The row: one activity a person needs help with (rules.md R4), and its table of fields.

`Activity` is the one row type of the product: the file is its JSON form, a catalogue item
makes one, the model converts to and from it through `FIELDS`, and the rules calculate with it.
`FIELDS` declares each field once (label, type, bounds, default); `row_problems` holds the rules
between fields (rules.md R3, R6; spec/assessment-file.md "A row").
"""

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from . import parameters as p
from .fields import Field, Type, check_object, table, to_number
from .formatting import share_text
from .needs import Kind, Need, Period, TimeType, is_basic_need, need_label

MAX_AMOUNT = 1440  # minutes per occasion and occasions per period: a day's minutes

FIELDS: dict[str, Field] = table(
    Field(
        "need",
        "Behov",
        "behov",
        Type.CHOICE,
        choices=Need,
    ),
    Field(
        "description",
        "Beskrivning",
        "beskrivning",
        Type.TEXT,
        max_length=200,
        blank=False,
        messages={
            "required": "Ange en beskrivning, till exempel Dusch.",
            "max_length": "Beskrivningen får vara högst 200 tecken.",
            "blank_file": "får inte vara tom. Skriv kort vad hjälpen är (högst {limit} tecken).",
        },
    ),
    Field(
        "minutes",
        "Minuter per tillfälle",
        "minuter per tillfälle",
        Type.NUMBER,
        low=0,
        low_open=True,
        high=MAX_AMOUNT,
        messages={
            "what": "minuter per tillfälle",
            "required": "Ange minuter per tillfälle.",
            "invalid": "Minuter per tillfälle måste vara ett tal, till exempel 15 eller 2,5.",
        },
    ),
    Field(
        "times",
        "Antal gånger",
        "antal gånger per period",
        Type.NUMBER,
        low=0,
        low_open=True,
        high=MAX_AMOUNT,
        messages={
            "what": "hur många gånger per period",
            "required": "Ange antal gånger.",
            "invalid": "Antal gånger måste vara ett tal, till exempel 3.",
        },
    ),
    Field(
        "per",
        "Per",
        "period",
        Type.CHOICE,
        choices=Period,
        messages={"invalid_choice": "Välj dag, vecka, månad eller år."},
    ),
    # Spec: days_per_week is "with per: day". It is accepted with any period, since a form keeps
    # its value while the period is changed, but it only counts with per: day (rules.md R4).
    Field(
        "days_per_week",
        "Antal dagar i veckan",
        "dagar i veckan",
        Type.INTEGER,
        default=7,
        low=1,
        high=7,
        help="Gäller när du valt per dag.",
        messages={"invalid_choice": "Välj mellan 1 och 7 dagar i veckan."},
    ),
    Field(
        "assistants",
        "Antal assistenter samtidigt",
        "antal assistenter",
        Type.INTEGER,
        default=1,
        low=1,
        high=2,
        help="Välj 2 om två assistenter behövs samtidigt: tiden räknas dubbelt.",
        messages={"invalid_choice": "Välj 1 eller 2 assistenter."},
    ),
    Field(
        "kind",
        "Slag av behov",
        "slag av behov",
        Type.CHOICE,
        choices=Kind,
        help=(
            "Grundläggande behov är de integritetsnära delarna, till exempel att äta eller gå på "
            "toaletten. Annat, som att laga mat, är andra personliga behov."
        ),
        messages={"invalid_choice": "Välj grundläggande eller annat personligt behov."},
    ),
    Field(
        "time_type",
        "Typ av tid",
        "typ av tid",
        Type.CHOICE,
        default=TimeType.ACTIVE,
        choices=TimeType,
        help=(
            f"Väntetid under nattvilan räknas med {share_text(p.WAITING_FACTOR.value)}, "
            f"beredskap med {share_text(p.ON_CALL_FACTOR.value)}."
        ),
        messages={"invalid_choice": "Välj aktiv hjälp, väntetid eller beredskap."},
    ),
    Field(
        "tube_feeding",
        "Måltiden ges som sondmatning",
        "sondmatning",
        Type.BOOLEAN,
        default=False,
    ),
    Field(
        "note",
        "Anteckning (frivillig)",
        "anteckning",
        Type.TEXT,
        default="",
        max_length=2000,
        help="Till exempel vilket intyg som visar behovet. Skriv inte namn eller personnummer.",
        messages={"max_length": "Anteckningen får vara högst 2000 tecken."},
    ),
)

_ENUMS = {name: f.choices for name, f in FIELDS.items() if f.choices is not None}
_NUMBERS = [name for name, f in FIELDS.items() if f.type == Type.NUMBER]


@dataclass(frozen=True, kw_only=True)
class Activity:
    """One row: help with a need, how long, how often, by how many (rules.md R4).

    `description` and `note` are the person's words; the arithmetic reads neither.
    """

    need: Need
    description: str = ""
    minutes: Fraction
    times: Fraction
    per: Period = Period.DAY
    days_per_week: int = 7
    assistants: int = 1
    kind: Kind
    time_type: TimeType = TimeType.ACTIVE
    tube_feeding: bool = False
    note: str = ""

    def __post_init__(self):
        # Enum values and any real number (a form's float, a file's int) are accepted, so that
        # equal rows compare equal however they were made.
        for name, enum in _ENUMS.items():
            object.__setattr__(self, name, enum(getattr(self, name)))
        for name in _NUMBERS:
            object.__setattr__(self, name, to_number(getattr(self, name)))

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FIELDS}


def _known[E](enum: type[E], value: object) -> E | None:
    try:
        return enum(value)
    except ValueError:
        return None


def row_problems(*, need=None, kind=None, time_type=None, tube_feeding=None, **_) -> dict[str, str]:
    """The rules between a row's fields, as field name -> Swedish message (rules.md R3, R6).

    Values may be enums, their string values, or None when the field itself is missing or
    invalid: a rule is only checked when the fields it needs are known.
    """
    need = _known(Need, need)
    kind = _known(Kind, kind)
    time_type = _known(TimeType, time_type)
    problems: dict[str, str] = {}
    if kind == Kind.BASIC and need is not None and not is_basic_need(need):
        problems["kind"] = (
            "Grundläggande behov kan bara väljas för något av de sju grundläggande behoven. "
            f"{need_label(need)} är ett annat personligt behov: välj "
            '"Annat personligt behov" (other).'
        )
    if kind == Kind.BASIC and time_type in (TimeType.WAITING, TimeType.ON_CALL):
        problems["time_type"] = (
            "Väntetid och beredskap räknas alltid som andra personliga behov: välj aktiv hjälp "
            'eller ändra slaget av behov till "Annat personligt behov" (other).'
        )
    if tube_feeding is True and need is not None and need != Need.MEALS:
        problems["tube_feeding"] = (
            "Sondmatning kan bara anges för behovet Måltider: ta bort markeringen eller byt "
            "behov till Måltider (meals)."
        )
    return problems


def parse_activity(
    obj: Mapping, *, duplicates: tuple[str, ...] = ()
) -> tuple[Activity | None, list[tuple[str, str]]]:
    """A row from plain values (a file's JSON object, a catalogue entry), or its problems."""
    values, problems = check_object(obj, FIELDS, duplicates=duplicates)
    problems += row_problems(**values).items()
    if problems:
        return None, problems
    return Activity(**values), []
