"""The draft set against a baseline: last year's file, or the rows of a decision (issue 21).

`compare_baseline(current, baseline)` answers two questions:

1. What changed since? The rows that are new, changed or removed, each with the hours a week it
   moved. Both drafts are calculated under today's rules (the current draft's date or period,
   and its person, so that a child's age bracket is today's), so that a row's hours move only
   because the row changed, or because the baseline's own week types weigh it differently.
2. What did the rules alone change? The same baseline calculated under the rules of its own
   date and under today's, with every dated value or rule that differs between the two dates
   named (the parental deduction table, the hourly amount, the age limit, needs 6 and 7, ...).

Rows are matched, within the same need, first by their description (the same words, ignoring
case and spaces), the first unmatched row with those words in each draft paired in their order;
then the rows left over are paired by their order among the rows of that need that are left (a
row whose description was edited is a changed row). What is left after that is new (only in the
current draft) or removed (only in the baseline). A matched row is changed when any field that
the calculation reads, or the words of its description, differ; notes and decided values are not
compared.

Each draft keeps its own week types and night; a baseline of a decision (`decided=True`) is the
draft as the decision granted it (its rows, night and weeks, rules.md R12).
"""

from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction

from . import parameters as p
from .activity import FIELDS as ROW_FIELDS
from .assessment import Assessment
from .engine import Result, RowResult, as_decided, compute
from .i18n import _
from .words import parameter_value_text

# What the comparison of two matched rows leaves out: the person's reasoning and the decision.
NOT_COMPARED = ("note", "decided", "decision_reason")
COMPARED = tuple(name for name in ROW_FIELDS if name not in NOT_COMPARED)


@dataclass(frozen=True)
class RowChange:
    status: str  # "new", "changed", "removed" or "same"
    current: RowResult | None  # the row in the current draft (None when removed)
    baseline: RowResult | None  # the row in the baseline under today's rules (None when new)
    fields: tuple[str, ...] = ()  # the fields that differ, for "changed"

    @property
    def minutes(self) -> Fraction:
        """The hours a week (in minutes, averaged over each draft's weeks) the change moved."""
        return self._of("average_minutes")

    @property
    def basic_minutes(self) -> Fraction:
        """Of which toward the threshold."""
        return self._of("basic_minutes")

    def _of(self, name: str) -> Fraction:
        now = getattr(self.current, name) if self.current else Fraction(0)
        then = getattr(self.baseline, name) if self.baseline else Fraction(0)
        return now - then


@dataclass(frozen=True)
class RuleChange:
    """A rule or dated value that differs between the baseline's date and today's."""

    key: str
    text: str  # "Timbelopp: 332,60 kr då, 347,70 kr nu"
    before: tuple[p.Parameter, ...]  # in force for the baseline then
    after: tuple[p.Parameter, ...]  # in force today


@dataclass(frozen=True)
class BaselineComparison:
    rows: tuple[RowChange, ...]  # the current draft's order, then the removed rows
    current: Result
    baseline: Result  # the baseline under today's rules
    baseline_then: Result  # the baseline under the rules of its own date
    rule_changes: tuple[RuleChange, ...]

    def _status(self, status: str) -> tuple[RowChange, ...]:
        return tuple(r for r in self.rows if r.status == status)

    @property
    def new(self) -> tuple[RowChange, ...]:
        return self._status("new")

    @property
    def changed(self) -> tuple[RowChange, ...]:
        return self._status("changed")

    @property
    def removed(self) -> tuple[RowChange, ...]:
        return self._status("removed")


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _differs(name: str, mine: RowResult, theirs: RowResult) -> bool:
    ours, other = getattr(mine.activity, name), getattr(theirs.activity, name)
    return _words(ours) != _words(other) if name == "description" else ours != other


def match_rows(current: tuple, baseline: tuple) -> list[tuple[int | None, int | None]]:
    """Pairs of positions (current, baseline), None for a row with no partner, in the current
    draft's order with the removed rows last (see the module's docstring)."""
    pairs: dict[int, int] = {}
    left = list(range(len(baseline)))
    for i, row in enumerate(current):
        for j in left:
            other = baseline[j]
            if other.need == row.need and _words(other.description) == _words(row.description):
                pairs[i] = j
                left.remove(j)
                break
    for i, row in enumerate(current):
        if i in pairs:
            continue
        j = next((j for j in left if baseline[j].need == row.need), None)
        if j is not None:
            pairs[i] = j
            left.remove(j)
    matched = [(i, pairs.get(i)) for i in range(len(current))]
    return matched + [(None, j) for j in left]


def _today(current: Assessment, baseline: Assessment) -> Assessment:
    """The baseline as of the current draft: its date or period, its person and amount."""
    person = current if current.birth_month or current.age is not None else baseline
    return replace(
        baseline,
        assessment_date=current.assessment_date,
        period=current.period,
        birth_month=person.birth_month,
        age=person.age,
        hourly_amount=current.hourly_amount,
    )


def _rule_changes(then: Result, now: Result) -> tuple[RuleChange, ...]:
    before: dict[str, list[p.Parameter]] = {}
    after: dict[str, list[p.Parameter]] = {}
    for applied, found in ((then.applied, before), (now.applied, after)):
        for parameter in applied:
            found.setdefault(parameter.key, []).append(parameter)
    changes = []
    for key in dict.fromkeys([*before, *after]):
        was, now_ = tuple(before.get(key, ())), tuple(after.get(key, ()))
        first = (was or now_)[0]
        if isinstance(first.value, date):
            # A rule that takes effect on a day: named when that day lies between the two.
            if not then.rules_as_of < first.value <= now.rules_as_of:
                continue
            text = _("{label} {date}").format(label=first.label, date=first.value.isoformat())
        elif was != now_:
            text = _("{label}: {before} då, {after} nu").format(
                label=first.label,
                before=", ".join(parameter_value_text(x) for x in was) or _("inget"),
                after=", ".join(parameter_value_text(x) for x in now_) or _("inget"),
            )
        else:
            continue
        changes.append(RuleChange(key, text, was, now_))
    return tuple(changes)


def compare_baseline(
    current: Assessment, baseline: Assessment, *, decided: bool = False
) -> BaselineComparison:
    """The current draft against a baseline (see the module's docstring)."""
    if decided:
        baseline = as_decided(baseline)
    current = replace(current, decision=None)
    baseline = replace(baseline, decision=None)
    now = compute(current)
    baseline_now = compute(_today(current, baseline))
    baseline_then = compute(baseline)
    pairs = match_rows(current.activities, baseline.activities)
    rows = []
    for i, j in pairs:
        mine = now.rows[i] if i is not None else None
        theirs = baseline_now.rows[j] if j is not None else None
        if mine is None:
            rows.append(RowChange("removed", None, theirs))
        elif theirs is None:
            rows.append(RowChange("new", mine, None))
        else:
            fields = tuple(name for name in COMPARED if _differs(name, mine, theirs))
            rows.append(RowChange("changed" if fields else "same", mine, theirs, fields))
    return BaselineComparison(
        tuple(rows), now, baseline_now, baseline_then, _rule_changes(baseline_then, baseline_now)
    )
