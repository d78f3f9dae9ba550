"""The claim set against the decision, row by row and need by need (rules.md R12).

The decided figures are the same rules applied to the draft as decided (`engine.compute` puts
them on `Result.decision`); this module lines the two up: each row's hours claimed and decided,
the night and the week types' weeks where the decision changed them, each need's hours, and the
cuts that moved the verdict, the costliest first, with the basic needs after each cut
recalculated by the same rules.

A row's and a part's figures are each its own change alone, averaged with the claimed weeks, so
that a row's difference is what the decision did to that row; the totals are recalculated whole.
"""

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from .activity import Activity
from .assessment import Night
from .engine import (
    Result,
    WeekTypeResult,
    basic_share,
    breathing_is_basic,
    counts_as_basic,
    deduction_exempt,
    weekly_minutes,
)
from .formatting import format_number
from .i18n import _, gettext_noop
from .needs import NEEDS, Need, NightCover

COVER_WORDS = {
    NightCover.WAITING: gettext_noop("väntetid"),
    NightCover.ON_CALL: gettext_noop("beredskap"),
    NightCover.NONE: gettext_noop("ingen väntetid eller beredskap"),
}


@dataclass(frozen=True)
class RowComparison:
    index: int  # 0-based position of the row in the draft
    claimed: Activity
    decided: Activity | None  # None: nothing granted
    claimed_minutes: Fraction  # a week on average (its share of the weeks)
    decided_minutes: Fraction
    claimed_basic: Fraction  # of which counts toward the threshold
    decided_basic: Fraction

    @property
    def changed(self) -> bool:
        return self.decided != self.claimed

    @property
    def difference_minutes(self) -> Fraction:
        return self.claimed_minutes - self.decided_minutes

    @property
    def basic_cost(self) -> Fraction:
        """The basic hours the decision's change to this row took away."""
        return self.claimed_basic - self.decided_basic

    def changed_fields(self) -> tuple[str, ...]:
        if self.decided is None:
            return ("granted",)
        return tuple(self.claimed.decided.changes()) if self.claimed.decided else ()


@dataclass(frozen=True)
class NeedComparison:
    need: Need
    claimed_minutes: Fraction
    decided_minutes: Fraction

    @property
    def difference_minutes(self) -> Fraction:
        return self.claimed_minutes - self.decided_minutes


@dataclass(frozen=True)
class PartComparison:
    """A part of the draft besides its rows that the decision changed (spec "More of the
    decision"): the night (`part` "night") or a week type's weeks (`part` its key)."""

    part: str
    text: str  # "Natten: beslutet gav beredskap i stället för väntetid."
    claimed: str  # "22:00–07:00, väntetid"; "12 veckor"
    decided: str
    claimed_minutes: Fraction  # night: its counted time a week; weeks: the total a week
    decided_minutes: Fraction  # the same with only this part as decided
    basic_cost: Fraction  # the basic hours this change alone took away (weeks only)

    @property
    def difference_minutes(self) -> Fraction:
        return self.claimed_minutes - self.decided_minutes


@dataclass(frozen=True)
class Cut:
    """A change, in the order of what it cost, with the basic needs after it and every
    costlier cut (recalculated, parental deduction included): a row's (`row`), or a week
    type's weeks (`part`, and `row` None)."""

    row: RowComparison | None
    basic_after: Fraction
    meets_threshold_after: bool
    part: PartComparison | None = None

    @property
    def basic_cost(self) -> Fraction:
        return (self.row or self.part).basic_cost


@dataclass(frozen=True)
class Comparison:
    rows: tuple[RowComparison, ...]
    needs: tuple[NeedComparison, ...]
    cuts: tuple[Cut, ...]
    parts: tuple[PartComparison, ...] = ()  # the night and the weeks, where changed

    @property
    def changed_rows(self) -> tuple[RowComparison, ...]:
        return tuple(r for r in self.rows if r.changed)


