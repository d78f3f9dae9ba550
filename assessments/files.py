"""The assessment file (behovsfil): the JSON form of `rules.Assessment` and its rows.

The same format is the file a user downloads, the file they upload to continue a draft and the
input of `python manage.py calculate` (spec/assessment-file.md). The fields are the tables of
`rules.activity` and `rules.assessment`; this module adds what belongs to the file: JSON, the
format and version, and messages that name the row and the field. `read` refuses a file with
every problem found, so that nothing half-valid is imported; `write` gives back a file that
`read` turns into an equal assessment.

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
- At most `MAX_ERRORS` problems are listed, with the number of the rest: a broken file of
  thousands of rows must not become megabytes of messages.

The messages are in the language being shown (Swedish by default); the file itself, its field
names and values, never depends on it.
"""

import json
from dataclasses import replace
from datetime import date
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import rules
from .rules import activity as row_table
from .rules import assessment as draft_table
from .rules.assessment import DEFAULT_WEEK_TYPE
from .rules.fields import check_object, kind_of, plain, printable, show, to_plain
from .rules.formatting import format_number

FORMAT = "behovsraknare.assessment"
VERSION = 2  # what the tool writes
VERSIONS = (1, 2)  # what it reads: version 1 files are read forever (spec)

DEFAULT_MAX_BYTES = 1_000_000
DEFAULT_MAX_ROWS = 500
MAX_ERRORS = 50

