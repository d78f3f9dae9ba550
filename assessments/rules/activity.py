"""The row: one activity a person needs help with (rules.md R4), and its table of fields.

`Activity` is the one row type of the product: the file is its JSON form, a catalogue item
makes one, the model converts to and from it through `FIELDS`, and the rules calculate with it.
`FIELDS` declares each field once (label, type, bounds, default); `row_problems` holds the rules
between fields (rules.md R3, R6; spec/assessment-file.md "A row").
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from . import parameters as p
from .fields import Field, Type, repaired, table, to_number
from .formatting import format_number, share_text
from .i18n import _, gettext_noop, ngettext
from .needs import (
    KIND_LABELS,
    PERIOD_LABELS,
    Elsewhere,
    Kind,
    Need,
    Period,
    TimeType,
    is_basic_need,
    need_label,
)
from .parts import LATEST, Part, read, write

MAX_AMOUNT = 1440  # minutes per occasion and occasions per period: a day's minutes

# The most clock time a row may claim in its own period (issue 18; a product rule beside
# rules.md R4): a day's or a week's minutes, and the longest month's (31 days) and year's (366
# days). What the rows of a week claim together is R13.8's warning, not a refusal.
PERIOD_MINUTES = {
    Period.DAY: (1440, gettext_noop("ett dygn har {limit} minuter")),
    Period.WEEK: (7 * 1440, gettext_noop("en vecka har {limit} minuter")),
    Period.MONTH: (31 * 1440, gettext_noop("en månad har högst {limit} minuter")),
    Period.YEAR: (366 * 1440, gettext_noop("ett år har högst {limit} minuter")),
}

FIELDS: dict[str, Field] = table(
    Field(
        "need",
        gettext_noop("Behov"),
        gettext_noop("behov"),
        Type.CHOICE,
        choices=Need,
        fallback=Need.OTHER,
    ),
    Field(
        "description",
        gettext_noop("Beskrivning"),
        gettext_noop("beskrivning"),
        Type.TEXT,
        max_length=200,
        blank=False,
        fallback="–",
        messages={
            "required": gettext_noop("Ange en beskrivning, till exempel Dusch."),
            "max_length": gettext_noop("Beskrivningen får vara högst 200 tecken."),
            "blank_file": gettext_noop(
                "får inte vara tom. Skriv kort vad hjälpen är (högst {limit} tecken)."
            ),
        },
    ),
    Field(
        "minutes",
        gettext_noop("Minuter per tillfälle"),
        gettext_noop("minuter per tillfälle"),
        Type.NUMBER,
        low=0,
        low_open=True,
        high=MAX_AMOUNT,
        fallback=1,
        messages={
            "what": gettext_noop("minuter per tillfälle"),
            "required": gettext_noop("Ange minuter per tillfälle."),
            "range": gettext_noop(
                "Minuter per tillfälle måste vara större än {low} och högst {high}."
            ).format(low=0, high=MAX_AMOUNT),
            "invalid": gettext_noop(
                "Minuter per tillfälle måste vara ett tal, till exempel 15 eller 2,5."
            ),
        },
    ),
    Field(
        "times",
        gettext_noop("Antal gånger"),
        gettext_noop("antal gånger per period"),
        Type.NUMBER,
        low=0,
        low_open=True,
        high=MAX_AMOUNT,
        fallback=1,
        messages={
            "what": gettext_noop("hur många gånger per period"),
            "required": gettext_noop("Ange antal gånger."),
            "range": gettext_noop(
                "Antal gånger måste vara större än {low} och högst {high}."
            ).format(low=0, high=MAX_AMOUNT),
            "invalid": gettext_noop("Antal gånger måste vara ett tal, till exempel 3."),
        },
    ),
    Field(
        "per",
        gettext_noop("Per"),
        gettext_noop("period"),
        Type.CHOICE,
        choices=Period,
        fallback=Period.DAY,
        messages={"invalid_choice": gettext_noop("Välj dag, vecka, månad eller år.")},
    ),
    # Spec: days_per_week is "with per: day". It is accepted with any period, since a form keeps
    # its value while the period is changed, but it only counts with per: day (rules.md R4).
    Field(
        "days_per_week",
        gettext_noop("Antal dagar i veckan"),
        gettext_noop("dagar i veckan"),
        Type.INTEGER,
        default=7,
        low=1,
        high=7,
        help=gettext_noop("Gäller när du valt per dag."),
        messages={"invalid_choice": gettext_noop("Välj mellan 1 och 7 dagar i veckan.")},
    ),
    Field(
        "assistants",
        gettext_noop("Antal assistenter samtidigt"),
        gettext_noop("antal assistenter"),
        Type.INTEGER,
        default=1,
        low=1,
        high=2,
        help=gettext_noop("Välj 2 om två assistenter behövs samtidigt: tiden räknas dubbelt."),
        messages={"invalid_choice": gettext_noop("Välj 1 eller 2 assistenter.")},
    ),
    Field(
        "kind",
        gettext_noop("Slag av behov"),
        gettext_noop("slag av behov"),
        Type.CHOICE,
        choices=Kind,
        fallback=Kind.OTHER,  # allowed with every need and time type
        help=(
            gettext_noop(
                "Grundläggande behov räknas mot gränsen: de integritetsnära delarna av hjälpen, "
                "till exempel att äta eller gå på toaletten, och hjälp som räknas i sin helhet, "
                "som andning. Annat, som att laga mat, är andra personliga behov."
            )
        ),
        messages={
            "invalid_choice": gettext_noop("Välj grundläggande eller annat personligt behov.")
        },
    ),
    Field(
        "time_type",
        gettext_noop("Typ av tid"),
        gettext_noop("typ av tid"),
        Type.CHOICE,
        default=TimeType.ACTIVE,
        choices=TimeType,
        help=gettext_noop(
            "Väntetid under nattvilan räknas med {waiting}, beredskap med {on_call}."
        ).format(
            waiting=lambda: share_text(p.WAITING_FACTOR.value),
            on_call=lambda: share_text(p.ON_CALL_FACTOR.value),
        ),
        messages={"invalid_choice": gettext_noop("Välj aktiv hjälp, väntetid eller beredskap.")},
    ),
    Field(
        "tube_feeding",
        gettext_noop("Måltiden ges som sondmatning"),
        gettext_noop("sondmatning"),
        Type.BOOLEAN,
        default=False,
    ),
    Field(
        "week_types",
        gettext_noop("Veckor raden gäller"),
        gettext_noop("veckotyper"),
        Type.KEYS,
        since=2,
        default=None,  # every week type of the draft
        help=gettext_noop(
            "Välj de sorters veckor då hjälpen behövs, till exempel bara skolveckor."
        ),
    ),
    Field(
        "at_night",
        gettext_noop("Hjälpen ges under nattvilan"),
        gettext_noop("på natten"),
        Type.BOOLEAN,
        since=2,
        default=False,
        help=gettext_noop(
            "Aktiv hjälp under natten räknas som vanlig tid och dras av från väntetiden."
        ),
    ),
    Field(
        "elsewhere",
        gettext_noop("Hjälpen ges under tid i"),
        gettext_noop("annan insats"),
        Type.CHOICE,
        since=2,
        default=None,
        nullable=True,
        choices=Elsewhere,
        help=(
            gettext_noop(
                "Tid i skola, förskola, fritidshem, daglig verksamhet, korttidsvistelse eller på "
                "sjukhus ger assistansersättning bara om det finns särskilda skäl."
            )
        ),
        messages={
            "invalid_choice": gettext_noop("Välj var hjälpen ges, eller lämna tomt."),
            "none": gettext_noop("Ingen annan insats: hemma eller på fritiden"),
        },
    ),
    Field(
        "note",
        gettext_noop("Anteckning (frivillig)"),
        gettext_noop("anteckning"),
        Type.TEXT,
        default="",
        max_length=2000,
        help=gettext_noop(
            "Till exempel vilket intyg som visar behovet. Skriv inte namn eller personnummer."
        ),
        messages={"max_length": gettext_noop("Anteckningen får vara högst 2000 tecken.")},
    ),
    Field(  # holds DECIDED, below
        "decided", gettext_noop("Beslutat"), gettext_noop("beslutat"), Type.OBJECT, default=None
    ),
    Field(
        "decision_reason",
        gettext_noop("Beslutets motivering för raden"),
        gettext_noop("beslutets motivering"),
        Type.TEXT,
        since=2,
        default="",
        max_length=2000,
        help=gettext_noop("Skriv av vad beslutet säger om raden, så kan du bemöta det."),
        messages={"max_length": gettext_noop("Motiveringen får vara högst 2000 tecken.")},
    ),
)

# Attributes of a row that are not fields: not in the file, the form or the model. A row made
# from a day plan names the plan (rules.md R13.9).
NOT_FIELDS = ("from_day_plan",)

# The row's fields that its own form does not edit: its need, chosen when it is added, and
# what a decision granted it, edited in the decision's table.
EDITED_ELSEWHERE = ("need", "decided", "decision_reason")

# rules.md R12: what a decision can change on a row (spec "What the decision granted"). Each
# takes the row's own rules; absent means as claimed.
DECIDABLE = ("minutes", "times", "per", "days_per_week", "assistants", "kind", "time_type")
DECIDED_FIELDS: dict[str, Field] = table(
    Field(
        "granted", gettext_noop("Beviljat"), gettext_noop("beviljat"), Type.BOOLEAN, default=True
    ),
    *(replace(FIELDS[name], default=None) for name in DECIDABLE),
)


def _coerced(names) -> tuple[tuple[str, type | None], ...]:
    """The fields of `names` whose values `_coerce` converts: (name, enum) for a choice,
    (name, None) for a number; the others are kept as given."""
    return tuple(
        (name, FIELDS[name].choices)
        for name in names
        if FIELDS[name].choices is not None or FIELDS[name].type == Type.NUMBER
    )


_ROW_COERCED = _coerced(FIELDS)
_DECIDED_COERCED = _coerced(DECIDABLE)


def _coerce(obj, coerced: tuple[tuple[str, type | None], ...]) -> None:
    """Enum values and any real number (a form's float, a file's int) are accepted, so that
    equal rows compare equal however they were made. A value of the right type is kept: the
    rows of a day plan are made at every calculation (rules.md R13.9)."""
    for name, enum in coerced:
        value = getattr(obj, name)
        if value is None:
            continue
        if enum is not None:
            if type(value) is not enum:
                object.__setattr__(obj, name, enum(value))
        elif type(value) is not Fraction:
            object.__setattr__(obj, name, to_number(value))


@dataclass(frozen=True, kw_only=True)
class Decided:
    """What a decision granted for a row: only what it changed (rules.md R12)."""

    granted: bool = True
    minutes: Fraction | None = None
    times: Fraction | None = None
    per: Period | None = None
    days_per_week: int | None = None
    assistants: int | None = None
    kind: Kind | None = None
    time_type: TimeType | None = None

    def __post_init__(self):
        _coerce(self, _DECIDED_COERCED)

    def changes(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in DECIDABLE if getattr(self, name) is not None}

    def apply(self, row: "Activity") -> "Activity | None":
        """The row as decided, or None when nothing was granted."""
        if not self.granted:
            return None
        return replace(row, **self.changes())


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
    week_types: tuple[str, ...] | None = None  # None: every week type of the draft
    at_night: bool = False
    elsewhere: Elsewhere | None = None
    note: str = ""
    decided: Decided | None = None  # None: granted as claimed, or no decision to compare
    decision_reason: str = ""
    # Not a field of the file: the key of the day plan a row was generated from (rules.md
    # R13.9). The file keeps the plan, not its rows; the person edits the plan.
    from_day_plan: str | None = None

    def __post_init__(self):
        _coerce(self, _ROW_COERCED)
        if self.week_types is not None:
            object.__setattr__(self, "week_types", tuple(self.week_types))

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FIELDS}

    def plain(self) -> dict[str, Any]:
        """The row as its file object (`parts.write`)."""
        return write(ROW, self, version=LATEST)

    def happens_in(self, week_type: str) -> bool:
        """rules.md R10: a month or year row is averaged over the whole year."""
        return self.week_types is None or week_type in self.week_types

    def as_decided(self) -> "Activity | None":
        return self if self.decided is None else self.decided.apply(self)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Fraction) and not isinstance(value, bool)


def _known[E](enum: type[E], value: object) -> E | None:
    try:
        return enum(value)
    except ValueError:
        return None


def row_problems(
    *,
    need=None,
    kind=None,
    time_type=None,
    tube_feeding=None,
    minutes=None,
    times=None,
    per=None,
    week_types=None,
    at_night=None,
    **_others,
) -> dict[str, str]:
    """The rules between a row's fields, as field name -> message (rules.md R3, R6,
    spec "A row"), in the language being shown.

    Values may be enums, their string values, or None when the field itself is missing or
    invalid: a rule is only checked when the fields it needs are known.
    """
    need = _known(Need, need)
    kind = _known(Kind, kind)
    time_type = _known(TimeType, time_type)
    problems: dict[str, str] = {}
    if kind == Kind.BASIC and need is not None and not is_basic_need(need):
        problems["kind"] = _(
            "Grundläggande behov kan bara väljas för något av de sju grundläggande behoven. "
            '{need} är ett annat personligt behov: välj "{other}" (other).'
        ).format(need=need_label(need), other=KIND_LABELS[Kind.OTHER])
    if kind == Kind.BASIC and time_type in (TimeType.WAITING, TimeType.ON_CALL):
        problems["time_type"] = _(
            "Väntetid och beredskap räknas alltid som andra personliga behov: välj aktiv hjälp "
            'eller ändra slaget av behov till "{other}" (other).'
        ).format(other=KIND_LABELS[Kind.OTHER])
    if tube_feeding is True and need is not None and need != Need.MEALS:
        problems["tube_feeding"] = _(
            "Sondmatning kan bara anges för behovet {meals}: ta bort markeringen eller byt "
            "behov till {meals} (meals)."
        ).format(meals=need_label(Need.MEALS))
    per = _known(Period, per)
    if per is not None and _is_number(minutes) and _is_number(times):
        limit, holds = PERIOD_MINUTES[per]
        if to_number(minutes) * to_number(times) > limit:
            problems["times"] = _(
                "{minutes} minuter × {times} gånger är {total} minuter {per}, men {holds}. "
                "Minska antal gånger eller minuter per tillfälle."
            ).format(
                minutes=format_number(to_number(minutes)),
                times=format_number(to_number(times)),
                total=format_number(to_number(minutes) * to_number(times)),
                per=PERIOD_LABELS[per],
                holds=holds.format(limit=format_number(limit)),
            )
    if week_types is not None and per in (Period.MONTH, Period.YEAR):
        problems["week_types"] = _(
            "Veckotyper kan bara väljas för en rad per dag eller per vecka; en rad per månad "
            "eller år räknas som ett genomsnitt över hela året. Ta bort veckotyperna eller "
            "ändra perioden."
        )
    if at_night is True and time_type is not None and time_type != TimeType.ACTIVE:
        problems["at_night"] = _(
            "Bara aktiv hjälp kan markeras som hjälp på natten; väntetid och beredskap under "
            "natten räknas fram ur nattvilan."
        )
    return problems


def unknown_week_types(used, known: tuple[str, ...]) -> str | None:
    """What is wrong when `used` names week type keys the draft does not have, else None."""
    unknown = [key for key in used if key not in known]
    if not unknown:
        return None
    return ngettext(
        "veckotypen {unknown} finns inte. Använd någon av {known}.",
        "veckotyperna {unknown} finns inte. Använd någon av {known}.",
        len(unknown),
    ).format(
        unknown=", ".join(f'"{key}"' for key in unknown),
        known=", ".join(f'"{key}"' for key in known),
    )


def decided_problems(values: Mapping, row: Mapping | None = None) -> dict[str, str]:
    """What a decision granted keeps the row's own rules, as decided (rules.md R12)."""
    changed = {name: values[name] for name in DECIDABLE if values.get(name) is not None}
    if values.get("granted") is False:
        if changed:
            return {
                "granted": _(
                    "false betyder att inget beviljades för raden; ta då bort de andra fälten i "
                    '"decided".'
                )
            }
        return {}
    if row is None or set(DECIDABLE) - set(values):
        return {}  # a field of its own is wrong: said there
    return row_problems(**{**row, **changed})


