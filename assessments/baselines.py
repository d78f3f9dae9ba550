"""A draft's baseline (issue 21 item 4): the previous file it is compared with, as the page, the
PDF's appendix and `manage.py summary --baseline` show it.

The comparison itself is pure (`rules.baseline.compare_baseline`); this module reads the stored
file and words the comparison once, in the language active when it is called (the page's, or
the printout's), so that the page and the PDF can never say it differently. The rows: new,
changed and removed, each with the hours a week it moved; the totals of the baseline and the
draft under today's rules; the baseline under the rules of its own date and under today's, with
every rule that changed between the two named.
"""

from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

from . import files, rules
from .rules import words
from .rules.activity import FIELDS as ROW_FIELDS
from .rules.baseline import BaselineComparison, RowChange, compare_baseline
from .rules.formatting import format_hours
from .rules.needs import NEED_INFO


def status_label(status: str) -> str:
    return {
        "new": _("Ny rad"),
        "changed": _("Ändrad rad"),
        "removed": _("Borttagen rad"),
    }[status]


def moved_text(minutes: Fraction) -> str:
    """ "+2,33 h/vecka", "−1,75 h/vecka", "0 h/vecka": the sign always shown."""
    text = words.hours_text(minutes)
    return f"+{text}" if minutes > 0 else text


def moved_hours(minutes: Fraction) -> str:
    """ "+2,33", "−1,75", "0": hours, the sign always shown (the unit is the table's)."""
    text = format_hours(minutes)
    return f"+{text}" if minutes > 0 else text


def how_text(row: rules.Activity) -> str:
    """ "25 min × 3 ggr per dag, 7 dagar/vecka, 2 assistenter" (as the summary prints a row)."""
    text = f"{rules.format_number(row.minutes)} min × {words.frequency_text(row)}"
    if row.assistants == 2:
        text += _(", 2 assistenter")
    return text


@dataclass(frozen=True)
class ShownChange:
    status: str  # "new", "changed" or "removed"
    label: str  # "Ny rad"
    need: str  # the need's name
    description: str  # the row's words now (the baseline's for a removed row)
    before: str  # the baseline's row, "" for a new row
    after: str  # the draft's row, "" for a removed row
    fields: str  # what changed on a changed row: "minuter per tillfälle, antal gånger"
    moved: str  # "+2,33 h/vecka"
    minutes: Fraction


@dataclass(frozen=True)
class ShownTotal:
    label: str
    baseline: str
    current: str
    moved: str


@dataclass(frozen=True)
class ShownBaseline:
    """The comparison as words, in the language active when it was made."""

    title: str  # the baseline file's title, or ""
    dated: str  # its assessment date or period
    decided: bool  # the file's decision is the baseline
    changes: tuple[ShownChange, ...]
    same: int  # rows that did not change
    totals: tuple[ShownTotal, ...]  # the baseline and the draft, both under today's rules
    rules_then: tuple[ShownTotal, ...]  # the baseline under its own date's rules and today's
    rule_changes: tuple[str, ...]  # each rule that changed since the baseline's date, named

    @property
    def summary(self) -> str:
        counts = dict.fromkeys(("new", "changed", "removed"), 0)
        for change in self.changes:
            counts[change.status] += 1
        return _("{new} nya, {changed} ändrade och {removed} borttagna rader.").format(**counts)


def read(assessment) -> rules.Assessment | None:
    """The stored baseline of a draft (a model), or None."""
    if not assessment.baseline:
        return None
    return files.read(assessment.baseline)


def _change(change: RowChange) -> ShownChange:
    row = (change.current or change.baseline).activity
    return ShownChange(
        status=change.status,
        label=status_label(change.status),
        need=str(NEED_INFO[row.need].label),
        description=row.description,
        before=how_text(change.baseline.activity) if change.baseline else "",
        after=how_text(change.current.activity) if change.current else "",
        fields=", ".join(str(ROW_FIELDS[name].label).lower() for name in change.fields),
        moved=moved_text(change.minutes),
        minutes=change.minutes,
    )


def _totals(before: rules.Result, after: rules.Result) -> tuple[ShownTotal, ...]:
    figures = (
        (_("Grundläggande behov"), "basic_minutes"),
        (_("Andra personliga behov"), "other_minutes"),
        (_("Totalt"), "total_minutes"),
    )
    return tuple(
        ShownTotal(
            label,
            format_hours(getattr(before, name)),
            format_hours(getattr(after, name)),
            moved_hours(getattr(after, name) - getattr(before, name)),
        )
        for label, name in figures
    )


def _dated(draft: rules.Assessment) -> str:
    if draft.period is not None:
        return words.span_text(draft.period.start, draft.period.end)
    return draft.assessment_date.isoformat()


def show(current: rules.Assessment, baseline: rules.Assessment, *, decided: bool) -> ShownBaseline:
    """The draft against its baseline, worded in the active language."""
    comparison: BaselineComparison = compare_baseline(current, baseline, decided=decided)
    changes = tuple(_change(c) for c in comparison.rows if c.status != "same")
    return ShownBaseline(
        title=baseline.title,
        dated=_dated(baseline),
        decided=decided,
        changes=changes,
        same=len(comparison.rows) - len(changes),
        totals=_totals(comparison.baseline, comparison.current),
        rules_then=_totals(comparison.baseline_then, comparison.baseline),
        rule_changes=tuple(change.text for change in comparison.rule_changes),
    )


def show_stored(assessment, current: rules.Assessment) -> ShownBaseline | None:
    """A draft's stored baseline against `current` (its rules form), or None without one."""
    baseline = read(assessment)
    if baseline is None:
        return None
    return show(current, baseline, decided=assessment.baseline_decided)
