"""The arithmetic of the day (rules.md R13): a day plan minute by minute, its rows, and the
24-hour check of rows that cannot be placed in time.

`evaluate(plan, night, on)` goes through one typical dygn of a plan. For every moment t:
**a(t)** = the people of the active items covering t; **p(t)** = the people the span covering t
requires (the night counts as one more span of one person, when someone waits or is on call).
The items count as themselves (R4); the span counts max(0, p(t) − a(t)) people under its need
and kind, with its time-type factor (R13.2, R13.4); so max(p, a) people are counted, never
p + a. Where a span and the night overlap, the span replaces the night cover (R13.6); the
night's waiting or on-call time is, over the night minutes no span covers, max(0, 1 − a(t)).
The counted assistant-minutes Σ max(p, a) stay within 1440 + the minutes with a second person
(R13.7). The plan then becomes rows (R13.9), so that the decision comparison and the printout
read it as rows; the night's waiting comes from here (`PlanNight`), not from rows.

The moments are not 1440 slots but the stretches between the times where something starts or
ends (at most a few hundred), so an item of 2.5 minutes is exact too. Whole minutes stay `int`,
which keeps a plan of 200 items to a few milliseconds; a fractional minute makes its sums
`Fraction`. Both are exact.

Choices where rules.md is silent (R13.2, R13.4, R13.6, R13.9):
- An item marked `during_supervision` is not counted in the minutes where a span of tillsyn or
  of being at hand covers it (the span keeps them); outside such a span (in the night, in
  waiting time, or with no span) it is ordinary help, since there is no tillsyn for it to be
  done during.
- Waiting or on-call presence outside the night counts 0 (R13.4): its people-minutes are kept in
  `SpanResult.uncounted_minutes` and give no row.
- Item rows are not merged: each item gives its own row (two with `two_minutes`, and one more
  for its minutes inside the night), so that the printout names each help with its time.
"""

import itertools
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from . import parameters as p
from .activity import Activity
from .assessment import Night
from .dayplan import counted_kind
from .dayplan_types import DAY_MINUTES, DayPlan, Item, Span, clock, minute_of
from .formatting import format_number
from .i18n import _
from .needs import PRESENCE_LABELS, Kind, NightCover, Period, Presence, TimeType, need_label

Number = int | Fraction

# rules.md R13.4: the time type of each kind of presence.
PRESENCE_TIME_TYPES = {
    Presence.SUPERVISION: TimeType.ACTIVE,
    Presence.AT_HAND: TimeType.ACTIVE,
    Presence.WAITING: TimeType.WAITING,
    Presence.ON_CALL: TimeType.ON_CALL,
}
# Presence that an item marked "görs samtidigt som tillsynen" can be done during (R13.2).
_FULL_PRESENCE = (Presence.SUPERVISION, Presence.AT_HAND)


def time_factor(time_type: TimeType) -> Fraction:
    """rules.md R6: väntetid and beredskap count a share of their time."""
    match time_type:
        case TimeType.WAITING:
            return p.WAITING_FACTOR.value
        case TimeType.ON_CALL:
            return p.ON_CALL_FACTOR.value
    return Fraction(1)


def cover_factor(cover: NightCover) -> Fraction:
    """rules.md R11, R6: the night's free time counts ¼ as waiting, 1/7 on call, else 0."""
    match cover:
        case NightCover.WAITING:
            return p.WAITING_FACTOR.value
        case NightCover.ON_CALL:
            return p.ON_CALL_FACTOR.value
    return Fraction(0)


