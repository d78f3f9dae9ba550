"""The day plan: one typical dygn of a week type as a timeline (rules.md R13), and its tables.

A `DayPlan` belongs to a week type and applies on `days` of its days. It holds presence spans
(`Span`: people present from–to for a need, R13.1) and active help at a clock time (`Item`).
The tables declare each field once, as `activity.FIELDS` does for a row: its name in the file,
its label and meaning (Swedish message ids, `gettext_noop`), type, bounds and default. The rules
between fields are `span_problems`, `item_problems`, `plan_problems` (the spans and items of one
plan) and `context_problems` (the plans against the draft: week types, days, dates), R13.10;
each `Problem` names the plan (by its name), the span or item (by its number and time) and the
field. `parse_day_plan` does all of it for one plan object of a file. The arithmetic is `day.py`.

Choices where rules.md and the spec are silent:
- An item may be marked `during_supervision` ("görs samtidigt som tillsynen", R13.2). The spec's
  item table does not list it: it is an optional boolean, default false.
- `spans` and `items` may be left out (a plan of only help at times, or only presence).
- A span's `kind` may be left out (or null): it is then what R13.3 says on the first day
  calculated (`counted_kind`). `other` is always allowed; `basic` only where R13.3 allows it.
- Presence of kind `supervision`, `waiting` or `on_call` is for `PRESENCE_NEEDS`; `at_hand` is for
  an other need (the activity's). Neither is ever for needs 2–5 (R13.3).
- A plan needs at most two people at any minute (R13.7: at most 2 × 1440 assistant-minutes a
  dygn; R4: one or two assistants); overlapping items that need three are refused.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, time
from fractions import Fraction
from typing import Any

from . import parameters as p
from .activity import FIELDS as ROW_FIELDS
from .activity import MAX_AMOUNT, row_problems
from .fields import REQUIRED, Field, Type, check_object, kind_of, plain, table, to_number
from .formatting import format_number
from .i18n import _, gettext_noop
from .needs import KIND_LABELS, Kind, Need, Presence, need_label

DAY_MINUTES = 24 * 60
MAX_SPANS = 24
MAX_ITEMS = 200
# Each plan has at least one day and a week type's plans at most its 7 (spec "A day plan").
MAX_DAY_PLANS = 6 * 7
FIRST_VERSION = 3  # the file version day plans appeared in (spec "Version 3")

# rules.md R13.3: supervision, waiting and on-call time can be for these needs.
PRESENCE_NEEDS = (Need.BREATHING, Need.INJURY_PREVENTION, Need.MEDICAL_SUPPORT, Need.SUPERVISION)
# rules.md R13.3: needs 2–5 are defined by the help given; presence cannot belong to them.
HELP_ONLY_NEEDS = (Need.PERSONAL_HYGIENE, Need.MEALS, Need.DRESSING, Need.COMMUNICATION)

SPAN_FIELDS: dict[str, Field] = table(
    Field(
        "from",
        gettext_noop("Från"),
        gettext_noop("början"),
        Type.TIME,
        messages={"invalid": gettext_noop("Skriv ett klockslag som 08:00.")},
    ),
    Field(
        "to",
        gettext_noop("Till"),
        gettext_noop("slut"),
        Type.TIME,
        help=gettext_noop(
            "Slutar närvaron efter midnatt, skriv klockslaget nästa morgon, till exempel 07:00."
        ),
        messages={"invalid": gettext_noop("Skriv ett klockslag som 22:00.")},
    ),
    ROW_FIELDS["need"],
    Field(
        "presence",
        gettext_noop("Sorts närvaro"),
        gettext_noop("sorts närvaro"),
        Type.CHOICE,
        choices=Presence,
        help=gettext_noop(
            "Tillsyn: någon är nära och redo att hjälpa. Finnas till hands: någon är med vid en "
            "aktivitet utanför hemmet. Väntetid och beredskap räknas bara under nattvilan."
        ),
        messages={
            "invalid_choice": gettext_noop(
                "Välj tillsyn, finnas till hands, väntetid eller beredskap."
            )
        },
    ),
    replace(
        ROW_FIELDS["assistants"],
        label=gettext_noop("Antal assistenter hela tiden"),
        help=gettext_noop(
            "Två assistenter under en hel tid är ett undantag: visa varför en ensam inte räcker. "
            "Behövs två bara en stund, ange det på hjälpen i stället."
        ),
    ),
    replace(
        ROW_FIELDS["kind"],
        default=None,
        nullable=True,
        help=gettext_noop(
            "Lämna tomt så räknas det som reglerna säger för datumet: tillsyn för andning, för "
            "att förebygga skada och vid ett medicinskt tillstånd är grundläggande behov, annan "
            "närvaro är andra personliga behov."
        ),
    ),
    replace(
        ROW_FIELDS["description"],
        label=gettext_noop("Beskrivning (frivillig)"),
        default="",
        blank=True,
        messages={"max_length": ROW_FIELDS["description"].messages["max_length"]},
    ),
    ROW_FIELDS["note"],
)

# An item's minutes: a row's minutes per occasion, as minutes of help from a clock time.
_ITEM_MINUTES = replace(
    ROW_FIELDS["minutes"],
    label=gettext_noop("Minuter"),
    meaning=gettext_noop("minuter"),
    messages={
        "what": gettext_noop("hur många minuter hjälpen tar"),
        "required": gettext_noop("Ange hur många minuter hjälpen tar."),
        "range": gettext_noop(
            "Minuterna måste vara fler än {low} och högst {high}, ett dygn."
        ).format(low=0, high=MAX_AMOUNT),
        "invalid": gettext_noop("Minuterna måste vara ett tal, till exempel 15 eller 2,5."),
    },
)
ITEM_FIELDS: dict[str, Field] = table(
    Field(
        "at",
        gettext_noop("Klockan"),
        gettext_noop("klockslag"),
        Type.TIME,
        messages={"invalid": gettext_noop("Skriv ett klockslag som 07:30.")},
    ),
    _ITEM_MINUTES,
    ROW_FIELDS["need"],
    ROW_FIELDS["kind"],
    ROW_FIELDS["assistants"],
    replace(
        _ITEM_MINUTES,
        name="two_minutes",
        label=gettext_noop("Minuter som kräver två assistenter (frivilligt)"),
        meaning=gettext_noop("minuter med två assistenter"),
        default=None,
        nullable=True,
        help=gettext_noop(
            "De första minuterna av hjälpen som kräver två, till exempel en förflyttning. Resten "
            "räknas med en assistent."
        ),
        messages={
            "range": gettext_noop(
                "Minuterna med två assistenter måste vara fler än {low} och högst {high}."
            ).format(low=0, high=MAX_AMOUNT),
            "invalid": gettext_noop("Minuterna måste vara ett tal, till exempel 10."),
        },
    ),
    ROW_FIELDS["tube_feeding"],
    # rules.md R13.2 ("görs samtidigt som tillsynen"); not in the spec's item table.
    Field(
        "during_supervision",
        gettext_noop("Görs samtidigt som tillsynen"),
        gettext_noop("görs samtidigt som tillsynen"),
        Type.BOOLEAN,
        default=False,
        help=gettext_noop(
            "Markera om assistenten som har tillsyn gör det här samtidigt, utan att tillsynen "
            "avbryts. Då räknas hjälpen inte för sig och tillsynen behåller minuterna."
        ),
    ),
    ROW_FIELDS["description"],
    ROW_FIELDS["note"],
)

PLAN_FIELDS: dict[str, Field] = table(
    Field("key", gettext_noop("Nyckel"), gettext_noop("nyckel"), Type.KEY),
    Field(
        "name",
        gettext_noop("Namn på dagen"),
        gettext_noop("namn"),
        Type.TEXT,
        max_length=60,
        blank=False,
        messages={
            "required": gettext_noop("Ange ett namn på dagen, till exempel Skoldag."),
            "max_length": gettext_noop("Namnet får vara högst 60 tecken."),
            "blank_file": gettext_noop(
                "får inte vara tomt. Skriv ett namn på högst {limit} tecken."
            ),
        },
    ),
    Field("week_type", gettext_noop("Veckotyp"), gettext_noop("veckotyp"), Type.KEY),
    replace(
        ROW_FIELDS["days_per_week"],
        name="days",
        default=REQUIRED,
        help=gettext_noop(
            "På hur många dagar i en sådan vecka dagen ser ut så här. Dagarna för samma sorts "
            "vecka får tillsammans vara högst lika många som veckans dagar med assistans."
        ),
    ),
    Field(
        "spans",
        gettext_noop("Närvaro"),
        gettext_noop("närvaro"),
        Type.LIST,
        default=(),
        high=MAX_SPANS,
    ),
    Field(
        "items",
        gettext_noop("Hjälp vid tider"),
        gettext_noop("hjälp vid tider"),
        Type.LIST,
        default=(),
        high=MAX_ITEMS,
    ),
)

# The file's names that are Python keywords, and the attributes that hold them.
_SPAN_ATTRIBUTES = {"from": "start", "to": "end"}


def minute_of(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def clock(moment: time) -> str:
    """ "07:30" (strftime takes ten times as long, for every item of every plan)."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


