"""A day plan drawn as a 24-hour strip (issue 20 item 5): the printout's picture of one
typical dygn, 00 to 24, that an officer reads at a glance, with the same content as text.

`strip(plan, night)` turns a rules `DayPlan` (rules.md R13.1) and the draft's night into drawing
data: three lanes (the night rest, the presence spans, the active help), each a list of
stretches on the clock, split at midnight, with the people they need; and one line of text
per stretch in clock order, which is the strip's text equivalent. `strip_svg` draws it as SVG
with presentation attributes only (like `chart.py`), in black and white: the night hatched,
presence grey, two people black, help as black marks, two-person help reaching above its lane.
Its <title> is the PDF's alternate text (PDF/UA); the printout lists the lines beside it.

Pure Python, no Django (the words come from `rules.i18n`), so a strip can be made from any
`rules.Assessment` with day plans, from a file or from the model.
"""

from dataclasses import dataclass
from fractions import Fraction

from assessments.rules.assessment import Night
from assessments.rules.day import PlanResult, pieces, span_label
from assessments.rules.dayplan_types import DAY_MINUTES, DayPlan, clock
from assessments.rules.formatting import format_hours, format_number
from assessments.rules.i18n import _, ngettext
from assessments.rules.needs import NightCover, Presence
from assessments.svg import number as _n
from assessments.svg import opening
from assessments.svg import text as _t

NIGHT, SPAN, ITEM = "night", "span", "item"

WIDTH = 680
LABEL_WIDTH = 78  # the lanes' names, left of 00:00
PLOT_LEFT = LABEL_WIDTH
PLOT_WIDTH = WIDTH - LABEL_WIDTH - 12
LANE_HEIGHT = 18
LANE_GAP = 6
TOP = 4
FONT_SIZE = 11
INK = "#000000"
PRESENCE_FILL = "#9a9a9a"
GRID = "#b0b0b0"
MIN_MARK = 1.5  # the narrowest mark, so that a minute of help is still seen


@dataclass(frozen=True)
class Stretch:
    """A stretch of one lane: from `start` for `minutes` (minutes from 00:00, within the
    dygn), needing `people`."""

    lane: str
    start: Fraction
    minutes: Fraction
    people: int
    label: str


@dataclass(frozen=True)
class Strip:
    """One day plan as drawing data and its text equivalent."""

    name: str
    days: int
    stretches: tuple[Stretch, ...]
    lines: tuple[str, ...]  # one per night, span and item, in clock order
    counted: str = ""  # the dygn's counted assistant-time against its limit, when calculated

    @property
    def title(self) -> str:
        days = ngettext(
            "{name}, {days} dag i veckan", "{name}, {days} dagar i veckan", self.days
        ).format(name=self.name, days=self.days)
        return _("Dygnet klockan 00–24 för {plan}").format(plan=days)

    @property
    def description(self) -> str:
        lines = (*self.lines, self.counted) if self.counted else self.lines
        return " ".join(f"{line}." for line in lines)


def _until(start: Fraction, minutes: Fraction) -> str:
    end = (start + minutes) % DAY_MINUTES
    whole = int(end)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def _minutes(value) -> str:
    return format_number(value)


def _cover_text(cover: NightCover) -> str:
    return _("väntetid") if cover == NightCover.WAITING else _("beredskap")


def strip(plan: DayPlan, night: Night | None, result: PlanResult | None = None) -> Strip:
    """The strip of `plan`, with the draft's `night` (rules.md R11, R13.6) and, when given, the
    plan's calculated dygn (`result`) for its counted time (R13.7)."""
    stretches: list[Stretch] = []
    lines: list[tuple[Fraction, int, str]] = []  # (start, lane order, text)
    if night is not None and night.covered:
        start = Fraction(night.start.hour * 60 + night.start.minute)
        text = _(
            "Nattvila {start}–{end}: {cover}, en assistent där ingen tillsyn täcker natten"
        ).format(start=clock(night.start), end=clock(night.end), cover=_cover_text(night.cover))
        for lo, hi in pieces(start, night.minutes):
            stretches.append(Stretch(NIGHT, Fraction(lo), Fraction(hi - lo), 1, text))
        lines.append((start, 0, text))
    for span in plan.spans:
        text = span_label(span)
        if span.assistants == 2:
            text = _("{span}, två assistenter").format(span=text)
        if span.presence in (Presence.WAITING, Presence.ON_CALL):
            kind = _("väntetid") if span.presence == Presence.WAITING else _("beredskap")
            text = _("{span} ({presence})").format(span=text, presence=kind)
        start = Fraction(span.first_minute)
        for lo, hi in pieces(start, span.minutes):
            stretches.append(Stretch(SPAN, Fraction(lo), Fraction(hi - lo), span.assistants, text))
        lines.append((start, 1, text))
    for item in plan.items:
        start = Fraction(item.first_minute)
        if item.two_minutes is not None:
            people = _("två assistenter de första {two} min").format(two=_minutes(item.two_minutes))
        elif item.assistants == 2:
            people = _("två assistenter")
        else:
            people = ""
        text = _("{start}–{end} {description}, {minutes} min").format(
            start=clock(item.at),
            end=_until(start, item.minutes),
            description=item.description,
            minutes=_minutes(item.minutes),
        )
        if people:
            text = f"{text}, {people}"
        if item.during_supervision:
            text = _("{item}, görs samtidigt som tillsynen").format(item=text)
        for offset, minutes, count in item.parts():
            for lo, hi in pieces(start + offset, minutes):
                stretches.append(Stretch(ITEM, Fraction(lo), Fraction(hi - lo), count, text))
        lines.append((start, 2, text))
    counted = ""
    if result is not None:
        counted = _(
            "Räknad assistanstid {hours} timmar per dygn, högst {limit} timmar (24 timmar och "
            "tiden med två assistenter)"
        ).format(
            hours=format_hours(result.assistant_minutes),
            limit=format_hours(result.limit_minutes),
        )
    ordered = tuple(text for _start, _lane, text in sorted(lines, key=lambda t: (t[0], t[1])))
    return Strip(plan.name, plan.days, tuple(stretches), ordered, counted)


