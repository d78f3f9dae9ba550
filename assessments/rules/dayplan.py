"""The day plan's tables and rules (rules.md R13), and the day plans declared as parts.

A day plan (`dayplan_types.DayPlan`) belongs to a week type and applies on `days` of its days;
it holds presence spans and active help at clock times. The tables declare each field once, as
`activity.FIELDS` does for a row. The rules between fields are `span_problems`, `item_problems`
and `plan_problems` (the spans and items of one plan); `day_plan_problems` holds the plans
against the draft (week types, days, dates), R13.10. `SPAN`, `ITEM` and `DAY_PLAN` declare them
as parts (`rules.parts`), so that the file reader reads them, and words every problem with the
plan (by its name), the span or item (by its number and time) and the field. The arithmetic is
`day.py`.

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

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, time
from fractions import Fraction
from typing import Any

from . import parameters as p
from .activity import FIELDS as ROW_FIELDS
from .activity import MAX_AMOUNT, row_problems
from .dayplan_types import (
    DAY_MINUTES,
    DayPlan,
    Item,
    Span,
    overlap,
    people_steps,
)
from .fields import REQUIRED, Field, Type, table
from .formatting import format_number
from .i18n import _, gettext_noop
from .needs import KIND_LABELS, Kind, Need, Presence, need_label
from .parts import Part, describe, read, write

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
)


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


def _three_at_once(items: tuple[Item, ...]) -> tuple[int, Fraction, int] | None:
    """The first item whose start makes three or more people at once: (index, minute, people)."""
    steps = people_steps(items)
    if sum(people for _, people in steps if people > 0) < 3:
        return None
    people = 0
    for minute, change in sorted(steps):
        people += change
        if people >= 3 and change > 0:
            starts = [
                i
                for i, item in enumerate(items)
                for offset, _m, _p in item.parts()
                if (item.first_minute + offset) % DAY_MINUTES == minute
            ]
            return (starts[-1] if starts else 0), minute, people
    return None


def _minute_text(minute: Fraction | int) -> str:
    whole = int(minute) % DAY_MINUTES
    return f"{whole // 60:02d}:{whole % 60:02d}"


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


def plan_problems(values, draft=None) -> dict[tuple, str]:
    """The rules between the spans and items of one plan (rules.md R13.1, R13.7, R13.10), by
    the path of the field to put right. `values` are a plan's, or a `DayPlan`."""
    if isinstance(values, DayPlan):
        values = {"spans": values.spans, "items": values.items}
    spans, items = values.get("spans") or (), values.get("items") or ()
    if None in spans or None in items:
        return {}  # a span or an item is wrong itself: said there
    problems = {}
    for j, later in enumerate(spans):
        for i, earlier in enumerate(spans[:j]):
            if overlap(
                (earlier.first_minute, earlier.minutes), (later.first_minute, later.minutes)
            ):
                problems["spans", j, "from"] = _(
                    "går in i närvaro {number} ({times}). Under en tid kan bara en sorts närvaro "
                    "gälla: ändra tiderna så att de inte går in i varandra."
                ).format(number=i + 1, times=earlier.times_text)
                break
    if (three := _three_at_once(items)) is not None:
        index, minute, people = three
        problems["items", index, "assistants"] = _(
            "klockan {time} behövs då {people} assistenter samtidigt för hjälpen som pågår. En "
            "dagplan räknar med högst två assistenter samtidigt: ändra tiderna eller antalet "
            "assistenter."
        ).format(time=_minute_text(minute), people=people)
    return problems


def day_plan_problems(plans, *, week_types: Mapping[str, int], start: date) -> dict[tuple, str]:
    """The plans against the draft (rules.md R13.1, R13.3, R13.10), by path from the draft:
    unique keys, a week type that exists (`week_types`: key -> assistance days), at most its
    assistance days, and a basic kind only on dates when R13.3 counts it as basic (`start`:
    the first day calculated)."""
    problems = {}
    seen: set[str] = set()
    for index, plan in enumerate(plans):
        if plan is None:
            continue
        if plan.key in seen:
            problems["day_plans", index, "key"] = _(
                '"{key}" används redan av en annan dagplan. Varje dagplan behöver en egen nyckel.'
            ).format(key=plan.key)
        seen.add(plan.key)
        if plan.week_type not in week_types:
            problems["day_plans", index, "week_type"] = _(
                'veckotypen "{key}" finns inte. Använd någon av {known}.'
            ).format(key=plan.week_type, known=", ".join(f'"{k}"' for k in week_types))
        for number, span in enumerate(plan.spans):
            if message := _kind_problem(span, start):
                problems["day_plans", index, "spans", number, "kind"] = message
    for key, assistance_days in week_types.items():
        mine = [(i, plan) for i, plan in enumerate(plans) if plan and plan.week_type == key]
        days = sum(plan.days for _i, plan in mine)
        if days > assistance_days:
            problems["day_plans", mine[-1][0], "days"] = _(
                'dagplanerna för veckotypen "{key}" ({plans}) gäller tillsammans {days} dagar, men '
                "veckan har {assistance} dagar med assistans. Minska dagarna eller öka veckans "
                "dagar med assistans."
            ).format(
                key=key,
                plans=", ".join(plan.name for _i, plan in mine),
                days=days,
                assistance=assistance_days,
            )
    return problems