def _exact(value: Number) -> Number:
    """An int when whole: the sweep stays in fast integer arithmetic for whole minutes."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return value.numerator
    return value


def pieces(start: Number, length: Number) -> list[tuple[Number, Number]]:
    """The stretch [start, start + length) of the circular dygn as linear pieces [lo, hi) of
    [0, 1440): one, or two when it runs past midnight. `length` is at most 1440."""
    start = _exact(start % DAY_MINUTES)
    end = _exact(start + length)
    if end <= DAY_MINUTES:
        return [(start, end)] if end > start else []
    return [(start, DAY_MINUTES), (0, _exact(end - DAY_MINUTES))]


def _overlap(these: Sequence[tuple[Number, Number]], those: Sequence[tuple[Number, Number]]):
    """The minutes two lists of pieces share."""
    shared = 0
    for lo, hi in these:
        for a, b in those:
            # Plain comparisons, not min and max: every span meets every item (evaluate).
            length = (hi if hi < b else b) - (lo if lo > a else a)
            if length > 0:
                shared += length
    return shared


def _minus(these: Sequence[tuple[Number, Number]], those: Sequence[tuple[Number, Number]]):
    """The pieces of `these` outside `those` (each list's pieces do not overlap each other)."""
    rest = list(these)
    for a, b in those:
        cut = []
        for lo, hi in rest:
            if b <= lo or a >= hi:
                cut.append((lo, hi))
                continue
            if lo < a:
                cut.append((lo, a))
            if b < hi:
                cut.append((b, hi))
        rest = cut
    return rest


def _length(ps: Sequence[tuple[Number, Number]]) -> Number:
    return sum((hi - lo for lo, hi in ps), 0)


@dataclass(frozen=True)
class SpanResult:
    """What one span counted in a dygn (rules.md R13.2, R13.4)."""

    span: Span
    number: int  # its place in the plan, from 1
    kind: Kind  # as counted (R13.3)
    time_type: TimeType  # from its presence (R13.4)
    help_minutes: Number  # people-minutes of active help its people were busy with: Σ min(p, a)
    presence_minutes: Number  # people-minutes left as presence: Σ max(0, p − a), before factors
    uncounted_minutes: Number  # of those, waiting or on-call outside the night: count 0 (R13.4)
    counted_minutes: Number  # as counted: (presence − uncounted) × the time-type factor
    night_minutes: Number  # clock minutes inside the night rest, where it replaces the cover
    double_minutes: Number  # clock minutes counted with two people
    items: tuple[tuple[int, Number], ...]  # (item number, clock minutes inside it)
    concurrent: tuple[tuple[int, Number], ...]  # items done during it, not counted (R13.2)

    @property
    def people_minutes(self) -> int:
        return self.span.minutes * self.span.assistants


@dataclass(frozen=True)
class ItemResult:
    """What one item counted in a dygn (rules.md R13.2, R4)."""

    item: Item
    number: int
    counted_minutes: Number  # people-minutes counted as active help
    concurrent_minutes: Number  # clock minutes done during supervision: not counted (R13.2)
    night_minutes: Number  # clock minutes counted inside the night rest


@dataclass(frozen=True)
class PlanNight:
    """The night rest of one dygn of a plan (rules.md R13.6)."""

    night: Night
    covered_minutes: Number  # covered by a span, which replaces the cover
    help_minutes: Number  # of the rest, minutes with active help, each clock minute once
    free_minutes: Number  # the rest: waiting or on-call time before conversion
    counted_minutes: Fraction  # as counted: ¼, 1/7 or nothing of the free minutes


@dataclass(frozen=True)
class PlanResult:
    """One day plan's dygn (rules.md R13): per span and item, the night, the limit, the rows."""

    plan: DayPlan
    spans: tuple[SpanResult, ...]
    items: tuple[ItemResult, ...]
    night: PlanNight | None
    basic_minutes: Fraction  # counted per dygn, after the time-type factors, night included
    other_minutes: Fraction
    assistant_minutes: Number  # Σ max(p, a): people-minutes before the factors (R13.7)
    double_minutes: Number  # minutes in which a second person is counted
    occupied_minutes: Number  # minutes in which at least one person is counted
    overlaps: tuple[tuple[Number, Number], ...]  # (start, minutes) where items overlap
    rows: tuple[Activity, ...]  # the rows of R13.9, each `from_day_plan` = the plan's key

    @property
    def limit_minutes(self) -> Number:
        """rules.md R13.7: 1440 + the minutes in which a second person is counted."""
        return DAY_MINUTES + self.double_minutes

    @property
    def uncounted_minutes(self) -> Number:
        """Waiting or on-call presence outside the night, per dygn (R13.4)."""
        return sum((s.uncounted_minutes for s in self.spans), 0)


def _row(plan: DayPlan, description: str, **values) -> Activity:
    return Activity(
        description=description,
        times=Fraction(1),
        per=Period.DAY,
        days_per_week=plan.days,
        week_types=(plan.week_type,),
        from_day_plan=plan.key,
        **values,
    )


def span_label(span: Span) -> str:
    """ "Tillsyn för andning 08:00–20:00": the person's words, else the presence and need."""
    if span.description:
        label = span.description
    else:
        label = _("{presence}, {need}").format(
            presence=PRESENCE_LABELS[span.presence], need=need_label(span.need).lower()
        )
    return f"{label} {span.times_text}"


def item_label(item: Item) -> str:
    return f"{item.description} {clock(item.at)}"


def _span_rows(plan: DayPlan, result: SpanResult, parts: dict) -> list[Activity]:
    """rules.md R13.9: the span's counted minutes, one row per (inside the night, people)."""
    span = result.span
    label = span_label(span)
    if result.help_minutes:
        label = _("{label}, utom aktiv hjälp ({minutes} − {help} min)").format(
            label=label,
            minutes=result.people_minutes,
            help=format_number(result.help_minutes),
        )
    active = result.time_type == TimeType.ACTIVE
    rows = []
    several = len(parts) > 1
    for (at_night, people), minutes in sorted(parts.items()):
        if not active and not at_night:
            continue  # waiting or on-call outside the night counts 0 (R13.4)
        qualifiers = []
        if several and at_night:
            qualifiers.append(_("under nattvilan"))
        if several and not at_night:
            qualifiers.append(_("utanför nattvilan"))
        if span.assistants == 2:
            qualifiers.append(_("två assistenter") if people == 2 else _("en assistent"))
        description = ", ".join([label, *qualifiers])
        rows.append(
            _row(
                plan,
                description,
                need=span.need,
                kind=result.kind,
                minutes=Fraction(minutes),
                assistants=people,
                time_type=result.time_type,
                at_night=at_night and active,
            )
        )
    return rows


def _item_rows(plan: DayPlan, item: Item, parts: dict) -> list[Activity]:
    """rules.md R13.9: one row per item, two with `two_minutes`, and its night minutes apart."""
    label = item_label(item)
    split = item.two_minutes is not None
    across = len({at_night for at_night, _people in parts}) > 1
    rows = []
    for (at_night, people), minutes in sorted(parts.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        qualifiers = []
        if split:
            qualifiers.append(_("två assistenter") if people == 2 else _("en assistent"))
        if at_night and across:
            qualifiers.append(_("under nattvilan"))
        rows.append(
            _row(
                plan,
                ", ".join([label, *qualifiers]),
                need=item.need,
                kind=item.kind,
                tube_feeding=item.tube_feeding,
                minutes=Fraction(minutes),
                assistants=people,
                at_night=at_night,
            )
        )
    return rows


def _find(starts: list[Number], spans: list[tuple[Number, Number, int]], t: Number) -> int | None:
    """The index of the piece covering moment t, among sorted non-overlapping pieces."""
    i = bisect_right(starts, t) - 1
    if i >= 0 and spans[i][0] <= t < spans[i][1]:
        return spans[i][2]
    return None


def evaluate(plan: DayPlan, night: Night | None, on: date) -> PlanResult:
    """One typical dygn of a plan, minute by minute (rules.md R13.2–R13.7), and its rows
    (R13.9). `on` is the first day calculated, for the kinds of R13.3."""
    cover = night.cover if night is not None else NightCover.NONE
    night_pieces = pieces(minute_of(night.start), night.minutes) if night else []
    span_pieces = [pieces(s.first_minute, s.minutes) for s in plan.spans]
    # Where an item marked "görs samtidigt som tillsynen" is not counted (R13.2).
    full = sorted(
        pc
        for s, ps in zip(plan.spans, span_pieces, strict=True)
        if s.presence in _FULL_PRESENCE
        for pc in ps
    )

    # The items: their counted pieces (people) and what they give.
    people_at: dict[Number, int] = {}
    count_at: dict[Number, int] = {}
    item_parts: list[dict] = []
    item_results = []
    item_pieces: list[list[tuple[Number, Number]]] = []
    for number, item in enumerate(plan.items, start=1):
        parts: dict[tuple[bool, int], Number] = {}
        concurrent = counted = night_minutes = 0
        own: list[tuple[Number, Number]] = []
        for offset, minutes, people in item.parts():
            ps = pieces(item.first_minute + _exact(offset), _exact(minutes))
            if item.during_supervision:
                kept = _minus(ps, full)
                concurrent += _length(ps) - _length(kept)
                ps = kept
            for lo, hi in ps:
                people_at[lo] = people_at.get(lo, 0) + people
                people_at[hi] = people_at.get(hi, 0) - people
                count_at[lo] = count_at.get(lo, 0) + 1
                count_at[hi] = count_at.get(hi, 0) - 1
            inside = _overlap(ps, night_pieces)
            outside = _length(ps) - inside
            for at_night, length in ((True, inside), (False, outside)):
                if length:
                    parts[(at_night, people)] = parts.get((at_night, people), 0) + length
            counted += _length(ps) * people
            night_minutes += inside
            own += ps
        item_parts.append(parts)
        item_pieces.append(own)
        item_results.append(ItemResult(item, number, counted, concurrent, night_minutes))

    # The stretches between the moments where something starts or ends.
    span_index = sorted((lo, hi, i) for i, ps in enumerate(span_pieces) for lo, hi in ps)
    span_starts = [lo for lo, _hi, _i in span_index]
    night_index = sorted((lo, hi, 0) for lo, hi in night_pieces)
    night_starts = [lo for lo, _hi, _i in night_index]
    moments = sorted(
        {
            0,
            DAY_MINUTES,
            *people_at,
            *(x for lo, hi, _i in span_index for x in (lo, hi)),
            *(x for lo, hi in night_pieces for x in (lo, hi)),
        }
    )
    n = len(plan.spans)
    help_ = [0] * n
    presence: list[dict[tuple[bool, int], Number]] = [{} for _ in range(n)]
    uncounted = [0] * n
    span_night = [0] * n
    span_double = [0] * n
    covered = night_help = free = 0
    assistant = double = occupied = 0
    overlaps: list[list[Number]] = []
    a = items_now = 0
    waiting_cover = night is not None and night.covered
    for lo, hi in itertools.pairwise(moments):
        a += people_at.get(lo, 0)
        items_now += count_at.get(lo, 0)
        length = hi - lo
        if not length:
            continue
        i = _find(span_starts, span_index, lo)
        in_night = _find(night_starts, night_index, lo) is not None
        if i is not None:
            span = plan.spans[i]
            people = span.assistants
            left = people - a if people > a else 0
            help_[i] += (a if a < people else people) * length
            if left:
                key = (in_night, left)
                presence[i][key] = presence[i].get(key, 0) + length
                if not in_night and span.presence not in _FULL_PRESENCE:
                    uncounted[i] += left * length
            if in_night:
                span_night[i] += length
                covered += length
            if left == 2:
                span_double[i] += length
            most = people if people > a else a
        elif in_night:
            if a:
                night_help += length
                most = a
            else:
                free += length
                most = 1 if waiting_cover else 0
        else:
            most = a
        assistant += most * length
        if most >= 2:
            double += length
        if most:
            occupied += length
        if items_now >= 2:
            if overlaps and overlaps[-1][0] + overlaps[-1][1] == lo:
                overlaps[-1][1] += length
            else:
                overlaps.append([lo, length])

    rows: list[Activity] = []
    span_results = []
    for i, span in enumerate(plan.spans):
        kind = counted_kind(span, on)
        time_type = PRESENCE_TIME_TYPES[span.presence]
        left = sum(length * people for (_night, people), length in presence[i].items())
        factor = time_factor(time_type)
        inside = [
            (number, _overlap(own, span_pieces[i]))
            for number, own in enumerate(item_pieces, start=1)
        ]
        concurrent = [
            (r.number, _overlap(pieces(r.item.first_minute, r.item.minutes), span_pieces[i]))
            for r in item_results
            if r.concurrent_minutes and span.presence in _FULL_PRESENCE
        ]
        result = SpanResult(
            span,
            i + 1,
            kind,
            time_type,
            help_[i],
            left,
            uncounted[i],
            (left - uncounted[i]) * factor,
            span_night[i],
            span_double[i],
            tuple((number, minutes) for number, minutes in inside if minutes),
            tuple((number, minutes) for number, minutes in concurrent if minutes),
        )
        span_results.append(result)
        rows += _span_rows(plan, result, presence[i])
    for item, parts in zip(plan.items, item_parts, strict=True):
        rows += _item_rows(plan, item, parts)

    plan_night = None
    if night is not None:
        plan_night = PlanNight(night, covered, night_help, free, free * cover_factor(cover))
    # What the rows count (R4, R3): basic for basic active help and presence, else other.
    basic = other = Fraction(0)
    for counted, is_basic in (
        *((r.counted_minutes, r.item.kind == Kind.BASIC) for r in item_results),
        *(
            (s.counted_minutes, s.kind == Kind.BASIC and s.time_type == TimeType.ACTIVE)
            for s in span_results
        ),
    ):
        if is_basic:
            basic += counted
        else:
            other += counted
    if plan_night is not None:
        other += plan_night.counted_minutes
    return PlanResult(
        plan,
        tuple(span_results),
        tuple(item_results),
        plan_night,
        basic,
        other,
        assistant,
        double,
        occupied,
        tuple((start, length) for start, length in overlaps),
        tuple(rows),
    )


# --- Rows that exceed the dygn (rules.md R13.8) ------------------------------------------------


def clock_minutes_per_day(
    *,
    day_rows: Fraction,
    night_rows: Fraction,
    assistance_days: int,
    night: Night | None,
    plans: Sequence[PlanResult] = (),
) -> Fraction:
    """rules.md R13.8: the clock minutes of a week type per assistance day.

    `day_rows` is Σ minutes × times × period factor of its rows written by hand that are not
    `at_night` (each row once, whatever its assistants, before the time-type factor), and
    `night_rows` the same of its `at_night` rows. With a night whose cover is not none, the
    night's length is added for each assistance day and the `at_night` rows lie inside it: only
    what they exceed of the free night is added (rules.md says "not added again"; more help than
    the night has cannot lie inside it). With cover none the `at_night` rows are added.

    With day plans (a choice of this product; R13.8 speaks of rows without plans): each plan
    adds, for each of its days, the minutes in which it counts at least one person (its night
    included), and the days of the week type without a plan keep the night as above. The
    help written by hand at night then fills the plans' free night minutes first.
    """
    plan_days = sum(result.plan.days for result in plans)
    rest_days = assistance_days - plan_days
    minutes = day_rows + sum((r.plan.days * r.occupied_minutes for r in plans), Fraction(0))
    if night is not None and night.covered:
        free = rest_days * night.minutes + sum(
            (r.plan.days * r.night.free_minutes for r in plans if r.night), Fraction(0)
        )
        minutes += rest_days * night.minutes + max(Fraction(0), night_rows - free)
    else:
        minutes += night_rows
    return minutes / assistance_days


def applied(
    plans: Sequence[PlanResult], *, night: Night | None, over_capacity: bool
) -> list[p.Parameter]:
    """The parameters of R13 a calculation used, for its sources and its warnings."""
    spans = [s for r in plans for s in r.spans]
    used = [p.PRESENCE_MINUS_HELP] if plans else []
    if any(s.span.presence in (Presence.WAITING, Presence.ON_CALL) for s in spans):
        used.append(p.WAITING_ONLY_AT_NIGHT)
    if night is not None and night.covered and any(s.night_minutes for s in spans):
        used.append(p.SPAN_REPLACES_NIGHT_COVER)
    if any(i.concurrent_minutes for r in plans for i in r.items):
        used.append(p.DURING_SUPERVISION_NOT_COUNTED)
    if over_capacity:
        used.append(p.ROWS_WITHIN_A_DAY)
    return used