def strip_svg(drawn: Strip, *, id_prefix: str = "dygn") -> str:
    """The strip as inline SVG: hours 00–24 across, the three lanes down."""

    def x(minute: Fraction) -> float:
        return PLOT_LEFT + float(minute) / DAY_MINUTES * PLOT_WIDTH

    lanes = {NIGHT: 0, SPAN: 1, ITEM: 2}
    names = {NIGHT: _("Natt"), SPAN: _("Närvaro"), ITEM: _("Hjälp")}

    def lane_top(lane: str) -> int:
        return TOP + lanes[lane] * (LANE_HEIGHT + LANE_GAP)

    axis_y = lane_top(ITEM) + LANE_HEIGHT + 4
    height = axis_y + FONT_SIZE + 6
    hatch_id = f"{_t(id_prefix)}-natt"
    out = [
        *opening(
            "day-strip",
            width=WIDTH,
            height=height,
            font_size=FONT_SIZE,
            ink=INK,
            id_prefix=id_prefix,
            title=drawn.title,
            description=drawn.description,
        ),
        f'<defs><pattern id="{hatch_id}" width="5" height="5" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="5" height="5" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="5" stroke="{INK}" stroke-width="1.4"/></pattern></defs>',
    ]
    # The hours: a thin line every hour, a label every third.
    for hour in range(25):
        hx = _n(x(Fraction(hour * 60)))
        out.append(
            f'<line x1="{hx}" y1="{TOP}" x2="{hx}" y2="{axis_y}" stroke="{GRID}" '
            f'stroke-width="{0.8 if hour % 3 == 0 else 0.4}"/>'
        )
        if hour % 3 == 0:
            anchor = "start" if hour == 0 else "end" if hour == 24 else "middle"
            out.append(
                f'<text x="{hx}" y="{axis_y + FONT_SIZE}" text-anchor="{anchor}">{hour:02d}</text>'
            )
    for lane in lanes:
        top = lane_top(lane)
        out.append(
            f'<text x="0" y="{top + LANE_HEIGHT - 5}">{_t(names[lane])}</text>'
            f'<rect x="{PLOT_LEFT}" y="{top}" width="{PLOT_WIDTH}" height="{LANE_HEIGHT}" '
            f'fill="none" stroke="{INK}" stroke-width="0.6"/>'
        )
    for s in drawn.stretches:
        left = x(s.start)
        width = max(x(s.start + s.minutes) - left, MIN_MARK)
        top = lane_top(s.lane)
        if s.lane == NIGHT:
            fill, y, h = f"url(#{hatch_id})", top, LANE_HEIGHT
        elif s.lane == SPAN:
            fill, y, h = (INK if s.people == 2 else PRESENCE_FILL), top, LANE_HEIGHT
        else:
            # Two-person help reaches above its lane, so that double stretches stand out.
            fill, y, h = (
                INK,
                (top - LANE_GAP if s.people == 2 else top + 3),
                (LANE_HEIGHT + LANE_GAP if s.people == 2 else LANE_HEIGHT - 3),
            )
        # A white edge keeps two spans that meet (07–08, 08–09) apart.
        edge = ' stroke="#ffffff" stroke-width="1"' if s.lane == SPAN else ""
        out.append(
            f'<rect x="{_n(left)}" y="{_n(y)}" width="{_n(width)}" height="{_n(h)}" '
            f'fill="{fill}"{edge}/>'
        )
    out.append("</svg>")
    return "".join(out)