DECIDED = Part(
    "decided",
    gettext_noop("Beslutat"),
    gettext_noop("beslutat"),
    DECIDED_FIELDS,
    make=Decided,
    values=lambda d: d.changes() if d.granted else {"granted": False},
    problems=decided_problems,
    since=2,
    example='{"minutes": 15}',
)
FIELDS["decided"] = DECIDED.field(default=None)

ROW = Part(
    "activities",
    gettext_noop("Dina behov"),
    gettext_noop("aktiviteter"),
    FIELDS,
    make=Activity,
    problems=lambda values, draft=None: row_problems(**values),
    many=True,
    place=gettext_noop("Rad {number}"),
    example=(
        '{"need": "meals", "description": "Frukost", "minutes": 20, "times": 1, "per": "day", '
        '"kind": "basic"}'
    ),
    messages={
        "many": gettext_noop(
            "har {count} rader, men en beräkning får ha högst {high}. Dela upp den på flera "
            "beräkningar."
        )
    },
)


def parse_activity(obj: Mapping) -> tuple[Activity | None, list[tuple[str, str]]]:
    """A row from plain values (a catalogue entry), or its problems by field."""
    row, found = read(ROW, obj, version=LATEST)
    return row, [(".".join(map(str, path)), message) for path, message in found]


def from_stored(values: Mapping) -> tuple[Activity, tuple[str, ...]]:
    """A stored row as the rules read it, and the names of the fields whose stored values
    broke the row's rules: an older version may have stored them (issue 18). Each such field is
    read as its stand-in (`Field.stand_in`), so that the draft still opens, is calculated and
    can be exported, and the page can say which row and field to put right."""
    broken: list[str] = []
    checked = {}
    for name, f in FIELDS.items():
        checked[name], was_broken = repaired(f, values.get(name))
        if was_broken:
            broken.append(name)
    if checked["decided"] is not None:
        decided, found = read(DECIDED, checked["decided"], version=LATEST, parent=checked)
        checked["decided"] = decided
        if found:
            broken.append("decided")
    # A rule between fields names the field to put right; its stand-in keeps the rule (a
    # stand-in never breaks another, so one pass per rule is enough).
    for _rule in range(len(FIELDS)):
        if not (problems := row_problems(**checked)):
            break
        for name in problems:
            checked[name] = FIELDS[name].stand_in
            broken.append(name)
    return Activity(**checked), tuple(dict.fromkeys(broken))