def compare(result: Result) -> Comparison | None:
    """The claim against the decision, or None when the draft has no decision."""
    if result.decision is None:
        return None
    rows = []
    bounds = [(s.start, s.end) for s in result.segments]
    for row in result.rows:
        claimed = row.activity
        decided = claimed.as_decided()
        share = row.average_minutes / row.weekly_minutes if row.weekly_minutes else Fraction(0)
        claimed_minutes = row.average_minutes
        decided_minutes = weekly_minutes(decided) * share if decided else Fraction(0)
        rows.append(
            RowComparison(
                row.index,
                claimed,
                decided,
                claimed_minutes,
                decided_minutes,
                row.basic_minutes,
                decided_minutes * basic_share(decided, bounds) if decided else Fraction(0),
            )
        )
    claimed_needs = {t.need: t.total_minutes for t in result.by_need}
    decided_needs = {t.need: t.total_minutes for t in result.decision.by_need}
    needs = tuple(
        NeedComparison(info.need, claimed_needs.get(info.need, 0), decided_needs.get(info.need, 0))
        for info in NEEDS
        if info.need in claimed_needs or info.need in decided_needs
    )
    parts = _parts(result)
    return Comparison(tuple(rows), needs, _cuts(result, rows, parts), parts)


def night_text(night: Night) -> str:
    return _("{start}–{end}, {cover}").format(
        start=night.start.strftime("%H:%M"),
        end=night.end.strftime("%H:%M"),
        cover=COVER_WORDS[night.cover],
    )


def _night_change(claimed: Night | None, decided: Night | None) -> str:
    """ "Natten: beslutet gav beredskap i stället för väntetid." """
    span = "{:%H:%M}–{:%H:%M}"
    if claimed is None:
        return _("Natten: beslutet gav {cover} under nattvilan {span}.").format(
            cover=COVER_WORDS[decided.cover], span=span.format(decided.start, decided.end)
        )
    values = {
        "claimed_cover": COVER_WORDS[claimed.cover],
        "decided_cover": COVER_WORDS[decided.cover],
        "claimed": span.format(claimed.start, claimed.end),
        "decided": span.format(decided.start, decided.end),
    }
    if (claimed.start, claimed.end) == (decided.start, decided.end):
        text = _("Natten: beslutet gav {decided_cover} i stället för {claimed_cover}.")
    elif claimed.cover == decided.cover:
        text = _("Natten: beslutet räknar med nattvilan {decided} i stället för {claimed}.")
    else:
        text = _(
            "Natten: beslutet gav {decided_cover} i stället för {claimed_cover}, och nattvilan "
            "{decided} i stället för {claimed}."
        )
    return text.format(**values)


def _reweighted(weeks: list[tuple[WeekTypeResult, Fraction]], figure: str) -> Fraction:
    """A period figure with other weights for the week types: each week type's figures are
    already averaged over the period's segments, so the period's average is their average."""
    return sum((n * getattr(w.figures, figure) for w, n in weeks), Fraction(0)) / sum(
        n for _w, n in weeks
    )


