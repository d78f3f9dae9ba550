"""A horizontal bar chart of hours per week per need, drawn as SVG by the app (issue 4).

Pure Python: the PDF embeds it and the draft page can inline it. The output is deterministic
(same result, same bytes), valid standalone XML and valid inline SVG in HTML, and needs no
`style` attribute or element, so the page's CSP (`style-src 'self'`) does not block it: all
styling is presentation attributes. Basic needs are solid, other needs hatched, so the chart
reads in black and white; the numbers are also written out beside each bar and in the <desc>.
"""

from fractions import Fraction
from html import escape

from assessments.rules import Result, format_hours

WIDTH = 680
MARGIN = 8
PLOT_LEFT = MARGIN
PLOT_WIDTH = 500  # the rest of the width is room for the value written after each bar
FONT_SIZE = 13
LABEL_GAP = 4  # between a label's baseline and the bar below it
BAR_HEIGHT = 14
ROW_HEIGHT = FONT_SIZE + LABEL_GAP + BAR_HEIGHT + 8
LEGEND_HEIGHT = 30
AXIS_HEIGHT = 22
INK = "#000000"
BASIC_FILL = "#3a3a3a"
GRID = "#b0b0b0"
NICE_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000)
MAX_TICKS = 8


def _n(value: float) -> str:
    """A coordinate with at most two decimals and a decimal point (SVG syntax)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _t(text: str) -> str:
    return escape(text, quote=True)


def _hours(minutes: Fraction) -> str:
    return f"{format_hours(minutes)} h"


def _scale_step(max_hours: Fraction) -> int:
    for step in NICE_STEPS:
        if max_hours / step <= MAX_TICKS:
            return step
    return NICE_STEPS[-1]


def _value_text(basic: Fraction, other: Fraction) -> str:
    if basic and other:
        return f"{format_hours(basic)} + {format_hours(other)} = {_hours(basic + other)}"
    return _hours(basic + other)


def _description(result: Result) -> str:
    parts = [
        "Liggande stapeldiagram över timmar i veckan per behov, före föräldraavdrag. "
        "Grundläggande behov är den fyllda delen av stapeln, andra personliga behov den "
        "randiga."
    ]
    for total in result.by_need:
        parts.append(
            f"{total.label}: {_hours(total.basic_minutes)} grundläggande, "
            f"{_hours(total.other_minutes)} andra."
        )
    if not result.by_need:
        parts.append("Inga rader är ifyllda ännu.")
    margin = abs(result.margin_minutes)
    if result.meets_threshold:
        position = f"{_hours(margin)} över"
    elif margin:
        position = f"{_hours(margin)} under"
    else:
        position = "exakt på"
    parts.append(
        f"{_summary_label(result)}: {_hours(result.basic_minutes)}, {position} gränsen "
        f"{_hours(result.threshold_minutes)}."
    )
    return " ".join(parts)


def _summary_label(result: Result) -> str:
    if result.deduction_basic is not None and result.deduction_basic.applied_minutes:
        return "Grundläggande behov efter föräldraavdrag"
    return "Grundläggande behov, summa"


def bar_chart_svg(result: Result, *, id_prefix: str = "behovsdiagram") -> str:
    """The chart as an SVG document (a string with no XML declaration, ready to inline).

    `id_prefix` keeps the ids of <title>, <desc> and the hatch pattern unique on a page that
    shows more than one chart.
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

    rows = len(result.by_need) or 1
    plot_top = LEGEND_HEIGHT
    needs_bottom = plot_top + rows * ROW_HEIGHT
    summary_top = needs_bottom + 14
    summary_bottom = summary_top + ROW_HEIGHT + 6
    axis_y = summary_bottom
    height = axis_y + AXIS_HEIGHT

    pid = _t(id_prefix)
    title_id, desc_id, hatch_id = f"{pid}-titel", f"{pid}-beskrivning", f"{pid}-rander"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} '
        f'{_n(height)}" width="{WIDTH}" height="{_n(height)}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="DejaVu Sans, sans-serif" '
        f'font-size="{FONT_SIZE}" fill="{INK}">',
        f'<title id="{title_id}">Diagram: timmar i veckan per behov</title>',
        f'<desc id="{desc_id}">{_t(_description(result))}</desc>',
        "<defs>",
        f'<pattern id="{hatch_id}" patternUnits="userSpaceOnUse" width="6" height="6">',
        '<rect width="6" height="6" fill="#ffffff"/>',
        f'<path d="M-1,1 L1,-1 M0,6 L6,0 M5,7 L7,5" stroke="{INK}" stroke-width="1.2"/>',
        "</pattern>",
        "</defs>",
    ]

    # Legend.
    out += [
        f'<rect x="{MARGIN}" y="6" width="16" height="12" fill="{BASIC_FILL}" stroke="{INK}"/>',
        f'<text x="{MARGIN + 22}" y="17">Grundläggande behov</text>',
        f'<rect x="{MARGIN + 200}" y="6" width="16" height="12" fill="url(#{hatch_id})" '
        f'stroke="{INK}"/>',
        f'<text x="{MARGIN + 222}" y="17">Andra personliga behov</text>',
    ]

    # Grid lines and the scale, behind the bars.
    for tick in range(ticks + 1):
        hours = Fraction(tick * step)
        tick_x = _n(x(hours))
        out.append(
            f'<line x1="{tick_x}" y1="{plot_top}" x2="{tick_x}" y2="{_n(axis_y)}" '
            f'stroke="{GRID}" stroke-width="0.75"/>'
        )
        anchor = "start" if tick == 0 else "middle"
        out.append(
            f'<text x="{tick_x}" y="{_n(axis_y + 16)}" font-size="11" '
            f'text-anchor="{anchor}">{format_hours(hours * 60)}</text>'
        )
    out.append(
        f'<text x="{_n(PLOT_LEFT + PLOT_WIDTH + 10)}" y="{_n(axis_y + 16)}" '
        'font-size="11">timmar i veckan</text>'
    )

    def bar(
        top: float, label: str, basic: Fraction, other: Fraction, text_after: float = 0
    ) -> None:
        bar_y = top + FONT_SIZE + LABEL_GAP
        out.append(f'<text x="{PLOT_LEFT}" y="{_n(top + FONT_SIZE)}">{_t(label)}</text>')
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
        out.append(
            f'<text x="{_n(max(total_end, text_after) + 6)}" y="{_n(bar_y + BAR_HEIGHT - 3)}">'
            f"{_t(_value_text(basic, other))}</text>"
        )

    if not result.by_need:
        out.append(f'<text x="{PLOT_LEFT}" y="{_n(plot_top + FONT_SIZE)}">Inga rader ännu.</text>')
    for index, total in enumerate(result.by_need):
        bar(plot_top + index * ROW_HEIGHT, total.label, total.basic_minutes, total.other_minutes)

    # The summed basic needs against the 20-hour line (rules.md R5): the line applies to the
    # sum, not to any one need, so it is drawn across the summary bar only.
    out.append(
        f'<line x1="{MARGIN}" y1="{_n(needs_bottom + 4)}" x2="{WIDTH - MARGIN}" '
        f'y2="{_n(needs_bottom + 4)}" stroke="{INK}" stroke-width="0.75"/>'
    )
    # The value is written after the dashed line, never across it.
    line_x = _n(x(threshold))
    bar(summary_top, _summary_label(result), result.basic_minutes, Fraction(0), x(threshold))
    out += [
        f'<line x1="{line_x}" y1="{_n(summary_top + FONT_SIZE + 1)}" x2="{line_x}" '
        f'y2="{_n(summary_bottom)}" stroke="{INK}" stroke-width="2.5" '
        'stroke-dasharray="5 3"/>',
        f'<text x="{_n(x(threshold) + 5)}" y="{_n(summary_bottom - 1)}" font-size="11" '
        f'font-weight="bold">Gränsen {_t(_hours(result.threshold_minutes))}</text>',
        "</svg>",
    ]
    return "\n".join(out)
