"""The assessment file (behovsfil): one schema, one validator, one serializer.

The same JSON format is the file a user downloads, the file they upload to continue a draft and
the input of `python manage.py calculate` (spec/assessment-file.md). `read` and `validate` refuse
a file with every problem found, in plain Swedish, so that nothing half-valid is imported;
`write` gives back a file that `read` turns into an equal `AssessmentFile`.

Choices where the spec is silent:
- `format`, `version` and `activities` are required; every other field is optional. Only
  `person.age` may be `null` (the spec says so); `null` elsewhere is a wrong type.
- A whole float (`7.0`) counts as an integer; `true`/`false` are never numbers.
- When `format` or `version` is wrong, the rest of the file is not checked: its fields are then
  unknown, and a list of errors about them would only mislead.
- Text may not hold the NUL character (Django's form fields refuse it too, and PostgreSQL cannot
  store it) nor lone UTF-16 surrogates (not text).
- A key given twice in the same object is refused: the file would show one value and use another.
- A UTF-8 byte order mark at the start is allowed and ignored (Windows editors write one).
"""

import difflib
import json
import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from . import rules
from .models import Activity, Assessment
from .rules import Kind, Need, Period, TimeType

FORMAT = "behovsraknare.assessment"
VERSION = 1

DEFAULT_MAX_BYTES = 1_000_000
DEFAULT_MAX_ROWS = 500

MAX_TITLE = 200
MAX_DESCRIPTION = 200
MAX_NOTE = 2000
MAX_AMOUNT = 1440  # minutes per occasion and occasions per period (spec)
MIN_AGE, MAX_AGE = 0, 120

# Field name -> its meaning in Swedish, as the error messages show it. The order is the spec's,
# and it is the order `write` uses.
TOP_FIELDS = {
    "format": "filformat",
    "version": "version",
    "title": "namn på beräkningen",
    "assessment_date": "bedömningsdatum",
    "person": "personen",
    "activities": "aktiviteter",
}
PERSON_FIELDS = {"age": "ålder"}
ACTIVITY_FIELDS = {
    "need": "behov",
    "description": "beskrivning",
    "minutes": "minuter per tillfälle",
    "times": "antal gånger per period",
    "per": "period",
    "days_per_week": "dagar i veckan",
    "assistants": "antal assistenter",
    "kind": "slag av behov",
    "time_type": "typ av tid",
    "tube_feeding": "sondmatning",
    "note": "anteckning",
}
ENUM_FIELDS = {"need": Need, "per": Period, "kind": Kind, "time_type": TimeType}


class AssessmentFileError(Exception):
    """A file that cannot be read; `errors` holds every problem found, in Swedish."""

    def __init__(self, errors: list[str] | str):
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        super().__init__("\n".join(self.errors))

    def __str__(self) -> str:
        return "\n".join(self.errors)


@dataclass(frozen=True, kw_only=True)
class FileActivity:
    """One row of the file, fields in the spec's order (keyword-only, as defaults interleave)."""

    need: Need
    description: str
    minutes: float
    times: float
    per: Period
    days_per_week: int = 7
    assistants: int = 1
    kind: Kind
    time_type: TimeType = TimeType.ACTIVE
    tube_feeding: bool = False
    note: str = ""

    def __post_init__(self):
        # Accept the enums' string values and any real number (a form's Decimal), as
        # rules.Activity does, so that equal rows compare equal however they were made.
        for name, enum in ENUM_FIELDS.items():
            object.__setattr__(self, name, enum(getattr(self, name)))
        object.__setattr__(self, "minutes", float(self.minutes))
        object.__setattr__(self, "times", float(self.times))

    def to_rules_input(self) -> rules.Activity:
        return rules.Activity(
            need=self.need,
            kind=self.kind,
            minutes=self.minutes,
            times=self.times,
            per=self.per,
            days_per_week=self.days_per_week,
            assistants=self.assistants,
            time_type=self.time_type,
            tube_feeding=self.tube_feeding,
            description=self.description,
        )


@dataclass(frozen=True)
class AssessmentFile:
    title: str
    assessment_date: date
    age: int | None
    activities: tuple[FileActivity, ...] = ()

    def to_rules_input(self) -> rules.Assessment:
        return rules.Assessment(
            assessment_date=self.assessment_date,
            age=self.age,
            activities=tuple(activity.to_rules_input() for activity in self.activities),
        )

    def calculate(self) -> rules.Result:
        return rules.calculate(self.to_rules_input())


