"""The printable summary: an A4 PDF rendered by WeasyPrint from the rules result.

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

from . import rules
from .chart import bar_chart_svg
from .models import Assessment
from .rows import need_groups
from .rules import explain
from .rules.formatting import share_text
from .rules.parameters import ON_CALL_FACTOR, WAITING_FACTOR, WEEKS_PER_YEAR, Parameter

TEMPLATE = "assessments/summary_pdf.html"
# PDF/UA-1 (ISO 14289-1): WeasyPrint 70 tags headings, lists, tables with their header cells,
# and figures (an SVG's <title> becomes its alternate text); it also sets DisplayDocTitle.
PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class AppliedValue:
    """A value the calculation used, as the list of sources prints it."""

    parameter: Parameter

    @property
    def value(self) -> str:
        return explain.parameter_value_text(self.parameter)

    @property
    def confidence(self) -> str:
        return explain.CONFIDENCE_LABELS[self.parameter.confidence]


def summary_context(assessment: Assessment, *, printed_on: date) -> dict:
    rows = assessment.rows()
    draft = assessment.to_rules(rows)
    result = rules.calculate(draft)
    return {
        "assessment": assessment,
        "result": result,
        "sections": need_groups(result, rows),
        "printed_on": printed_on,
        # The chart escapes every text it writes (assessments.chart).
        "chart_svg": mark_safe(bar_chart_svg(result, id_prefix="diagram")),
        "before_deduction_total": result.before_deduction_basic + result.before_deduction_other,
        "applied": tuple(AppliedValue(parameter) for parameter in result.applied),
        "is_child": draft.is_child,
        "weeks_per_year": WEEKS_PER_YEAR.value,
        "waiting_share": share_text(WAITING_FACTOR.value),
        "on_call_share": share_text(ON_CALL_FACTOR.value),
        "margin": explain.margin_text(
            result, unit="h", line=f" på {rules.format_hours(result.threshold_minutes)} h"
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
    # The document is Swedish whatever language the request negotiated (floatformat, dates).
    with translation.override("sv"):
        html = render_to_string(TEMPLATE, summary_context(assessment, printed_on=printed_on))
    # Whitespace between tags is only work for the parser and the layout (about 5 %).
    html = strip_spaces_between_tags(html)
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=NO_NETWORK_FETCHER)
    # Title and language come from <title> and <html lang="sv">; WeasyPrint writes them to
    # /Title, the XMP dc:title and the catalog's /Lang.
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def filename(assessment: Assessment, printed_on: date) -> str:
    """A safe ASCII file name, never built from the user's title (it may hold anything)."""
    return f"behovsberakning-{printed_on.isoformat()}.pdf"
