"""Between the rules' values and the database's columns (assessments.models).

The draft's own columns hold its details and person by their field names, and each part of one
object that may be absent (a field of the draft's table, `rules.draft.DRAFT`, that holds an
object) as "<part>_<field>": the model's columns are the declaration of what is stored, so a
part is stored in its fields that have a column; a field holding a part of its own (the
decision's night and weeks) is one JSON column, written and read by that part's rules. The
part is there when its required fields are, and an absent part keeps its other columns' values
for when it comes back. A value is stored only if its field's rules take it (`refuse_broken`); a
value an older version stored invalid is read as its field's stand-in (`rules.fields.repaired`)
and named.
"""

from enum import StrEnum
from fractions import Fraction
from functools import cache

from django.utils.text import slugify

from . import rules
from .rules import assessment as draft_table
from .rules.draft import DRAFT_FIELDS
from .rules.fields import Field, Type, repaired
from .rules.parts import LATEST, Part, read, write


@cache
def stored_parts(model) -> dict[str, tuple[Part, dict[str, Field]]]:
    """The draft's parts of one object that `model` has columns for, by name: the part and its
    fields so stored."""
    names = {f.name for f in model._meta.concrete_fields}
    found = {}
    for name, f in DRAFT_FIELDS.items():
        if f.type == Type.OBJECT and f.part is not None:
            fields = {n: fl for n, fl in f.part.fields.items() if f"{name}_{n}" in names}
            if fields:
                found[name] = (f.part, fields)
    return found


@cache
def draft_columns(model) -> dict[str, dict[str, Field]]:
    """The draft's own columns by the field each holds, by their prefix ("" for the details)."""
    return {
        "": {**draft_table.FIELDS, **draft_table.PERSON_FIELDS},
        **{f"{name}_": fields for name, (_part, fields) in stored_parts(model).items()},
    }


def db_value(value):
    """A value of the rules as the database holds it: enums by value, exact numbers as
    floats (read back by their decimal text, rules.fields.to_number), a decision's changes
    and a row's week types as JSON."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, Fraction):
        return float(value)
    if isinstance(value, rules.Decided):
        changes = value.changes() if value.granted else {"granted": False}
        return {name: db_value(v) for name, v in changes.items()}
    if isinstance(value, tuple):
        return list(value)
    return value


def column_value(f: Field, value):
    """A field's value as its column holds it. A field holding a part of its own (the
    decision's night and weeks, spec "More of the decision") is stored in one JSON column, as
    the file writes it."""
    if f.part is None or value is None:
        return db_value(value)
    if f.type == Type.MAP:
        return {key: write(f.part, item, version=LATEST) for key, item in value.items()}
    return write(f.part, value, version=LATEST)


def column_read(f: Field, stored) -> tuple:
    """A column's value as the rules read it, and whether it had to be replaced (a value an
    older version stored invalid): a part in a JSON column is read by the part's own rules."""
    if f.part is None:
        return repaired(f, stored)
    if stored is None:
        return f.default, False
    items = stored.items() if f.type == Type.MAP and isinstance(stored, dict) else None
    if f.type == Type.MAP and items is None:
        return f.default, True
    made = {}
    for key, item in items if items is not None else [(None, stored)]:
        made[key], found = read(f.part, item, version=LATEST)
        if found:
            return f.default, True
    return (made if items is not None else made[None]), False


def broken(fields: dict[str, Field], values: dict) -> list[str]:
    """The fields whose values break their own field's rules."""
    return [name for name, value in values.items() if column_read(fields[name], value)[1]]


def refuse_broken(what: str, names) -> None:
    """Nothing invalid is stored (issue 18): the forms refuse it first, so this is a bug."""
    if names:
        raise ValueError(f"refusing to store {what} with invalid {', '.join(names)}")


def new_key(used: set[str], name: str) -> str:
    """A week type's key, made from its name: never changed after, since the rows refer to it."""
    base = slugify(name)[:24] or "vecka"
    key, number = base, 2
    while key in used:
        key, number = f"{base}-{number}", number + 1
    return key


def _absent(field: Field):
    """What an absent part's column holds: its default, or empty for a required field."""
    if not field.required:
        return column_value(field, field.default)
    return "" if field.type in (Type.CHOICE, Type.TEXT) else None


def draft_values(model, draft: rules.Assessment) -> dict:
    """The draft's own columns from a draft of the rules."""
    values = {name: db_value(getattr(draft, name)) for name in draft_columns(model)[""]}
    for part, (_part, fields) in stored_parts(model).items():
        obj = getattr(draft, part)
        for name, f in fields.items():
            values[f"{part}_{name}"] = column_value(f, getattr(obj, name)) if obj else _absent(f)
    return values


def present(stored, prefix: str) -> bool:
    """Whether the stored draft has the part of `prefix`: all of its required fields."""
    return all(
        getattr(stored, prefix + name) not in (None, "")
        for name, f in draft_columns(type(stored))[prefix].items()
        if f.required
    )


def part_values(stored, prefix: str) -> tuple[dict, list[Field]]:
    """A part's stored values as the rules read them, and the fields stored invalid."""
    values, broken_fields = {}, []
    for name, f in draft_columns(type(stored))[prefix].items():
        values[name], was_broken = column_read(f, getattr(stored, prefix + name))
        if was_broken:
            broken_fields.append(f)
    return values, broken_fields


def parts(stored) -> dict:
    """The stored draft's parts as the rules' objects, None for an absent one."""
    return {
        name: part.make(**part_values(stored, f"{name}_")[0])
        if present(stored, f"{name}_")
        else None
        for name, (part, _fields) in stored_parts(type(stored)).items()
    }


def draft_problems(stored, names=None) -> list[str]:
    """The columns of `names` (default all) whose values the draft's tables refuse; a part
    that may be absent is checked whole, so that it is never half there."""
    problems = []
    for prefix, fields in draft_columns(type(stored)).items():
        columns = [prefix + name for name in fields]
        if names is not None and not set(columns) & set(names):
            continue
        if prefix and not present(stored, prefix):
            # An absent part: all of its required fields are empty, not half of them.
            problems += [
                prefix + name
                for name, f in fields.items()
                if f.required and getattr(stored, prefix + name) not in (None, "")
            ]
            fields = {n: f for n, f in fields.items() if not f.required}
        values = {name: getattr(stored, prefix + name) for name in fields}
        found = [prefix + name for name in broken(fields, values)]
        problems += [n for n in found if names is None or prefix or n in names]
    return problems
