"""The rows: add one, save one (htmx, as the person types) or all (without JavaScript, one
form), remove, move and put back one. A row action answers with what it changed (that row, its
need's subtotal, its neighbours' move buttons, the results), never with every row, so that its
answer does not grow with the draft."""

from datetime import time

from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from assessments.forms import own_row, stale
from assessments.forms.catalogue import AddMarkedForm
from assessments.forms.rows import (
    ActivityForm,
    AddActivityForm,
    RestoreRowForm,
    RowActionForm,
    night_counted,
)
from assessments.models import Activity
from assessments.web.access import draft_view
from assessments.web.editor import RemovedRow
from assessments.web.page import DRAFT, focus, render_draft


@require_POST
@draft_view
def add_activity(request, assessment):
    assessment.lock()  # the row limit counts the rows as they are once others' adds are in
    form = AddActivityForm(
        request.POST,
        auto_id="add-%s",
        row_count=assessment.activities.count(),
        night=night_counted(assessment),
    )
    if not form.is_valid():
        if request.htmx:
            return render_draft(request, assessment, template=f"{DRAFT}#add_problem", add_form=form)
        return render_draft(request, assessment, add_form=form, status=400)
    if form.opens == "night":
        return _fill_night(request, assessment)
    activity = assessment.add_row(form.new_row())
    # "Vet inte" chose for the person: said once, with the addition (issue 23 item 3).
    cautious = str(own_row.CAUTIOUS_SAID) if form.chose_cautiously else ""
    if not request.htmx:
        if cautious:
            messages.info(request, cautious)
        # "?ny=": the page shows the new row's "Lägg till nästa behov" (issue 23 item 4).
        return redirect(f"{assessment.get_absolute_url()}?ny={activity.pk}#r{activity.pk}")
    response = render_draft(
        request,
        assessment,
        template=f"{DRAFT}#row_added",
        changed=activity.pk,
        just_added=str(activity.pk),
        cautious=cautious,
    )
    return focus(response, f"#r{activity.pk}-description")


@require_POST
@draft_view
def add_marked(request, assessment):
    """Add every item marked in the behovslista, each with its defaults, in one post (issue 23
    item 5); the person then adjusts them in the table. A plain form, with or without
    JavaScript: the page comes back with the rows in place and says once how many were added."""
    assessment.lock()  # the row limit counts the rows as they are once others' adds are in
    form = AddMarkedForm(
        request.POST, row_count=assessment.activities.count(), night=night_counted(assessment)
    )
    if not form.is_valid():
        messages.error(request, form.problem())
        return redirect(f"{assessment.get_absolute_url()}#add")
    added = [assessment.add_row(row) for row in form.new_rows()]
    count = len(added)
    said = ngettext("%(count)s rad tillagd.", "%(count)s rader tillagda.", count) % {"count": count}
    messages.success(request, said, extra_tags="announce")
    return redirect(f"{assessment.get_absolute_url()}#r{added[0].pk}")


# The night the catalogue's "Väntetid under nattvilan" fills in: the 540 minutes its row had.
NIGHT_START, NIGHT_END = time(22, 0), time(7, 0)


def _fill_night(request, assessment):
    """The catalogue's night waiting fills the Natten part instead of adding a row, so that no
    row counts the night the part counts (rules.md R11; issue 20): a night where there is none,
    waiting time where the night had no cover, nothing where it already counts waiting or
    on-call time. The page is drawn again at the Natten part (the part appears: a new shape)."""
    if not assessment.has_night:
        assessment.store(
            {"night_start": NIGHT_START, "night_end": NIGHT_END, "night_cover": "waiting"}
        )
        message = _(
            "Natten är ifylld: nattvila 22:00–07:00 med väntetid. Ändra tiderna i delen Natten "
            "så att de stämmer. Väntetiden räknas fram ur natten, inte som en egen rad."
        )
    elif not night_counted(assessment):
        assessment.store({"night_cover": "waiting"})
        message = _(
            "Natten räknar nu väntetid. Väntetiden räknas fram ur natten, inte som en egen rad."
        )
    else:
        message = _(
            "Natten räknar redan väntetiden eller beredskapen, så ingen rad läggs till: då "
            "skulle natten räknas två gånger."
        )
    messages.success(request, message)
    if not request.htmx:
        return redirect(f"{assessment.get_absolute_url()}#night-part")
    response = HttpResponse(status=204)
    response["HX-Redirect"] = f"{assessment.get_absolute_url()}?natt=1#night-part"
    return response


SAVED, UNCHANGED, INVALID, CONFLICT = "saved", "unchanged", "invalid", "conflict"