@dataclass(frozen=True, kw_only=True)
class Span:
    """People present from `start` to `end` for a need (rules.md R13.1). An end before the
    start runs past midnight into the same typical dygn's early hours."""

    start: time
    end: time
    need: Need
    presence: Presence
    assistants: int = 1
    kind: Kind | None = None  # None: as R13.3 says on the first day calculated
    description: str = ""
    note: str = ""

    def __post_init__(self):
        object.__setattr__(self, "need", Need(self.need))
        object.__setattr__(self, "presence", Presence(self.presence))
        if self.kind is not None:
            object.__setattr__(self, "kind", Kind(self.kind))

    @property
    def first_minute(self) -> int:
        return minute_of(self.start)

    @property
    def minutes(self) -> int:
        """Its length on the clock, 1–1439 minutes."""
        return (minute_of(self.end) - minute_of(self.start)) % DAY_MINUTES

    @property
    def times_text(self) -> str:
        return f"{clock(self.start)}–{clock(self.end)}"

    def plain(self) -> dict[str, Any]:
        return {
            name: plain(f, getattr(self, _SPAN_ATTRIBUTES.get(name, name)))
            for name, f in SPAN_FIELDS.items()
        }


@dataclass(frozen=True, kw_only=True)
class Item:
    """Active help at a clock time (rules.md R13.1): `minutes` from `at`, by `assistants`
    people, or by two for its first `two_minutes`."""

    at: time
    minutes: Fraction
    need: Need
    kind: Kind
    assistants: int = 1
    two_minutes: Fraction | None = None
    tube_feeding: bool = False
    during_supervision: bool = False  # R13.2: not counted where supervision covers it
    description: str
    note: str = ""

    def __post_init__(self):
        object.__setattr__(self, "need", Need(self.need))
        object.__setattr__(self, "kind", Kind(self.kind))
        object.__setattr__(self, "minutes", to_number(self.minutes))
        if self.two_minutes is not None:
            object.__setattr__(self, "two_minutes", to_number(self.two_minutes))

    @property
    def first_minute(self) -> int:
        return minute_of(self.at)

    def parts(self) -> tuple[tuple[Fraction, Fraction, int], ...]:
        """(offset from `at`, minutes, people): the first `two_minutes` with two."""
        if self.two_minutes is None:
            return ((Fraction(0), self.minutes, self.assistants),)
        rest = self.minutes - self.two_minutes
        two = (Fraction(0), self.two_minutes, 2)
        return (two, (self.two_minutes, rest, 1)) if rest else (two,)

    @property
    def needs_two(self) -> bool:
        return self.assistants == 2 or self.two_minutes is not None

    def plain(self) -> dict[str, Any]:
        return {name: plain(f, getattr(self, name)) for name, f in ITEM_FIELDS.items()}


