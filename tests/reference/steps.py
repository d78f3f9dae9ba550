"""The steps of "Så räknade vi": how each figure was reached, one function per step.

A `Step` carries its display value, so that the page, the PDF and the command print it as it
is; its parts add up to its figure, and its sources are what a person reads (the law, FK's
guidance, a ruling), never the ids of rules.md.
"""

from fractions import Fraction

from assessments.rules import parameters as p
from assessments.rules.assessment import Assessment
from assessments.rules.i18n import _, ngettext
from assessments.rules.needs import (
    NightCover,
    need_label,
)

from . import explain_dates, explain_day
from .engine import (
    Deduction,
    Figures,
    Result,
    RowResult,
    SegmentResult,
)
from .explained import Part, Step
from .formatting import (
    format_hours,
    format_kronor,
    format_number,
    fraction_text,
    share_text,
)
from .words import (
    age_text,
    bracket_text,
    duration_text,
    hours_text,
    margin_text,
    span_text,
    threshold_text,
)


def _row_label(result: Result, r: RowResult, template: str) -> str:
    label = template.format(
        number=r.index + 1, description=r.activity.description or need_label(r.activity.need)
    )
    if result.several_weeks and len(r.week_types) < len(result.week_types):
        names = [
            w.week_type.label.lower() for w in result.week_types if w.week_type.key in r.week_types
        ]
        label += f" ({', '.join(names)})"
    return label


def _row_parts(result: Result, rows: list[RowResult], *, basic: bool) -> tuple[Part, ...]:
    # One translation for all the rows: a lookup per row costs a millisecond at 150 rows.
    template = _("Rad {number}: {description}")
    return tuple(
        Part(
            explain_day.row_label(result, r) or _row_label(result, r, template),
            r.basic_minutes if basic else r.other_minutes,
            r.index,
        )
        for r in rows
    )


def _need_parts(result: Result, *, basic: bool) -> tuple[Part, ...]:
    parts = []
    for total in result.by_need:
        minutes = total.basic_minutes if basic else total.other_minutes
        if minutes:
            parts.append(Part(total.label, minutes))
    return tuple(parts)


def _weights(result: Result) -> list[tuple[Fraction, str, SegmentResult, int]]:
    """Each (segment, week type) pair with its share of the period."""
    days = sum(s.days for s in result.segments)
    weeks = sum(w.week_type.weeks for w in result.week_types)
    pairs = []
    for segment in result.segments:
        for index, (week_type, _figures) in enumerate(segment.week_types):
            label = []
            if result.several_weeks:
                label.append(week_type.label)
            if result.several_segments:
                label.append(span_text(segment.start, segment.end))
            weight = Fraction(segment.days, days) * week_type.weeks / weeks
            pairs.append((weight, ", ".join(label), segment, index))
    return pairs


def figure_steps(assessment: Assessment, result: Result) -> tuple[Step, ...]:
    """Every step of the result, in the order a person follows them."""
    steps = [_before_deduction_basic(result), _before_deduction_other(result)]
    if result.night is not None:
        steps.append(_night_step(result))
    for deduction, figure in ((result.deduction_basic, "basic"), (result.deduction_other, "other")):
        if deduction is not None:
            steps.append(_deduction_step(assessment, result, deduction, figure))
        steps.append(_after_deduction_step(result, deduction, figure))
    if result.several_weeks:
        steps.append(_week_types_step(result))
    if result.several_segments:
        steps.append(_segments_step(result))
    steps += [_total_step(result), _margin_step(result)]
    if result.estimated_sek_per_year is not None:
        steps.append(_money_step(result))
    return tuple(steps)


def _averaged(result: Result) -> str:
    if not result.several_weeks:
        return ""
    return " " + _(
        "I genomsnitt över veckotyperna: en rad som bara gäller vissa veckor räknas med sin "
        "andel av veckorna."
    )


def _before_deduction_basic(result: Result) -> Step:
    """rules.md R1, R3, R4: the rows that count toward the threshold."""
    rows = [r for r in result.rows if r.basic_share]
    return Step(
        "before_deduction.basic",
        _("Grundläggande behov före avdrag"),
        result.before_deduction_basic,
        hours_text(result.before_deduction_basic),
        _(
            "Summan av raderna som räknas som grundläggande behov: de integritetsnära "
            "delarna av hjälpen och den hjälp som räknas i sin helhet, som andning, "
            "sondmatning och behov 6 och 7. Varje rad räknas som minuter × antal gånger, "
            "omräknat till en vecka, × antal assistenter. Väntetid och beredskap räknas "
            "aldrig hit."
        )
        + _averaged(result),
        ("R1", "R3", "R4"),
        _row_parts(result, rows, basic=True),
        _need_parts(result, basic=True),
    )


