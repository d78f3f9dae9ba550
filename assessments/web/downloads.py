"""The draft as a file and as PDFs (the summary, the draft request for omprövning), under the
edit link and the read-only link alike. Each only reads the draft, outside a transaction
(`assessments.transactions`); a PDF is rate limited and made within its budget."""

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from assessments import files, pdf, pdf_cache, render_pool
from assessments.forms import SummaryOptionsForm
from assessments.models import Assessment
from assessments.web.access import draft_view, read_only, shared_view


def download_name(assessment: Assessment, extension: str) -> str:
    """ "behovsberakning-hosten-2026-2026-11-22.json": the title made ASCII (å, ä, ö become a,
    a, o; anything else that is not a letter or digit becomes "-"), and the assessment date."""
    slug = slugify(assessment.title)[:60].strip("-")
    parts = ["behovsberakning", slug, assessment.assessment_date.isoformat()]
    return "-".join(part for part in parts if part) + f".{extension}"


def file_response(request, assessment):
    """The draft as a file."""
    response = HttpResponse(
        files.write(assessment.to_rules()), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{download_name(assessment, "json")}"'
    return response


def _pdf_response(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def pdf_response(request, assessment):
    """The printable summary."""
    printed_on = timezone.localdate()
    appendix = SummaryOptionsForm(request.GET).appendix
    body = pdf_cache.summary(assessment, printed_on=printed_on, appendix=appendix)
    return _pdf_response(body, pdf.filename(printed_on, appendix=appendix))


def reconsideration_pdf_response(request, assessment):
    """The draft request for omprövning, for a draft compared with a decision."""
    printed_on = timezone.localdate()
    body = render_pool.render_reconsideration(assessment, printed_on=printed_on)
    if body is None:
        raise Http404
    return _pdf_response(body, pdf.reconsideration_filename(printed_on))


download = read_only(draft_view, file_response)
summary_pdf = read_only(draft_view, pdf_response, pdf_budget=True)
reconsideration_pdf = read_only(draft_view, reconsideration_pdf_response, pdf_budget=True)
shared_download = read_only(shared_view, file_response)
shared_pdf = read_only(shared_view, pdf_response, pdf_budget=True)
shared_reconsideration_pdf = read_only(shared_view, reconsideration_pdf_response, pdf_budget=True)