@dataclass(frozen=True, kw_only=True)
class DayPlan:
    """One typical dygn (00:00–24:00, repeating) of a week type (rules.md R13.1)."""

    key: str
    name: str
    week_type: str
    days: int
    spans: tuple[Span, ...] = ()
    items: tuple[Item, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "spans", tuple(self.spans))
        object.__setattr__(self, "items", tuple(self.items))

    def plain(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "week_type": self.week_type,
            "days": self.days,
            "spans": [span.plain() for span in self.spans],
            "items": [item.plain() for item in self.items],
        }


# --- Which kind presence counts as (rules.md R13.3) ---------------------------------------------


def basic_from(need: Need) -> date | None:
    """rules.md R13.3: the first day on which presence for a need can be a basic need."""
    match need:
        case Need.BREATHING:
            return p.BREATHING_IN_FULL_FROM.value
        case Need.INJURY_PREVENTION | Need.MEDICAL_SUPPORT:
            return p.SEPARATE_NEEDS_6_AND_7_FROM.value
    return None


def counted_kind(span: Span, on: date) -> Kind:
    """rules.md R13.3: the span's own kind, else basic for supervision of needs 1, 6 and 7 on
    and after the day they count as basic, else other (at hand, waiting, on call, tillsyn)."""
    if span.kind is not None:
        return span.kind
    first = basic_from(span.need)
    if span.presence == Presence.SUPERVISION and first is not None and on >= first:
        return Kind.BASIC
    return Kind.OTHER


