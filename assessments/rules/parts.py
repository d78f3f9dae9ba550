"""The draft's parts, declared once, and the one reader and writer that walk them.

Every object of an assessment (the draft itself, the person, the period, a week type, the
night, the decision, a row, what a decision granted on a row) is a `Part`: its name in the
file, its table of fields (`rules.fields`), the file version it appeared in, the rules between
its fields (`problems`, one Swedish sentence each) and how its values become the rules' type
(`make`) and back (`values`). A part is one object or a list of them (`many`), and a field of a
part may hold another part: one object (`Type.OBJECT`), a list (`Type.LIST`) or objects by key
(`Type.MAP`), each declared with `Part.field()`.

`read` turns plain values (a file's JSON, the catalogue's TOML) into the rules' objects, with
every problem found named by its place: `Rad 3, fältet "decided.minutes" (minuter per
tillfälle): …`. `plain` writes an object back as `read` reads it. The forms build their fields
from the same tables and ask the same `problems`; the model stores through the same names.
Pure Python, no Django.
"""

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from .fields import (
    Field,
    Invalid,
    Text,
    Type,
    check,
    missing_message,
    not_an_object,
    plain,
    printable,
)
from .i18n import _

# Where a problem is: field names and item numbers (0-based) from the part read, e.g.
# ("activities", 2, "decided", "minutes") or ("person", "birth_month").
Path = tuple[str | int, ...]
EMPTY: Mapping = MappingProxyType({})
LATEST = 3  # the newest version of the file that the parts know (spec/assessment-file.md)


def no_problems(values: Mapping, parent: Mapping | None = None) -> Mapping[str | Path, str]:
    return {}


@dataclass(frozen=True, eq=False)  # a part is itself: compared and hashed by identity
class Part:
    """One object of the assessment, or a list of such objects (`many`)."""

    name: str  # as the file names it: "night", "week_types"
    label: Text  # as the page names it: "Natten"
    meaning: Text  # as a file error names it: "nattvila"
    fields: Mapping[str, Field]
    # The values read (a dict by field name, nested parts already made) -> the rules' object,
    # and the object -> its values (only those to write: a value left out means the default).
    make: Callable[..., Any] = dict
    values: Callable[[Any], Mapping[str, Any]] | None = None
    # The rules between its fields: (values found, the enclosing object's values) -> {field
    # name, or a path below this part: one Swedish sentence}. Each rule checks only fields
    # that were read, so a wrong value is said once, at its own field.
    problems: Callable[..., Mapping[str | Path, str]] = no_problems
    since: int = 1  # the file version it appeared in
    example: str = ""  # a sketch of one object, for "måste vara ett objekt som …"
    # A list: how many items it may have, a field no two items share, how an error names an
    # item ("Rad {number}"; a function of the number and the item's plain values may use
    # those: 'Dagplan "Skoldag"'), and its own sentences ("few", "many": {count} {low} {high};
    # "unique": {value}).
    many: bool = False
    limits: tuple[int, int | None] = (0, None)
    unique: str | None = None
    place: Text | Callable[[int, Mapping], str] = ""
    messages: Mapping[str, Text] = field(default_factory=dict)

    def field(self, *, default: Any = None, **overrides) -> Field:
        """The field of an enclosing part that holds this one: absent means `default`."""
        kind = Type.LIST if self.many else Type.OBJECT
        return Field(
            self.name,
            self.label,
            self.meaning,
            kind,
            default=default,
            part=self,
            since=self.since,
            **overrides,
        )

    def fields_in(self, version: int) -> dict[str, Field]:
        return {name: f for name, f in self.fields.items() if f.since <= version}

    def values_of(self, obj: Any) -> Mapping[str, Any]:
        if self.values is not None:
            return self.values(obj)
        return {name: getattr(obj, name) for name in self.fields}

    def place_of(self, number: int, item: Mapping) -> str:
        if callable(self.place):
            return self.place(number, item)
        return str(self.place).format(number=number)


