"""The rows as the page and the printout show them: one view of a row, one grouping by need.

Both the draft page and the PDF group rows with `need_groups`, so that they can never group
the same rows differently: per need in the law's order (rules.md R1), rows in the draft's
order within their need, numbered by their place in the draft ("Rad 3").
"""

from dataclasses import dataclass

from . import rules
from .models import Activity
from .rules import explain


@dataclass
class RowView:
    activity: Activity
    result: rules.RowResult

    @property
    def number(self) -> int:
        return self.result.index + 1

    @property
    def frequency(self) -> str:
        return explain.frequency_text(self.result.activity)

    @property
    def formula(self) -> str:
        return explain.row_formula(self.result)

    @property
    def time_type_note(self) -> str:
        return explain.time_type_note(self.result.activity)

    @property
    def counts_as_basic(self) -> bool:
        return rules.counts_as_basic(self.result.activity)


@dataclass
class NeedGroup:
    info: rules.NeedInfo
    total: rules.NeedTotal
    rows: list[RowView]


def need_groups(
    activities: list[Activity], result: rules.Result, *, view: type[RowView] = RowView
) -> list[NeedGroup]:
    """The rows per need, in the law's order (`result.by_need`'s)."""
    views = [view(a, r) for a, r in zip(activities, result.rows, strict=True)]
    return [
        NeedGroup(
            rules.NEED_INFO[total.need],
            total,
            [row for row in views if row.result.activity.need == total.need],
        )
        for total in result.by_need
    ]