# --- Problems ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """What is wrong with a plan, where: 'Dagplanen "Vardag", närvaro 2 (10:00–11:00)', the
    field's name in the file and its meaning, and the message."""

    place: str
    field: str
    message: str
    meaning: str = ""

    def __str__(self) -> str:
        if not self.field:
            return f"{self.place}: {self.message}"
        if self.meaning:
            where = _('fältet "{field}" ({meaning})').format(field=self.field, meaning=self.meaning)
        else:
            where = _('fältet "{field}"').format(field=self.field)
        return _("{place}, {field}").format(place=self.place, field=where) + f": {self.message}"


def _text(value: object) -> str:
    return value if isinstance(value, str) else "?"


def plan_place(name: object, number: int) -> str:
    if isinstance(name, str) and name.strip():
        return _('Dagplanen "{name}"').format(name=name)
    return _("Dagplan {number}").format(number=number)


def span_place(plan: str, number: int, start: object, end: object) -> str:
    return _("{plan}, närvaro {number} ({start}–{end})").format(
        plan=plan, number=number, start=_text(start), end=_text(end)
    )


def item_place(plan: str, number: int, at: object, minutes: object) -> str:
    known = isinstance(minutes, int | float | Fraction) and not isinstance(minutes, bool)
    amount = format_number(minutes, grouping=False) if known else "?"
    return _("{plan}, hjälp {number} ({at}, {minutes} min)").format(
        plan=plan,
        number=number,
        at=_text(at) if not isinstance(at, time) else clock(at),
        minutes=amount,
    )


def _problems(place: str, pairs, fields: Mapping[str, Field]) -> list[Problem]:
    return [
        Problem(place, name, message, str(fields[name].meaning) if name in fields else "")
        for name, message in pairs
    ]


def _known[E](enum: type[E], value: object) -> E | None:
    try:
        return enum(value)
    except ValueError:
        return None


