"""The draft as declared parts (`rules.parts`): the person, the period, the week types, the
night and the decision, each with its table of fields (`rules.assessment`), the file version it
appeared in and the rules between its fields; `DRAFT`, the whole draft as the file holds it; and
`draft_problems`, the rules between its parts. Each rule is one Swedish sentence, which the
file reader, the forms and the page all show.
"""

from dataclasses import replace
from fractions import Fraction

from .activity import ROW, unknown_week_types
from .assessment import (
    DECIDED_NIGHT_FIELDS,
    DECIDED_WEEK_FIELDS,
    DECISION_FIELDS,
    DECISION_V3_FIELDS,
    DEFAULT_WEEK_TYPE,
    FIELDS,
    MAX_NIGHT_HOURS,
    MAX_PERIOD_DAYS,
    MAX_WEEK_TYPES,
    MIN_NIGHT_HOURS,
    NIGHT_FIELDS,
    NOT_GRANTED,
    PERIOD_FIELDS,
    PERSON_FIELDS,
    WEEK_TYPE_FIELDS,
    Assessment,
    Decision,
    GrantPeriod,
    Night,
    WeekType,
)
from .dayplan import DAY_PLAN, day_plan_problems
from .fields import REQUIRED, Type, missing_message, table
from .formatting import format_number
from .i18n import _, gettext_noop
from .needs import NightCover
from .parts import EMPTY, Part, read, write


def period_problems(values, parent=None) -> dict[str, str]:
    """rules.md R10: a period runs forwards, and over at most a year."""
    start, end = values.get("start"), values.get("end")
    if start is None or end is None:
        return {}
    if end < start:
        return {"end": _("Perioden kan inte sluta före den börjar. Byt plats på datumen.")}
    if (days := (end - start).days + 1) > MAX_PERIOD_DAYS:
        return {
            "end": _(
                "Perioden är {days} dagar, men får vara högst {limit} dagar: "
                "Försäkringskassan prövar genomsnittet över högst ett år. Dela upp den."
            ).format(days=days, limit=MAX_PERIOD_DAYS)
        }
    return {}


def night_problems(values, parent=None) -> dict[str, str]:
    """rules.md R11: a night rest of 1 to 16 hours, for the claimed night and a decided one."""
    start, end = values.get("start"), values.get("end")
    if start is None or end is None:
        return {}
    minutes = 0 if start == end else Night(start, end).minutes
    if not MIN_NIGHT_HOURS * 60 <= minutes <= MAX_NIGHT_HOURS * 60:
        return {
            "end": _(
                "Nattvilan måste vara från {low} till {high} timmar lång, men är {hours} timmar."
            ).format(
                low=MIN_NIGHT_HOURS,
                high=MAX_NIGHT_HOURS,
                hours=format_number(Fraction(minutes, 60)),
            )
        }
    return {}


def decided_night_problems(values, decision=None) -> dict[str, str]:
    """spec "More of the decision": {"granted": false}, or a night by the night's own rules."""
    if values.get("granted") is False:
        if any(values.get(name) is not None for name in ("start", "end", "cover")):
            return {
                "granted": _(
                    "false betyder att beslutet inte gav någon väntetid eller beredskap på natten; "
                    'ta då bort de andra fälten i "night".'
                )
            }
        return {}
    missing = {
        name: missing_message(NIGHT_FIELDS[name])
        for name in ("start", "end")
        if name in values and values[name] is None
    }
    return missing or night_problems(values)


def week_type_keys(draft) -> tuple[str, ...]:
    """The keys of a draft's week types as read (absent: the one default week type)."""
    return tuple(w.key for w in (draft or EMPTY).get("week_types") or () if w is not None)


def decision_problems(
    *, date=None, received=None, week_types=None, keys: tuple[str, ...] = (), **_others
) -> dict[str, str]:
    """The rules between a decision's fields and the draft (spec "More of the decision"), as
    field name -> message: received not before the decision's date; decided weeks only for
    week types that exist (`keys`). A rule is checked only when the values it needs are
    known."""
    problems: dict[str, str] = {}
    if date is not None and received is not None and received < date:
        problems["received"] = _(
            "ligger före beslutsdatumet {date}. Beslutet kan inte ha kommit fram innan det "
            "fattades: kontrollera datumen."
        ).format(date=date.isoformat())
    if unknown := unknown_week_types(week_types or (), keys):
        problems["week_types"] = unknown
    return problems


