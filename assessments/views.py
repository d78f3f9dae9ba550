"""Thin views: find the draft by its token, bind a form, call the rules, render.

Every action is a plain form POST that works without JavaScript (post, redirect, get); htmx
posts the same forms and receives partials of the same page template. A row action answers
with what it changed (that row, its need's subtotal, its neighbours' move buttons, the results),
never with every row, so that its answer does not grow with the draft.
"""

from dataclasses import replace
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotFound
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from . import catalogue, files, pdf, pdf_cache, render_pool
from .editor import Editor, RemovedRow, Sections
from .forms import (
    ActivityForm,
    AddActivityForm,
    DraftDetailsForm,
    ImportFileForm,
    RestoreRowForm,
    RowActionForm,
    SummaryOptionsForm,
)
from .models import Activity, Assessment, ShareLink
from .ratelimit import rate_limited
from .rules import BASIC_NEEDS, explain
from .rules import parameters as p
from .rules.compare import compare

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


def post_only_page(view):
    """A POST-only address opened by a link or typed in: back to the start page, not a 405."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            return redirect("assessments:start")
        return view(request, *args, **kwargs)

    return require_http_methods(["GET", "HEAD", "POST"])(wrapper)


def row_pks(request, name: str) -> set[int]:
    """Rows the page says are open or invalid (app.js's markers, sent with every htmx post)."""
    values = request.POST.getlist(name) if request.method == "POST" else request.GET.getlist(name)
    return {int(value) for value in values if value.isdigit()}


def line_columns() -> list[tuple[str, str]]:
    """The row table's columns between its row number and its hours: the form's line fields."""
    return [(name, ActivityForm.base_fields[name].label) for name in ActivityForm.line_fields]


def render_draft(request, assessment, *, template=DRAFT, status=200, **context):
    """The draft page or one of its partials, with unsaved forms kept as the person typed them."""
    details_form = context.pop("details_form", None) or DraftDetailsForm(
        instance=assessment, auto_id="details-%s"
    )
    row_forms = context.pop("row_forms", {})
    add_form = context.pop("add_form", None) or AddActivityForm(auto_id="add-%s")
    open_rows = row_pks(request, "open") | set(context.pop("open_rows", ()))
    if request.GET.get("rad", "").isdigit():
        open_rows.add(int(request.GET["rad"]))
    stale_rows = row_pks(request, "invalid")
    for pk, form in row_forms.items():
        stale_rows.discard(pk)
        if form.is_bound and form.errors:
            stale_rows.add(pk)
        if form.has_details:
            open_rows.add(pk)
    editor = Editor.load(
        assessment,
        row_forms=row_forms,
        open_rows=open_rows,
        stale_rows=stale_rows,
        removed=context.get("removed"),
    )
    for pk, conflicts in context.pop("row_conflicts", {}).items():
        editor.entries[pk].conflicts = conflicts
    context["conflicted"] = [entry for entry in editor.entries.values() if entry.conflicts]
    context["broken"] = [
        (f"#r{pk}-m", _("Rad %(number)s: %(fields)s") % {"number": e.number, "fields": e.broken})
        for pk, e in editor.entries.items()
        if e.broken
    ] + [(None, str(f.label)) for f in assessment.broken_fields]
    if (changed := context.get("changed")) in editor.entries:
        context["entry"] = editor.entries[changed]
    if (near := context.get("entry") or context.get("removed")) is not None:
        context.update(editor.around(near))
    sections = context.pop("sections", None) or Sections(assessment, editor.rows)
    result = editor.result
    draft_rules = None
    if result.age is not None and result.age < p.ADULT_AGE.value:
        draft_rules = assessment.to_rules(editor.rows)
    share = ShareLink.objects.filter(assessment=assessment).first()
    error_forms = [f for f in (details_form, *row_forms.values(), add_form) if f.errors]
    error_forms += sections.error_forms
    context = {
        "sections": sections,
        "comparison": compare(result),
        "claimed_verdict": explain.verdict_sentence(result, according=_("Enligt din beräkning")),
        "age_text": explain.age_text(draft_rules, result) if draft_rules else "",
        "amount_text": explain.amount_text(result),
        "night_step": result.step("night"),
        "pdf_options": SummaryOptionsForm(auto_id="pdf-%s"),
        "share_url": request.build_absolute_uri(share.get_absolute_url()) if share else "",
        "assessment": assessment,
        "editor": editor,
        "result": editor.result,
        "details_form": details_form,
        "row_count": len(editor.rows),
        "columns": len(ActivityForm.line_fields) + 3,
        "line_columns": line_columns(),
        "column_help": ActivityForm.line_help(),
        "catalogue": catalogue.CATALOGUE,
        "basic_needs": BASIC_NEEDS,
        "add_form": add_form,
        "error_forms": error_forms,
        "draft_url": request.build_absolute_uri(assessment.get_absolute_url()),
        **context,
    }
    return TemplateResponse(request, template, context, status=status)


def focus(response, selector: str | list[str]):
    """After an add, a move, a removal or an undo, the server names where the focus goes: the
    first of the selectors that is on the page (app.js)."""
    selectors = [selector] if isinstance(selector, str) else selector
    return trigger_client_event(response, "behov:focus", {"selector": selectors}, after="settle")


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
def draft(request, assessment):
    if request.method == "GET":
        return render_draft(request, assessment)
    form = DraftDetailsForm(request.POST, instance=assessment, auto_id="details-%s")
    if conflicts := form.store():
        template = f"{DRAFT}#details_conflict" if request.htmx else DRAFT
        return render_draft(
            request,
            assessment,
            template=template,
            details_form=form,
            details_conflicts=conflicts,
            status=409,
        )
    if not form.is_valid():
        if request.htmx:
            return render_draft(
                request, assessment, template=f"{DRAFT}#details_saved", details_form=form
            )
        return render_draft(request, assessment, details_form=form, status=400)
    if saved := form.changed_data:
        assessment.touch()
    if not request.htmx:
        messages.success(request, _("Uppgifterna är sparade."))
        return redirect(assessment)
    fresh = DraftDetailsForm(instance=assessment, auto_id="details-%s")
    return render_draft(
        request,
        assessment,
        template=f"{DRAFT}#details_saved",
        details_form=fresh,
        saved_fields=saved,
        announce=bool(saved),
    )


@require_POST
@draft_view
def add_activity(request, assessment):
    form = AddActivityForm(request.POST, auto_id="add-%s", row_count=assessment.activities.count())
    if not form.is_valid():
        if request.htmx:
            return render_draft(request, assessment, template=f"{DRAFT}#add_problem", add_form=form)
        return render_draft(request, assessment, add_form=form, status=400)
    activity = assessment.add_row(form.new_row())
    if not request.htmx:
        return redirect(f"{assessment.get_absolute_url()}#r{activity.pk}")
    response = render_draft(request, assessment, template=f"{DRAFT}#row_added", changed=activity.pk)
    return focus(response, f"#r{activity.pk}-description")


SAVED, UNCHANGED, INVALID, CONFLICT = "saved", "unchanged", "invalid", "conflict"


def save_row(form: ActivityForm) -> tuple[str, ActivityForm]:
    """Validate and store one row's post, unless it is based on an older version of the row."""
    version = form.based_on()
    if version != form.instance.version and form.has_changed():
        return CONFLICT, form
    if not form.is_valid():
        return INVALID, form
    if not form.has_changed():
        return UNCHANGED, form
    if not form.save_if_current(version):
        # Stored by someone else a moment ago: compare with what is stored now.
        stored = Activity.objects.filter(pk=form.instance.pk).first() or form.instance
        return CONFLICT, ActivityForm.for_row(stored, form.data)
    return SAVED, form


@require_http_methods(["GET", "POST"])
@draft_view
def activity(request, assessment, pk):
    """One row with htmx: its details (GET), or a save, a move or a removal of it alone."""
    row = assessment.activities.filter(pk=pk).first()
    if row is None:
        return _row_gone(request, assessment)
    if request.method == "GET":
        if not request.htmx:
            return redirect(f"{assessment.get_absolute_url()}?rad={row.pk}#r{row.pk}-d")
        part = "row_replaced" if "hela" in request.GET else "row_opened"
        return render_draft(
            request, assessment, template=f"{DRAFT}#{part}", changed=row.pk, open_rows={row.pk}
        )
    if not request.htmx:
        return _save_rows(request, assessment, only=row)
    match RowActionForm(request.POST).action():
        case ("remove", _):
            return _remove_row(request, assessment, row)
        case (("move_up" | "move_down") as move, _):
            return _move_row(request, assessment, row, move.removeprefix("move_"))
    return _save_row(request, assessment, row)


def _row_gone(request, assessment):
    """A row removed meanwhile (in another tab): say so, never a bare error page."""
    if request.htmx:
        return HttpResponseNotFound(_("Raden finns inte längre."))
    messages.error(request, _("Raden finns inte längre. Den kan ha tagits bort i en annan flik."))
    return redirect(f"{assessment.get_absolute_url()}#rows")


def _save_row(request, assessment, row):
    outcome, form = save_row(ActivityForm.for_row(row, request.POST))
    if outcome == SAVED:
        assessment.touch()
    if outcome == CONFLICT:
        return render_draft(
            request,
            assessment,
            template=f"{DRAFT}#row_conflict",
            row_forms={row.pk: form},
            changed=row.pk,
            row_conflicts={row.pk: form.conflicts()},
            status=409,
        )
    response = render_draft(
        request,
        assessment,
        template=f"{DRAFT}#row_saved",
        row_forms={row.pk: form},
        changed=row.pk,
        announce=outcome == SAVED,
    )
    if form.keeps_mine:
        focus(response, f"#r{row.pk}-description")
    return response


@require_POST
@draft_view
def rows(request, assessment):
    """Without JavaScript the rows are one form: save every row that changed (each against its
    own version), then do what the button asked (remove, move or put back a row)."""
    return _save_rows(request, assessment)


def _save_rows(request, assessment, only=None):
    action = RowActionForm(request.POST).action()
    if only is not None and action is not None and action[0] != "restore":
        action = (action[0], only.pk)  # the address names the row
    removing = action[1] if action and action[0] == "remove" else None
    outcomes = {}
    for row in [only] if only is not None else assessment.rows():
        if f"r{row.pk}-version" in request.POST and row.pk != removing:
            outcomes[row.pk] = save_row(ActivityForm.for_row(row, request.POST))
    if any(outcome == SAVED for outcome, _form in outcomes.values()):
        assessment.touch()
    removed = None
    if action is not None:
        removed = _rows_action(request, assessment, *action)
    return _rows_answer(request, assessment, outcomes, removed=removed, action=action)


def _rows_action(request, assessment, name, pk):
    row = assessment.activities.filter(pk=pk).first()
    if name == "restore":
        form = RestoreRowForm(request.POST, removed=pk, row_count=len(assessment.rows()))
        if form.is_valid() and (values := form.row_form(assessment)).is_valid():
            assessment.restore_row(values.instance, form.cleaned_data["before"])
            messages.success(request, _("Raden är tillbaka."))
        else:
            messages.error(request, _("Raden kunde inte läggas tillbaka."))
    elif row is None:
        messages.error(
            request, _("Raden finns inte längre. Den kan ha tagits bort i en annan flik.")
        )
    elif name == "remove":
        removed = _removed(assessment, row)
        assessment.remove_row(row)
        return removed
    else:
        assessment.move_row(row, name.removeprefix("move_"))
    return None


def _rows_answer(request, assessment, outcomes, *, removed=None, action=None):
    """The page again with what needs the person's eye (errors, conflicts, an undo), else back
    to the draft where the person was."""
    problems = {
        pk: form for pk, (outcome, form) in outcomes.items() if outcome in (INVALID, CONFLICT)
    }
    conflicts = {pk: f.conflicts() for pk, (outcome, f) in outcomes.items() if outcome == CONFLICT}
    if problems or removed is not None:
        status = 409 if conflicts else 400 if problems else 200
        if not problems:
            messages.success(request, _("Raden togs bort. Du kan ångra det vid raden."))
        return render_draft(
            request,
            assessment,
            row_forms=problems,
            removed=removed,
            status=status,
            row_conflicts=conflicts,
        )
    if any(outcome == SAVED for outcome, _form in outcomes.values()):
        messages.success(request, _("Ändringarna är sparade."))
    pk = action[1] if action else next(iter(outcomes), None)
    moved = action is not None and action[0].startswith("move")
    kept_open = pk in outcomes and outcomes[pk][1].has_details
    opened = f"?rad={pk}" if moved or kept_open else ""
    return redirect(f"{assessment.get_absolute_url()}{opened}#r{pk}" if pk else assessment)


def _removed(assessment, row) -> RemovedRow:
    rows = assessment.rows()
    same_need = [r for r in rows if r.need == row.need]
    after = same_need[same_need.index(row) + 1 :]
    # A copy that keeps its id: the undo takes the row's place on the page.
    copy = Activity.objects.get(pk=row.pk)
    return RemovedRow(copy, rows.index(row) + 1, before=after[0].pk if after else None)


def _remove_row(request, assessment, row):
    removed = _removed(assessment, row)
    assessment.remove_row(row)
    pk = removed.activity.pk  # the deleted row's own pk is None now
    response = render_draft(
        request, assessment, template=f"{DRAFT}#row_removed", removed=removed, changed=pk
    )
    return focus(response, f"#r{pk}-removed")


def _move_row(request, assessment, row, direction):
    moved = assessment.move_row(row, direction)
    response = render_draft(
        request,
        assessment,
        template=f"{DRAFT}#row_moved",
        changed=row.pk,
        moved=moved,
        replaces=row.pk,
        open_rows={row.pk},
    )
    # The button pressed, else the other one (the row reached the edge of its need).
    other = "down" if direction == "up" else "up"
    return focus(response, [f"#r{row.pk}-move_{d}" for d in (direction, other)] + [f"#r{row.pk}-t"])


@require_POST
@draft_view
def restore_activity(request, assessment, pk):
    """Undo a removal with htmx: the row's values come back from its place on the page."""
    where = RestoreRowForm(request.POST, removed=pk, row_count=assessment.activities.count())
    values = where.row_form(assessment) if where.is_valid() else None
    if values is None or not values.is_valid():
        return HttpResponse(_("Raden kunde inte läggas tillbaka."), status=400)
    activity = assessment.restore_row(values.instance, where.cleaned_data["before"])
    response = render_draft(
        request, assessment, template=f"{DRAFT}#row_restored", changed=activity.pk, replaces=pk
    )
    return focus(response, f"#r{activity.pk}-description")


def download_name(assessment: Assessment, extension: str) -> str:
    """ "behovsberakning-hosten-2026-2026-11-22.json": the title made ASCII (å, ä, ö become a,
    a, o; anything else that is not a letter or digit becomes "-"), and the assessment date."""
    slug = slugify(assessment.title)[:60].strip("-")
    parts = ["behovsberakning", slug, assessment.assessment_date.isoformat()]
    return "-".join(part for part in parts if part) + f".{extension}"


def file_response(request, assessment):
    """The draft as a file; the edit link and the read-only link both serve it."""
    draft = assessment.to_rules()
    response = HttpResponse(files.write(draft), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{download_name(assessment, "json")}"'
    return response


def _pdf_response(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def pdf_response(request, assessment):
    """The printable summary; the edit link and the read-only link both serve it."""
    printed_on = timezone.localdate()
    appendix = SummaryOptionsForm(request.GET).appendix
    body = pdf_cache.summary(assessment, printed_on=printed_on, appendix=appendix)
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
    read-only link's); like every GET, outside a transaction (assessments.transactions). A PDF
    is rate limited and made within its budget (assessments.render_pool)."""
    if pdf_budget:
        response = rate_limited("pdf")(render_pool.within_budget(response))
    return require_GET(find_draft(response))


download = read_only(draft_view, file_response)
summary_pdf = read_only(draft_view, pdf_response, pdf_budget=True)
reconsideration_pdf = read_only(draft_view, reconsideration_pdf_response, pdf_budget=True)


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


def csrf_failure(request, reason=""):
    return TemplateResponse(request, "403_csrf.html", {}, status=403)