def span_problems(values: Mapping[str, Any]) -> dict[str, str]:
    """The rules between a span's fields (rules.md R13.1, R13.3, R13.10), as field name ->
    message. A rule is only checked when the fields it needs are known."""
    need = _known(Need, values.get("need"))
    presence = _known(Presence, values.get("presence"))
    kind = _known(Kind, values.get("kind"))
    other = KIND_LABELS[Kind.OTHER]
    problems: dict[str, str] = {}
    start, end = values.get("from"), values.get("to")
    if isinstance(start, time) and start == end:
        problems["to"] = _(
            "närvaron slutar vid samma klockslag som den börjar. Gäller den hela dygnet, dela den "
            "i två, till exempel 00:00–12:00 och 12:00–00:00."
        )
    if need in HELP_ONLY_NEEDS:
        problems["need"] = _(
            "{need} är hjälp som ges vid en viss tid, inte närvaro: lägg in den som hjälp vid en "
            "tid. Närvaro kan gälla andning, att förebygga skada, löpande stöd vid ett medicinskt "
            "tillstånd, tillsyn eller att finnas till hands vid en aktivitet utanför hemmet."
        ).format(need=need_label(need))
    elif presence == Presence.AT_HAND and need in PRESENCE_NEEDS[:3]:
        problems["need"] = _(
            "att finnas till hands vid en aktivitet utanför hemmet räknas under aktivitetens "
            "behov, ett annat personligt behov som {leisure}. Gäller närvaron {need}, välj "
            "tillsyn."
        ).format(
            leisure=need_label(Need.LEISURE_AND_COMMUNITY).lower(), need=need_label(need).lower()
        )
    elif presence not in (None, Presence.AT_HAND) and need not in (None, *PRESENCE_NEEDS):
        problems["need"] = _(
            "tillsyn, väntetid och beredskap kan gälla {needs}. Är assistenten med vid en "
            "aktivitet utanför hemmet, välj att finnas till hands."
        ).format(needs=", ".join(need_label(n).lower() for n in PRESENCE_NEEDS))
    if kind == Kind.BASIC:
        if presence == Presence.AT_HAND:
            problems["kind"] = _(
                "att finnas till hands utanför hemmet är alltid ett annat personligt behov: välj "
                '"{other}" (other) eller lämna tomt.'
            ).format(other=other)
        elif presence in (Presence.WAITING, Presence.ON_CALL):
            problems["kind"] = _(
                'väntetid och beredskap räknas alltid som andra personliga behov: välj "{other}" '
                "(other) eller lämna tomt."
            ).format(other=other)
        elif need is not None and basic_from(need) is None and "need" not in problems:
            problems["kind"] = _(
                "tillsyn som inte gäller andning, att förebygga skada eller ett medicinskt "
                'tillstånd är ett annat personligt behov: välj "{other}" (other) eller lämna tomt.'
            ).format(other=other)
    return problems


