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
"""

import json
from dataclasses import replace
from datetime import date
from typing import Any

from django.conf import settings
from django.utils import timezone

from . import rules
from .rules import activity as row_table
from .rules import assessment as draft_table
from .rules.fields import check_object, kind_of, printable, show, to_plain

FORMAT = "behovsraknare.assessment"
VERSION = 1

DEFAULT_MAX_BYTES = 1_000_000
DEFAULT_MAX_ROWS = 500
MAX_ERRORS = 50

# The names at the top of a file, in the order `write` uses, and what the messages call the
# ones that are not the draft's own fields.
TOP_NAMES = ("format", "version", *draft_table.FIELDS, "person", "activities")
TOP_MEANINGS = {
    "format": "filformat",
    "version": "version",
    **{name: f.meaning for name, f in draft_table.FIELDS.items()},
    "person": "personen",
    "activities": "aktiviteter",
}
ACTIVITY_FIELDS = row_table.FIELDS
ROW_MEANINGS = {name: f.meaning for name, f in ACTIVITY_FIELDS.items()}
PERSON_MEANINGS = {name: f.meaning for name, f in draft_table.PERSON_FIELDS.items()}


class AssessmentFileError(Exception):
    """A file that cannot be read; `errors` holds the problems found, in Swedish."""

    def __init__(self, errors: list[str] | str):
        errors = [errors] if isinstance(errors, str) else list(errors)
        if len(errors) > MAX_ERRORS:
            more = len(errors) - MAX_ERRORS
            errors = [
                *errors[:MAX_ERRORS],
                f"… och {more} fel till. Rätta felen ovan och försök igen, eller välj den fil du "
                "laddade ned från Behovsräknaren.",
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
        f"Filen innehåller värdet {name}, som inte är ett tal i en behovsfil. Skriv ett vanligt "
        "tal i stället."
    )


# Files people pick by mistake, by their first bytes, so that the message can say what it is.
_NOT_A_BEHOVSFIL = (
    (b"%PDF", "Det här är en PDF, inte en sparad beräkning."),
    (b"PK\x03\x04", "Det här är ett Word-, Excel- eller zip-dokument, inte en sparad beräkning."),
    (b"\xd0\xcf\x11\xe0", "Det här är ett Word- eller Excel-dokument, inte en sparad beräkning."),
    (b"{\\rtf", "Det här är ett textdokument (RTF), inte en sparad beräkning."),
    (b"\x89PNG", "Det här är en bild, inte en sparad beräkning."),
    (b"\xff\xd8\xff", "Det här är en bild, inte en sparad beräkning."),
    (b"GIF8", "Det här är en bild, inte en sparad beräkning."),
)


def _what_it_is(source: bytes) -> str | None:
    head = source[:16].lstrip()
    for magic, message in _NOT_A_BEHOVSFIL:
        if head.startswith(magic):
            return message
    if head[:1] == b"<":
        return "Det här är en webbsida eller XML, inte en sparad beräkning."
    return None


def read(source: bytes | str, *, today: date | None = None) -> rules.Assessment:
    """Parse and validate a file; raise AssessmentFileError with every problem found."""
    if isinstance(source, bytes) and (what := _what_it_is(source)) is not None:
        raise AssessmentFileError(
            f"{what} Välj den fil som slutar på .json och som du laddade ned med "
            '"Ladda ner som fil".'
        )
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


def _short(name: object) -> str:
    text = printable(str(name))
    return text if len(text) <= 40 else text[:39] + "…"


def _where(name: object, meanings, *, path: str = "", row: int | None = None) -> str:
    label = f'fältet "{_short(f"{path}{name}")}"'
    if name in meanings:
        label += f" ({meanings[name]})"
    if row is not None:
        return f"Rad {row}, {label}"
    return label[0].upper() + label[1:]


def _messages(problems, meanings, *, path: str = "", row: int | None = None) -> list[str]:
    return [f"{_where(name, meanings, path=path, row=row)}: {text}" for name, text in problems]


def validate(data: object, *, today: date) -> rules.Assessment:
    """Check a parsed file against every rule of the spec; raise with all problems found."""
    if not isinstance(data, dict):
        raise AssessmentFileError(
            "Filen måste innehålla ett JSON-objekt { … } med fälten "
            f"{', '.join(TOP_NAMES)}, men innehåller {kind_of(data)}. Välj den fil du laddade "
            "ned från Behovsräknaren."
        )
    _check_format(data)

    fields = {
        **draft_table.FIELDS,
        "assessment_date": replace(draft_table.FIELDS["assessment_date"], default=today),
    }
    top, problems = check_object(
        data, fields, allowed=TOP_NAMES, duplicates=getattr(data, "duplicates", ())
    )
    errors = _messages(problems, TOP_MEANINGS)
    age = None
    if "person" in data:
        person = data["person"]
        if isinstance(person, dict):
            values, problems = check_object(
                person, draft_table.PERSON_FIELDS, duplicates=getattr(person, "duplicates", ())
            )
            errors += _messages(problems, PERSON_MEANINGS, path="person.")
            age = values.get("age")
        else:
            errors.append(
                f"{_where('person', TOP_MEANINGS)}: måste vara ett objekt som "
                f'{{"age": 5}}, men är {kind_of(person)}.'
            )

    activities = _activities(errors, data)
    if errors:
        raise AssessmentFileError(errors)
    return rules.Assessment(
        title=top["title"],
        assessment_date=top["assessment_date"],
        age=age,
        activities=tuple(activities),
    )


def _check_format(data: dict) -> None:
    """An unknown format or version: the other fields cannot be judged, so stop here."""
    if "format" not in data:
        raise AssessmentFileError(
            f'Fältet "format" (filformat): saknas. En behovsfil från Behovsräknaren har '
            f'"format": "{FORMAT}"; välj den fil du laddade ned därifrån.'
        )
    if data["format"] != FORMAT:
        raise AssessmentFileError(
            f'Fältet "format" (filformat): måste vara "{FORMAT}", men är '
            f"{kind_of(data['format'])}. Det här är inte en behovsfil från Behovsräknaren."
        )
    if "version" not in data:
        raise AssessmentFileError(
            f'Fältet "version" (version): saknas. En behovsfil från Behovsräknaren har '
            f'"version": {VERSION}.'
        )
    version = data["version"]
    if isinstance(version, bool) or not isinstance(version, int | float):
        raise AssessmentFileError(
            f'Fältet "version" (version): måste vara talet {VERSION}, men är {kind_of(version)}.'
        )
    if version != VERSION:
        raise AssessmentFileError(
            f'Fältet "version" (version): filen har version {show(version)}, men det här '
            f"verktyget kan bara läsa version {VERSION}. Filen kommer från en annan version av "
            "Behovsräknaren: öppna den där, eller gör beräkningen på nytt här."
        )


def _activities(errors: list[str], data: dict) -> list[rules.Activity]:
    where = _where("activities", TOP_MEANINGS)
    if "activities" not in data:
        errors.append(
            f"{where}: saknas. Ange en lista med aktiviteter, [] om det inte finns några."
        )
        return []
    rows = data["activities"]
    if not isinstance(rows, list):
        errors.append(
            f"{where}: måste vara en lista [ … ] med aktiviteter, men är {kind_of(rows)}."
        )
        return []
    if len(rows) > (limit := max_rows()):
        errors.append(
            f"{where}: har {len(rows)} rader, men en beräkning får ha högst {limit}. Dela upp "
            "den på flera beräkningar."
        )
        return []
    activities = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            errors.append(
                f"Rad {number}: måste vara ett objekt {{ … }} med fälten need, description, "
                f"minutes, times, per och kind, men är {kind_of(row)}."
            )
            continue
        activity, problems = rules.parse_activity(row, duplicates=getattr(row, "duplicates", ()))
        errors += _messages(problems, ROW_MEANINGS, row=number)
        if activity is not None:
            activities.append(activity)
    return activities


# --- Writing ------------------------------------------------------------------------------------


def to_data(assessment: rules.Assessment) -> dict:
    """The file as a dict, every field written, keys in the spec's order."""
    return {
        "format": FORMAT,
        "version": VERSION,
        **{name: to_plain(getattr(assessment, name)) for name in draft_table.FIELDS},
        "person": {"age": assessment.age},
        "activities": [
            {name: to_plain(value) for name, value in activity.values().items()}
            for activity in assessment.activities
        ],
    }


def write(assessment: rules.Assessment) -> str:
    return json.dumps(to_data(assessment), ensure_ascii=False, indent=2) + "\n"


def filename(assessment: rules.Assessment) -> str:
    """A safe ASCII download name from the date; the title may hold anything, so never it."""
    return f"behovsberakning-{assessment.assessment_date.isoformat()}.json"
