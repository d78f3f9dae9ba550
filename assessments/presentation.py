"""One presentation of a result, for every place that shows one: the draft page, the
read-only page, the PDF and the draft request for omprövning.

`present` words a result once: the verdict and the claim's verdict beside a decision, the
comparison, the age and money texts, the night's step and the rows grouped by need. Each place
shows what it needs of it, so that two places can never word or group the same result
differently. Only the voice differs, by who speaks (`VOICES`): the page tells the person about
their own estimate ("Enligt din beräkning"), the PDF is neutral, the request is the person's own
letter ("Enligt min beräkning").

The rows: per need in the law's order (rules.md R1), in the draft's order within their need,
numbered by their place in the draft ("Rad 3"). A printout made from a file has no stored rows:
then `activity` is None and `row` is all there is.

Figures that count some time twice are not shown as a total (rules.md R13.8): when the rows
hold more than a dygn per assistance day, or a row of waiting or on-call time sits beside a
night that already counts it (`double_night`), every place says so in place of the total, the
money and the verdict (`Presented.in_place_of_total`). Hours per day are per dygn med assistans
(`Presented.per_day`), never per day of the week.
"""

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments import rules
from assessments.rules import words
from assessments.rules.compare import Comparison, compare, night_text
from assessments.rules.deadline import Deadline
from assessments.rules.explained import Notice
from assessments.rules.formatting import format_number

if TYPE_CHECKING:
    # Only the page has stored rows; the PDF of a file (manage.py summary) runs without the
    # models (behovsraknare.command_settings), so they are not imported here.
    from assessments.models import Activity

# rules.md R14: shown apart from the other warnings, in a box of their own (`_deadline.html`,
# `_reassessment.html`), on the page, the read-only page, the PDF and the request.
SHOWN_APART = ("deadline", "reassessment_of_whole_right")

VOICES = {
    "page": gettext_lazy("Enligt din beräkning"),
    "print": gettext_lazy("Enligt beräkningen"),
    "letter": gettext_lazy("Enligt min beräkning"),
}

# The warnings that change what the figures mean (issue 20): the printout's page 1 carries them
# in its "Kontrollera" box, ahead of the figures, in this order.
CHECK_CODES = (
    "day_over_24h",
    "double_night",
    "row_over_24h",
    "day_over_waking_hours",
    "night_over_night",
    "waiting_outside_night",
    "span_replaces_night_cover",
    "items_overlap",
    "double_presence_needs_evidence",
    "unverified_rule",
)
# Said in place of the total and the money: the figures count some minutes twice.
IN_PLACE_OF_TOTAL = ("day_over_24h", "double_night")
# The steps of "Så räknade vi" whose value is then not shown either.
HIDDEN_FIGURES = ("weekly_hours.total", "estimated_sek_per_year")


@dataclass
class RowView:
    result: rules.RowResult
    activity: "Activity | None" = None  # the stored row, on the page
    week_names: str = ""  # the kinds of week it happens in, when not every kind (R10)

    @property
    def row(self) -> rules.Activity:
        return self.result.activity

    @property
    def number(self) -> int:
        return self.result.index + 1

    @property
    def frequency(self) -> str:
        return words.frequency_text(self.row)

    @property
    def formula(self) -> str:
        return words.row_formula(self.result)

    @property
    def time_type_note(self) -> str:
        return words.time_type_note(self.row)

    @property
    def counts_as_basic(self) -> bool:
        return rules.counts_as_basic(self.row)


@dataclass
class NeedGroup:
    info: rules.NeedInfo
    total: rules.NeedTotal
    rows: list[RowView]
    # Of the total, what the day plans' rows give (R13.9) where the rows shown are the stored.
    from_plans: Fraction = Fraction(0)


def need_groups(
    result: rules.Result,
    activities: "list[Activity] | None" = None,
    *,
    view: type[RowView] = RowView,
) -> list[NeedGroup]:
    """The rows per need, in the law's order (`result.by_need`'s)."""
    shown = result.rows
    if activities is not None:
        # The stored rows beside their results; a day plan's rows (R13.9) are its part's.
        shown = [r for r in result.rows if r.activity.from_day_plan is None]
    stored = activities if activities is not None else [None] * len(shown)
    views = [view(r, a) for r, a in zip(shown, stored, strict=True)]
    names = {w.week_type.key: w.week_type.label.lower() for w in result.week_types}
    for v in views:
        if len(v.result.week_types) < len(result.week_types):
            v.week_names = ", ".join(names[key] for key in v.result.week_types)
    by_need: dict = {total.need: [] for total in result.by_need}
    for v in views:
        if (group := by_need.get(v.result.activity.need)) is not None:
            group.append(v)
    from_plans: dict = {}
    if activities is not None:
        for r in result.rows:
            if r.activity.from_day_plan is not None:
                need = r.activity.need
                from_plans[need] = from_plans.get(need, Fraction(0)) + r.weekly_minutes
    return [
        NeedGroup(
            rules.NEED_INFO[total.need],
            total,
            by_need[total.need],
            from_plans.get(total.need, Fraction(0)),
        )
        for total in result.by_need
    ]


@dataclass(frozen=True)
class DecidedPart:
    """A line of "Natten och veckorna enligt beslutet": the night or a week type, as claimed
    and as decided (rules.md R12), with the hours a week it counts where it has any."""

    label: str
    claimed: str
    decided: str
    changed: bool
    claimed_minutes: Fraction | None = None
    decided_minutes: Fraction | None = None


