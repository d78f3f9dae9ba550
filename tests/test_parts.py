"""The draft's parts, declared once (rules.parts): each version's names, and a part of parts
(a list of plans holding lists, an object that is one of two shapes, objects by key) read,
worded and written by the same generic reader and writer as the draft."""

import copy
from dataclasses import dataclass
from datetime import time
from types import SimpleNamespace as Values

import pytest

from assessments.rules import parts
from assessments.rules.activity import DECIDED, ROW
from assessments.rules.dayplan import DAY_PLAN, ITEM, SPAN
from assessments.rules.draft import (
    DECIDED_NIGHT,
    DECIDED_WEEK,
    DECISION,
    DRAFT,
    NIGHT,
    PERIOD,
    PERSON,
    WEEK_TYPES,
    draft_problems,
)
from assessments.rules.fields import Field, Type, table
from assessments.rules.i18n import gettext_noop

ROW_V1 = (
    "need",
    "description",
    "minutes",
    "times",
    "per",
    "days_per_week",
    "assistants",
    "kind",
    "time_type",
    "tube_feeding",
    "note",
)
# What each version of the file holds, part by part: read forever with this meaning (spec). A
# new field or part belongs to a new version; this table only ever grows by a version.
VERSION_NAMES = {
    1: {
        DRAFT: ("title", "assessment_date", "person", "activities"),
        PERSON: ("age",),
        ROW: ROW_V1,
    },
    2: {
        DRAFT: (
            "title",
            "assessment_date",
            "person",
            "period",
            "hourly_amount",
            "week_types",
            "night",
            "decision",
            "activities",
        ),
        PERSON: ("birth_month", "age"),
        PERIOD: ("start", "end"),
        WEEK_TYPES: ("key", "name", "weeks", "assistance_days", "away_hours"),
        NIGHT: ("start", "end", "cover"),
        DECISION: ("by", "date", "note"),
        ROW: (
            *ROW_V1[:-1],
            "week_types",
            "at_night",
            "elsewhere",
            "note",
            "decided",
            "decision_reason",
        ),
        DECIDED: (
            "granted",
            "minutes",
            "times",
            "per",
            "days_per_week",
            "assistants",
            "kind",
            "time_type",
        ),
    },
    # Version 3 is being built (spec "Version 3"): what it holds so far.
    3: {
        DRAFT: (
            "title",
            "assessment_date",
            "person",
            "period",
            "hourly_amount",
            "week_types",
            "night",
            "day_plans",
            "decision",
            "activities",
        ),
        DAY_PLAN: ("key", "name", "week_type", "days", "spans", "items"),
        SPAN: ("from", "to", "need", "presence", "assistants", "kind", "description", "note"),
        ITEM: (
            "at",
            "minutes",
            "need",
            "kind",
            "assistants",
            "two_minutes",
            "tube_feeding",
            "during_supervision",
            "description",
            "note",
        ),
        DECISION: ("by", "date", "note", "received", "night", "week_types"),
        DECIDED_NIGHT: ("granted", "start", "end", "cover"),
        DECIDED_WEEK: ("weeks",),
    },
}


@pytest.mark.parametrize(
    ("version", "part", "names"),
    [(v, part, names) for v, table_ in VERSION_NAMES.items() for part, names in table_.items()],
    ids=lambda value: getattr(value, "name", str(value)),
)
def test_each_version_holds_the_names_it_always_held(version, part, names):
    assert tuple(part.fields_in(version)) == names


def test_every_part_of_the_draft_is_in_the_table_of_versions():
    def walk(part):
        yield part
        for f in part.fields.values():
            if f.part is not None:
                yield from walk(f.part)

    assert set(walk(DRAFT)) == {part for names in VERSION_NAMES.values() for part in names}


def test_a_part_is_not_in_a_version_before_it_appeared():
    for part in (PERIOD, WEEK_TYPES, NIGHT, DECISION, DECIDED):
        assert part.name not in DRAFT.fields_in(1) | ROW.fields_in(1)