# --- Reading ------------------------------------------------------------------------------------


@dataclass
class _Reading:
    version: int
    limits: Mapping[str, tuple[int, int | None]]
    found: list[tuple[Path, str]] = field(default_factory=list)

    def problem(self, path: Path, message: str) -> None:
        self.found.append((path, message))


def read(
    part: Part,
    obj: object,
    *,
    version: int,
    limits: Mapping[str, tuple[int, int | None]] = EMPTY,
    parent: Mapping | None = None,
) -> tuple[Any | None, list[tuple[Path, str]]]:
    """An object of `part` from plain values, or None and every problem found, each with its
    path (`describe` words it). `limits` overrides a list part's limits by its name."""
    reading = _Reading(version, limits)
    made = _object(part, obj, (), reading, parent)
    return (None if reading.found else made), reading.found


def _object(part: Part, obj: object, path: Path, reading: _Reading, parent) -> Any:
    if not isinstance(obj, Mapping):
        reading.problem(path, not_an_object(part.example, obj))
        return None
    fields = part.fields_in(reading.version)
    later = [name for name in obj if name in part.fields and name not in fields]
    for name in later:
        reading.problem(
            (*path, name),
            _(
                'finns bara i version {since} av behovsfilen. Ändra "version" till {since} '
                "eller ta bort fältet."
            ).format(since=part.fields[name].since),
        )
    values, problems = check_object(
        {name: value for name, value in obj.items() if name not in later},
        fields,
        duplicates=getattr(obj, "duplicates", ()),
    )
    for name, message in problems:
        reading.problem((*path, name), message)
    before = len(reading.found)
    for name, f in fields.items():
        if f.part is not None and name in obj and name in values:
            values[name] = _nested(f, values[name], (*path, name), reading, values)
    rules_broken = part.problems(values, parent)
    for key, message in rules_broken.items():
        reading.problem((*path, *(key if isinstance(key, tuple) else (key,))), message)
    if problems or later or rules_broken or len(reading.found) > before:
        return None
    return part.make(**values)


def _nested(f: Field, value: Any, path: Path, reading: _Reading, parent: Mapping) -> Any:
    part = f.part
    if f.type == Type.OBJECT:
        return _object(part, value, path, reading, parent)
    if f.type == Type.MAP:
        return {
            key: _object(part, item, (*path, key), reading, parent) for key, item in value.items()
        }
    low, high = reading.limits.get(part.name, part.limits)
    if len(value) < low or (high is not None and len(value) > high):
        wording = part.messages["few" if len(value) < low else "many"]
        reading.problem(path, str(wording).format(count=len(value), low=low, high=high))
        return None
    items = tuple(
        _object(part, item, (*path, index), reading, parent) for index, item in enumerate(value)
    )
    if part.unique is not None:
        seen = set()
        for index, item in enumerate(value):
            key = item.get(part.unique) if isinstance(item, Mapping) else None
            if isinstance(key, str) and key in seen:
                message = str(part.messages["unique"]).format(value=key)
                reading.problem((*path, index, part.unique), message)
            seen.add(key)
    return items


