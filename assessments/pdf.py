"""The printable summary and the draft request for omprövning: A4 PDFs rendered by WeasyPrint.

Both work from a `rules.Assessment` (what `files.read` returns and what the model's
`to_rules()` returns), so that the draft page's button and `manage.py summary FILE` print the
same document, and both are pure: input in, bytes out, no database. The figures come from
`rules.calculate` like the page's; the appendix shares "Så räknade vi" (`_explanation.html`)
with the page. The PDFs are tagged PDF/UA-1, carry the active language (Swedish by default) and
a title, and WeasyPrint may fetch nothing but data: URLs.
"""

import functools
import ssl
import threading
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

import weasyprint
from django.template.loader import render_to_string
from django.utils.html import strip_spaces_between_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from weasyprint.text.fonts import FontConfiguration

from . import fonts, rules
from .chart import bar_chart_svg
from .presentation import NeedGroup, Presented, RowView, present
from .rules import words
from .rules.compare import NeedComparison, RowComparison
from .rules.formatting import fraction_text, share_text
from .rules.needs import Need
from .rules.parameters import ON_CALL_FACTOR, WAITING_FACTOR, WEEKS_PER_YEAR, Parameter

SUMMARY_TEMPLATE = "assessments/summary_pdf.html"
SUMMARY_STYLESHEET = "assessments/summary_pdf.css"
RECONSIDERATION_TEMPLATE = "assessments/reconsideration_pdf.html"
# PDF/UA-1 (ISO 14289-1): WeasyPrint 70 tags headings, lists, tables with their header cells,
# and figures (an SVG's <title> becomes its alternate text); it also sets DisplayDocTitle.
PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class AppliedValue:
    """A value the calculation used, as the list of sources prints it."""

    parameter: Parameter

    @property
    def value(self) -> str:
        return words.parameter_value_text(self.parameter)

    @property
    def confidence(self) -> str:
        return words.CONFIDENCE_LABELS[self.parameter.confidence]


@dataclass
class PrintedRow(RowView):
    """A row as the summary prints it: one line, and with a decision both figures."""

    comparison: RowComparison | None = None

    @property
    def minutes(self) -> Fraction:
        """A week on average: a row of some week types only counts its share of the weeks
        (rules.md R10), so that the rows add up to their need's subtotal."""
        return self.result.average_minutes

    @property
    def how(self) -> str:
        return how_text(self.row)

    @property
    def kind(self) -> str:
        return kind_text(self.row)

    @property
    def decided_text(self) -> str:
        """What the decision changed on this row, in the row's own terms, or ""."""
        c = self.comparison
        if c is None or not c.changed:
            return ""
        if c.decided is None:
            return _("inte beviljat")
        return how_text(c.decided)

    @property
    def note_line(self) -> str:
        """The line under the row: what the decision changed and why, and the row's note."""
        parts = []
        if decided := self.decided_text:
            parts.append(_("Beslutat: %(decided)s") % {"decided": decided})
        if reason := self.row.decision_reason:
            parts.append(_("Beslutets motivering: %(reason)s") % {"reason": reason})
        if note := self.row.note:
            parts.append(_("Anteckning: %(note)s") % {"note": note})
        return " · ".join(parts)


@dataclass
class PrintedNeed:
    group: NeedGroup
    comparison: NeedComparison | None
    night_minutes: Fraction | None  # the night's waiting or on-call time, in this need
    decided_night_minutes: Fraction | None

    @property
    def night_difference(self) -> Fraction:
        return (self.night_minutes or 0) - (self.decided_night_minutes or 0)


def how_text(row: rules.Activity) -> str:
    """ "25 min × 3 ggr per dag, 7 dagar/vecka, 2 assistenter" (rules.md R4)."""
    text = f"{rules.format_number(row.minutes)} min × {words.frequency_text(row)}"
    if row.assistants == 2:
        text += _(", 2 assistenter")
    return text


def kind_text(row: rules.Activity) -> str:
    text = _("Grundläggande") if rules.counts_as_basic(row) else _("Annat")
    if note := words.time_type_note(row):
        text += f", {note}"
    if row.tube_feeding:
        text += _(", sondmatning")
    if row.at_night:
        text += _(", natt")
    return text