# --- A part of parts, as the next version's day plans will be -----------------------------------


@dataclass(frozen=True)
class Span:
    start: time
    end: time


@dataclass(frozen=True)
class Item:
    at: time
    minutes: float


@dataclass(frozen=True)
class Plan:
    name: str
    spans: tuple
    items: tuple


def span_problems(values, plan=None):
    if values.get("start") is not None and values.get("start") == values.get("end"):
        return {"end": "Ett spann kan inte sluta när det börjar."}
    return {}


def plans_problems(values, draft=None):
    """A rule across the plan's own lists, by the path of the field to put right."""
    found = {}
    for index, item in enumerate(values.get("items") or ()):
        if item is not None and item.minutes > 600:
            found["items", index, "minutes"] = "Högst 600 minuter i en dagplan."
    return found


SPAN = parts.Part(
    "spans",
    "Spann",
    "spann",
    table(
        Field("start", "Från", "från", Type.TIME),
        Field("end", "Till", "till", Type.TIME),
    ),
    make=Span,
    problems=span_problems,
    many=True,
    limits=(0, 2),
    place=lambda number, span: f"spann {number} ({span.get('start', '?')})",
    example='{"start": "15:00", "end": "22:00"}',
    messages={"many": "har {count} spann, men en dagplan får ha högst {high}."},
)
ITEM = parts.Part(
    "items",
    "Insatser",
    "insatser",
    table(
        Field("at", "Klockan", "klockslag", Type.TIME),
        Field("minutes", "Minuter", "minuter", Type.NUMBER, low=0, low_open=True, high=1440),
    ),
    make=Item,
    many=True,
    place=lambda number, item: f"insats {number} ({item.get('at', '?')})",
    example='{"at": "07:00", "minutes": 30}',
)
PLAN = parts.Part(
    "plans",
    "Dagplaner",
    "dagplaner",
    table(
        Field("name", "Namn", "namn", Type.TEXT, max_length=60, blank=False),
        SPAN.field(default=()),
        ITEM.field(default=()),
    ),
    make=Plan,
    problems=plans_problems,
    many=True,
    place=lambda number, plan: (
        f'Dagplan "{plan["name"]}"' if isinstance(plan.get("name"), str) else f"Dagplan {number}"
    ),
    example='{"name": "Skoldag"}',
)
# An object of one of two shapes ({"granted": false}, or a night), and objects by key.
DECIDED_NIGHT = parts.Part(
    "night",
    "Natten som beslutad",
    "beslutad natt",
    table(
        Field("granted", "Beviljad", "beviljad", Type.BOOLEAN, default=True),
        Field("start", "Från", "från", Type.TIME, default=None),
        Field("end", "Till", "till", Type.TIME, default=None),
    ),
    problems=lambda values, parent=None: (
        {"start": "Ange när natten börjar."}
        if values.get("granted") and values.get("start", 1) is None
        else {}
    ),
    example='{"granted": false}',
)
DECIDED_WEEK = parts.Part(
    "week_types",
    "Veckor som beslutade",
    "beslutade veckor",
    table(Field("weeks", "Veckor", "antal veckor", Type.NUMBER, low=0, low_open=True, high=53)),
    example='{"weeks": 10}',
)
DECIDED_PART = parts.Part(
    "decision",
    "Beslutet",
    "beslut",
    table(
        DECIDED_NIGHT.field(),
        Field(
            "week_types",
            "Veckor",
            "beslutade veckor",
            Type.MAP,
            default=None,
            part=DECIDED_WEEK,
        ),
    ),
)
TOP = parts.Part(
    "draft",
    gettext_noop("Beräkningen"),
    "beräkningen",
    table(
        Field("title", "Namn", "namn", Type.TEXT, default="", max_length=200),
        PLAN.field(default=()),
        DECIDED_PART.field(),
    ),
)

