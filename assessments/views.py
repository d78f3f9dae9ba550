"""Thin views: find the draft by its token, bind a form, call the rules, render.

Every action is a plain form POST that works without JavaScript (post, redirect, get); htmx
posts the same forms and receives the partials of the same page template.
"""

from dataclasses import dataclass
from functools import cached_property, wraps

from django.contrib import messages
from django.db import transaction
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
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
)
from .models import Activity, Assessment
from .ratelimit import rate_limited
from .rules import BASIC_NEEDS, NEED_INFO, Need, RowResult, counts_as_basic

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


def touch(assessment: Assessment) -> None:
    Assessment.objects.filter(pk=assessment.pk).update(
        version=F("version") + 1, updated_at=timezone.now()
    )


@dataclass
class RowEntry:
    """A row on the page. Its form is built only when a template shows it: the live-recompute
    partials show one row at most, and 150 unused forms cost ~200 ms."""

    activity: Activity
    result: RowResult
    bound_form: ActivityForm | None = None

    @cached_property
    def form(self) -> ActivityForm:
        if self.bound_form is not None and self.bound_form.instance.pk == self.activity.pk:
            return self.bound_form
        return ActivityForm(instance=self.activity, auto_id=f"row-{self.activity.pk}-%s")

    @property
    def counts_as_basic(self) -> bool:
        return counts_as_basic(self.result.activity)


def render_draft(request, assessment, *, template=DRAFT, status=200, **forms):
    """The draft page or one of its partials, with unsaved forms kept as the user typed them."""
    details_form = forms.get("details_form") or DraftDetailsForm(
        instance=assessment, auto_id="details-%s"
    )
    bound_row = forms.get("row_form")
    rows = assessment.rows()
    result = assessment.calculate(rows)
    row_entries = [
        RowEntry(activity, row_result, bound_row)
        for activity, row_result in zip(rows, result.rows, strict=True)
    ]
    # Consecutive rows of one need form a group; a draft built here is grouped by need.
    row_groups = []
    for entry in row_entries:
        if not row_groups or row_groups[-1]["info"].need != entry.activity.need:
            row_groups.append({"info": NEED_INFO[Need(entry.activity.need)], "entries": []})
        row_groups[-1]["entries"].append(entry)
    add_form = forms.get("add_form") or AddActivityForm(auto_id="add-%s")
    error_forms = [f for f in (details_form, bound_row, add_form) if f is not None and f.errors]
    context = {
        "assessment": assessment,
        "result": result,
        "details_form": details_form,
        "row_groups": row_groups,
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
    assessment = files.create_draft(form.assessment_file)
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
        touch(assessment)
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
    rows = assessment.rows()
    activity = form.new_activity(assessment, 0)
    rows.insert(assessment.insert_position(activity.need), activity)
    _renumber(rows)
    touch(assessment)
    return _rows_changed(request, assessment, focus=f"#row-{activity.pk}-description")


@require_POST
@draft_view
def activity(request, assessment, pk):
    row = get_object_or_404(Activity, pk=pk, assessment=assessment)
    action = RowActionForm(request.POST)
    if action.is_valid() and action.cleaned_data["remove"]:
        row.delete()
        touch(assessment)
        if not request.htmx:
            messages.success(request, _("Raden är borttagen."))
        return _rows_changed(request, assessment, focus="#rows-heading")
    if action.is_valid() and (direction := action.cleaned_data["move"]):
        _move(assessment, row, direction)
        return _rows_changed(request, assessment, focus=f"#row-{row.pk}-move-{direction}")
    form = ActivityForm(request.POST, instance=row, auto_id=f"row-{row.pk}-%s")
    if form.is_valid():
        form.save()
        touch(assessment)
        if not request.htmx:
            messages.success(request, _("Raden är sparad."))
            return redirect(f"{assessment.get_absolute_url()}#row-{row.pk}")
    elif not request.htmx:
        return render_draft(request, assessment, row_form=form, status=400)
    return render_draft(
        request, assessment, template=f"{DRAFT}#row_saved", row_form=form, changed_row=row.pk
    )


def _move(assessment, row, direction):
    """Swap a row with its neighbour, if that row belongs to the same need."""
    rows = assessment.rows()
    index = next(i for i, a in enumerate(rows) if a.pk == row.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(rows) or rows[other].need != row.need:
        return
    rows[index], rows[other] = rows[other], rows[index]
    _renumber(rows)
    touch(assessment)


def _renumber(rows):
    for position, activity in enumerate(rows):
        if activity.pk is None or activity.position != position:
            activity.position = position
            activity.save()


def _rows_changed(request, assessment, *, focus):
    if not request.htmx:
        return redirect(f"{assessment.get_absolute_url()}#rows")
    response = render_draft(request, assessment, template=f"{DRAFT}#rows_changed")
    return trigger_client_event(response, "behov:focus", {"selector": focus}, after="settle")


# Read-only and slow to render: no request transaction, which would hold SQLite's write lock
# (IMMEDIATE transactions) while other people's saves wait.
@transaction.non_atomic_requests
@require_GET
@draft_view
def download(request, assessment):
    assessment_file = files.from_model(assessment)
    response = HttpResponse(
        files.write(assessment_file), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{files.filename(assessment_file)}"'
    return response


@transaction.non_atomic_requests
@require_GET
@draft_view
@rate_limited("pdf")
@render_pool.within_budget
def summary_pdf(request, assessment):
    printed_on = timezone.localdate()
    response = HttpResponse(
        render_pool.render_summary_pdf(assessment, printed_on=printed_on),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="{pdf.filename(assessment, printed_on)}"'
    return response


@require_http_methods(["GET", "POST"])
@draft_view
def delete(request, assessment):
    if request.method == "POST":
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