# The names of each object of a file, by version, in the order `write` uses. A version 1 file
# is a version 2 file with one week type of 52 weeks, no period, no night and no decision.
TOP_NAMES = {
    1: ("format", "version", "title", "assessment_date", "person", "activities"),
    2: (
        "format",
        "version",
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
}
PERSON_NAMES = {1: ("age",), 2: ("birth_month", "age")}
ROW_NAMES = {
    1: tuple(n for n in row_table.FIELDS if n not in row_table.VERSION_2_FIELDS),
    2: tuple(row_table.FIELDS),
}
ACTIVITY_FIELDS = row_table.FIELDS


def _meanings(fields) -> dict[str, str]:
    return {name: f.meaning for name, f in fields.items()}


TOP_MEANINGS = {
    "format": gettext_lazy("filformat"),
    "version": gettext_lazy("version"),
    **_meanings(draft_table.FIELDS),
    "person": gettext_lazy("personen"),
    "period": gettext_lazy("beviljandeperiod"),
    "week_types": gettext_lazy("veckotyper"),
    "night": gettext_lazy("nattvila"),
    "decision": gettext_lazy("beslut"),
    "activities": gettext_lazy("aktiviteter"),
}
ROW_MEANINGS = {
    **_meanings(ACTIVITY_FIELDS),
    **{f"decided.{name}": f.meaning for name, f in row_table.DECIDED_FIELDS.items()},
}


class AssessmentFileError(Exception):
    """A file that cannot be read; `errors` holds the problems found, in the language shown."""

    def __init__(self, errors: list[str] | str):
        errors = [errors] if isinstance(errors, str) else list(errors)
        if len(errors) > MAX_ERRORS:
            more = len(errors) - MAX_ERRORS
            errors = [
                *errors[:MAX_ERRORS],
                ngettext(
                    "… och {more} fel till. Rätta felen ovan och försök igen, eller välj den fil "
                    "du laddade ned från Behovsräknaren.",
                    "… och {more} fel till. Rätta felen ovan och försök igen, eller välj den fil "
                    "du laddade ned från Behovsräknaren.",
                    more,
                ).format(more=more),
            ]
        self.errors = errors
        super().__init__("\n".join(self.errors))

    def __str__(self) -> str:
        return "\n".join(self.errors)


def max_bytes() -> int:
    return getattr(settings, "ASSESSMENT_FILE_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_rows() -> int:
    return getattr(settings, "ASSESSMENT_MAX_ROWS", DEFAULT_MAX_ROWS)


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
        _(
            "Filen innehåller värdet {name}, som inte är ett tal i en behovsfil. Skriv ett "
            "vanligt tal i stället."
        ).format(name=name)
    )


# Files people pick by mistake, by their first bytes, so that the message can say what it is.
_IMAGE = gettext_lazy("Det här är en bild, inte en sparad beräkning.")
_NOT_A_BEHOVSFIL = (
    (b"%PDF", gettext_lazy("Det här är en PDF, inte en sparad beräkning.")),
    (
        b"PK\x03\x04",
        gettext_lazy("Det här är ett Word-, Excel- eller zip-dokument, inte en sparad beräkning."),
    ),
    (
        b"\xd0\xcf\x11\xe0",
        gettext_lazy("Det här är ett Word- eller Excel-dokument, inte en sparad beräkning."),
    ),
    (b"{\\rtf", gettext_lazy("Det här är ett textdokument (RTF), inte en sparad beräkning.")),
    (b"\x89PNG", _IMAGE),
    (b"\xff\xd8\xff", _IMAGE),
    (b"GIF8", _IMAGE),
)


def _what_it_is(source: bytes) -> str | None:
    head = source[:16].lstrip()
    for magic, message in _NOT_A_BEHOVSFIL:
        if head.startswith(magic):
            return message
    if head[:1] == b"<":
        return _("Det här är en webbsida eller XML, inte en sparad beräkning.")
    return None


def read(source: bytes | str, *, today: date | None = None) -> rules.Assessment:
    """Parse and validate a file; raise AssessmentFileError with every problem found."""
    if isinstance(source, bytes) and (what := _what_it_is(source)) is not None:
        raise AssessmentFileError(
            _(
                '{what} Välj den fil som slutar på .json och som du laddade ned med "Ladda ner '
                'som fil".'
            ).format(what=what)
        )
    limit = max_bytes()
    size = len(source) if isinstance(source, bytes) else len(source.encode("utf-8", "replace"))
    if size > limit:
        raise AssessmentFileError(
            _(
                "Filen är för stor: {size} byte, men en behovsfil får vara högst {limit} byte. "
                "Kontrollera att du valt rätt fil."
            ).format(size=rules.format_number(size, 0), limit=rules.format_number(limit, 0))
        )
    if isinstance(source, bytes):
        try:
            text = source.decode("utf-8")
        except UnicodeDecodeError:
            raise AssessmentFileError(
                _(
                    "Filen är inte sparad som UTF-8-text och kan inte vara en behovsfil. Välj den "
                    "fil du laddade ned från Behovsräknaren, eller spara om den som UTF-8."
                )
            ) from None
    else:
        text = source
    text = text.removeprefix("\ufeff")
    try:
        data = json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_object_pairs)
    except json.JSONDecodeError as error:
        raise AssessmentFileError(
            _(
                "Filen är inte giltig JSON (fel på textrad {line}, tecken {column}). Välj den fil "
                "du laddade ned från Behovsräknaren; har du ändrat den för hand, kontrollera "
                "kommatecken, citattecken och klamrar."
            ).format(line=error.lineno, column=error.colno)
        ) from None
    except RecursionError:
        raise AssessmentFileError(
            _(
                "Filen kan inte läsas: den har värden inuti värden i tusentals nivåer, vilket en "
                "behovsfil aldrig har. Välj den fil du laddade ned från Behovsräknaren."
            )
        ) from None
    except ValueError:
        # Python refuses integers of more than 4300 digits.
        raise AssessmentFileError(
            _(
                "Filen kan inte läsas: den innehåller ett tal med tusentals siffror. Välj den fil "
                "du laddade ned från Behovsräknaren."
            )
        ) from None
    if today is None:
        today = timezone.localdate()
    return validate(data, today=today)


def _short(name: object) -> str:
    text = printable(str(name))
    return text if len(text) <= 40 else text[:39] + "…"


def _where(name: object, meanings, *, path: str = "", place: str | None = None) -> str:
    field = _short(f"{path}{name}")
    if name in meanings:
        label = _('fältet "{field}" ({meaning})').format(field=field, meaning=meanings[name])
    else:
        label = _('fältet "{field}"').format(field=field)
    if place is not None:
        return _("{place}, {field}").format(place=place, field=label)
    return label[0].upper() + label[1:]


class _Errors(list):
    """The problems found so far, as messages that name the object and the field."""

    def add(self, problems, meanings, *, path: str = "", place: str | None = None) -> None:
        self.extend(
            f"{_where(name, meanings, path=path, place=place)}: {text}" for name, text in problems
        )