def check_object(
    obj: Mapping,
    fields: Mapping[str, Field],
    *,
    allowed: tuple[str, ...] | None = None,
    duplicates: tuple[str, ...] = (),
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Every field of `obj` checked against its table: (values, [(field name, message)]).

    Missing optional fields take their defaults; a field with a problem is left out of the
    values. Names outside `allowed` (the table's names by default) and repeated names are
    problems too: the file would show one thing and mean another.
    """
    allowed = tuple(fields) if allowed is None else allowed
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for name in duplicates:
        problems.append(
            (
                name,
                _(
                    "finns två gånger. Ta bort det ena så att det är entydigt vilket värde som "
                    "gäller."
                ),
            )
        )
    unknown = [name for name in obj if name not in allowed]
    for position, name in enumerate(unknown):
        # A hint costs a fuzzy match: a file of thousands of unknown names gets a few.
        close = difflib.get_close_matches(str(name), allowed, n=1) if position < 10 else []
        if close:
            message = _(
                'okänt fält i en behovsfil. Menade du "{close}"? Ta bort det eller rätta namnet; '
                "tillåtna fält är {allowed}."
            )
        else:
            message = _(
                "okänt fält i en behovsfil. Ta bort det eller rätta namnet; tillåtna fält är "
                "{allowed}."
            )
        problems.append(
            (name, message.format(close=close[0] if close else "", allowed=", ".join(allowed)))
        )
    for name, f in fields.items():
        if name not in obj:
            if f.required:
                problems.append((name, missing_message(f)))
            else:
                values[name] = f.default
            continue
        try:
            values[name] = check(f, obj[name])
        except Invalid as error:
            problems.append((name, str(error)))
    return values, problems


# --- Where a problem is, in words ---------------------------------------------------------------


def describe(part: Part, path: Path, data: object) -> str:
    """A problem's place as a file error names it: 'Rad 3, fältet "decided.minutes"
    (minuter per tillfälle)', 'Fältet "person.age" (ålder)' or 'Veckotyp 2'. `data` is the
    plain object read (the file), whose items may give their place its words."""
    places: list[str] = []
    names: list[str] = []
    meaning = None
    current, at_key = part, False
    for step in path:
        if isinstance(step, int):
            data = data[step] if isinstance(data, list) and step < len(data) else None
            places.append(current.place_of(step + 1, data if isinstance(data, Mapping) else {}))
            names, meaning = [], None
            continue
        data = data.get(step) if isinstance(data, Mapping) else None
        names.append(str(step))
        if at_key:  # the key of an object in a map: its fields follow
            at_key, meaning = False, None
            continue
        f = current.fields.get(step)
        meaning = f.meaning if f is not None else None
        if f is not None and f.part is not None:
            current, at_key = f.part, f.type == Type.MAP
    where = ""
    if names:
        name = _short(".".join(names))
        if meaning is not None:
            where = _('fältet "{field}" ({meaning})').format(field=name, meaning=meaning)
        else:
            where = _('fältet "{field}"').format(field=name)
    if places:
        return ", ".join([*places, where] if where else places)
    return where[:1].upper() + where[1:]


def _short(name: str) -> str:
    text = printable(name)
    return text if len(text) <= 40 else text[:39] + "…"


def worded(part: Part, found: list[tuple[Path, str]], data: object) -> list[str]:
    """The problems `read` found, each as one sentence that names its place."""
    return [f"{describe(part, path, data)}: {message}" for path, message in found]


# --- Writing ------------------------------------------------------------------------------------


def write(part: Part, obj: Any, *, version: int) -> dict:
    """An object of `part` as `read` reads it, fields in the table's order. A value that is
    left out (or None where null is no value of the field) means the field's default."""
    values = part.values_of(obj)
    data = {}
    for name, f in part.fields_in(version).items():
        if name not in values or (values[name] is None and not f.nullable):
            continue
        value = values[name]
        if f.type == Type.LIST and not value and f.default == ():
            continue  # an optional list left empty (no day plans) is not written: the default
        if f.part is None:
            data[name] = plain(f, value)
        elif f.type == Type.LIST:
            data[name] = [write(f.part, item, version=version) for item in value]
        elif f.type == Type.MAP:
            data[name] = {k: write(f.part, v, version=version) for k, v in value.items()}
        else:
            data[name] = write(f.part, value, version=version)
    return data


def with_default(part: Part, name: str, default: Any) -> Part:
    """The part with another default for one field (the file's assessment date is today)."""
    return replace(part, fields={**part.fields, name: replace(part.fields[name], default=default)})