PERSON = Part(
    "person",
    gettext_noop("Personen"),
    gettext_noop("personen"),
    PERSON_FIELDS,
    values=lambda draft: {name: getattr(draft, name) for name in PERSON_FIELDS},
    example='{"birth_month": "2019-03"}',
)
PERIOD = Part(
    "period",
    gettext_noop("Beviljandeperiod"),
    gettext_noop("beviljandeperiod"),
    PERIOD_FIELDS,
    make=GrantPeriod,
    problems=period_problems,
    since=2,
    example='{"start": "2027-01-01", "end": "2027-06-30"}',
    messages={"incomplete": gettext_noop("Ange både när perioden börjar och när den slutar.")},
)
WEEK_TYPES = Part(
    "week_types",
    gettext_noop("Sorters veckor"),
    gettext_noop("veckotyper"),
    WEEK_TYPE_FIELDS,
    make=WeekType,
    since=2,
    many=True,
    limits=(1, MAX_WEEK_TYPES),
    unique="key",
    place=gettext_noop("Veckotyp {number}"),
    example='{"key": "skola", "name": "Skolvecka", "weeks": 40}',
    messages={
        "few": gettext_noop("Det behövs minst en sorts vecka."),
        "many": gettext_noop("En beräkning kan ha högst {high} sorters veckor."),
        "unique": gettext_noop(
            '"{value}" används redan av en annan veckotyp. Varje veckotyp behöver en egen nyckel.'
        ),
    },
)
NIGHT = Part(
    "night",
    gettext_noop("Natten"),
    gettext_noop("nattvila"),
    NIGHT_FIELDS,
    make=Night,
    problems=night_problems,
    since=2,
    example='{"start": "22:00", "end": "07:00"}',
    messages={"incomplete": gettext_noop("Ange både när nattvilan börjar och när den slutar.")},
)
DECIDED_NIGHT = Part(
    "night",
    gettext_noop("Natten enligt beslutet"),
    gettext_noop("natten enligt beslutet"),
    # No cover given is waiting time, as on the claimed night; None tells that it was not given.
    {**DECIDED_NIGHT_FIELDS, "cover": replace(DECIDED_NIGHT_FIELDS["cover"], default=None)},
    make=lambda granted=True, cover=None, **night: (
        Night(**night, cover=cover or NightCover.WAITING) if granted else NOT_GRANTED
    ),
    values=lambda night: {"granted": False} if night is NOT_GRANTED else vars(night),
    problems=decided_night_problems,
    since=3,
    example='{"start": "22:00", "end": "06:00", "cover": "on_call"}',
)
DECIDED_WEEK = Part(
    "week_types",
    gettext_noop("Veckor enligt beslutet"),
    gettext_noop("veckor enligt beslutet"),
    DECIDED_WEEK_FIELDS,
    make=lambda weeks: weeks,
    values=lambda weeks: {"weeks": weeks},
    since=3,
    example='{"weeks": 10}',
)
DECISION = Part(
    "decision",
    gettext_noop("Beslutet"),
    gettext_noop("beslut"),
    {
        **DECISION_FIELDS,
        "received": replace(DECISION_V3_FIELDS["received"], since=3),
        "night": DECIDED_NIGHT.field(),
        "week_types": replace(
            DECISION_V3_FIELDS["week_types"],
            type=Type.MAP,
            part=DECIDED_WEEK,
            since=3,
            default=EMPTY,
        ),
    },
    make=Decision,
    # Version 3's parts only when given (as version 2 writes every one of its own).
    values=lambda d: {name: v for name, v in vars(d).items() if v or name in DECISION_FIELDS},
    problems=lambda values, draft=None: decision_problems(**values, keys=week_type_keys(draft)),
    since=2,
    example='{"by": "fk"}',
)


def parse_decision(obj, *, keys: tuple[str, ...]) -> tuple[Decision | None, list[tuple[str, str]]]:
    """A decision alone, as the reader reads it in a draft whose week types have `keys`, or its
    problems by field path ("night.start", "week_types.school.weeks")."""
    draft = {"week_types": tuple(WeekType(key, key, 1) for key in keys)}
    decision, found = read(DECISION, obj, version=3, parent=draft)
    return decision, [(".".join(map(str, path)), message) for path, message in found]


def decision_plain(decision: Decision) -> dict:
    """A decision as the file writes it (version 3)."""
    return write(DECISION, decision, version=3)