def night_text(result: rules.Result) -> str:
    """The night rest as one line of the rows table (rules.md R11): the free time it leaves
    and the share it counts with."""
    night = result.night
    if night is None:
        return ""
    start, end = night.night.start.strftime("%H:%M"), night.night.end.strftime("%H:%M")
    cover = night.night.cover
    if cover == rules.NightCover.NONE:
        return _("%(start)s–%(end)s, ingen väntetid eller beredskap") % {"start": start, "end": end}
    word, share = (
        (_("väntetid"), WAITING_FACTOR.value)
        if cover == rules.NightCover.WAITING
        else (_("beredskap"), ON_CALL_FACTOR.value)
    )
    return _(
        "%(start)s–%(end)s minus aktiv hjälp: %(free)s %(word)s i veckan, räknas %(share)s"
    ) % {
        "start": start,
        "end": end,
        "free": words.duration_text(night.free_minutes),
        "word": word,
        "share": fraction_text(share),
    }


def css_string(text: str) -> str:
    """A CSS string literal for the page margins' `content`, safe inside <style>, where HTML
    escaping does not apply: only this product's own (translated) words go there."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return mark_safe(f'"{escaped.replace("<", "")}"')


def _page_margins(left: str, printed_on: date) -> dict:
    return {
        "footer_left": css_string(left % {"date": printed_on.isoformat()}),
        "footer_page": css_string(_("Sida")),
        "footer_of": css_string(_("av")),
    }


def _key_figures(result: rules.Result) -> list[dict]:
    """Basic, other, the deduction and the total, a week and per dygn med assistans (each
    result's own assistance days, rules.md R13.8), claimed and decided."""
    decided = result.decision
    figures = [
        ("basic", result.basic_minutes, decided and decided.basic_minutes),
        ("other", result.other_minutes, decided and decided.other_minutes),
    ]
    if result.deduction_basic is not None or (decided and decided.deduction_basic is not None):
        figures.append(
            ("deduction", result.deduction_minutes, decided and decided.deduction_minutes)
        )
    # rules.md R12: at or below the threshold Försäkringskassan grants nothing: 0, not the rows.
    figures.append(("total", result.total_minutes, decided and decided.granted_minutes))
    return [
        {
            "figure": figure,
            "nothing": figure == "total" and bool(decided and decided.grants_nothing),
            "week": claimed,
            "day": result.per_assistance_day(claimed),
            "decided_week": got,
            "decided_day": decided.per_assistance_day(got) if decided else None,
            "difference": claimed - got if decided else None,
        }
        for figure, claimed, got in figures
    ]


def _sections(shown: Presented) -> list[PrintedNeed]:
    result, comparison, groups = shown.result, shown.comparison, shown.groups
    rows = {r.index: r for r in comparison.rows} if comparison else {}
    needs = {n.need: n for n in comparison.needs} if comparison else {}
    for group in groups:
        for row in group.rows:
            row.comparison = rows.get(row.result.index)
    decided_night = result.decision.night if result.decision else None
    sections = []
    for group in groups:
        night = decided = None
        if group.total.need == Need.SUPERVISION:
            if result.night is not None and result.night.counted_minutes:
                night = result.night.counted_minutes
            if decided_night is not None and decided_night.counted_minutes:
                decided = decided_night.counted_minutes
        sections.append(PrintedNeed(group, needs.get(group.total.need), night, decided))
    return sections


# A baseline to compare with (issue 21 item 4): the previous file's draft, and whether its
# decision is the baseline.
Baseline = tuple[rules.Assessment, bool]


def _summary_context(
    draft: rules.Assessment,
    result: rules.Result,
    *,
    printed_on: date,
    appendix: bool,
    baseline: Baseline | None = None,
) -> dict:
    shown = present(draft, result, voice="print", view=PrintedRow)
    before = result.before_deduction_basic + result.before_deduction_other
    decided = result.decision
    decided_before = (
        decided.before_deduction_basic + decided.before_deduction_other if decided else None
    )
    context = {
        "draft": draft,
        "result": result,
        "decision": result.decision,
        "shown": shown,
        "comparison": shown.comparison,
        "sections": _sections(shown),
        "printed_on": printed_on,
        "appendix": appendix,
        "is_child": draft.is_child,
        "key_figures": _key_figures(result),
        "weeks_per_year": WEEKS_PER_YEAR.value,
        "notices": shown.other_notices,  # the rest are in the "Kontrollera" box (shown.check)
        "segments": [(words.span_text(s.start, s.end), s) for s in result.segments]
        if result.several_segments
        else [],
        "night_text": night_text(result),
        "before_deduction_total": before,
        "decided_before_total": decided_before,
        "before_difference": before - decided_before if decided_before is not None else None,
        **_page_margins(
            _("Behovsräknare · egen uppskattning, inte ett beslut · utskriven %(date)s"),
            printed_on,
        ),
    }
    if draft.day_plans:
        context["day_strips"] = _day_strips(draft, result)
    if appendix:
        context |= {
            # The chart escapes every text it writes (assessments.chart).
            "chart_svg": mark_safe(bar_chart_svg(result, id_prefix="diagram")),
            "applied": tuple(AppliedValue(parameter) for parameter in result.applied),
            "waiting_share": share_text(WAITING_FACTOR.value),
            "on_call_share": share_text(ON_CALL_FACTOR.value),
            # "Vad har ändrats sedan", worded in the language being printed.
            "baseline": _baseline_changes(draft, baseline) if baseline is not None else None,
        }
    return context


# baselines, day_strip and reconsideration are imported where they are used: a summary
# without a baseline, day plans or a request needs none of them, and `manage.py summary`, a
# process per PDF, paid their import every time (issue 22 item 4).


def _baseline_changes(draft: rules.Assessment, baseline: tuple):
    from . import baselines

    return baselines.show(draft, baseline[0], decided=baseline[1])


def _day_strips(draft: rules.Assessment, result: rules.Result) -> list[tuple]:
    """Each day plan as a 24-hour strip and its text (issue 20 item 5), in the draft's order."""
    from .day_strip import strip, strip_svg

    calculated = {r.plan.key: r for r in result.day_plans}
    drawn = []
    for number, plan in enumerate(draft.day_plans, start=1):
        one = strip(plan, draft.night, calculated.get(plan.key))
        # The strip escapes every text it writes (assessments.day_strip).
        drawn.append((one, mark_safe(strip_svg(one, id_prefix=f"dygn{number}"))))
    return drawn


class _DataOnlyFetcher(weasyprint.URLFetcher):
    """Fetches data: URLs and refuses everything else (file:, http:, https:, ...).

    Everything the document needs is inline, so no text in a draft can make the server read a
    file or call another host; WeasyPrint logs a refused URL and leaves the resource out.
    """

    def __init__(self):
        # It never opens a connection (data: only), so its HTTPS handler gets a context with no
        # certificates loaded: the default one reads the system's CA certificates, 20-40 ms
        # of every `manage.py summary` process. With none loaded, any HTTPS would fail.
        super().__init__(
            allowed_protocols=("data",),
            allow_redirects=False,
            timeout=1,
            ssl_context=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT),
        )


