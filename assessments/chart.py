"""A horizontal bar chart of hours per week per need, drawn as SVG by the app.

Pure Python: the PDF embeds it and the draft page can inline it. The output is deterministic
(same result, same bytes), valid standalone XML and valid inline SVG in HTML, and needs no
`style` attribute or element, so the page's CSP (`style-src 'self'`) does not block it: all
styling is presentation attributes. Basic needs are solid, other needs hatched, so the chart
reads in black and white; the figures are also written above each bar and in the <desc>.
Its words are in the language being shown (`rules.i18n`, so the chart needs no Django).
"""

from fractions import Fraction

from assessments.rules import Result, format_hours, margin_text
from assessments.rules.i18n import _
from assessments.svg import number as _n
from assessments.svg import opening
from assessments.svg import text as _t

WIDTH = 680
MARGIN = 8
PLOT_LEFT = MARGIN
PLOT_WIDTH = 560  # the rest is room for the axis title after the last tick
FONT_SIZE = 13
LABEL_GAP = 4  # between a label's baseline and the bar below it
BAR_HEIGHT = 14
ROW_HEIGHT = FONT_SIZE + LABEL_GAP + BAR_HEIGHT + 8
LEGEND_HEIGHT = 30
AXIS_HEIGHT = 22
INK = "#000000"
BASIC_FILL = "#3a3a3a"
GRID = "#b0b0b0"
MAX_TICKS = 8


def _hours(minutes: Fraction) -> str:
    return f"{format_hours(minutes)} h"


def _scale_step(max_hours: Fraction) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50... hours that needs at most MAX_TICKS steps."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if max_hours / step <= MAX_TICKS:
                return step
        magnitude *= 10


def _label(label: str, basic: Fraction, other: Fraction) -> str:
    """ "Måltider: 35,5 h (grundläggande 28, andra 7,5)", written above the bar."""
    if basic and other:
        return _("{label}: {hours} (grundläggande {basic}, andra {other})").format(
            label=label,
            hours=_hours(basic + other),
            basic=format_hours(basic),
            other=format_hours(other),
        )
    return f"{label}: {_hours(basic + other)}"


def _summary_label(result: Result) -> str:
    if result.deduction_basic is not None and result.deduction_basic.applied_minutes:
        return _("Grundläggande behov efter föräldraavdrag")
    return _("Grundläggande behov, summa")


def _description(result: Result) -> str:
    parts = [
        _(
            "Liggande stapeldiagram över timmar i veckan per behov, före föräldraavdrag. "
            "Grundläggande behov är den fyllda delen av stapeln, andra personliga behov den "
            "randiga."
        )
    ]
    for total in result.by_need:
        parts.append(
            _("{label}: {basic} grundläggande, {other} andra.").format(
                label=total.label,
                basic=_hours(total.basic_minutes),
                other=_hours(total.other_minutes),
            )
        )
    if not result.by_need:
        parts.append(_("Inga rader är ifyllda ännu."))
    margin = margin_text(result, unit="h", line=f" {_hours(result.threshold_minutes)}")
    parts.append(f"{_summary_label(result)}: {_hours(result.basic_minutes)}, {margin}.")
    return " ".join(parts)


