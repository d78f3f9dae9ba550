"""Declared fields: what an object of the assessment holds, declared once as a table.

Each object (a row, the draft, the person) has a table of `Field`s: its name in the file, its
label and meaning (Swedish message ids, `gettext_noop`, translated when shown), its type,
bounds and default. The file reader checks plain values
(from JSON, or the catalogue's TOML) against the table (`parts.read`); the forms build their
fields from the same table; the model converts through its names. The checks are written by
hand, the way healthchecks checks its declared API schema, so that every message is plain
language that says what is wrong and how to put it right, in the language being shown.
"""

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum
from fractions import Fraction
from typing import Any

from .i18n import Lazy, _

Text = str | Lazy  # a text of a table: a `gettext_noop` Lazy, translated when shown


class Type(StrEnum):
    TEXT = "text"
    NUMBER = "number"  # any real number, held as an exact Fraction
    INTEGER = "integer"
    CHOICE = "choice"  # one value of `Field.choices`, an enum
    BOOLEAN = "boolean"
    DATE = "date"  # "YYYY-MM-DD"
    MONTH = "month"  # "YYYY-MM", held as the first day of the month
    TIME = "time"  # "HH:MM"
    KEY = "key"  # an identifier other values refer to: 1–30 of a-z 0-9 _ -
    KEYS = "keys"  # a list of keys, each at most once
    OBJECT = "object"  # a nested object, checked by its own table (`Field.part`)
    LIST = "list"  # a list of such objects
    MAP = "map"  # such objects by key: {"holiday": {...}}


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()


@dataclass(frozen=True)
class Field:
    name: str
    label: Text  # as a form shows it: "Minuter per tillfälle"
    meaning: Text  # as a file error names it: 'fältet "minutes" (minuter per tillfälle)'
    type: Type
    default: Any = REQUIRED
    low: int | None = None
    high: int | None = None
    low_open: bool = False  # a number must be greater than `low`, not equal to it
    choices: type[StrEnum] | None = None
    max_length: int | None = None
    nullable: bool = False  # null is a value (the file writes it), not a wrong type
    blank: bool = True  # text may be empty or only spaces
    help: Text = ""
    # The form's own messages, by Django's error codes ("required", "invalid", "range", ...);
    # "what" names the value after "Ange" in a file error, "blank_file" is a file's empty text.
    messages: Mapping[str, Text] = field(default_factory=dict)
    # What a value stored invalid (by an older version) is read as, so that the draft still
    # opens and says so: the default, unless the field has none or it would break a rule.
    fallback: Any = REQUIRED
    since: int = 1  # the file version it appeared in
    part: Any = None  # the `parts.Part` an OBJECT, LIST or MAP field holds

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    @property
    def empty_is_default(self) -> bool:
        """Whether a form may leave the field empty to mean its default: no text, no number
        (0 or None), not ticked, nothing chosen. A field that must hold one of its values (a
        choice, a number of days) refuses an empty value instead (issue 18)."""
        if self.type == Type.BOOLEAN or self.nullable:
            return True
        if self.type == Type.TEXT:
            return self.blank and not self.required
        return self.default in (None, 0) and not self.required

    @property
    def stand_in(self) -> Any:
        return self.default if self.fallback is REQUIRED else self.fallback


def table(*fields: Field) -> dict[str, Field]:
    return {f.name: f for f in fields}


def to_number(value: Fraction | float | int | str) -> Fraction:
    # A float from JSON or a form is read by its decimal text, so 0.1 stays exactly 1/10.
    if isinstance(value, float):
        return Fraction(str(value))
    return Fraction(value)