# One instance for the process. It keeps no per-request state for the plain URL strings
# WeasyPrint passes it.
NO_NETWORK_FETCHER = _DataOnlyFetcher()


def _document(template: str, draft: rules.Assessment, context: dict) -> str:
    """The HTML to print, with the font stack for every script and a word on any character no
    font has (assessments.fonts)."""
    unprintable = fonts.unprintable_in_draft(draft, draft.activities)
    context |= {
        "font_stack": fonts.css_stack(),
        "font_stack_condensed": fonts.css_stack(condensed=True),
        "unprintable_notice": fonts.unprintable_message(unprintable) if unprintable else "",
    }
    # Rendered in the active language (Swedish unless a request or caller chose another):
    # the template's texts are marked for translation and <html lang> follows the language.
    # Whitespace between tags is only work for the parser and the layout (about 5 %).
    return strip_spaces_between_tags(render_to_string(template, context))


@functools.cache
def stylesheet(name: str) -> weasyprint.CSS:
    """A PDF's fixed style, parsed once per process (a render process gets it parsed from the
    fork server): each summary parsed its <style> again, about a tenth of its render."""
    css = render_to_string(
        name,
        {
            "font_stack": fonts.css_stack(),
            "font_stack_condensed": fonts.css_stack(condensed=True),
        },
    )
    return weasyprint.CSS(string=css, base_url=None, url_fetcher=NO_NETWORK_FETCHER)