# --- Limits -------------------------------------------------------------------------------------


def _setting(name: str, default: int) -> int:
    from django.conf import settings

    if not settings.configured:
        return default
    return getattr(settings, name, default)


def max_bytes() -> int:
    return _setting("ASSESSMENT_FILE_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_rows() -> int:
    return _setting("ASSESSMENT_MAX_ROWS", DEFAULT_MAX_ROWS)


# --- The cross-field rules ---------------------------------------------------------------------


def _enum[E](enum: type[E], value: object) -> E | None:
    try:
        return enum(value)
    except ValueError:
        return None


def row_problems(*, need, kind, time_type, tube_feeding) -> dict[str, str]:
    """The rules between a row's fields, as field name -> Swedish message (spec, rules.md R3, R6).

    The web form calls this too, so the rules live in one place. Values may be enums, their
    string values, or None when the field itself is missing or invalid: a rule is only checked
    when the fields it needs are known.
    """
    need = _enum(Need, need)
    kind = _enum(Kind, kind)
    time_type = _enum(TimeType, time_type)
    problems: dict[str, str] = {}
    if kind == Kind.BASIC and need is not None and not rules.is_basic_need(need):
        problems["kind"] = (
            "Grundläggande behov kan bara väljas för något av de sju grundläggande behoven. "
            f"{rules.need_label(need)} är ett annat personligt behov: välj "
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


# --- Reading ------------------------------------------------------------------------------------


class _Object(dict):
    """A JSON object that remembers keys given more than once."""

    duplicates: tuple[str, ...] = ()


def _object_pairs(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        obj.duplicates = tuple(k for k, _ in pairs if k in seen or seen.add(k))
    return obj


def _refuse_constant(name: str):
    raise AssessmentFileError(
        f"Filen innehåller värdet {name}, som inte är ett tal i en behovsfil. Skriv ett vanligt "
        "tal i stället."
    )


def read(source: bytes | str, *, today: date | None = None) -> AssessmentFile:
    """Parse and validate a file; raise AssessmentFileError with every problem found."""
    limit = max_bytes()
    size = len(source) if isinstance(source, bytes) else len(source.encode("utf-8", "replace"))
    if size > limit:
        raise AssessmentFileError(
            f"Filen är för stor: {rules.format_number(size, 0)} byte, men en behovsfil får vara "
            f"högst {rules.format_number(limit, 0)} byte. Kontrollera att du valt rätt fil."
        )
    if isinstance(source, bytes):
        try:
            text = source.decode("utf-8")
        except UnicodeDecodeError:
            raise AssessmentFileError(
                "Filen är inte sparad som UTF-8-text och kan inte vara en behovsfil. Välj den "
                "fil du laddade ned från Behovsräknaren, eller spara om den som UTF-8."
            ) from None
    else:
        text = source
    text = text.removeprefix("\ufeff")
    try:
        data = json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_object_pairs)
    except json.JSONDecodeError as error:
        raise AssessmentFileError(
            f"Filen är inte giltig JSON (fel på textrad {error.lineno}, tecken {error.colno}). "
            "Välj den fil du laddade ned från Behovsräknaren; har du ändrat den för hand, "
            "kontrollera kommatecken, citattecken och klamrar."
        ) from None
    except RecursionError:
        raise AssessmentFileError(
            "Filen kan inte läsas: den har värden inuti värden i tusentals nivåer, vilket en "
            "behovsfil aldrig har. Välj den fil du laddade ned från Behovsräknaren."
        ) from None
    except ValueError:
        # Python refuses integers of more than 4300 digits.
        raise AssessmentFileError(
            "Filen kan inte läsas: den innehåller ett tal med tusentals siffror. Välj den fil du "
            "laddade ned från Behovsräknaren."
        ) from None
    if today is None:
        today = timezone.localdate()
    return validate(data, today=today)


def _show(value: object) -> str:
    """A value as the file writes it, shortened, for an error message."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    text = _printable(text)
    return text if len(text) <= 60 else text[:59] + "…"


def _kind_of(value: object) -> str:
    match value:
        case None:
            return "null"
        case bool():
            return "ett sant/falskt-värde"
        case dict():
            return "ett objekt { … }"
        case list():
            return "en lista [ … ]"
    return _show(value)


class _Checker:
    """Collects the problems of one object: the file, the person or one row."""

    def __init__(self, errors: list[str], obj: dict, fields: dict[str, str], *, path="", row=None):
        self.errors = errors
        self.obj = obj
        self.fields = fields
        self.path = path  # "person." for the person's fields
        self.row = row  # 1-based row number, or None at the top
        self.valid = True

    def where(self, name: object) -> str:
        label = f'fältet "{_short(f"{self.path}{name}")}"'
        if name in self.fields:
            label += f" ({self.fields[name]})"
        if self.row is not None:
            return f"Rad {self.row}, {label}"
        return label[0].upper() + label[1:]

    def error(self, name: str, message: str) -> None:
        self.errors.append(f"{self.where(name)}: {message}")
        self.valid = False

    def unknown_fields(self) -> None:
        for name in getattr(self.obj, "duplicates", ()):
            self.error(
                name,
                "finns två gånger. Ta bort det ena så att det är entydigt vilket värde som gäller.",
            )
        for name in self.obj:
            if name in self.fields:
                continue
            close = difflib.get_close_matches(str(name), self.fields, n=1)
            hint = f' Menade du "{close[0]}"?' if close else ""
            self.error(
                name,
                f"okänt fält i en behovsfil.{hint} Ta bort det eller rätta namnet; tillåtna "
                f"fält är {', '.join(self.fields)}.",
            )

    def missing(self, name: str, how: str) -> object:
        self.error(name, f"saknas. {how}")
        return None

    def number(self, name: str, low: int, high: int, what: str) -> float | None:
        """A number with `low < value <= high`; bool is not a number."""
        if name not in self.obj:
            return self.missing(name, f"Ange {what}.")
        value = self.obj[name]
        # Compare before converting: a huge JSON integer must not overflow float().
        if isinstance(value, bool) or not isinstance(value, int | float) or not low < value <= high:
            self.error(
                name,
                f"måste vara ett tal större än {low} och högst {high}, men är {_kind_of(value)}.",
            )
            return None
        return float(value)

    def integer(self, name: str, low: int, high: int, default, *, nullable=False) -> int | None:
        if name not in self.obj:
            return default
        value = self.obj[name]
        if value is None and nullable:
            return None
        whole = (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and math.isfinite(value) and value.is_integer()
        )
        if not whole or not low <= value <= high:
            what = "1 eller 2" if (low, high) == (1, 2) else f"ett heltal från {low} till {high}"
            self.error(name, f"måste vara {what}, men är {_kind_of(value)}.")
            return None
        return int(value)

    def text(self, name: str, limit: int, *, required: bool = False) -> str | None:
        if name not in self.obj:
            if required:
                return self.missing(name, f"Ange en text på högst {limit} tecken.")
            return ""
        value = self.obj[name]
        if not isinstance(value, str):
            self.error(name, f"måste vara en text, men är {_kind_of(value)}.")
            return None
        if required and not value.strip():
            self.error(
                name, f"får inte vara tom. Skriv kort vad hjälpen är (högst {limit} tecken)."
            )
            return None
        if len(value) > limit:
            self.error(
                name,
                f"är {len(value)} tecken lång, men får vara högst {limit} tecken. Korta texten.",
            )
            return None
        if "\x00" in value or not _encodable(value):
            self.error(name, "innehåller tecken som inte är vanlig text. Ta bort dem.")
            return None
        return value

    def choice[E](self, name: str, enum: type[E], default: E | None) -> E | None:
        if name not in self.obj:
            if default is None:
                return self.missing(name, f"Ange något av {_choices(enum)}.")
            return default
        value = self.obj[name]
        if isinstance(value, str) and (member := _enum(enum, value)) is not None:
            return member
        self.error(name, f"måste vara något av {_choices(enum)}, men är {_kind_of(value)}.")
        return None

    def boolean(self, name: str, default: bool) -> bool | None:
        if name not in self.obj:
            return default
        value = self.obj[name]
        if not isinstance(value, bool):
            self.error(name, f"måste vara true eller false, men är {_kind_of(value)}.")
            return None
        return value


def _printable(text: str) -> str:
    """Lone surrogates cannot be printed or stored: show them escaped."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _short(name: object) -> str:
    text = _printable(str(name))
    return text if len(text) <= 40 else text[:39] + "…"


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _choices(enum) -> str:
    return ", ".join(f'"{member.value}"' for member in enum)


def validate(data: object, *, today: date) -> AssessmentFile:
    """Check a parsed file against every rule of the spec; raise with all problems found."""
    if not isinstance(data, dict):
        raise AssessmentFileError(
            "Filen måste innehålla ett JSON-objekt { … } med fälten "
            f"{', '.join(TOP_FIELDS)}, men innehåller {_kind_of(data)}. Välj den fil du laddade "
            "ned från Behovsräknaren."
        )
    errors: list[str] = []
    top = _Checker(errors, data, TOP_FIELDS)

    # An unknown format or version: the other fields cannot be judged, so stop here.
    if "format" not in data:
        raise AssessmentFileError(
            f'Fältet "format" (filformat): saknas. En behovsfil från Behovsräknaren har '
            f'"format": "{FORMAT}"; välj den fil du laddade ned därifrån.'
        )
    if data["format"] != FORMAT:
        raise AssessmentFileError(
            f'Fältet "format" (filformat): måste vara "{FORMAT}", men är '
            f"{_kind_of(data['format'])}. Det här är inte en behovsfil från Behovsräknaren."
        )
    if "version" not in data:
        raise AssessmentFileError(
            f'Fältet "version" (version): saknas. En behovsfil från Behovsräknaren har '
            f'"version": {VERSION}.'
        )
    version = data["version"]
    if isinstance(version, bool) or not isinstance(version, int | float):
        raise AssessmentFileError(
            f'Fältet "version" (version): måste vara talet {VERSION}, men är {_kind_of(version)}.'
        )
    if version != VERSION:
        raise AssessmentFileError(
            f'Fältet "version" (version): filen har version {_show(version)}, men det här '
            f"verktyget kan bara läsa version {VERSION}. Filen kommer från en annan version av "
            "Behovsräknaren: öppna den där, eller gör beräkningen på nytt här."
        )

    top.unknown_fields()
    title = top.text("title", MAX_TITLE)
    assessment_date = _date(top, today)
    age = None
    if "person" in data:
        person = data["person"]
        if isinstance(person, dict):
            checker = _Checker(errors, person, PERSON_FIELDS, path="person.")
            checker.unknown_fields()
            age = checker.integer("age", MIN_AGE, MAX_AGE, default=None, nullable=True)
        else:
            top.error(
                "person", f'måste vara ett objekt som {{"age": 5}}, men är {_kind_of(person)}.'
            )

    activities: list[FileActivity] = []
    if "activities" not in data:
        top.missing("activities", "Ange en lista med aktiviteter, [] om det inte finns några.")
    elif not isinstance(data["activities"], list):
        top.error(
            "activities",
            f"måste vara en lista [ … ] med aktiviteter, men är {_kind_of(data['activities'])}.",
        )
    elif len(data["activities"]) > (limit := max_rows()):
        top.error(
            "activities",
            f"har {len(data['activities'])} rader, men en beräkning får ha högst {limit}. Dela "
            "upp den på flera beräkningar.",
        )
    else:
        for number, row in enumerate(data["activities"], start=1):
            activity = _activity(errors, row, number)
            if activity is not None:
                activities.append(activity)

    if errors:
        raise AssessmentFileError(errors)
    return AssessmentFile(
        title=title,
        assessment_date=assessment_date,
        age=age,
        activities=tuple(activities),
    )


def _date(top: _Checker, today: date) -> date | None:
    if "assessment_date" not in top.obj:
        return today
    value = top.obj["assessment_date"]
    parsed = None
    # date.fromisoformat also takes "20261122" and week dates; the spec's form is YYYY-MM-DD.
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            parsed = None
    if parsed is None:
        top.error(
            "assessment_date",
            "måste vara ett datum som finns, skrivet ÅÅÅÅ-MM-DD (till exempel "
            f'"2026-11-22"), men är {_kind_of(value)}.',
        )
    return parsed


def _activity(errors: list[str], row: object, number: int) -> FileActivity | None:
    if not isinstance(row, dict):
        errors.append(
            f"Rad {number}: måste vara ett objekt {{ … }} med fälten need, description, minutes, "
            f"times, per och kind, men är {_kind_of(row)}."
        )
        return None
    check = _Checker(errors, row, ACTIVITY_FIELDS, row=number)
    check.unknown_fields()
    values = {
        "need": check.choice("need", Need, None),
        "description": check.text("description", MAX_DESCRIPTION, required=True),
        "minutes": check.number("minutes", 0, MAX_AMOUNT, "minuter per tillfälle"),
        "times": check.number("times", 0, MAX_AMOUNT, "hur många gånger per period"),
        "per": check.choice("per", Period, None),
        # Spec: days_per_week is "with per: day". It is accepted with any period, since a form
        # keeps its value while the period is changed, but it only counts with per: day
        # (rules.md R4); no rule in the spec refuses it elsewhere.
        "days_per_week": check.integer("days_per_week", 1, 7, default=7),
        "assistants": check.integer("assistants", 1, 2, default=1),
        "kind": check.choice("kind", Kind, None),
        "time_type": check.choice("time_type", TimeType, TimeType.ACTIVE),
        "tube_feeding": check.boolean("tube_feeding", False),
        "note": check.text("note", MAX_NOTE),
    }
    for name, message in row_problems(
        need=values["need"],
        kind=values["kind"],
        time_type=values["time_type"],
        tube_feeding=values["tube_feeding"],
    ).items():
        check.error(name, message)
    if not check.valid:
        return None
    return FileActivity(**values)


# --- Writing ------------------------------------------------------------------------------------


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def to_data(af: AssessmentFile) -> dict:
    """The file as a dict, every field written, keys in the spec's order."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": af.title,
        "assessment_date": af.assessment_date.isoformat(),
        "person": {"age": af.age},
        "activities": [
            {
                "need": Need(a.need).value,
                "description": a.description,
                "minutes": _number(a.minutes),
                "times": _number(a.times),
                "per": Period(a.per).value,
                "days_per_week": a.days_per_week,
                "assistants": a.assistants,
                "kind": Kind(a.kind).value,
                "time_type": TimeType(a.time_type).value,
                "tube_feeding": a.tube_feeding,
                "note": a.note,
            }
            for a in af.activities
        ],
    }


def write(af: AssessmentFile) -> str:
    return json.dumps(to_data(af), ensure_ascii=False, indent=2) + "\n"


def filename(af: AssessmentFile) -> str:
    """A safe ASCII download name from the date; the title may hold anything, so never it."""
    return f"behovsberakning-{af.assessment_date.isoformat()}.json"


# --- The model ----------------------------------------------------------------------------------


def from_model(assessment) -> AssessmentFile:
    """A stored draft as a file, rows in the order the page and the PDF number them."""
    return AssessmentFile(
        title=assessment.title,
        assessment_date=assessment.assessment_date,
        age=assessment.age,
        activities=tuple(
            FileActivity(
                need=row.need,
                description=row.description,
                minutes=row.minutes,
                times=row.times,
                per=row.per,
                days_per_week=row.days_per_week,
                assistants=row.assistants,
                kind=row.kind,
                time_type=row.time_type,
                tube_feeding=row.tube_feeding,
                note=row.note,
            )
            for row in assessment.rows()
        ),
    )


def create_draft(af: AssessmentFile) -> Assessment:
    """A new draft with the file's rows at positions 0..n-1, all or nothing."""
    with transaction.atomic():
        assessment = Assessment.objects.create(
            title=af.title, assessment_date=af.assessment_date, age=af.age
        )
        Activity.objects.bulk_create(
            Activity(
                assessment=assessment,
                position=position,
                need=a.need.value,
                description=a.description,
                minutes=a.minutes,
                times=a.times,
                per=a.per.value,
                days_per_week=a.days_per_week,
                assistants=a.assistants,
                kind=a.kind.value,
                time_type=a.time_type.value,
                tube_feeding=a.tube_feeding,
                note=a.note,
            )
            for position, a in enumerate(af.activities)
        )
    return assessment
