"""Stale edits: one check for the rows and every part of the draft.

A page shows values, a person changes some, and meanwhile another tab or person may have
stored others. A save is judged against what is stored now, object by object: it is refused
when an object it changes (a row, a week type, the period, the night, the decision, what the
decision granted on a row) has changed since the page showed it, and the conflict shows both
values of each field. Judged per object, not per field, because an object's fields mean
something together (minutes, times and a period are one claim; a night's start and end are one
night): a change merged into another person's half-changed object could mean what neither
meant. The draft's details are each an object of their own (the title, the date, the age...):
they mean nothing together, so a change to the title from an older page goes through while
another tab changed the age. "Behåll mina värden" then stores only the fields this page
changed, never the others it merely showed (issue 18, item 9).

What the page showed comes with the post: each field's value as shown, under Django's hidden
initial name ("initial-night_start"). The parts' forms render those inputs; a row's line has no
room for them (a 150-row page would grow by some 60 kB), so app.js sends them from the inputs'
default values. A row posted without them (without JavaScript) is judged by its version: when
the version is still the stored one the page showed what is stored, else every field that
differs from what is stored is taken as this page's change. A save that says neither what it
showed nor which version it saw is based on nothing known, and refused as stale.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError

from assessments.forms.fields import shown

MISSING = object()


@dataclass(frozen=True)
class Conflict:
    """A field of a stale save: what this page has, and what is stored now."""

    label: str
    mine: str
    theirs: str


@dataclass
class Verdict:
    changed: list[str] = field(default_factory=list)  # the fields this page changed, to store
    conflicts: list[Conflict] = field(default_factory=list)
    moved: set[str] = field(default_factory=set)  # the fields stored since the page showed them
    differs: list[str] = field(default_factory=list)  # the fields the page has not as stored

    @property
    def stale(self) -> bool:
        return bool(self.conflicts)


def shown_value(bound: forms.BoundField):
    """The raw value the page showed for a field, or MISSING when the post does not say."""
    form = bound.form
    if bound.html_initial_name not in form.data:
        return MISSING
    return bound.field.hidden_widget().value_from_datadict(
        form.data, form.files, bound.html_initial_name
    )


def judge(
    form: forms.BaseForm,
    names: Iterable[str] | None = None,
    *,
    version: tuple[object, int] | None = None,
    keep_mine: bool = False,
    each_field: bool = False,
) -> Verdict:
    """Judge a bound form built on what is stored now (its initial values): which of `names`
    (default: all its fields) this page changed, and the conflicts that refuse the save.

    `version` is (the version the post says it saw, the stored version), for an object that has
    one. `each_field` judges each field as an object of its own. With `keep_mine` the person
    chose their values over a conflict shown: this page's changes are stored, and only those.
    """
    names = list(form.fields if names is None else names)
    based_on_stored = version is not None and str(version[0]) == str(version[1])
    mine, moved, differs = set(), set(), set()
    for name in names:
        bound, f = form[name], form.fields[name]
        typed, stored, seen = bound.data, bound.initial, shown_value(bound)
        if f.has_changed(stored, typed):
            differs.add(name)
        if seen is MISSING:
            # Not said: the version tells whether the page showed what is stored.
            if name in differs:
                mine.add(name)
                if not based_on_stored:
                    moved.add(name)
            continue
        try:
            if f.has_changed(f.to_python(seen), typed):
                mine.add(name)
        except ValidationError:
            mine.add(name)
        if f.has_changed(stored, seen):
            moved.add(name)
    conflicts = []
    units = [{name} for name in names] if each_field else [set(names)]
    for unit in units:
        # Refused: an object this page changed (to what is not stored) that changed since.
        if not keep_mine and unit & moved and unit & mine & differs:
            conflicts += conflicts_of(form, [name for name in names if name in unit & differs])
    changed = [] if conflicts else [name for name in names if name in mine and name in differs]
    return Verdict(changed, conflicts, moved, [name for name in names if name in differs])


def judge_together(verdicts: dict, *, keep_mine: bool = False) -> dict:
    """The verdicts of several forms that are one object (the draft's week types, whose weeks
    weigh each other): refused together when one changed since the page and this page changed
    one. `verdicts` are each form's own, judged with `keep_mine` (so, without conflicts)."""
    stale = any(verdict.moved for verdict in verdicts.values())
    changing = any(verdict.changed for verdict in verdicts.values())
    if keep_mine or not (stale and changing):
        return verdicts
    return {
        form: Verdict(conflicts=conflicts_of(form, verdict.differs), moved=verdict.moved)
        for form, verdict in verdicts.items()
    }


def conflicts_of(form: forms.BaseForm, names) -> list[Conflict]:
    """Both values of each field: what this page has, and what is stored now."""
    label = getattr(form, "conflict_label", lambda bound: str(bound.label))
    return [
        Conflict(
            label(form[name]),
            shown(form.fields[name], form[name].data),
            shown(form.fields[name], form[name].initial),
        )
        for name in names
    ]