def _before_deduction_other(result: Result) -> Step:
    """rules.md R2, R4, R6: the other needs, waiting and on-call time converted."""
    rows = [r for r in result.rows if r.basic_share < 1]
    night = ()
    if result.night is not None and result.night.counted_minutes:
        label = _("Nattvilan, {cover}").format(cover=_cover_word(result))
        night = (Part(label, result.night.counted_minutes),)
    return Step(
        "before_deduction.other",
        _("Andra personliga behov före avdrag"),
        result.before_deduction_other,
        hours_text(result.before_deduction_other),
        _(
            "Summan av raderna som är andra personliga behov, på samma sätt. Väntetid "
            "räknas med {waiting} och beredskap med {on_call} av tiden."
        ).format(
            waiting=share_text(p.WAITING_FACTOR.value), on_call=share_text(p.ON_CALL_FACTOR.value)
        )
        + _averaged(result),
        ("R2", "R4", "R6"),
        _row_parts(result, rows, basic=False) + night,
        _need_parts(result, basic=False),
    )


def _after_deduction_step(result: Result, deduction: Deduction | None, figure: str) -> Step:
    """rules.md R7: the hours before the deduction minus the deduction, if any."""
    before = result.before_deduction_basic if figure == "basic" else result.before_deduction_other
    after = result.basic_minutes if figure == "basic" else result.other_minutes
    parts = (Part(_("Före avdrag"), before),)
    if deduction is not None:
        parts += (Part(_("Föräldraavdrag"), -deduction.applied_minutes),)
    return Step(
        f"weekly_hours.{figure}",
        _("Grundläggande behov efter avdrag")
        if figure == "basic"
        else _("Andra personliga behov efter avdrag"),
        after,
        hours_text(after),
        _("Timmarna före avdrag minus föräldraavdraget.")
        if deduction is not None
        else _("Inget föräldraavdrag görs, så timmarna är desamma som före avdrag."),
        ("R7",) if deduction is not None else ("R4",),
        parts,
    )


def _total_step(result: Result) -> Step:
    """rules.md R2, R5: basic plus other needs."""
    return Step(
        "weekly_hours.total",
        _("Totalt"),
        result.total_minutes,
        hours_text(result.total_minutes),
        _(
            "Grundläggande behov plus andra personliga behov, efter avdrag. Andra personliga "
            "behov ger timmar först när de grundläggande behoven är mer än {threshold} i "
            "veckan."
        ).format(threshold=threshold_text()),
        ("R2", "R5"),
        (
            Part(_("Grundläggande behov"), result.basic_minutes),
            Part(_("Andra personliga behov"), result.other_minutes),
        ),
    )


def _margin_step(result: Result) -> Step:
    """rules.md R5: the basic needs against the threshold, averaged over the period."""
    margin = margin_text(result, unit="h")
    threshold = p.THRESHOLD_HOURS.value
    return Step(
        "margin",
        _("Jämfört med {hours}-timmarsgränsen").format(hours=threshold),
        result.margin_minutes,
        margin[0].upper() + margin[1:],
        _(
            "Statlig assistansersättning kräver grundläggande behov på mer än {threshold} i "
            "veckan i genomsnitt över perioden; exakt {threshold} räcker inte. "
            "Försäkringskassan prövar inte enskilda veckor. Jämförelsen görs med oavrundade "
            "tal. Annars ansvarar kommunen, som inte har någon nedre gräns."
        ).format(threshold=threshold_text()),
        ("R5", "R10", "R9") if result.several_weeks else ("R5", "R9"),
        (
            Part(_("Grundläggande behov"), result.basic_minutes),
            Part(
                _("Minus {hours}-timmarsgränsen").format(hours=threshold),
                -result.threshold_minutes,
            ),
        ),
    )


def _money_step(result: Result) -> Step:
    """rules.md R8: the hours a year at the hourly amount."""
    sek = result.estimated_sek_per_year
    values = {
        "hours": format_hours(result.total_minutes),
        "weeks": p.WEEKS_PER_YEAR.value,
        "amount": format_kronor(result.hourly_amount, 2),
        "year": result.rules_as_of.year,
        "sum": format_kronor(sek),
        "higher": format_number(p.HIGHER_AMOUNT_MAX.value * 100),
    }
    if result.several_amounts:  # rules.md R8: each year's part at its own amount
        text = explain_dates.money_text(result)
    elif result.own_hourly_amount:
        text = _(
            "{hours} timmar i veckan × {weeks} veckor × {amount} (ditt eget timbelopp "
            "{year}) ≈ {sum}. Det är en uppskattning; ett högre belopp, högst {higher} % "
            "mer, kan beviljas av särskilda skäl."
        ).format(**values)
    else:
        text = _(
            "{hours} timmar i veckan × {weeks} veckor × {amount} (timbeloppet {year}) ≈ "
            "{sum}. Det är en uppskattning; ett högre belopp, högst {higher} % mer, kan "
            "beviljas av särskilda skäl."
        ).format(**values)
    return Step(
        "estimated_sek_per_year",
        _("Uppskattat belopp per år"),
        result.total_minutes,
        _("Cirka {sum} per år").format(sum=format_kronor(sek)),
        text,
        ("R8",),
        (Part(_("Totalt"), result.total_minutes),),
    )


