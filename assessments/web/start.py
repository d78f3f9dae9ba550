"""The pages around the drafts: the start page (start, open a file), copying and deleting a
draft, and the site's own pages (privacy, accessibility, the column labels' CSS, a refused
form)."""

from dataclasses import replace

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments import files
from assessments.forms import ImportFileForm
from assessments.models import Assessment
from assessments.ratelimit import rate_limited
from assessments.web.access import draft_view, post_only_page, private
from assessments.web.page import line_columns


@require_GET
def start(request):
    return TemplateResponse(
        request, "assessments/start.html", {"import_form": ImportFileForm(auto_id="import-%s")}
    )


@post_only_page
@private
@rate_limited("create")
def create(request):
    assessment = Assessment.objects.create()
    messages.success(request, _("Beräkningen är skapad. Spara länken eller ladda ner filen."))
    return redirect(assessment)


@post_only_page
@private
@rate_limited("import")
def import_file(request):
    form = ImportFileForm(request.POST, request.FILES, auto_id="import-%s")
    if not form.is_valid():
        return TemplateResponse(
            request,
            "assessments/start.html",
            {"import_form": form, "error_forms": [form]},
            status=400,
        )
    assessment = Assessment.objects.create_from(form.assessment)
    messages.success(request, _("Filen är öppnad som en ny beräkning."))
    return redirect(assessment)


@require_POST
@draft_view
@rate_limited("create")
def copy(request, assessment):
    title = _("Kopia av %(title)s") % {"title": assessment} if assessment.title else _("Kopia")
    draft = replace(assessment.to_rules(), title=title[:200])
    new = Assessment.objects.create_from(draft)
    messages.success(
        request, _("Det här är en kopia med en egen länk. Den gamla beräkningen finns kvar.")
    )
    return redirect(new)


@require_http_methods(["GET", "POST"])
@draft_view
def delete(request, assessment):
    if request.method == "POST":
        assessment.delete()  # its rows, read-only link and cached PDFs with it (CASCADE)
        messages.success(request, _("Beräkningen och alla dess rader är raderade."))
        return redirect("assessments:start")
    return TemplateResponse(request, "assessments/delete.html", {"assessment": assessment})


@require_GET
@cache_control(public=True, max_age=3600)
def column_labels(request, code: str):
    """The row table's column names as CSS, for its card layout on narrow screens. The
    language is in the address: the file is cached, and a switch of language (a cookie) must
    not show the old one's names."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    with translation.override(code):
        labels = [_("Rad"), *(label for _name, label in line_columns()), _("Timmar per vecka")]
        response = TemplateResponse(
            request,
            "assessments/column_labels.css",
            {"labels": labels},
            content_type="text/css; charset=utf-8",
            headers={"Content-Language": code},
        )
        return response.render()


@require_GET
def privacy(request):
    return TemplateResponse(request, "assessments/privacy.html", {})


@require_GET
def accessibility(request):
    return TemplateResponse(request, "assessments/accessibility.html", {})


def request_too_large(request):
    """The page nginx shows instead of its own bare English one for a request over its body
    limit (deploy/nginx-behovsraknare.conf: error_page 413 asks for it with a GET)."""
    context = {"max_megabytes": files.max_bytes() // 1_000_000}
    return TemplateResponse(request, "413.html", context, status=413)


def csrf_failure(request, reason=""):
    return TemplateResponse(request, "403_csrf.html", {}, status=403)