def item_problems(values: Mapping[str, Any]) -> dict[str, str]:
    """The rules between an item's fields (rules.md R3, R13.1, R13.2), as field name ->
    message; the row's own rules (kind, tube feeding) are those of `row_problems`."""
    problems = row_problems(
        need=values.get("need"), kind=values.get("kind"), tube_feeding=values.get("tube_feeding")
    )
    minutes, two = values.get("minutes"), values.get("two_minutes")
    if two is not None and minutes is not None and two > minutes:
        problems["two_minutes"] = _(
            "är {two} minuter, men hjälpen tar bara {minutes}. Ange hur många av de första "
            "minuterna som kräver två assistenter, högst {minutes}."
        ).format(two=format_number(two), minutes=format_number(minutes))
    elif two is not None and values.get("assistants") == 2:
        problems["two_minutes"] = _(
            "hjälpen kräver redan två assistenter hela tiden. Ta bort minuterna med två "
            "assistenter, eller välj 1 assistent."
        )
    if values.get("during_supervision") and (two is not None or values.get("assistants") == 2):
        problems["during_supervision"] = _(
            "hjälp som görs samtidigt som tillsynen görs av den som redan har tillsyn, en person. "
            "Kräver hjälpen två assistenter, ta bort markeringen."
        )
    return problems


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Do two clock intervals (first minute, length) of the circular dygn overlap?"""
    (a0, al), (b0, bl) = a, b
    return (b0 - a0) % DAY_MINUTES < al or (a0 - b0) % DAY_MINUTES < bl


def people_steps(items: Sequence[Item]) -> list[tuple[Fraction, int]]:
    """(minute, change of people) of the items on the circular dygn, unsorted: each part from
    its start to its end, split at midnight."""
    steps: list[tuple[Fraction, int]] = []
    for item in items:
        for offset, minutes, people in item.parts():
            start = (item.first_minute + offset) % DAY_MINUTES
            end = start + minutes
            if end <= DAY_MINUTES:
                steps += [(start, people), (end, -people)]
            else:
                steps += [(start, people), (Fraction(DAY_MINUTES), -people)]
                steps += [(Fraction(0), people), (end - DAY_MINUTES, -people)]
    return steps


def _three_at_once(plan: DayPlan) -> tuple[int, Fraction, int] | None:
    """The first item whose start makes three or more people at once: (index, minute, people)."""
    steps = people_steps(plan.items)
    if sum(people for _, people in steps if people > 0) < 3:
        return None
    people = 0
    for minute, change in sorted(steps):
        people += change
        if people >= 3 and change > 0:
            starts = [
                i
                for i, item in enumerate(plan.items)
                for offset, _m, _p in item.parts()
                if (item.first_minute + offset) % DAY_MINUTES == minute
            ]
            return (starts[-1] if starts else 0), minute, people
    return None


def plan_problems(plan: DayPlan) -> list[Problem]:
    """The rules between the spans and items of one plan (rules.md R13.1, R13.7, R13.10)."""
    place = plan_place(plan.name, 0)
    problems: list[Problem] = []
    for j, later in enumerate(plan.spans):
        for i, earlier in enumerate(plan.spans[:j]):
            if _overlap(
                (earlier.first_minute, earlier.minutes), (later.first_minute, later.minutes)
            ):
                problems.append(
                    Problem(
                        span_place(place, j + 1, clock(later.start), clock(later.end)),
                        "from",
                        _(
                            "går in i närvaro {number} ({times}). Under en tid kan bara en sorts "
                            "närvaro gälla: ändra tiderna så att de inte går in i varandra."
                        ).format(number=i + 1, times=earlier.times_text),
                        str(SPAN_FIELDS["from"].meaning),
                    )
                )
                break
    three = _three_at_once(plan)
    if three is not None:
        index, minute, people = three
        item = plan.items[index]
        problems.append(
            Problem(
                item_place(place, index + 1, item.at, item.minutes),
                "assistants",
                _(
                    "klockan {time} behövs då {people} assistenter samtidigt för hjälpen som "
                    "pågår. En dagplan räknar med högst två assistenter samtidigt: ändra tiderna "
                    "eller antalet assistenter."
                ).format(time=_minute_text(minute), people=people),
                str(ITEM_FIELDS["assistants"].meaning),
            )
        )
    return problems


def _minute_text(minute: Fraction | int) -> str:
    whole = int(minute) % DAY_MINUTES
    return f"{whole // 60:02d}:{whole % 60:02d}"


def context_problems(
    plans: Sequence[DayPlan], *, week_types: Mapping[str, int], start: date
) -> list[Problem]:
    """The plans against the draft (rules.md R13.1, R13.3, R13.10): unique keys, a week type
    that exists (`week_types`: key -> assistance days), at most its assistance days, and a
    basic kind only on dates when R13.3 counts it as basic (`start`: the first day calculated).
    """
    problems: list[Problem] = []
    meaning = {name: str(f.meaning) for name, f in PLAN_FIELDS.items()}
    seen: set[str] = set()
    for plan in plans:
        place = plan_place(plan.name, 0)
        if plan.key in seen:
            problems.append(
                Problem(
                    place,
                    "key",
                    _(
                        '"{key}" används redan av en annan dagplan. Varje dagplan behöver en egen '
                        "nyckel."
                    ).format(key=plan.key),
                    meaning["key"],
                )
            )
        seen.add(plan.key)
        if plan.week_type not in week_types:
            problems.append(
                Problem(
                    place,
                    "week_type",
                    _('veckotypen "{key}" finns inte. Använd någon av {known}.').format(
                        key=plan.week_type, known=", ".join(f'"{k}"' for k in week_types)
                    ),
                    meaning["week_type"],
                )
            )
        for number, span in enumerate(plan.spans, start=1):
            if message := _kind_problem(span, start):
                problems.append(
                    Problem(
                        span_place(place, number, clock(span.start), clock(span.end)),
                        "kind",
                        message,
                        str(SPAN_FIELDS["kind"].meaning),
                    )
                )
    for key, assistance_days in week_types.items():
        mine = [plan for plan in plans if plan.week_type == key]
        days = sum(plan.days for plan in mine)
        if days > assistance_days:
            problems.append(
                Problem(
                    plan_place(mine[-1].name, 0),
                    "days",
                    _(
                        'dagplanerna för veckotypen "{key}" ({plans}) gäller tillsammans {days} '
                        "dagar, men veckan har {assistance} dagar med assistans. Minska dagarna "
                        "eller öka veckans dagar med assistans."
                    ).format(
                        key=key,
                        plans=", ".join(plan.name for plan in mine),
                        days=days,
                        assistance=assistance_days,
                    ),
                    meaning["days"],
                )
            )
    return problems


def _kind_problem(span: Span, start: date) -> str:
    """rules.md R13.3: basic only on and after the day the need's presence counts as basic;
    for need 6 before 2023 the person may confirm basic (a warning, not a problem)."""
    if span.kind != Kind.BASIC:
        return ""
    first = basic_from(span.need)
    if first is None or start >= first or span.need == Need.INJURY_PREVENTION:
        return ""
    other = KIND_LABELS[Kind.OTHER]
    if span.need == Need.BREATHING:
        return _(
            "tillsyn för andning räknas som grundläggande behov från {date} (LSS 9 a §), men "
            'beräkningen börjar {start}. Välj "{other}" (other) eller lämna tomt, eller dela '
            "perioden vid {date}."
        ).format(date=first.isoformat(), start=start.isoformat(), other=other)
    return _(
        "löpande stöd vid ett medicinskt tillstånd är ett eget grundläggande behov från {date}. "
        "Före dess räknades tillsyn, till exempel vid epilepsi, som ett annat personligt behov "
        '(HFD 2020 ref. 7), och beräkningen börjar {start}. Välj "{other}" (other) eller lämna '
        "tomt, eller dela perioden vid {date}."
    ).format(date=first.isoformat(), start=start.isoformat(), other=other)


# --- Parsing plain values ----------------------------------------------------------------------


def parse_span(
    obj: Mapping, *, duplicates: tuple[str, ...] = ()
) -> tuple[Span | None, list[tuple[str, str]]]:
    """A span from plain values (a file's JSON object), or its problems."""
    values, problems = check_object(obj, SPAN_FIELDS, duplicates=duplicates)
    problems += span_problems(values).items()
    if problems:
        return None, problems
    return Span(**{_SPAN_ATTRIBUTES.get(name, name): v for name, v in values.items()}), []


def parse_item(
    obj: Mapping, *, duplicates: tuple[str, ...] = ()
) -> tuple[Item | None, list[tuple[str, str]]]:
    """An item from plain values (a file's JSON object), or its problems."""
    values, problems = check_object(obj, ITEM_FIELDS, duplicates=duplicates)
    problems += item_problems(values).items()
    if problems:
        return None, problems
    return Item(**values), []


def parse_day_plan(
    obj: Mapping, *, number: int = 1, duplicates: tuple[str, ...] = ()
) -> tuple[DayPlan | None, list[Problem]]:
    """A plan from plain values (one object of a file's `day_plans`, `number` its place in the
    list), or every problem of it, its spans and its items. The plan against the draft is
    `context_problems`."""
    values, pairs = check_object(obj, PLAN_FIELDS, duplicates=duplicates)
    place = plan_place(values.get("name"), number)
    problems = _problems(place, pairs, PLAN_FIELDS)
    spans, items = [], []
    for n, span_obj in enumerate(values.get("spans", ()), start=1):
        if not isinstance(span_obj, Mapping):
            problems.append(Problem(span_place(place, n, None, None), "", _not_object(span_obj)))
            continue
        span, pairs = parse_span(span_obj, duplicates=getattr(span_obj, "duplicates", ()))
        where = span_place(place, n, span_obj.get("from"), span_obj.get("to"))
        problems += _problems(where, pairs, SPAN_FIELDS)
        spans.append(span)
    for n, item_obj in enumerate(values.get("items", ()), start=1):
        if not isinstance(item_obj, Mapping):
            problems.append(Problem(item_place(place, n, None, None), "", _not_object(item_obj)))
            continue
        item, pairs = parse_item(item_obj, duplicates=getattr(item_obj, "duplicates", ()))
        where = item_place(place, n, item_obj.get("at"), item_obj.get("minutes"))
        problems += _problems(where, pairs, ITEM_FIELDS)
        items.append(item)
    if problems:
        return None, problems
    plan = DayPlan(
        **{name: v for name, v in values.items() if name not in ("spans", "items")},
        spans=tuple(spans),
        items=tuple(items),
    )
    problems = plan_problems(plan)
    return (None, problems) if problems else (plan, [])


def _not_object(value: object) -> str:
    return _("måste vara ett objekt {{ … }}, men är {value}.").format(value=kind_of(value))