def _cover_word(result: Result) -> str:
    return _("väntetid") if result.night.night.cover == NightCover.WAITING else _("beredskap")


def _night_step(result: Result) -> Step:
    """rules.md R11: the night rest minus the active help, converted (R6)."""
    cover = result.night.night.cover
    share = {
        NightCover.WAITING: p.WAITING_FACTOR.value,
        NightCover.ON_CALL: p.ON_CALL_FACTOR.value,
        NightCover.NONE: Fraction(0),
    }[cover]
    night_hours = format_number(Fraction(result.night.night.minutes, 60))
    sentences = []
    parts = []
    total_weeks = sum(w.week_type.weeks for w in result.week_types)
    for week in result.week_types:
        night = week.figures.night
        values = {
            "night": night_hours,
            "nights": week.week_type.assistance_days,
            "help": duration_text(night.active_minutes),
            "free": duration_text(night.free_minutes),
            "share": fraction_text(share),
            "counted": duration_text(night.counted_minutes),
        }
        if cover == NightCover.NONE:
            sentence = _(
                "{night} h natt × {nights} − {help} hjälp; ingen assistent väntar eller har "
                "beredskap, så ingen tid räknas."
            )
        elif cover == NightCover.WAITING:
            sentence = _(
                "{night} h natt × {nights} − {help} hjälp = {free} väntetid, räknas {share} = "
                "{counted}."
            )
        else:
            sentence = _(
                "{night} h natt × {nights} − {help} hjälp = {free} beredskap, räknas {share} = "
                "{counted}."
            )
        sentence = explain_day.night_sentence(night, values) or sentence.format(**values)
        if result.several_weeks:
            sentence = f"{week.week_type.label}: {sentence}"
        sentences.append(sentence)
        weight = week.week_type.weeks / total_weeks
        parts.append(
            Part(
                week.week_type.label if result.several_weeks else _("Nattvilan"),
                night.counted_minutes * weight,
            )
        )
    return Step(
        "night",
        _("Nattvilan"),
        result.night.counted_minutes,
        hours_text(result.night.counted_minutes),
        " ".join(sentences)
        + " "
        + _(
            "Tiden under nattvilan som inte är aktiv hjälp är väntetid eller beredskap och ett "
            "annat personligt behov; den aktiva hjälpen räknas på sina rader. Två assistenter "
            "som hjälper samtidigt tar samma minuter en gång."
        ),
        ("R11", "R6"),
        tuple(parts),
    )


def _deduction_sentence(figure: str, values: dict) -> str:
    """How the table gives one part's deduction: "tabellen från 2025-01-01 drar av ..."."""
    one = values["per_day"] == "1"
    if figure == "basic":
        sentence = ngettext(
            "tabellen från {date} drar av {per_day} timme per dygn med assistans för "
            "grundläggande behov, × {days} dygn = {hours} timmar i veckan.",
            "tabellen från {date} drar av {per_day} timmar per dygn med assistans för "
            "grundläggande behov, × {days} dygn = {hours} timmar i veckan.",
            1 if one else 2,
        )
    else:
        sentence = ngettext(
            "tabellen från {date} drar av {per_day} timme per dygn med assistans för andra "
            "personliga behov, × {days} dygn = {hours} timmar i veckan.",
            "tabellen från {date} drar av {per_day} timmar per dygn med assistans för andra "
            "personliga behov, × {days} dygn = {hours} timmar i veckan.",
            1 if one else 2,
        )
    return sentence.format(**values)