def _parts(result: Result) -> tuple[PartComparison, ...]:
    """The night and the week types' weeks, where the decision changed them (rules.md R12)."""
    decided = result.decision
    parts = []
    claimed_night = result.night.night if result.night else None
    decided_night = decided.night.night if decided.night else None
    if claimed_night != decided_night:
        weights = [(w.week_type.weeks, w.figures.night) for w in result.week_types]
        counted = [
            (weeks, d.figures.night)
            for (weeks, _claimed), d in zip(weights, decided.week_types, strict=True)
        ]

        def night_minutes(items) -> Fraction:
            if all(night is None for _weeks, night in items):
                return Fraction(0)
            return sum((n * night.counted_minutes for n, night in items), Fraction(0)) / sum(
                n for n, _night in items
            )

        parts.append(
            PartComparison(
                "night",
                _night_change(claimed_night, decided_night),
                night_text(claimed_night) if claimed_night else _("ingen nattvila"),
                night_text(decided_night) if decided_night else _("ingen nattvila"),
                night_minutes(weights),
                night_minutes(counted),
                Fraction(0),  # an other need: it never counts toward the threshold (R6)
            )
        )
    claimed_weeks = [(w, w.week_type.weeks) for w in result.week_types]
    for index, (week, weeks) in enumerate(claimed_weeks):
        granted = decided.week_types[index].week_type.weeks
        if granted == weeks:
            continue
        changed = [(w, granted if i == index else n) for i, (w, n) in enumerate(claimed_weeks)]
        parts.append(
            PartComparison(
                week.week_type.key,
                _("{week}: beslutet räknar med {decided} veckor i stället för {claimed}.").format(
                    week=week.week_type.label,
                    decided=format_number(granted),
                    claimed=format_number(weeks),
                ),
                _("{weeks} veckor").format(weeks=format_number(weeks)),
                _("{weeks} veckor").format(weeks=format_number(granted)),
                result.total_minutes,
                _reweighted(changed, "total"),
                result.basic_minutes - _reweighted(changed, "basic"),
            )
        )
    return tuple(parts)


def _cuts(
    result: Result, rows: list[RowComparison], parts: tuple[PartComparison, ...]
) -> tuple[Cut, ...]:
    """The cuts, costliest first, each with the basic needs after it and every costlier one.

    Only the basic rows, the week types' weeks and the parental deduction on the basic rows
    decide the basic needs (rules.md R3, R7, R10), so each step recalculates just those: per
    week type the basic minutes and the exempt ones, the deduction capped as the engine caps
    it, averaged over weeks and days. A period cut at 2019-11-01 keeps the sums on each side
    (breathing counts as basic only after it, R12).
    """
    costly = sorted(
        [Cut(r, Fraction(0), False) for r in rows if r.changed and r.basic_cost > 0]
        + [Cut(None, Fraction(0), False, p) for p in parts if p.basic_cost > 0],
        key=lambda c: (-c.basic_cost, c.row.index if c.row else len(rows)),
    )
    keys = [w.week_type.key for w in result.week_types]
    eras: dict[bool, date] = {breathing_is_basic(s.start): s.start for s in result.segments}
    basic = {era: dict.fromkeys(keys, Fraction(0)) for era in eras}
    exempt = {era: dict.fromkeys(keys, Fraction(0)) for era in eras}

    def add(activity: Activity, sign: int) -> None:
        minutes = weekly_minutes(activity) * sign
        for era, on in eras.items():
            if not counts_as_basic(activity, on):
                continue
            for key in keys:
                if activity.happens_in(key):
                    basic[era][key] += minutes
                    if deduction_exempt(activity):
                        exempt[era][key] += minutes

    for row in rows:
        add(row.claimed, 1)
    days = sum(s.days for s in result.segments)
    weeks = {w.week_type.key: w.week_type.weeks for w in result.week_types}
    decided_weeks = {w.week_type.key: w.week_type.weeks for w in result.decision.week_types}

    def basic_needs() -> Fraction:
        total = Fraction(0)
        all_weeks = sum(weeks.values())
        for segment in result.segments:
            era = breathing_is_basic(segment.start)
            for week_type, figures in segment.week_types:
                key = week_type.key
                table = figures.deduction_basic.table_minutes if figures.deduction_basic else 0
                minutes = basic[era][key]
                after = minutes - min(table, minutes - exempt[era][key])
                total += Fraction(segment.days, days) * weeks[key] / all_weeks * after
        return total

    cuts = []
    for cut in costly:
        if cut.row is not None:
            add(cut.row.claimed, -1)
            if cut.row.decided is not None:
                add(cut.row.decided, 1)
        else:
            weeks[cut.part.part] = decided_weeks[cut.part.part]
        after = basic_needs()
        cuts.append(Cut(cut.row, after, after > result.threshold_minutes, cut.part))
    return tuple(cuts)