GOOD = {
    "title": "Med dagplaner",
    "plans": [
        {
            "name": "Skoldag",
            "spans": [{"start": "15:00", "end": "22:00"}],
            "items": [{"at": "07:00", "minutes": 30}, {"at": "18:00", "minutes": 20}],
        },
        {"name": "Helgdag"},
    ],
    "decision": {"night": {"granted": False}, "week_types": {"holiday": {"weeks": 10}}},
}


def read(data):
    return parts.read(TOP, data, version=1)


def test_a_part_of_nested_lists_and_objects_reads_into_its_types():
    made, found = read(GOOD)

    assert found == []
    school, weekend = made["plans"]
    assert school == Plan(
        "Skoldag", (Span(time(15), time(22)),), (Item(time(7), 30), Item(time(18), 20))
    )
    assert weekend == Plan("Helgdag", (), ())
    assert made["decision"] == {
        "night": {"granted": False, "start": None, "end": None},
        "week_types": {"holiday": {"weeks": 10}},
    }


def test_a_part_of_nested_lists_is_written_as_it_is_read():
    made, _found = read(GOOD)

    written = parts.write(TOP, made_values(made), version=1)

    assert read(written)[0] == made


def made_values(made):
    """The made objects with their fields as attributes, as `Part.values_of` reads them: the
    test's parts make dicts and dataclasses."""
    decision = made["decision"]
    return Values(
        title=made["title"],
        plans=made["plans"],
        decision=Values(
            night=Values(**decision["night"]),
            week_types={key: Values(**value) for key, value in decision["week_types"].items()},
        ),
    )


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (
            lambda d: d["plans"][0]["items"][1].update(minutes=0),
            'Dagplan "Skoldag", insats 2 (18:00), fältet "minutes" (minuter): måste vara ett tal '
            "större än 0 och högst 1440, men är 0.",
        ),
        (
            lambda d: d["plans"][0]["spans"][0].update(end="15:00"),
            'Dagplan "Skoldag", spann 1 (15:00), fältet "end" (till): Ett spann kan inte sluta '
            "när det börjar.",
        ),
        (
            lambda d: d["plans"][0]["items"][0].update(minutes=700),
            'Dagplan "Skoldag", insats 1 (07:00), fältet "minutes" (minuter): Högst 600 minuter '
            "i en dagplan.",
        ),
        (
            lambda d: d["plans"][1].update(spans=[{"start": "01:00", "end": "02:00"}] * 3),
            'Dagplan "Helgdag", fältet "spans" (spann): har 3 spann, men en dagplan får ha '
            "högst 2.",
        ),
        (
            lambda d: d["plans"][1].update(items=["07:00"]),
            'Dagplan "Helgdag", insats 1 (?): måste vara ett objekt som {"at": "07:00", '
            '"minutes": 30}, men är "07:00".',
        ),
        (
            lambda d: d["plans"][1].update(name=""),
            'Dagplan "", fältet "name" (namn): får inte vara tom.',
        ),
        (
            lambda d: d["decision"]["night"].update(granted=True),
            'Fältet "decision.night.start" (från): Ange när natten börjar.',
        ),
        (
            lambda d: d["decision"]["week_types"]["holiday"].update(weeks=60),
            'Fältet "decision.week_types.holiday.weeks" (antal veckor): måste vara ett tal '
            "större än 0 och högst 53, men är 60.",
        ),
        (
            lambda d: d["decision"]["week_types"].update(Lov={"weeks": 1}),
            'Fältet "decision.week_types" (beslutade veckor): måste vara ett objekt med nycklar '
            'som "skola", men är ett objekt { … }.',
        ),
    ],
)
def test_a_problem_deep_in_a_part_names_the_object_and_the_field(change, error):
    data = copy.deepcopy(GOOD)
    change(data)

    made, found = read(data)

    assert made is None
    assert parts.worded(TOP, found, data) == [error]


def test_the_draft_asks_its_rules_between_parts_by_path():
    values = {"person": {"birth_month": None}, "activities": ()}

    assert draft_problems(values) == {}