def decided_parts(result: rules.Result) -> list[DecidedPart]:
    """The night (hours and cover, or none) and each week type's weeks as the decision has
    them, beside the claim; the weeks only when there are several week types."""
    decided = result.decision
    if decided is None:
        return []
    lines = []
    claimed_night = result.night.night if result.night else None
    decided_night = decided.night.night if decided.night else None
    if claimed_night is not None or decided_night is not None:
        lines.append(
            DecidedPart(
                str(_("Natten")),
                night_text(claimed_night) if claimed_night else str(_("ingen nattvila")),
                night_text(decided_night) if decided_night else str(_("ingen nattvila")),
                claimed_night != decided_night,
                result.night.counted_minutes if result.night else Fraction(0),
                decided.night.counted_minutes if decided.night else Fraction(0),
            )
        )
    if result.several_weeks:
        for week, granted in zip(result.week_types, decided.week_types, strict=True):
            claimed, got = week.week_type.weeks, granted.week_type.weeks
            lines.append(
                DecidedPart(
                    week.week_type.label,
                    _("{weeks} veckor").format(weeks=rules.format_number(claimed)),
                    _("{weeks} veckor").format(weeks=rules.format_number(got)),
                    claimed != got,
                )
            )
    return lines


@dataclass
class Presented:
    """A result as every place shows it (`present`)."""

    draft: rules.Assessment
    result: rules.Result
    comparison: Comparison | None
    claimed_verdict: str  # the claim's verdict, said beside the decision's (or alone)
    age_text: str  # for a child: the deduction's age bracket and why (rules.md R7)
    amount_text: str  # the hourly amount used and its source (rules.md R8)
    groups: list[NeedGroup] = field(default_factory=list)
    # What is said in place of the total, the money and the verdict (rules.md R13.8).
    in_place_of_total: tuple[Notice, ...] = ()

    hidden_figures = HIDDEN_FIGURES

    @property
    def total_shown(self) -> bool:
        return not self.in_place_of_total

    @property
    def verdict(self) -> str:
        """The verdict, or what stands in its place when the figures count time twice."""
        if self.in_place_of_total:
            return " ".join(notice.message for notice in self.in_place_of_total)
        return self.result.verdict

    @property
    def check(self) -> tuple[Notice, ...]:
        """The warnings that change what the figures mean, for the printout's "Kontrollera"
        box: those in place of the total first, then the rest in `CHECK_CODES`' order."""
        own = {n.code for n in self.in_place_of_total}
        rest = [n for n in self.result.warnings if n.code in CHECK_CODES and n.code not in own]
        rest.sort(key=lambda n: CHECK_CODES.index(n.code))
        return (*self.in_place_of_total, *rest)

    @property
    def other_notices(self) -> tuple[Notice, ...]:
        """The printed warnings that are neither in the "Kontrollera" box nor shown apart."""
        return tuple(n for n in self.warnings if n.printed and n.code not in CHECK_CODES)

    def per_day(self, minutes: Fraction) -> Fraction:
        """Weekly minutes per dygn med assistans (rules.md R7, R13.8), not per day of the week."""
        return self.result.per_assistance_day(minutes)

    @property
    def days_text(self) -> str:
        """ "5" or "6,2": the dygn med assistans of a week, averaged over the week types."""
        return format_number(self.result.assistance_days_per_week, 1)

    @property
    def decided_verdict(self) -> str:
        return self.result.decision.verdict if self.result.decision else ""

    @property
    def night_step(self):
        return self.result.step("night")

    @property
    def decided_parts(self) -> list[DecidedPart]:
        return decided_parts(self.result)

    @property
    def deadline(self) -> Deadline | None:
        """The last day to contest the decision, and how it was counted (rules.md R14)."""
        return self.result.deadline

    @property
    def reassessment(self) -> rules.Notice | None:
        """What HFD 2060-22 means when the draft claims more than an FK decision grants;
        `prominent` when the estimate's basic needs are not above the threshold (R14)."""
        return next(
            (w for w in self.result.warnings if w.code == "reassessment_of_whole_right"), None
        )

    @property
    def warnings(self) -> list[rules.Notice]:
        """The warnings besides those shown apart (`SHOWN_APART`)."""
        return [w for w in self.result.warnings if w.code not in SHOWN_APART]

    @property
    def bracket(self) -> str:
        return words.bracket_text(self.result.age)

    @property
    def period(self) -> str:
        period = self.draft.period
        return words.span_text(period.start, period.end) if period else ""


def present(
    draft: rules.Assessment,
    result: rules.Result,
    *,
    voice: str = "page",
    rows: "list[Activity] | None" = None,
    view: type[RowView] | None = None,
) -> Presented:
    """The result of `draft` worded once, in the `voice` of the place that shows it; with
    `view`, its rows grouped by need as that view of a row (the stored `rows` beside them)."""
    comparison = compare(result)
    in_place = tuple(n for code in IN_PLACE_OF_TOTAL for n in result.warnings if n.code == code)
    if in_place:
        claimed = " ".join(notice.message for notice in in_place)
    elif result.decision is not None:
        claimed = words.verdict_sentence(result, according=str(VOICES[voice]))
    else:
        claimed = result.verdict
    return Presented(
        draft=draft,
        result=result,
        comparison=comparison,
        claimed_verdict=claimed,
        age_text=words.age_text(draft, result) if draft.is_child else "",
        amount_text=words.amount_text(result),
        groups=need_groups(result, rows, view=view) if view is not None else [],
        in_place_of_total=in_place,
    )
