"""The assessment file (behovsfil): the JSON form of `rules.Assessment` and its rows.

The same format is the file a user downloads, the file they upload to continue a draft and the
input of `python manage.py calculate` (spec/assessment-file.md). The draft's parts are declared
in `rules` (`rules.assessment.DRAFT`, read and written by `rules.parts`, version by version);
this module adds what belongs to the file: JSON, the format and version, the limits from the
settings, and the errors, each naming its row or part and field. `read` refuses a file with
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
from datetime import date
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import rules
from .rules import parts
from .rules.draft import DRAFT
from .rules.fields import Field, Type, kind_of, show, table
from .rules.i18n import gettext_noop

FORMAT = "behovsraknare.assessment"
VERSION = parts.LATEST  # what the tool writes
VERSIONS = tuple(range(1, VERSION + 1))  # what it reads: every version, forever (spec)
# The file's own fields, before the draft's.
ENVELOPE = parts.Part(
    "file",
    gettext_noop("Behovsfilen"),
    gettext_noop("behovsfil"),
    table(
        Field("format", gettext_noop("Filformat"), gettext_noop("filformat"), Type.TEXT),
        Field("version", gettext_noop("Version"), gettext_noop("version"), Type.INTEGER),
    ),
)

DEFAULT_MAX_BYTES = 1_000_000
DEFAULT_MAX_ROWS = 500
MAX_ERRORS = 50


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


def _where(name: str) -> str:
    return parts.describe(ENVELOPE, (name,), {})


def validate(data: object, *, today: date) -> rules.Assessment:
    """Check a parsed file against every rule of the spec; raise with all problems found."""
    if not isinstance(data, dict):
        raise AssessmentFileError(
            _(
                "Filen måste innehålla ett JSON-objekt {{ … }} med fälten {names}, men "
                "innehåller {value}. Välj den fil du laddade ned från Behovsräknaren."
            ).format(names=", ".join((*ENVELOPE.fields, *DRAFT.fields_in(1))), value=kind_of(data))
        )
    version = _check_format(data)
    body = _Object((name, value) for name, value in data.items() if name not in ENVELOPE.fields)
    body.duplicates = getattr(data, "duplicates", ())
    draft, found = parts.read(
        parts.with_default(DRAFT, "assessment_date", today),
        body,
        version=version,
        limits={"activities": (0, max_rows())},
    )
    if found:
        raise AssessmentFileError(parts.worded(DRAFT, found, body))
    return draft


def _check_format(data: dict) -> int:
    """An unknown format or version: the other fields cannot be judged, so stop here."""
    where_format = _where("format")
    where_version = _where("version")
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


# --- Writing ------------------------------------------------------------------------------------


def to_data(assessment: rules.Assessment) -> dict:
    """The file as a dict, keys in the spec's order; optional parts only when present."""
    return {
        "format": FORMAT,
        "version": VERSION,
        **parts.write(DRAFT, assessment, version=VERSION),
    }


def write(assessment: rules.Assessment) -> str:
    return json.dumps(to_data(assessment), ensure_ascii=False, indent=2) + "\n"