def _deduction_step(
    assessment: Assessment, result: Result, deduction: Deduction, figure: str
) -> Step:
    kind = "basic" if figure == "basic" else "other"
    pairs = _weights(result)
    parts: list[Part] = []
    sentences = []
    simple = len(pairs) == 1
    for weight, name, segment, index in pairs:
        figures: Figures = segment.week_types[index][1]
        week_type = segment.week_types[index][0]
        part: Deduction | None = getattr(figures, f"deduction_{kind}")
        prefix = f"{name}: " if name else ""
        if part is None:
            sentences.append(prefix + _("inget avdrag (barnet räknas som vuxet)."))
            continue
        if result.several_segments:
            prefix = _("{name} ({age} år)").format(name=name, age=segment.age) + ": "
        sentence = prefix + _deduction_sentence(
            figure,
            {
                "date": segment.table.effective.isoformat(),
                "per_day": format_number(part.table_minutes / 60 / week_type.assistance_days),
                "days": week_type.assistance_days,
                "hours": format_hours(part.table_minutes),
            },
        )
        if part.applied_minutes < part.table_minutes:
            sentence += " " + _(
                "Det finns bara {hours} timmar att dra av, så avdraget blir inte större än så "
                "och resten flyttas inte över."
            ).format(hours=format_hours(part.deductible_minutes))
        sentences.append(sentence)
        if simple:
            parts.append(Part(_("Enligt tabellen"), part.table_minutes))
            if part.applied_minutes < part.table_minutes:
                parts.append(
                    Part(
                        _("Mer än det finns att dra av"),
                        part.applied_minutes - part.table_minutes,
                    )
                )
        else:
            parts.append(Part(name, part.applied_minutes * weight))
    text = " ".join(s[0].upper() + s[1:] for s in sentences)
    if deduction.exempt_minutes:
        text += " " + _(
            "{hours} timmar för andning, löpande stöd vid medicinskt tillstånd och sondmatning, "
            "med det som direkt behövs för dem, dras aldrig av."
        ).format(hours=format_hours(deduction.exempt_minutes))
    if not simple:
        text += " " + _("Avdraget vägs sedan efter veckor och dagar som resten av beräkningen.")
    return Step(
        f"parental_deduction.{figure}",
        _("Föräldraavdrag, grundläggande behov")
        if figure == "basic"
        else _("Föräldraavdrag, andra personliga behov"),
        deduction.applied_minutes,
        hours_text(deduction.applied_minutes),
        f"{age_text(assessment, result)} {text}" if figure == "basic" else text,
        ("R7",),
        tuple(parts),
    )


def _week_types_step(result: Result) -> Step:
    """rules.md R10: each kind of week on its own, averaged by its weeks."""
    weeks = sum(w.week_type.weeks for w in result.week_types)
    parts = []
    sentences = []
    for week in result.week_types:
        figures = week.figures
        share = week.week_type.weeks / weeks
        parts.append(
            Part(f"{week.week_type.label} × {format_number(share, 3)}", figures.basic * share)
        )
        sentences.append(
            _(
                "{week} ({weeks} veckor): grundläggande behov {basic} timmar, andra personliga "
                "behov {other} timmar efter avdrag."
            ).format(
                week=week.week_type.label,
                weeks=format_number(week.week_type.weeks),
                basic=format_hours(figures.basic),
                other=format_hours(figures.other),
            )
        )
    return Step(
        "average.week_types",
        _("Genomsnitt över veckotyperna"),
        result.basic_minutes,
        hours_text(result.basic_minutes),
        " ".join(sentences)
        + " "
        + _(
            "Varje sorts vecka räknas för sig, med sitt eget föräldraavdrag, och vägs efter "
            "antalet veckor ({weeks} i allt). Gränsen prövas på genomsnittet."
        ).format(weeks=format_number(weeks)),
        ("R10", "R5"),
        tuple(parts),
    )


def _segments_step(result: Result) -> Step:
    """rules.md R10: the parts of the period, each with its own rules, weighted by days."""
    days = sum(s.days for s in result.segments)
    parts = []
    sentences = []
    for segment in result.segments:
        share = Fraction(segment.days, days)
        name = span_text(segment.start, segment.end)
        parts.append(
            Part(
                _("{name} × {days}/{total} dagar").format(name=name, days=segment.days, total=days),
                segment.figures.basic * share,
            )
        )
        values = {
            "name": name,
            "days": segment.days,
            "basic": format_hours(segment.figures.basic),
        }
        if segment.age is not None:
            sentence = _(
                "{name} ({days} dagar, {bracket}): grundläggande behov {basic} timmar i veckan."
            ).format(bracket=bracket_text(segment.age), **values)
        else:
            sentence = _("{name} ({days} dagar): grundläggande behov {basic} timmar i veckan.")
            sentence = sentence.format(**values)
        sentences.append(sentence)
    return Step(
        "average.segments",
        _("Genomsnitt över periodens delar"),
        result.basic_minutes,
        hours_text(result.basic_minutes),
        " ".join(sentences)
        + " "
        + _(
            "Perioden delas där reglerna eller barnets åldersgrupp ändras; varje del räknas med "
            "reglerna som gäller då och vägs efter antalet dagar."
        ),
        ("R10", "R7"),
        tuple(parts),
    )