def show(value: object) -> str:
    """A value as the file writes it, shortened, for an error message."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    text = printable(text)
    return text if len(text) <= 60 else text[:59] + "…"


def kind_of(value: object) -> str:
    match value:
        case None:
            return "null"
        case bool():
            return _("ett sant/falskt-värde")
        case dict():
            return _("ett objekt { … }")
        case list():
            return _("en lista [ … ]")
    return show(value)


def printable(text: str) -> str:
    """Lone surrogates cannot be printed or stored: show them escaped."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def is_text(value: str) -> bool:
    """Storable text: no NUL (PostgreSQL cannot hold it) and no lone UTF-16 surrogate."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def choices_text(enum: type[StrEnum]) -> str:
    return ", ".join(f'"{member.value}"' for member in enum)


def _number_bounds(f: Field) -> str:
    if f.low_open and f.high is not None:
        return _("ett tal större än {low} och högst {high}").format(low=f.low, high=f.high)
    if f.low_open:
        return _("ett tal större än {low}").format(low=f.low)
    return _("ett tal från {low} till {high}").format(low=f.low, high=f.high)


def _must_be(what: str, value: object) -> "Invalid":
    return Invalid(_("måste vara {what}, men är {value}.").format(what=what, value=kind_of(value)))


def month_text(value: date) -> str:
    return f"{value.year:04d}-{value.month:02d}"


KEY_PATTERN = re.compile(r"[a-z0-9_-]{1,30}")


class Invalid(Exception):
    """A value that does not fit its field; the message follows 'fältet "x" (...): '."""


def check(f: Field, value: object) -> Any:
    """A plain value (JSON or TOML) as the field holds it; raise Invalid with why not."""
    if value is None and f.nullable:
        return None
    match f.type:
        case Type.NUMBER:
            # Compare before converting: a huge JSON integer must not overflow float().
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or (isinstance(value, float) and not math.isfinite(value))
                or (f.low_open and not value > f.low)
                or (not f.low_open and not value >= f.low)
                or (f.high is not None and not value <= f.high)
            ):
                raise _must_be(_number_bounds(f), value)
            return to_number(value)
        case Type.INTEGER:
            whole = (isinstance(value, int) and not isinstance(value, bool)) or (
                isinstance(value, float) and math.isfinite(value) and value.is_integer()
            )
            if not whole or not f.low <= value <= f.high:
                what = (
                    _("{low} eller {high}")
                    if f.high == f.low + 1
                    else _("ett heltal från {low} till {high}")
                )
                raise _must_be(what.format(low=f.low, high=f.high), value)
            return int(value)
        case Type.TEXT:
            if not isinstance(value, str):
                raise _must_be(_("en text"), value)
            if not f.blank and not value.strip():
                message = f.messages.get("blank_file") or _("får inte vara tom.")
                raise Invalid(str(message).format(limit=f.max_length))
            if f.max_length is not None and len(value) > f.max_length:
                raise Invalid(
                    _(
                        "är {length} tecken lång, men får vara högst {limit} tecken. Korta texten."
                    ).format(length=len(value), limit=f.max_length)
                )
            if not is_text(value):
                raise Invalid(_("innehåller tecken som inte är vanlig text. Ta bort dem."))
            return value
        case Type.CHOICE:
            if isinstance(value, str):
                try:
                    return f.choices(value)
                except ValueError:
                    pass
            raise _must_be(_("något av {choices}").format(choices=choices_text(f.choices)), value)
        case Type.BOOLEAN:
            if not isinstance(value, bool):
                raise _must_be(_("true eller false"), value)
            return value
        case Type.DATE:
            parsed = None
            # date.fromisoformat also takes "20261122" and week dates; the file's is YYYY-MM-DD.
            if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
                try:
                    parsed = date.fromisoformat(value)
                except ValueError:
                    parsed = None
            if parsed is None:
                raise _must_be(
                    _('ett datum som finns, skrivet ÅÅÅÅ-MM-DD (till exempel "2026-11-22")'), value
                )
            return parsed
        case Type.MONTH:
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value):
                year, month = int(value[:4]), int(value[5:])
                if year >= 1 and 1 <= month <= 12:
                    return date(year, month, 1)
            raise _must_be(
                _('ett år och en månad, skrivet ÅÅÅÅ-MM (till exempel "2019-03")'), value
            )
        case Type.TIME:
            if isinstance(value, str) and re.fullmatch(r"\d{2}:\d{2}", value):
                hours, minutes = int(value[:2]), int(value[3:])
                if hours < 24 and minutes < 60:
                    return time(hours, minutes)
            raise _must_be(_('ett klockslag, skrivet TT:MM (till exempel "22:00")'), value)
        case Type.KEY:
            if isinstance(value, str) and KEY_PATTERN.fullmatch(value):
                return value
            raise _must_be(_('1–30 tecken av a–z, 0–9, _ och - (till exempel "skolvecka")'), value)
        case Type.KEYS:
            if (
                isinstance(value, list)
                and value
                and all(isinstance(v, str) and KEY_PATTERN.fullmatch(v) for v in value)
                and len(set(value)) == len(value)
            ):
                return tuple(value)
            raise _must_be(
                _(
                    "en lista med minst en nyckel, var och en högst en gång (till exempel "
                    '["skola", "lov"])'
                ),
                value,
            )
        case Type.OBJECT if f.part is not None:
            if isinstance(value, dict):
                return value
            raise Invalid(not_an_object(f.part.example, value))
        case Type.OBJECT:
            if isinstance(value, dict):
                return value
            raise _must_be(_("ett objekt { … }"), value)
        case Type.LIST:
            if isinstance(value, list):
                return value
            raise Invalid(
                _("måste vara en lista [ … ] med {items}, men är {value}.").format(
                    items=f.meaning, value=kind_of(value)
                )
            )
        case Type.MAP:
            if isinstance(value, dict) and all(
                isinstance(key, str) and KEY_PATTERN.fullmatch(key) for key in value
            ):
                return value
            raise _must_be(_('ett objekt med nycklar som "skola"'), value)
    raise AssertionError(f"unknown field type {f.type}")


def not_an_object(example: str, value: object) -> str:
    if not example:
        return _("måste vara ett objekt {{ … }}, men är {value}.").format(value=kind_of(value))
    return _("måste vara ett objekt som {example}, men är {value}.").format(
        example=example, value=kind_of(value)
    )


def missing_message(f: Field) -> str:
    match f.type:
        case Type.CHOICE:
            return _("saknas. Ange något av {choices}.").format(choices=choices_text(f.choices))
        case Type.TEXT:
            return _("saknas. Ange en text på högst {limit} tecken.").format(limit=f.max_length)
    return _("saknas. Ange {what}.").format(what=f.messages.get("what", f.meaning))


def repaired(f: Field, stored: Any) -> tuple[Any, bool]:
    """A stored value as the field holds it, and whether it had to be replaced: a value an
    older version stored invalid becomes the field's stand-in (text is shortened and cleaned
    instead, so that nothing the person wrote is lost)."""
    if stored is None and f.default is None:
        return None, False  # stored as absent: every week type, granted as claimed
    try:
        return check(f, plain(f, stored)), False
    except (Invalid, TypeError, ValueError, OverflowError):
        pass
    if f.type == Type.TEXT and isinstance(stored, str) and (f.blank or stored.strip()):
        text = printable(stored).replace("\x00", "")[: f.max_length]
        return text, True
    return f.stand_in, True


def plain(f: Field, value: Any) -> Any:
    """A field's value as the file writes it."""
    if f.type == Type.MONTH and value is not None:
        return month_text(value)
    return to_plain(value)


def to_plain(value: Any) -> Any:
    """A field's value as the file writes it: numbers as int when whole, enums by value."""
    match value:
        case StrEnum():
            return value.value
        case bool() | None | str():
            return value
        case Fraction() | float() | int():
            number = float(value)
            return int(number) if number.is_integer() else number
        case date():
            return value.isoformat()
        case time():
            return value.strftime("%H:%M")
        case tuple():
            return [to_plain(item) for item in value]
    return value