def save_row(form: ActivityForm) -> tuple[str, list]:
    """Judge one row's post against the row as stored now (`forms.stale`), and let the model
    store what this page changed: (outcome, the conflicts). A row is one object: a save based
    on an older state of it is refused, unless the person chose their values over a conflict
    shown, and then only the fields they changed are stored (issue 18, item 9)."""
    row = form.instance
    keep_mine = form.keep_mine is not None and form.keep_mine == str(row.version)
    verdict = stale.judge(form, version=(form.version_seen, row.version), keep_mine=keep_mine)
    if verdict.conflicts:
        return CONFLICT, verdict.conflicts
    if not form.is_valid():
        return INVALID, []
    changed = [*verdict.changed, *(n for n in form.broken if n not in verdict.changed)]
    if not changed:
        return UNCHANGED, []
    row.store({name: getattr(row, name) for name in changed})
    return SAVED, []


def locked_row(assessment, pk: int):
    """A row of the draft, locked until the request's transaction ends (a save judges it)."""
    return assessment.activities.select_for_update().filter(pk=pk).first()


@require_http_methods(["GET", "POST"])
@draft_view
def activity(request, assessment, pk):
    """One row with htmx: its details (GET), or a save, a move or a removal of it alone."""
    if request.method == "POST":
        # The draft before its row, in every request that locks both (no deadlock): the row is
        # still there when it is moved or removed.
        assessment.lock()
    rows = (
        assessment.activities
        if request.method == "GET"
        else assessment.activities.select_for_update()
    )
    row = rows.filter(pk=pk).first()
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
    form = ActivityForm.for_row(row, request.POST)
    outcome, conflicts = save_row(form)
    if outcome == CONFLICT:
        return render_draft(
            request,
            assessment,
            template=f"{DRAFT}#row_conflict",
            row_forms={row.pk: form},
            changed=row.pk,
            row_conflicts={row.pk: conflicts},
            status=409,
        )
    if outcome == SAVED and form.keep_mine is not None:
        # Chosen over a conflict: the row as it is stored now, other tabs' fields included.
        response = render_draft(
            request, assessment, template=f"{DRAFT}#row_kept", changed=row.pk, replaces=row.pk
        )
        return focus(response, f"#r{row.pk}-description")
    response = render_draft(
        request,
        assessment,
        template=f"{DRAFT}#row_saved",
        row_forms={row.pk: form},
        changed=row.pk,
        announce=outcome == SAVED,
    )
    if outcome == SAVED:
        # The page's shown values move on to what it sent (app.js, forms.stale).
        trigger_client_event(response, "behov:saved", {"row": row.pk})
    return response


@require_POST
@draft_view
def rows(request, assessment):
    """Without JavaScript the rows are one form: save every row that changed (each against its
    own version), then do what the button asked (remove, move or put back a row)."""
    return _save_rows(request, assessment)


def _save_rows(request, assessment, only=None):
    assessment.lock()  # before its rows: a remove, move or undo may follow the saves
    action = RowActionForm(request.POST).action()
    if only is not None and action is not None and action[0] != "restore":
        action = (action[0], only.pk)  # the address names the row
    removing = action[1] if action and action[0] == "remove" else None
    outcomes = {}
    rows = [only] if only is not None else assessment.activities.select_for_update()
    for row in rows:
        if f"r{row.pk}-version" in request.POST and row.pk != removing:
            form = ActivityForm.for_row(row, request.POST)
            outcomes[row.pk] = (*save_row(form), form)
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
        pk: form for pk, (outcome, _c, form) in outcomes.items() if outcome in (INVALID, CONFLICT)
    }
    conflicts = {pk: found for pk, (outcome, found, _f) in outcomes.items() if found}
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
    if any(outcome == SAVED for outcome, _c, _f in outcomes.values()):
        messages.success(request, _("Ändringarna är sparade."))
    pk = action[1] if action else next(iter(outcomes), None)
    moved = action is not None and action[0].startswith("move")
    kept_open = pk in outcomes and outcomes[pk][2].has_details
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
    assessment.lock()  # the row limit counts the rows as they are once others' adds are in
    where = RestoreRowForm(request.POST, removed=pk, row_count=assessment.activities.count())
    values = where.row_form(assessment) if where.is_valid() else None
    if values is None or not values.is_valid():
        return HttpResponse(_("Raden kunde inte läggas tillbaka."), status=400)
    activity = assessment.restore_row(values.instance, where.cleaned_data["before"])
    response = render_draft(
        request, assessment, template=f"{DRAFT}#row_restored", changed=activity.pk, replaces=pk
    )
    return focus(response, f"#r{activity.pk}-description")
