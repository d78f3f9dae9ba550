"""Between the rules' values and the database's columns (assessments.models).

The draft's own columns hold its details and person by their field names and each part that
may be absent (the period, the night, the decision) as "<part>_<field>": the part is there when
its required fields are, and an absent part keeps its other columns' values for when it comes
back. A value is stored only if its field's rules take it (`refuse_broken`); a value an older
version stored invalid is read as its field's stand-in (`rules.fields.repaired`) and named.
"""

from enum import StrEnum
from fractions import Fraction

from django.utils.text import slugify

from . import rules
from .rules import assessment as draft_table
from .rules.fields import Field, Type, repaired

# The parts of the draft stored in its own columns: the rules' attribute, its fields, its type.
STORED_PARTS = {
    "period": (draft_table.PERIOD_FIELDS, rules.GrantPeriod),
    "night": (draft_table.NIGHT_FIELDS, rules.Night),
    "decision": (draft_table.DECISION_FIELDS, rules.Decision),
}
# The draft's own columns by the field each holds, by their prefix ("" for the details).
DRAFT_COLUMNS: dict[str, dict[str, Field]] = {
    "": {**draft_table.FIELDS, **draft_table.PERSON_FIELDS},
    **{f"{name}_": fields for name, (fields, _type) in STORED_PARTS.items()},
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


def broken(fields: dict[str, Field], values: dict) -> list[str]:
    """The fields whose values break their own field's rules."""
    return [name for name, value in values.items() if repaired(fields[name], value)[1]]


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
        return db_value(field.default)
    return "" if field.type in (Type.CHOICE, Type.TEXT) else None


def draft_values(draft: rules.Assessment) -> dict:
    """The draft's own columns from a draft of the rules."""
    values = {f"{name}": db_value(getattr(draft, name)) for name in DRAFT_COLUMNS[""]}
    for part, (fields, _type) in STORED_PARTS.items():
        obj = getattr(draft, part)
        for name, f in fields.items():
            values[f"{part}_{name}"] = db_value(getattr(obj, name)) if obj else _absent(f)
    return values


def present(stored, prefix: str) -> bool:
    """Whether the stored draft has the part of `prefix`: all of its required fields."""
    return all(
        getattr(stored, prefix + name) not in (None, "")
        for name, f in DRAFT_COLUMNS[prefix].items()
        if f.required
    )


def part_values(stored, prefix: str) -> tuple[dict, list[Field]]:
    """A part's stored values as the rules read them, and the fields stored invalid."""
    values, broken_fields = {}, []
    for name, f in DRAFT_COLUMNS[prefix].items():
        values[name], was_broken = repaired(f, getattr(stored, prefix + name))
        if was_broken:
            broken_fields.append(f)
    return values, broken_fields


def parts(stored) -> dict:
    """The stored draft's parts as the rules' objects, None for an absent one."""
    return {
        name: rules_type(**part_values(stored, f"{name}_")[0])
        if present(stored, f"{name}_")
        else None
        for name, (_fields, rules_type) in STORED_PARTS.items()
    }


def draft_problems(stored, names=None) -> list[str]:
    """The columns of `names` (default all) whose values the draft's tables refuse; a part
    that may be absent is checked whole, so that it is never half there."""
    problems = []
    for prefix, fields in DRAFT_COLUMNS.items():
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
