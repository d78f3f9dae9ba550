"""Thin views: find the draft by its token, bind a form, call the rules, render.

Every action is a plain form POST that works without JavaScript (post, redirect, get); htmx
posts the same forms and receives the partials of the same page template.
"""

from functools import cached_property, wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget, trigger_client_event

from . import catalogue, files, pdf, render_pool
from .forms import (
    ActivityForm,
    AddActivityForm,
    DraftDetailsForm,
    ImportFileForm,
    RowActionForm,
    SummaryOptionsForm,
)
from .models import Activity, Assessment
from .ratelimit import rate_limited
from .rows import RowView, need_groups
from .rules import BASIC_NEEDS

DRAFT = "assessments/draft.html"


def private(view):
    """Pages with health data: not stored by any cache, not indexed, no referrer."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = never_cache(view)(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapper


def draft_view(view):
    """Look the draft up by its secret token only; an unknown token is a plain 404."""

    @private
    @wraps(view)
    def wrapper(request, token, *args, **kwargs):
        assessment = get_object_or_404(Assessment, token=token)
        return view(request, assessment, *args, **kwargs)

    return wrapper


class RowEntry(RowView):
    """A row on the page. Its form is built only when a template shows it: the live-recompute
    partials show one row at most, and 150 unused forms cost ~200 ms."""

    bound_form: ActivityForm | None = None

    @cached_property
    def form(self) -> ActivityForm:
        if self.bound_form is not None and self.bound_form.instance.pk == self.activity.pk:
            return self.bound_form
        return ActivityForm(instance=self.activity, auto_id=f"row-{self.activity.pk}-%s")


def render_draft(request, assessment, *, template=DRAFT, status=200, **forms):
    """The draft page or one of its partials, with unsaved forms kept as the user typed them."""
    details_form = forms.get("details_form") or DraftDetailsForm(
        instance=assessment, auto_id="details-%s"
    )
    bound_row = forms.get("row_form")
    rows = assessment.rows()
    result = assessment.calculate(rows)
    groups = need_groups(result, rows, view=RowEntry)
    for group in groups:
        for entry in group.rows:
            entry.bound_form = bound_row
    add_form = forms.get("add_form") or AddActivityForm(auto_id="add-%s")
    error_forms = [f for f in (details_form, bound_row, add_form) if f is not None and f.errors]
    context = {
        "assessment": assessment,
        "result": result,
        "details_form": details_form,
        "row_groups": groups,
        "row_count": len(rows),
        "catalogue": catalogue.CATALOGUE,
        "basic_needs": BASIC_NEEDS,
        "add_form": add_form,
        "error_forms": error_forms,
        "changed_row": forms.get("changed_row"),
        "draft_url": request.build_absolute_uri(assessment.get_absolute_url()),
    }
    return TemplateResponse(request, template, context, status=status)


@require_GET
def start(request):
    return TemplateResponse(
        request, "assessments/start.html", {"import_form": ImportFileForm(auto_id="import-%s")}
    )


@require_POST
@private
@rate_limited("create")
def create(request):
    assessment = Assessment.objects.create()
    messages.success(request, _("Beräkningen är skapad. Spara länken eller ladda ner filen."))
    return redirect(assessment)


@require_POST
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


@require_http_methods(["GET", "POST"])
@draft_view
def draft(request, assessment):
    if request.method == "GET":
        return render_draft(request, assessment)
    form = DraftDetailsForm(request.POST, instance=assessment, auto_id="details-%s")
    if form.is_valid():
        form.save()
        assessment.touch()
        if not request.htmx:
            messages.success(request, _("Uppgifterna är sparade."))
            return redirect(assessment)
    elif not request.htmx:
        return render_draft(request, assessment, details_form=form, status=400)
    return render_draft(request, assessment, template=f"{DRAFT}#details_saved", details_form=form)


@require_POST
@draft_view
def add_activity(request, assessment):
    form = AddActivityForm(request.POST, auto_id="add-%s", row_count=assessment.activities.count())
    if not form.is_valid():
        if request.htmx:
            # The whole page with its error summary, in place of the page.
            response = render_draft(request, assessment, add_form=form)
            return reswap(retarget(response, "body"), "innerHTML")
        return render_draft(request, assessment, add_form=form, status=400)
    activity = assessment.add_row(form.new_row())
    return _rows_changed(request, assessment, focus=f"#row-{activity.pk}-description")


@require_POST
@draft_view
def activity(request, assessment, pk):
    row = get_object_or_404(Activity, pk=pk, assessment=assessment)
    action = RowActionForm(request.POST)
    if action.is_valid() and action.cleaned_data["remove"]:
        assessment.remove_row(row)
        if not request.htmx:
            messages.success(request, _("Raden är borttagen."))
        return _rows_changed(request, assessment, focus="#rows-heading")
    if action.is_valid() and (direction := action.cleaned_data["move"]):
        assessment.move_row(row, direction)
        return _rows_changed(request, assessment, focus=f"#row-{row.pk}-move-{direction}")
    form = ActivityForm(request.POST, instance=row, auto_id=f"row-{row.pk}-%s")
    if form.is_valid():
        form.save()
        assessment.touch()
        if not request.htmx:
            messages.success(request, _("Raden är sparad."))
            return redirect(f"{assessment.get_absolute_url()}#row-{row.pk}")
    elif not request.htmx:
        return render_draft(request, assessment, row_form=form, status=400)
    return render_draft(
        request, assessment, template=f"{DRAFT}#row_saved", row_form=form, changed_row=row.pk
    )


def _rows_changed(request, assessment, *, focus):
    if not request.htmx:
        return redirect(f"{assessment.get_absolute_url()}#rows")
    response = render_draft(request, assessment, template=f"{DRAFT}#rows_changed")
    return trigger_client_event(response, "behov:focus", {"selector": focus}, after="settle")


def file_response(request, assessment):
    """The draft as a file; the edit link and the read-only link both serve it."""
    draft = assessment.to_rules()
    response = HttpResponse(files.write(draft), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{files.filename(draft)}"'
    return response


# A re-download of an unchanged draft's PDF is served from the cache. The PDF holds health
# data: it stays there briefly (PDF_CACHE_SECONDS, default 5 minutes) and is deleted with the
# draft. One entry per draft, appendix choice and language, holding the draft's version and
# the print date it was made for: so a changed draft or a new day is a miss that replaces the
# entry, and deleting a draft deletes every copy by name, without an index of keys.
PDF_CACHE_SECONDS = 300


def _pdf_cache():
    return caches[getattr(settings, "PDF_CACHE_ALIAS", "default")]


def _pdf_cache_key(assessment, *, appendix: bool, language: str) -> str:
    return f"pdf:summary:{assessment.pk}:{int(appendix)}:{language}"


def cached_summary(assessment, *, printed_on, appendix: bool) -> bytes:
    key = _pdf_cache_key(assessment, appendix=appendix, language=translation.get_language())
    stamp = (assessment.version, printed_on.isoformat())
    cache = _pdf_cache()
    entry = cache.get(key)
    if entry is not None and entry[0] == stamp:
        return entry[1]
    body = render_pool.render_summary(assessment, printed_on=printed_on, appendix=appendix)
    cache.set(key, (stamp, body), getattr(settings, "PDF_CACHE_SECONDS", PDF_CACHE_SECONDS))
    return body


def forget_pdfs(assessment) -> None:
    """Delete every cached PDF of a draft."""
    _pdf_cache().delete_many(
        [
            _pdf_cache_key(assessment, appendix=appendix, language=language)
            for appendix in (False, True)
            for language, _name in settings.LANGUAGES
        ]
    )


def _pdf_response(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def pdf_response(request, assessment):
    """The printable summary; the edit link and the read-only link both serve it."""
    printed_on = timezone.localdate()
    appendix = SummaryOptionsForm(request.GET).appendix
    body = cached_summary(assessment, printed_on=printed_on, appendix=appendix)
    return _pdf_response(body, pdf.filename(printed_on, appendix=appendix))


def reconsideration_pdf_response(request, assessment):
    """The draft request for omprövning, for a draft compared with a decision; the edit link
    and the read-only link both serve it."""
    printed_on = timezone.localdate()
    body = render_pool.render_reconsideration(assessment, printed_on=printed_on)
    if body is None:
        raise Http404
    return _pdf_response(body, pdf.reconsideration_filename(printed_on))


def read_only(find_draft, response, *, pdf_budget: bool = False):
    """A GET view that only reads the draft, found by `find_draft` (the edit link's or the
    read-only link's). It runs outside a request transaction: on SQLite (IMMEDIATE) one would
    hold the write lock while a file or PDF is made and other people's saves wait. A PDF is
    rate limited and made within its budget (assessments.render_pool)."""
    if pdf_budget:
        response = rate_limited("pdf")(render_pool.within_budget(response))
    return transaction.non_atomic_requests(require_GET(find_draft(response)))


download = read_only(draft_view, file_response)
summary_pdf = read_only(draft_view, pdf_response, pdf_budget=True)
reconsideration_pdf = read_only(draft_view, reconsideration_pdf_response, pdf_budget=True)


@require_http_methods(["GET", "POST"])
@draft_view
def delete(request, assessment):
    if request.method == "POST":
        forget_pdfs(assessment)
        assessment.delete()
        messages.success(request, _("Beräkningen och alla dess rader är raderade."))
        return redirect("assessments:start")
    return TemplateResponse(request, "assessments/delete.html", {"assessment": assessment})


@require_GET
def privacy(request):
    return TemplateResponse(request, "assessments/privacy.html", {})


@require_GET
def accessibility(request):
    return TemplateResponse(request, "assessments/accessibility.html", {})


def csrf_failure(request, reason=""):
    return TemplateResponse(request, "403_csrf.html", {}, status=403)