def bar_chart_svg(result: Result, *, id_prefix: str = "behovsdiagram") -> str:
    """The chart as an SVG document (a string with no XML declaration, ready to inline).

    One bar per need in the law's order (`result.by_need`, before the parental deduction),
    then the summed basic needs against the 20-hour line. `id_prefix` keeps the ids of
    <title>, <desc> and the hatch pattern unique on a page that shows more than one chart.
    """
    threshold = result.threshold_minutes / 60
    largest = max(
        [threshold, result.basic_minutes / 60]
        + [total.total_minutes / 60 for total in result.by_need]
    )
    step = _scale_step(largest)
    ticks = -(-largest // step)  # ceiling
    scale_max = Fraction(ticks * step)

    def x(hours: Fraction) -> float:
        return PLOT_LEFT + float(hours / scale_max) * PLOT_WIDTH

    plot_top = LEGEND_HEIGHT
    needs_bottom = plot_top + max(len(result.by_need), 1) * ROW_HEIGHT
    summary_top = needs_bottom + 14
    summary_bottom = summary_top + ROW_HEIGHT + 6
    axis_y = summary_bottom
    height = axis_y + AXIS_HEIGHT
    bands = [plot_top + index * ROW_HEIGHT for index in range(len(result.by_need))]
    bands.append(summary_top)

    words = {
        "basic": _t(_("Grundläggande behov")),
        "other": _t(_("Andra personliga behov")),
        "axis": _t(_("timmar i veckan")),
        "empty": _t(_("Inga rader ännu.")),
    }
    hatch_id = f"{_t(id_prefix)}-rander"
    out = [
        *opening(
            "chart",
            width=WIDTH,
            height=height,
            font_size=FONT_SIZE,
            ink=INK,
            id_prefix=id_prefix,
            title=_("Diagram: timmar i veckan per behov"),
            description=_description(result),
        ),
        "<defs>",
        f'<pattern id="{hatch_id}" patternUnits="userSpaceOnUse" width="6" height="6">',
        '<rect width="6" height="6" fill="#ffffff"/>',
        f'<path d="M-1,1 L1,-1 M0,6 L6,0 M5,7 L7,5" stroke="{INK}" stroke-width="1.2"/>',
        "</pattern>",
        "</defs>",
        # Legend.
        f'<rect x="{MARGIN}" y="6" width="16" height="12" fill="{BASIC_FILL}" stroke="{INK}"/>',
        f'<text x="{MARGIN + 22}" y="17">{words["basic"]}</text>',
        f'<rect x="{MARGIN + 200}" y="6" width="16" height="12" fill="url(#{hatch_id})" '
        f'stroke="{INK}"/>',
        f'<text x="{MARGIN + 222}" y="17">{words["other"]}</text>',
    ]

    # Grid lines behind the bars, only where the bars are, so that they never cross a label:
    # one path for all of them.
    grid = " ".join(
        f"M{_n(x(Fraction(tick * step)))},{_n(top + FONT_SIZE + 1)} v{BAR_HEIGHT + 6}"
        for top in bands
        for tick in range(ticks + 1)
    )
    out.append(f'<path d="{grid}" stroke="{GRID}" stroke-width="0.75" fill="none"/>')
    for tick in range(ticks + 1):
        hours = Fraction(tick * step)
        anchor = "start" if tick == 0 else "middle"
        out.append(
            f'<text x="{_n(x(hours))}" y="{_n(axis_y + 16)}" font-size="11" '
            f'text-anchor="{anchor}">{format_hours(hours * 60)}</text>'
        )
    out.append(
        f'<text x="{WIDTH - MARGIN}" y="{_n(axis_y + 16)}" font-size="11" '
        f'text-anchor="end">{words["axis"]}</text>'
    )

    def bar(top: float, label: str, basic: Fraction, other: Fraction) -> None:
        # One text per bar, above it: the label carries the figures, so no figure sits on a
        # grid line (and every <text> costs WeasyPrint a few milliseconds).
        out.append(
            f'<text x="{PLOT_LEFT}" y="{_n(top + FONT_SIZE)}">{_t(_label(label, basic, other))}'
            "</text>"
        )
        bar_y = top + FONT_SIZE + LABEL_GAP
        basic_end = x(basic / 60)
        total_end = x((basic + other) / 60)
        if basic:
            out.append(
                f'<rect x="{_n(PLOT_LEFT)}" y="{_n(bar_y)}" width="{_n(basic_end - PLOT_LEFT)}" '
                f'height="{BAR_HEIGHT}" fill="{BASIC_FILL}" stroke="{INK}"/>'
            )
        if other:
            out.append(
                f'<rect x="{_n(basic_end)}" y="{_n(bar_y)}" width="{_n(total_end - basic_end)}" '
                f'height="{BAR_HEIGHT}" fill="url(#{hatch_id})" stroke="{INK}"/>'
            )

    if not result.by_need:
        out.append(f'<text x="{PLOT_LEFT}" y="{_n(plot_top + FONT_SIZE)}">{words["empty"]}</text>')
    for top, total in zip(bands, result.by_need, strict=False):
        bar(top, total.label, total.basic_minutes, total.other_minutes)

    # The summed basic needs against the 20-hour line (rules.md R5). The line applies to the
    # sum, not to any one need, so it is drawn across the summary bar only.
    out.append(
        f'<path d="M{MARGIN},{_n(needs_bottom + 4)} H{WIDTH - MARGIN}" stroke="{INK}" '
        'stroke-width="0.75"/>'
    )
    bar(summary_top, _summary_label(result), result.basic_minutes, Fraction(0))
    line_x = _n(x(threshold))
    line = f"M{line_x},{_n(summary_top + FONT_SIZE + 1)} V{_n(summary_bottom - 12)}"
    out += [
        # White under black, so that the line shows on the dark bar as well as on paper.
        f'<path d="{line}" stroke="#ffffff" stroke-width="5"/>',
        f'<path d="{line}" stroke="{INK}" stroke-width="2.5" stroke-dasharray="5 3"/>',
        f'<text x="{_n(max(x(threshold), MARGIN + 40))}" y="{_n(summary_bottom - 1)}" '
        'font-size="11" font-weight="bold" '
        'text-anchor="middle">'
        + _t(_("Gränsen {hours}").format(hours=_hours(result.threshold_minutes)))
        + "</text>",
        "</svg>",
    ]
    return "\n".join(out)
