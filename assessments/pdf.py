"""The printable summary (issue 4): an A4 PDF rendered by WeasyPrint from the rules result.

One source, two renderings: the figures come from `assessment.calculate()` like the draft page's,
and the PDF shares "Så räknade vi" (`_explanation.html`) with it. The PDF is tagged PDF/UA-1,
in Swedish, with a title, and WeasyPrint may fetch nothing but data: URLs.
"""

from dataclasses import dataclass
from datetime import date

import weasyprint
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_spaces_between_tags
from django.utils.safestring import mark_safe

from . import fonts, rules
from .chart import bar_chart_svg
from .models import Activity, Assessment
from .rules.parameters import Parameter

TEMPLATE = "assessments/summary_pdf.html"
# PDF/UA-1 (ISO 14289-1): WeasyPrint 70 tags headings, lists, tables with their header cells,
# and figures (an SVG's <title> becomes its alternate text); it also sets DisplayDocTitle.
PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class SummaryRow:
    """One activity row as printed: the stored row beside what the rules made of it."""

    activity: Activity
    result: rules.RowResult

    @property
    def number(self) -> int:
        # 1-based, the same number "Så räknade vi" uses ("Rad 3: Dusch").
        return self.result.index + 1

    @property
    def frequency(self) -> str:
        """ "3 ggr per dag, 7 dagar/vecka", "1 gång per månad" (rules.md R4)."""
        row = self.result.activity
        times = rules.format_number(row.times)
        text = f"{times} {'gång' if row.times == 1 else 'ggr'} {rules.PERIOD_LABELS[row.per]}"
        if row.per == rules.Period.DAY:
            text += f", {row.days_per_week} dagar/vecka"
        return text

    @property
    def counts_as_basic(self) -> bool:
        return rules.counts_as_basic(self.result.activity)

    @property
    def time_type_note(self) -> str:
        """rules.md R6: väntetid counts a quarter, beredskap a seventh."""
        match self.result.activity.time_type:
            case rules.TimeType.WAITING:
                return "väntetid, räknas 1/4"
            case rules.TimeType.ON_CALL:
                return "beredskap, räknas 1/7"
        return ""


# What each dated or uncertain parameter is, in the words the PDF's source table uses.
PARAMETER_LABELS = {
    "threshold_hours": "Gränsen för grundläggande behov, timmar i veckan",
    "waiting_factor": "Väntetid räknas med en fjärdedel",
    "on_call_factor": "Beredskap räknas med en sjundedel",
    "waiting_not_basic": "Väntetid och beredskap räknas aldrig mot gränsen",
    "parental_deduction": "Tabellen för föräldraavdrag",
    "deduction_no_transfer": "Oanvänt föräldraavdrag flyttas inte till det andra slaget",
    "age_limit": "Åldersgräns för ny assistansersättning",
    "hourly_amount": "Timbelopp",
}
CONFIDENCE_LABELS = {"high": "hög", "medium": "medel", "derived": "härledd"}


@dataclass(frozen=True)
class AppliedRule:
    parameter: Parameter

    @property
    def label(self) -> str:
        label = PARAMETER_LABELS.get(self.parameter.key, self.parameter.key)
        if self.parameter.key == "hourly_amount":
            label += f" {self.parameter.value:.2f} kr".replace(".", ",")
        elif self.parameter.key == "age_limit":
            label += f": {self.parameter.value} år"
        return label

    @property
    def confidence(self) -> str:
        return CONFIDENCE_LABELS.get(self.parameter.confidence, self.parameter.confidence)


@dataclass(frozen=True)
class NeedSection:
    total: rules.NeedTotal
    law_number: int | None  # LSS 9 a § number of a basic need (rules.md R1)
    rows: tuple[SummaryRow, ...]


def need_sections(activities: list[Activity], result: rules.Result) -> tuple[NeedSection, ...]:
    """The rows grouped by need, in the order of the law (`result.by_need`'s order)."""
    rows = [
        SummaryRow(activity, row) for activity, row in zip(activities, result.rows, strict=True)
    ]
    return tuple(
        NeedSection(
            total,
            rules.NEED_INFO[total.need].law_number,
            tuple(row for row in rows if row.result.activity.need == total.need),
        )
        for total in result.by_need
    )


def summary_context(assessment: Assessment, *, printed_on: date) -> dict:
    activities = assessment.rows()
    rules_input = assessment.to_rules_input(activities)
    result = rules.calculate(rules_input)
    return {
        "assessment": assessment,
        "result": result,
        "sections": need_sections(activities, result),
        "printed_on": printed_on,
        # The chart escapes every text it writes (assessments.chart).
        "chart_svg": mark_safe(bar_chart_svg(result, id_prefix="diagram")),
        "before_deduction_total": result.before_deduction_basic + result.before_deduction_other,
        "applied": tuple(AppliedRule(parameter) for parameter in result.applied),
        "is_child": rules_input.is_child,
        # The font stack and what it cannot print live in assessments.fonts.
        "font_stack": fonts.css_stack(),
        "font_stack_condensed": fonts.css_stack(condensed=True),
        "unprintable_notice": (
            fonts.unprintable_message(unprintable)
            if (unprintable := fonts.unprintable_in_draft(assessment, activities))
            else ""
        ),
    }


class _DataOnlyFetcher(weasyprint.URLFetcher):
    """Fetches data: URLs and refuses everything else (file:, http:, https:, ...).

    Everything the document needs is inline, so no text in a draft can make the server read a
    file or call another host; WeasyPrint logs a refused URL and leaves the resource out.
    """

    def __init__(self):
        super().__init__(allowed_protocols=("data",), allow_redirects=False, timeout=1)


# One instance for the process: building one creates an SSL context (about 40 ms here). It
# keeps no per-request state for the plain URL strings WeasyPrint passes it.
NO_NETWORK_FETCHER = _DataOnlyFetcher()


def render_summary_pdf(assessment: Assessment, *, printed_on: date) -> bytes:
    return html_to_pdf(summary_html(assessment, printed_on=printed_on))


def summary_html(assessment: Assessment, *, printed_on: date) -> str:
    """The document to print; the database's part of the work (assessments.render_pool)."""
    # The document is Swedish whatever language the request negotiated (floatformat, dates).
    with translation.override("sv"):
        html = render_to_string(TEMPLATE, summary_context(assessment, printed_on=printed_on))
    # Whitespace between tags is only work for the parser and the layout (about 5 %).
    return strip_spaces_between_tags(html)


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint's part, which needs no database: it runs in a render process."""
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=NO_NETWORK_FETCHER)
    # Title and language come from <title> and <html lang="sv">; WeasyPrint writes them to
    # /Title, the XMP dc:title and the catalog's /Lang.
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def filename(assessment: Assessment, printed_on: date) -> str:
    """A safe ASCII file name, never built from the user's title (it may hold anything)."""
    return f"behovsberakning-{printed_on.isoformat()}.pdf"