def _check(errors, obj, fields, names, version, meanings, *, path="", place=None):
    """An object checked against the fields its version has; names that only version 2 has
    get a message of their own in a version 1 file."""
    later = [n for n in obj if version == 1 and n not in names and n in fields]
    errors.add(
        [
            (
                n,
                _(
                    'finns bara i version 2 av behovsfilen. Ändra "version" till 2 eller ta bort '
                    "fältet."
                ),
            )
            for n in later
        ],
        meanings,
        path=path,
        place=place,
    )
    values, problems = check_object(
        {k: v for k, v in obj.items() if k not in later},
        {n: fields[n] for n in names if n in fields},
        allowed=names,
        duplicates=getattr(obj, "duplicates", ()),
    )
    errors.add(problems, meanings, path=path, place=place)
    return values


def _object(errors, data, name, example) -> dict | None:
    """A nested object of the file, or None when it is absent or not an object."""
    if name not in data:
        return None
    value = data[name]
    if isinstance(value, dict):
        return value
    errors.add(
        [
            (
                name,
                _("måste vara ett objekt som {example}, men är {value}.").format(
                    example=example, value=kind_of(value)
                ),
            )
        ],
        TOP_MEANINGS,
    )
    return None


def validate(data: object, *, today: date) -> rules.Assessment:
    """Check a parsed file against every rule of the spec; raise with all problems found."""
    if not isinstance(data, dict):
        raise AssessmentFileError(
            _(
                "Filen måste innehålla ett JSON-objekt {{ … }} med fälten {names}, men "
                "innehåller {value}. Välj den fil du laddade ned från Behovsräknaren."
            ).format(names=", ".join(TOP_NAMES[1]), value=kind_of(data))
        )
    version = _check_format(data)
    errors = _Errors()
    fields = {
        **draft_table.FIELDS,
        "assessment_date": replace(draft_table.FIELDS["assessment_date"], default=today),
    }
    top = _check(errors, data, fields, TOP_NAMES[version], version, TOP_MEANINGS)

    person = {}
    if (obj := _object(errors, data, "person", '{"birth_month": "2019-03"}')) is not None:
        person = _check(
            errors,
            obj,
            draft_table.PERSON_FIELDS,
            PERSON_NAMES[version],
            version,
            _meanings(draft_table.PERSON_FIELDS),
            path="person.",
        )
    period = _period(errors, data)
    week_types = _week_types(errors, data)
    night = _night(errors, data)
    decision = None
    if (obj := _object(errors, data, "decision", '{"by": "fk"}')) is not None:
        values = _check(
            errors,
            obj,
            draft_table.DECISION_FIELDS,
            tuple(draft_table.DECISION_FIELDS),
            2,
            _meanings(draft_table.DECISION_FIELDS),
            path="decision.",
        )
        if "by" in values:
            decision = rules.Decision(**values)
    activities = _activities(errors, data, version)

    _check_birth_month(errors, person, top, period)
    keys = tuple(w.key for w in week_types) if week_types else (DEFAULT_WEEK_TYPE.key,)
    for number, activity in activities:
        problems = row_table.context_problems(
            activity, week_types=keys, night=night is not None, decision=decision is not None
        )
        errors.add(problems.items(), ROW_MEANINGS, place=_("Rad {number}").format(number=number))
    if errors:
        raise AssessmentFileError(errors)
    return rules.Assessment(
        title=top["title"],
        assessment_date=top["assessment_date"],
        hourly_amount=top.get("hourly_amount"),
        age=person.get("age"),
        birth_month=person.get("birth_month"),
        period=period,
        week_types=week_types or (DEFAULT_WEEK_TYPE,),
        night=night,
        decision=decision,
        activities=tuple(activity for _, activity in activities),
    )