_fonts = threading.local()


def font_configuration() -> FontConfiguration:
    """Fontconfig's configuration and Pango's font map, made once per thread and kept: made
    per document (WeasyPrint's default) each render loaded fontconfig's configuration and
    each font size and weight again. The document declares no @font-face, so nothing of one
    document stays in it but fonts loaded and measured. Pango's font map is not for sharing
    between threads."""
    if (config := getattr(_fonts, "config", None)) is None:
        config = _fonts.config = FontConfiguration()
    return config


def html_to_pdf(html: str, stylesheet_name: str | None = None) -> bytes:
    """WeasyPrint's part, which needs no database: it can run in a render process.
    `stylesheet_name` names a template of fixed style (e.g. SUMMARY_STYLESHEET) that the
    document's own <style> does not repeat."""
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=NO_NETWORK_FETCHER)
    # Title and language come from <title> and <html lang>; WeasyPrint writes them to /Title,
    # the XMP dc:title and the catalog's /Lang.
    return document.write_pdf(
        pdf_variant=PDF_VARIANT,
        stylesheets=[stylesheet(stylesheet_name)] if stylesheet_name else None,
        font_config=font_configuration(),
    )


def summary_html(
    draft: rules.Assessment,
    *,
    printed_on: date,
    appendix: bool = False,
    baseline: Baseline | None = None,
) -> str:
    result = rules.calculate(draft)
    context = _summary_context(
        draft, result, printed_on=printed_on, appendix=appendix, baseline=baseline
    )
    return _document(SUMMARY_TEMPLATE, draft, context)


def render_summary(
    draft: rules.Assessment,
    *,
    printed_on: date,
    appendix: bool = False,
    baseline: Baseline | None = None,
) -> bytes:
    """The printable summary of a draft; with `appendix`, "Så räknade vi", the chart, the
    sources and, with a `baseline`, what changed since it, after the rows."""
    html = summary_html(draft, printed_on=printed_on, appendix=appendix, baseline=baseline)
    return html_to_pdf(html, SUMMARY_STYLESHEET)


def reconsideration_html(draft: rules.Assessment, *, printed_on: date) -> str | None:
    from . import reconsideration

    request = reconsideration.build(draft, rules.calculate(draft))
    if request is None:
        return None
    context = {
        "request": request,
        "printed_on": printed_on,
        "disclaimer": reconsideration.DISCLAIMER,
        "own_reason_missing": reconsideration.OWN_REASON_MISSING,
        "own_reason_part_missing": _(reconsideration.OWN_REASON_PART_MISSING),
        "footer_draft": css_string(_("UTKAST att redigera – inte juridisk rådgivning")),
        **_page_margins(_("Behovsräknare · utkast · utskrivet %(date)s"), printed_on),
    }
    return _document(RECONSIDERATION_TEMPLATE, draft, context)


def render_reconsideration(draft: rules.Assessment, *, printed_on: date) -> bytes | None:
    """The draft request for omprövning as a PDF, or None for a draft without a decision."""
    html = reconsideration_html(draft, printed_on=printed_on)
    return None if html is None else html_to_pdf(html)


def filename(printed_on: date, *, appendix: bool = False) -> str:
    """A safe ASCII file name, never built from the user's title (it may hold anything)."""
    suffix = "-med-bilaga" if appendix else ""
    return f"behovsberakning-{printed_on.isoformat()}{suffix}.pdf"


def reconsideration_filename(printed_on: date) -> str:
    return f"omprovning-utkast-{printed_on.isoformat()}.pdf"
