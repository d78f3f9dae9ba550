"""The rows as the editor page shows them: every need in the law's order (an empty need too,
so that a row added to it has its place), each row with its form, its place among its need's
rows and what the request did to it (opened, invalid, in conflict, just removed). Built once per
request by `Editor.load` for the page and for each of its htmx answers, which render only the
parts that changed.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.html import format_html
from django.utils.translation import gettext as _

from assessments import fonts, personal_numbers, rules
from assessments.forms.line import Lines
from assessments.forms.rows import ActivityForm, RestoreRowForm
from assessments.models import Activity, Assessment
from assessments.presentation import NeedGroup, RowView, need_groups


class RowEntry(RowView):
    """A row on the page. Its form is built only when a template shows it (its details, a row
    shown again as posted): a row that shows what is stored has its line from `lines`, without
    a form (`forms.line`)."""

    bound_forms: dict[int, ActivityForm] = {}
    lines: Lines | None = None
    is_first = is_last = is_open = is_stale = False
    conflicts: list = ()
    removed = False

    @cached_property
    def form(self) -> ActivityForm:
        return self.bound_forms.get(self.activity.pk) or ActivityForm.for_row(self.activity)

    @property
    def bound(self) -> ActivityForm | None:
        return self.bound_forms.get(self.activity.pk)

    @cached_property
    def key(self) -> str:
        """The row's id as its markup names it ("r12-n"), as text: a number in a template is
        localized (some 20 µs), and a row's markup names it some fifteen times."""
        return str(self.activity.pk)

    @cached_property
    def plain(self) -> bool:
        """Whether the row shows what is stored, read as it is: then its line and messages
        need no form."""
        return self.bound is None and not self.broken

    @cached_property
    def line(self) -> str | None:
        """The row's line cells without a form, or None: the template renders `form.line`."""
        if not self.plain:
            return None
        if self.lines is None:
            self.lines = Lines()
        return self.lines.line(self.activity)

    def _value(self, name: str):
        """A field's value as the row's line or details show it."""
        if self.plain:
            return getattr(self.activity, name)
        form = self.form
        return form[name].value() if name in form.fields else getattr(self.activity, name)

    @property
    def version(self) -> int:
        """The version the row's next save is based on: while a post of it is shown again (an
        error, a conflict), the version that post was based on, so that only "Behåll mina
        värden" stores over what someone else saved."""
        if self.bound is not None and (self.conflicts or self.bound.errors):
            return self.bound.based_on() or self.activity.version
        return self.activity.version

    @property
    def label(self) -> str:
        """The row as the hidden part of its labels names it: "rad 3: Dusch", marked so that
        app.js can follow a new number or description without asking the server."""
        return format_html(
            '{} <span class="n">{}</span>: <span class="d">{}</span>',
            _("rad"),
            self.number,
            self.activity.description,
        )

    @property
    def warns(self) -> bool:
        """Whether the description holds a personal number (shown under the line)."""
        return personal_numbers.contains(str(self._value("description") or ""))

    @cached_property
    def unprintable(self) -> str:
        """What the PDF cannot show of the description and the note, said under the line."""
        typed = [self._value(name) for name in ("description", "note")]
        characters = fonts.unprintable("\n".join(str(value or "") for value in typed))
        return fonts.unprintable_message(characters) if characters else ""

    @cached_property
    def broken(self) -> str:
        """The fields an older version stored invalid, by their labels ("Typ av tid, Per")."""
        return ", ".join(str(f.label) for f in self.activity.broken_fields)

    @cached_property
    def has_message(self) -> bool:
        errors = self.bound is not None and self.bound.errors
        return bool(self.conflicts or errors or self.warns or self.unprintable or self.broken)


@dataclass
class RemovedRow:
    """A row just removed, in its old place, with what undo needs to put it back."""

    activity: Activity
    number: int
    before: int | None  # the next row of the same need, which it goes back in front of
    removed = True
    label = RowEntry.label
    key = RowEntry.key

    @property
    def form(self) -> ActivityForm:
        return RestoreRowForm.values(self.activity)


@dataclass
class Editor:
    """The rows as a request leaves them, by need: every need, so that a row added to an empty
    need has its place on the page, with the rows that are open, invalid or just changed."""

    assessment: Assessment
    rows: list[Activity]
    draft: rules.Assessment  # the rows and parts as the rules see them
    result: rules.Result
    groups: list[NeedGroup]
    entries: dict[int, RowEntry] = field(default_factory=dict)

    @classmethod
    def load(cls, assessment, *, row_forms=None, open_rows=(), stale_rows=(), removed=None):
        rows = assessment.rows()
        draft = assessment.to_rules(rows)
        result = rules.calculate(draft)
        filled = {group.info.need: group for group in need_groups(result, rows, view=RowEntry)}
        groups = [
            filled.get(info.need) or NeedGroup(info, rules.NeedTotal(info.need, 0, 0), [])
            for info in rules.NEEDS
        ]
        editor = cls(assessment, rows, draft, result, groups)
        lines = Lines()
        for group in groups:
            for index, entry in enumerate(group.rows):
                entry.bound_forms = row_forms or {}
                entry.lines = lines
                entry.is_first, entry.is_last = index == 0, index == len(group.rows) - 1
                entry.is_open = entry.activity.pk in open_rows
                entry.is_stale = entry.activity.pk in stale_rows
                editor.entries[entry.activity.pk] = entry
            group.count = len(group.rows)
            if removed is not None and removed.activity.need == group.info.need:
                after = [i for i, e in enumerate(group.rows) if e.activity.pk == removed.before]
                group.rows.insert(after[0] if after else len(group.rows), removed)
        return editor

    def group(self, need) -> NeedGroup:
        return next(group for group in self.groups if group.info.need == need)

    def around(self, entry) -> dict:
        """For a row's answer: its need, the next row of that need (where the row goes on the
        page) and the need's open rows, whose move buttons may have changed."""
        group = self.group(entry.activity.need)
        rows = [e for e in group.rows if not e.removed]
        after = rows[rows.index(entry) + 1 :] if entry in rows else []
        return {
            "group": group,
            "next_entry": after[0] if after else None,
            "open_near": [e for e in rows if e.is_open and e is not entry],
        }

    @property
    def stale(self) -> list[RowEntry]:
        return [entry for entry in self.entries.values() if entry.is_stale]