def _check_format(data: dict) -> int:
    """An unknown format or version: the other fields cannot be judged, so stop here."""
    where_format = _where("format", TOP_MEANINGS)
    where_version = _where("version", TOP_MEANINGS)
    if "format" not in data:
        raise AssessmentFileError(
            _(
                '{field}: saknas. En behovsfil från Behovsräknaren har "format": "{format}"; '
                "välj den fil du laddade ned därifrån."
            ).format(field=where_format, format=FORMAT)
        )
    if data["format"] != FORMAT:
        raise AssessmentFileError(
            _(
                '{field}: måste vara "{format}", men är {value}. Det här är inte en behovsfil '
                "från Behovsräknaren."
            ).format(field=where_format, format=FORMAT, value=kind_of(data["format"]))
        )
    if "version" not in data:
        raise AssessmentFileError(
            _('{field}: saknas. En behovsfil från Behovsräknaren har "version": {version}.').format(
                field=where_version, version=VERSION
            )
        )
    version = data["version"]
    *earlier, last = map(str, VERSIONS)
    if isinstance(version, bool) or not isinstance(version, int | float):
        raise AssessmentFileError(
            _("{field}: måste vara talet {earlier} eller {last}, men är {value}.").format(
                field=where_version, earlier=", ".join(earlier), last=last, value=kind_of(version)
            )
        )
    if version not in VERSIONS:
        raise AssessmentFileError(
            _(
                "{field}: filen har version {version}, men det här verktyget kan bara läsa "
                "version {earlier} och {last}. Filen kommer från en annan version av "
                "Behovsräknaren: öppna den där, eller gör beräkningen på nytt här."
            ).format(
                field=where_version, version=show(version), earlier=", ".join(earlier), last=last
            )
        )
    return int(version)


def _period(errors: _Errors, data: dict) -> rules.GrantPeriod | None:
    obj = _object(errors, data, "period", '{"start": "2027-01-01", "end": "2027-06-30"}')
    if obj is None:
        return None
    fields = draft_table.PERIOD_FIELDS
    values = _check(errors, obj, fields, tuple(fields), 2, _meanings(fields), path="period.")
    if len(values) < 2:
        return None
    period = rules.GrantPeriod(values["start"], values["end"])
    if period.end < period.start:
        errors.add(
            [("end", _("ligger före periodens början. Byt plats på datumen."))],
            _meanings(fields),
            path="period.",
        )
        return None
    if period.days > draft_table.MAX_PERIOD_DAYS:
        errors.add(
            [
                (
                    "end",
                    _(
                        "perioden är {days} dagar, men får vara högst {limit} dagar "
                        "(Försäkringskassan prövar genomsnittet över högst ett år). Dela upp den."
                    ).format(days=period.days, limit=draft_table.MAX_PERIOD_DAYS),
                )
            ],
            _meanings(fields),
            path="period.",
        )
        return None
    return period


def _week_types(errors: _Errors, data: dict) -> tuple[rules.WeekType, ...]:
    if "week_types" not in data:
        return ()
    value = data["week_types"]
    limit = draft_table.MAX_WEEK_TYPES
    if not isinstance(value, list) or not 1 <= len(value) <= limit:
        errors.add(
            [
                (
                    "week_types",
                    _("måste vara en lista med 1–{limit} veckotyper, men är {value}.").format(
                        limit=limit, value=kind_of(value)
                    ),
                )
            ],
            TOP_MEANINGS,
        )
        return ()
    fields = draft_table.WEEK_TYPE_FIELDS
    found = []
    for number, obj in enumerate(value, start=1):
        place = _("Veckotyp {number}").format(number=number)
        if not isinstance(obj, dict):
            errors.append(
                _(
                    '{place}: måste vara ett objekt som {{"key": "skola", "name": "Skolvecka", '
                    '"weeks": 40}}, men är {value}.'
                ).format(place=place, value=kind_of(obj))
            )
            continue
        values = _check(errors, obj, fields, tuple(fields), 2, _meanings(fields), place=place)
        if values.keys() >= {"key", "name", "weeks"}:
            if any(w.key == values["key"] for w in found):
                errors.add(
                    [
                        (
                            "key",
                            _(
                                '"{key}" används redan av en annan veckotyp. Varje veckotyp '
                                "behöver en egen nyckel."
                            ).format(key=values["key"]),
                        )
                    ],
                    _meanings(fields),
                    place=place,
                )
            found.append(rules.WeekType(**values))
    return tuple(found)


