"""A day plan as the page draws it (rules.md R13.7: "the page shows the dygn as a bar of 24
hours with the double stretches marked"): the rectangles of a 24-hour bar (the night, the
presence spans, the help inside them, the minutes that need two) and the same in words, its
text equivalent. Times as clock times and lengths in hours ("07:00–22:00", "15 timmar"), never
as minutes times occasions.
"""

from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.rules import CHOICE_LABELS
from assessments.rules.dayplan_types import DAY_MINUTES, DayPlan, clock
from assessments.rules.formatting import format_number
from assessments.rules.needs import NightCover, Presence, need_label

# Where each kind of rectangle lies in the bar's height (the SVG's y: 0–40).
_HEIGHTS = {
    "timeline__night": (0, 40),
    "timeline__span": (6, 28),
    "timeline__span--away": (6, 28),
    "timeline__help": (12, 16),
    "timeline__double": (0, 5),
}


@dataclass(frozen=True)
class Bar:
    """A rectangle of the bar, in minutes from midnight (the SVG's x: 0–1440)."""

    start: float
    minutes: float
    css: str

    @property
    def y(self) -> int:
        return _HEIGHTS[self.css][0]

    @property
    def height(self) -> int:
        return _HEIGHTS[self.css][1]


def pieces(start, minutes) -> list[tuple[float, float]]:
    """A clock interval split at midnight: (start, minutes) pieces within 0–1440."""
    start = float(start) % DAY_MINUTES
    end = start + float(minutes)
    if end <= DAY_MINUTES:
        return [(start, float(minutes))]
    return [(start, DAY_MINUTES - start), (0.0, end - DAY_MINUTES)]


def merged(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """(start, minutes) intervals joined where they overlap or touch, in order."""
    joined: list[list[float]] = []
    for start, minutes in sorted(intervals):
        if joined and start <= joined[-1][0] + joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], start + minutes - joined[-1][0])
        else:
            joined.append([start, minutes])
    return [(start, minutes) for start, minutes in joined]


def moment(minute) -> str:
    whole = int(minute) % DAY_MINUTES
    return f"{whole // 60:02d}:{whole % 60:02d}"


def duration(minutes) -> str:
    """ "15 timmar", "1 timme 30 minuter", "45 minuter": a length in hours and minutes."""
    minutes = Fraction(minutes).limit_denominator(1000)
    hours, rest = divmod(minutes, 60)
    hours = int(hours)
    rest_text = format_number(rest)
    minute_words = ngettext("%(n)s minut", "%(n)s minuter", 1 if rest == 1 else 2) % {
        "n": rest_text
    }
    if not hours:
        return minute_words
    hour_words = ngettext("%(n)s timme", "%(n)s timmar", hours) % {"n": hours}
    return f"{hour_words} {minute_words}" if rest else hour_words


def cover_word(cover: NightCover) -> str:
    return {
        NightCover.WAITING: _("väntetid"),
        NightCover.ON_CALL: _("beredskap"),
        NightCover.NONE: _("ingen väntetid eller beredskap"),
    }[NightCover(cover)]


def span_text(span) -> str:
    """ "Tillsyn för andning 07:00–22:00, 15 timmar" """
    what = span.description or _("%(presence)s, %(need)s") % {
        "presence": _(CHOICE_LABELS[Presence][span.presence]),
        "need": need_label(span.need).lower(),
    }
    text = _("%(what)s %(times)s, %(length)s") % {
        "what": what,
        "times": span.times_text,
        "length": duration(span.minutes),
    }
    if span.assistants == 2:
        text += _(", två assistenter hela tiden")
    return text


def item_text(item) -> str:
    """ "07:00 Dusch, 30 minuter (de första 5 minuterna med två assistenter)" """
    text = _("%(at)s %(what)s, %(length)s") % {
        "at": clock(item.at),
        "what": item.description,
        "length": duration(item.minutes),
    }
    if item.assistants == 2:
        text += _(", två assistenter")
    elif item.two_minutes is not None:
        two = format_number(item.two_minutes)
        text += ngettext(
            " (två assistenter den första minuten)",
            " (två assistenter de första %(n)s minuterna)",
            1 if item.two_minutes == 1 else 2,
        ) % {"n": two}
    if item.during_supervision:
        text += _(", görs samtidigt som tillsynen")
    return text


@dataclass
class Timeline:
    """One plan's dygn: the bar's rectangles and the same in words."""

    bars: list[Bar]
    words: list[str]


def timeline(plan: DayPlan, night) -> Timeline:
    bars: list[Bar] = []
    words: list[str] = []
    if night is not None:
        length = (
            night.end.hour * 60 + night.end.minute - night.start.hour * 60 - night.start.minute
        ) % DAY_MINUTES
        first = night.start.hour * 60 + night.start.minute
        bars += [Bar(s, m, "timeline__night") for s, m in pieces(first, length)]
        words.append(
            _("Nattvila %(start)s–%(end)s (%(cover)s), %(length)s")
            % {
                "start": clock(night.start),
                "end": clock(night.end),
                "cover": cover_word(night.cover),
                "length": duration(length),
            }
        )
    doubles: list[tuple[float, float]] = []
    for span in plan.spans:
        css = "timeline__span" if span.presence != Presence.AT_HAND else "timeline__span--away"
        bars += [Bar(s, m, css) for s, m in pieces(span.first_minute, span.minutes)]
        if span.assistants == 2:
            doubles += pieces(span.first_minute, span.minutes)
        words.append(span_text(span))
    for item in plan.items:
        bars += [Bar(s, m, "timeline__help") for s, m in pieces(item.first_minute, item.minutes)]
        two = item.minutes if item.assistants == 2 else item.two_minutes
        if two:
            doubles += pieces(item.first_minute, two)
        words.append(item_text(item))
    doubles = merged(doubles)
    bars += [Bar(s, m, "timeline__double") for s, m in doubles]
    if doubles:
        stretches = ", ".join(f"{moment(s)}–{moment(s + m)}" for s, m in doubles)
        words.append(_("Två assistenter: %(stretches)s") % {"stretches": stretches})
    return Timeline(bars, words)


@dataclass
class PlanSummary:
    """A counted day plan as a read-only page shows it: its bar and words, and its dygn."""

    key: str
    name: str
    week_name: str
    days: int
    timeline: Timeline
    basic: str  # counted per dygn, in hours and minutes
    other: str


def summaries(draft, result) -> list[PlanSummary]:
    """The draft's counted day plans (`result.day_plans`), each with its bar."""
    weeks = {w.key: w.label for w in draft.week_types}
    return [
        PlanSummary(
            r.plan.key,
            r.plan.name,
            weeks.get(r.plan.week_type, ""),
            r.plan.days,
            timeline(r.plan, draft.night),
            duration(round(r.basic_minutes)),
            duration(round(r.other_minutes)),
        )
        for r in result.day_plans
    ]