# --- The day plans as parts (rules.parts) -------------------------------------------------------


def _text(value: object) -> str:
    return value if isinstance(value, str) else "?"


def plan_place(number: int, plan: Mapping) -> str:
    name = plan.get("name")
    if isinstance(name, str) and name.strip():
        return _('Dagplanen "{name}"').format(name=name)
    return _("Dagplan {number}").format(number=number)


def span_place(number: int, span: Mapping) -> str:
    return _("närvaro {number} ({start}–{end})").format(
        number=number, start=_text(span.get("from")), end=_text(span.get("to"))
    )


def item_place(number: int, item: Mapping) -> str:
    minutes = item.get("minutes")
    known = isinstance(minutes, int | float | Fraction) and not isinstance(minutes, bool)
    return _("hjälp {number} ({at}, {minutes} min)").format(
        number=number,
        at=_text(item.get("at")),
        minutes=format_number(minutes, grouping=False) if known else "?",
    )


COUNT = gettext_noop("har {count} delar, men får ha högst {high}.")
# The file's names that are Python keywords, and the attributes that hold them.
_SPAN_ATTRIBUTES = {"from": "start", "to": "end"}

SPAN = Part(
    "spans",
    gettext_noop("Närvaro"),
    gettext_noop("närvaro"),
    SPAN_FIELDS,
    make=lambda **values: Span(**{_SPAN_ATTRIBUTES.get(n, n): v for n, v in values.items()}),
    values=lambda span: {n: getattr(span, _SPAN_ATTRIBUTES.get(n, n)) for n in SPAN_FIELDS},
    problems=lambda values, plan=None: span_problems(values),
    since=FIRST_VERSION,
    many=True,
    limits=(0, MAX_SPANS),
    place=span_place,
    messages={"many": COUNT},
)
ITEM = Part(
    "items",
    gettext_noop("Hjälp vid tider"),
    gettext_noop("hjälp vid tider"),
    ITEM_FIELDS,
    make=Item,
    problems=lambda values, plan=None: item_problems(values),
    since=FIRST_VERSION,
    many=True,
    limits=(0, MAX_ITEMS),
    place=item_place,
    messages={"many": COUNT},
)
DAY_PLAN = Part(
    "day_plans",
    gettext_noop("Dagplaner"),
    gettext_noop("dagplaner"),
    {**PLAN_FIELDS, "spans": SPAN.field(default=()), "items": ITEM.field(default=())},
    make=DayPlan,
    problems=plan_problems,
    since=FIRST_VERSION,
    many=True,
    limits=(0, MAX_DAY_PLANS),
    place=plan_place,
    example='{"key": "skoldag", "name": "Skoldag", "week_type": "school", "days": 5}',
    messages={"many": COUNT},
)
# The plans alone, as a draft holds them: for the words of their problems.
_PLANS = Part("plans", "", "", table(DAY_PLAN.field(default=())))


def parse_day_plan(obj: Mapping, *, number: int = 1) -> tuple[DayPlan | None, list[str]]:
    """A plan from plain values (the `number`th object of a file's `day_plans`), or every
    problem of it, its spans and its items, each naming its place. The plans against the draft
    are `context_problems`."""
    plan, found = read(DAY_PLAN, obj, version=FIRST_VERSION)
    data = {"day_plans": [{}] * (number - 1) + [obj]}
    where = ("day_plans", number - 1)
    return plan, [f"{describe(_PLANS, (*where, *path), data)}: {text}" for path, text in found]


def context_problems(plans, *, week_types: Mapping[str, int], start: date) -> list[str]:
    """The plans against the draft (`day_plan_problems`), each naming its place."""
    data = {"day_plans": [write(DAY_PLAN, plan, version=FIRST_VERSION) for plan in plans]}
    found = day_plan_problems(plans, week_types=week_types, start=start)
    return [f"{describe(_PLANS, path, data)}: {text}" for path, text in found.items()]