def _night(errors: _Errors, data: dict) -> rules.Night | None:
    obj = _object(errors, data, "night", '{"start": "22:00", "end": "07:00"}')
    if obj is None:
        return None
    fields = draft_table.NIGHT_FIELDS
    values = _check(errors, obj, fields, tuple(fields), 2, _meanings(fields), path="night.")
    if values.keys() < {"start", "end", "cover"}:
        return None
    night = rules.Night(**values)
    low, high = draft_table.MIN_NIGHT_HOURS, draft_table.MAX_NIGHT_HOURS
    if night.start == night.end or not low * 60 <= night.minutes <= high * 60:
        errors.add(
            [
                (
                    "end",
                    _(
                        "nattvilan måste vara från {low} till {high} timmar lång, men är {hours} "
                        "timmar."
                    ).format(low=low, high=high, hours=format_number(Fraction(night.minutes, 60))),
                )
            ],
            _meanings(fields),
            path="night.",
        )
        return None
    return night


def _check_birth_month(errors: _Errors, person: dict, top: dict, period) -> None:
    born = person.get("birth_month")
    last = period.end if period else top.get("assessment_date")
    if born is not None and last is not None and born > last:
        if period:
            message = _("ligger efter periodens slut ({date}). Kontrollera året.")
        else:
            message = _("ligger efter bedömningsdatumet ({date}). Kontrollera året.")
        errors.add(
            [("birth_month", message.format(date=last.isoformat()))],
            _meanings(draft_table.PERSON_FIELDS),
            path="person.",
        )


def _activities(errors: _Errors, data: dict, version: int) -> list[tuple[int, rules.Activity]]:
    where = _where("activities", TOP_MEANINGS)
    if "activities" not in data:
        errors.append(
            _("{field}: saknas. Ange en lista med aktiviteter, [] om det inte finns några.").format(
                field=where
            )
        )
        return []
    rows = data["activities"]
    if not isinstance(rows, list):
        errors.append(
            _("{field}: måste vara en lista [ … ] med aktiviteter, men är {value}.").format(
                field=where, value=kind_of(rows)
            )
        )
        return []
    if len(rows) > (limit := max_rows()):
        errors.append(
            _(
                "{field}: har {rows} rader, men en beräkning får ha högst {limit}. Dela upp den på "
                "flera beräkningar."
            ).format(field=where, rows=len(rows), limit=limit)
        )
        return []
    activities = []
    names = ROW_NAMES[version]
    for number, row in enumerate(rows, start=1):
        place = _("Rad {number}").format(number=number)
        if not isinstance(row, dict):
            errors.append(
                _(
                    "{place}: måste vara ett objekt {{ … }} med fälten need, description, "
                    "minutes, times, per och kind, men är {value}."
                ).format(place=place, value=kind_of(row))
            )
            continue
        later = {n: row[n] for n in row if n not in names and n in ACTIVITY_FIELDS}
        if later:
            _check(errors, later, ACTIVITY_FIELDS, (), version, ROW_MEANINGS, place=place)
            row = _Object((k, v) for k, v in row.items() if k not in later)
        activity, problems = rules.parse_activity(row, duplicates=getattr(row, "duplicates", ()))
        errors.add(problems, ROW_MEANINGS, place=place)
        if activity is not None:
            activities.append((number, activity))
    return activities


# --- Writing ------------------------------------------------------------------------------------


def to_data(assessment: rules.Assessment) -> dict:
    """The file as a dict, keys in the spec's order; optional parts only when present."""
    person_fields = draft_table.PERSON_FIELDS
    data = {
        "format": FORMAT,
        "version": VERSION,
        "title": assessment.title,
        "assessment_date": assessment.assessment_date.isoformat(),
        "person": {name: plain(f, getattr(assessment, name)) for name, f in person_fields.items()},
    }
    if assessment.period is not None:
        data["period"] = {
            "start": assessment.period.start.isoformat(),
            "end": assessment.period.end.isoformat(),
        }
    data["hourly_amount"] = to_plain(assessment.hourly_amount)
    data["week_types"] = [
        {name: to_plain(getattr(w, name)) for name in draft_table.WEEK_TYPE_FIELDS}
        for w in assessment.week_types
    ]
    if assessment.night is not None:
        data["night"] = {
            name: to_plain(getattr(assessment.night, name)) for name in draft_table.NIGHT_FIELDS
        }
    if assessment.decision is not None:
        data["decision"] = {
            name: to_plain(getattr(assessment.decision, name))
            for name in draft_table.DECISION_FIELDS
        }
    data["activities"] = [activity.plain() for activity in assessment.activities]
    return data


def write(assessment: rules.Assessment) -> str:
    return json.dumps(to_data(assessment), ensure_ascii=False, indent=2) + "\n"