def draft_problems(values, parent=None) -> dict[tuple, str]:
    """The rules between the draft's parts, by the path of the field to put right: the birth
    month within the period (spec "The draft"), each row's week types, night and decision there
    to refer to (spec "A row", "What the decision granted"), and the day plans against the
    week types and the dates (spec "A day plan")."""
    problems = {}
    person, period = values.get("person") or EMPTY, values.get("period")
    born, last = person.get("birth_month"), period.end if period else values.get("assessment_date")
    if born is not None and last is not None and born > last:
        if period:
            message = _(
                "Födelseår och månad kan inte ligga efter periodens slut, {date}. Kontrollera året."
            )
        else:
            message = _(
                "Födelseår och månad kan inte ligga efter bedömningsdatumet, {date}. Kontrollera "
                "året."
            )
        problems["person", "birth_month"] = message.format(date=last.isoformat())
    week_types = values.get("week_types")
    keys = week_type_keys(values)
    for index, row in enumerate(values.get("activities") or ()):
        if row is None:
            continue
        unknown = unknown_week_types(row.week_types or (), keys)
        if unknown and week_types is not None and None not in week_types:
            problems["activities", index, "week_types"] = unknown
        if row.at_night and values.get("night") is None:
            problems["activities", index, "at_night"] = _(
                "Hjälp på natten kräver att nattvilan är angiven (night). Ange nattvilan eller "
                "ta bort markeringen."
            )
        if values.get("decision") is None and row.decided is not None:
            problems["activities", index, "decided"] = _(
                "Det finns inget beslut att jämföra med. Ange beslutet (decision) eller ta bort "
                "fältet."
            )
        if values.get("decision") is None and row.decision_reason:
            problems["activities", index, "decision_reason"] = _(
                "Det finns inget beslut att jämföra med. Ange beslutet (decision) eller ta bort "
                "motiveringen."
            )
    if (plans := values.get("day_plans")) and week_types is not None and None not in week_types:
        start = period.start if period else values.get("assessment_date")
        assistance = {w.key: w.assistance_days for w in week_types}
        problems |= day_plan_problems(plans, week_types=assistance, start=start)
    return problems


# The whole draft as the file holds it, in the file's order (spec "Version 2"): a field of the
# draft itself is its field from `rules.assessment` in its place here, the person's fields are
# the draft's own too.
DRAFT_FIELDS = table(
    FIELDS["title"],
    FIELDS["assessment_date"],
    PERSON.field(default=EMPTY),
    PERIOD.field(),
    FIELDS["hourly_amount"],
    WEEK_TYPES.field(default=(DEFAULT_WEEK_TYPE,)),
    NIGHT.field(),
    DAY_PLAN.field(default=()),
    DECISION.field(),
    ROW.field(
        default=REQUIRED,
        messages={"what": gettext_noop("en lista med aktiviteter, [] om det inte finns några")},
    ),
)
DRAFT = Part(
    "draft",
    gettext_noop("Beräkningen"),
    gettext_noop("beräkningen"),
    DRAFT_FIELDS,
    make=lambda person=EMPTY, **values: Assessment(
        **values, **{name: person.get(name) for name in PERSON_FIELDS}
    ),
    # The day plans only when there are some (as the period, the night and the decision).
    values=lambda draft: (
        {name: draft if name == "person" else getattr(draft, name) for name in DRAFT_FIELDS}
        | {"day_plans": draft.day_plans or None}
    ),
    problems=draft_problems,
)


# The draft's own fields and its person, as the page's "Om bedömningen" edits them together.
DETAILS = Part(
    "details",
    gettext_noop("Om bedömningen"),
    gettext_noop("uppgifter om bedömningen"),
    {**FIELDS, **PERSON_FIELDS},
)


def draft_values(draft: Assessment) -> dict:
    """A draft's parts as `draft_problems` reads them (the person as its own object)."""
    values = DRAFT.values_of(draft)
    return {**values, "person": {name: getattr(draft, name) for name in PERSON_FIELDS}}


def with_part(draft: Assessment, part: Part, values: dict | None) -> Assessment:
    """The draft with one part's values, or without the part (None): the draft a save would
    leave, which the rules between parts then judge."""
    if part is DETAILS:
        return replace(draft, **values)
    return replace(draft, **{part.name: None if values is None else part.make(**values)})
