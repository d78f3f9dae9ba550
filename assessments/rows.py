"""The rows as the page and the printout show them: one view of a row, one grouping by need.

Both the draft page and the PDF group rows with `need_groups`, so that they can never group
the same rows differently: per need in the law's order (rules.md R1), rows in the draft's
order within their need, numbered by their place in the draft ("Rad 3"). A printout made from
a file has no stored rows: then `activity` is None and `row` is all there is.
"""

from dataclasses import dataclass

from . import rules
from .models import Activity
from .rules import explain


@dataclass
class RowView:
    result: rules.RowResult
    activity: Activity | None = None  # the stored row, on the page
    week_names: str = ""  # the kinds of week it happens in, when not every kind (R10)

    @property
    def row(self) -> rules.Activity:
        return self.result.activity

    @property
    def number(self) -> int:
        return self.result.index + 1

    @property
    def frequency(self) -> str:
        return explain.frequency_text(self.row)

    @property
    def formula(self) -> str:
        return explain.row_formula(self.result)

    @property
    def time_type_note(self) -> str:
        return explain.time_type_note(self.row)

    @property
    def counts_as_basic(self) -> bool:
        return rules.counts_as_basic(self.row)


@dataclass
class NeedGroup:
    info: rules.NeedInfo
    total: rules.NeedTotal
    rows: list[RowView]


def need_groups(
    result: rules.Result,
    activities: list[Activity] | None = None,
    *,
    view: type[RowView] = RowView,
) -> list[NeedGroup]:
    """The rows per need, in the law's order (`result.by_need`'s)."""
    stored = activities if activities is not None else [None] * len(result.rows)
    views = [view(r, a) for r, a in zip(result.rows, stored, strict=True)]
    names = {w.week_type.key: w.week_type.label.lower() for w in result.week_types}
    for v in views:
        if len(v.result.week_types) < len(result.week_types):
            v.week_names = ", ".join(names[key] for key in v.result.week_types)
    return [
        NeedGroup(
            rules.NEED_INFO[total.need],
            total,
            [v for v in views if v.row.need == total.need],
        )
        for total in result.by_need
    ]
