"""The draft's parts beyond its details and rows: the week types and the period, the night, and
the decision it is compared with, with what the decision granted row by row.

Each part is a plain form on the draft page that works without JavaScript (post, redirect,
get); with htmx a change of a value answers with the part and the results, and a change of the
part's shape (a week type added or removed, a night or a decision added or removed, which
changes the fields of the rows) reloads the page. A save based on what another tab has changed
since is refused and says so; nothing is overwritten unseen.
"""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from django.views.decorators.http import require_POST

from .editor import Sections, week_types_digest
from .forms import DecidedForm, DecisionForm, NightForm, PeriodForm, WeekTypeFormSet
from .models import Assessment, WeekType
from .rules.assessment import DEFAULT_WEEK_TYPE, MAX_WEEK_TYPES
from .views import DRAFT, draft_view, render_draft

# rules.md R10: a child's school weeks and holiday weeks, the usual split (40 and 12 weeks).
# Their names are stored in the page's language: from then on they are the person's to edit.
SCHOOL_AND_HOLIDAY = (
    ("school", gettext_noop("Skolvecka"), 40),
    ("holiday", gettext_noop("Lovvecka"), 12),
)


def _saved(request, assessment, *, part: str, shape_changed: bool, message: str):
    """A part was saved: reload the page when the rows' fields change, else answer with the
    part and the results."""
    assessment.touch()
    if not request.htmx:
        messages.success(request, message)
        return redirect(f"{assessment.get_absolute_url()}#{part}")
    if shape_changed:
        messages.success(request, message)
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render_draft(
        request, assessment, template=f"{DRAFT}#part_saved", part=part, announce=message
    )


def _refused(request, assessment, *, part: str, status: int, **bound):
    """A part that is not saved: its errors (400) or another tab's change (409), with what the
    person typed kept."""
    sections = Sections(assessment, **bound)
    if request.htmx:
        # htmx swaps a 200 and a 409 only (base.html): errors to show are an answer, not a failure.
        return render_draft(
            request,
            assessment,
            template=f"{DRAFT}#part_saved",
            part=part,
            sections=sections,
            status=409 if status == 409 else 200,
        )
    return render_draft(request, assessment, sections=sections, status=status)


def _store(form) -> tuple[bool, list]:
    """Store a part's fields; (valid, conflicts with another tab's change)."""
    conflicts = form.store()
    return form.is_valid() and not conflicts, conflicts


def _new_key(assessment: Assessment, name: str) -> str:
    used = {w.key for w in assessment.week_types.all()}
    base = slugify(name)[:24] or "vecka"
    key, number = base, 2
    while key in used:
        key, number = f"{base}-{number}", number + 1
    return key


def _add_week_types(assessment: Assessment, week_types) -> None:
    """Store new week types after the stored ones; the one default becomes stored first, so
    that rows of "every week type" stay in it."""
    stored = list(assessment.week_types.all())
    if not stored:
        WeekType.objects.create(
            assessment=assessment,
            position=0,
            key=DEFAULT_WEEK_TYPE.key,
            name=_("Vanlig vecka"),  # DEFAULT_WEEK_TYPE's name, in the page's language
            weeks=float(DEFAULT_WEEK_TYPE.weeks),
        )
        stored = [None]
    for offset, (key, name, weeks) in enumerate(week_types):
        WeekType.objects.create(
            assessment=assessment,
            position=len(stored) + offset,
            key=key or _new_key(assessment, name),
            name=name,
            weeks=weeks,
        )


def _forget_week_types(assessment: Assessment, keys: set[str]) -> int:
    """Take removed week types off the rows; a row left with none happens in all of them. The
    number of such rows."""
    widened = 0
    for row in assessment.activities.filter(week_types__isnull=False):
        kept = [key for key in row.week_types if key not in keys]
        if kept != row.week_types:
            widened += not kept
            row.week_types = kept or None
            row.save(update_fields=["week_types"])
    return widened


@require_POST
@draft_view
@transaction.atomic
def weeks(request, assessment):
    """The week types and the grant period (rules.md R10)."""
    if "school_and_holiday" in request.POST and not assessment.week_types.exists():
        assessment.week_types.all().delete()
        for position, (key, name, weeks_count) in enumerate(SCHOOL_AND_HOLIDAY):
            WeekType.objects.create(
                assessment=assessment, position=position, key=key, name=_(name), weeks=weeks_count
            )
        return _saved(
            request,
            assessment,
            part="weeks",
            shape_changed=True,
            message=_(
                "Skolveckor och lovveckor är tillagda. Välj för varje rad vilka veckor den gäller."
            ),
        )
    if "add_week_type" in request.POST and len(assessment.week_type_list) < MAX_WEEK_TYPES:
        _add_week_types(assessment, [("", _("Ny sorts vecka"), 1)])
        return _saved(
            request,
            assessment,
            part="weeks",
            shape_changed=True,
            message=_("En ny sorts vecka är tillagd. Ge den ett namn och ett antal veckor."),
        )
    period = PeriodForm(request.POST, instance=assessment, auto_id="period-%s")
    formset = None
    if assessment.week_types.exists():
        formset = WeekTypeFormSet(request.POST, queryset=assessment.week_types.all(), prefix="wt")
        if request.POST.get("week_digest") != week_types_digest(assessment):
            messages.error(
                request,
                _(
                    "Veckotyperna har ändrats i en annan flik eller ett annat fönster sedan sidan "
                    "visades, så dina ändringar av dem sparades inte. Här är de som de är nu."
                ),
            )
            return _refused(request, assessment, part="weeks", status=409, period=period)
    valid, conflicts = _store(period)
    if formset is not None and not formset.is_valid():
        valid = False
    if not valid:
        bound = {"period": period} | ({"weeks": formset} if formset is not None else {})
        return _refused(
            request, assessment, part="weeks", status=409 if conflicts else 400, **bound
        )
    shape_changed = False
    if formset is not None:
        changed = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            widened = _forget_week_types(assessment, {deleted.key})
            deleted.delete()
            shape_changed = True
            if widened:
                messages.info(
                    request,
                    ngettext(
                        "%(count)s rad gällde bara %(name)s och gäller nu alla veckor.",
                        "%(count)s rader gällde bara %(name)s och gäller nu alla veckor.",
                        widened,
                    )
                    % {"count": widened, "name": deleted.to_rules().label},
                )
        for week_type in changed:
            week_type.save()
        # The rows name the kinds of week they happen in, on the line and in their details.
        shape_changed |= any("name" in form.changed_data for form in formset.forms)
    return _saved(
        request,
        assessment,
        part="weeks",
        shape_changed=shape_changed,
        message=_("Veckorna är sparade."),
    )


@require_POST
@draft_view
def night(request, assessment):
    """The night rest (rules.md R11)."""
    had_night = assessment.has_night
    form = NightForm(request.POST, instance=assessment, auto_id="night-%s")
    valid, conflicts = _store(form)
    if not valid:
        return _refused(
            request, assessment, part="night", status=409 if conflicts else 400, night=form
        )
    assessment.refresh_from_db()
    return _saved(
        request,
        assessment,
        part="night",
        shape_changed=assessment.has_night != had_night,
        message=_("Nattvilan är sparad."),
    )


@require_POST
@draft_view
def decision(request, assessment):
    """Who decided and when (rules.md R12)."""
    had_decision = bool(assessment.decision_by)
    form = DecisionForm(request.POST, instance=assessment, auto_id="decision-%s")
    valid, conflicts = _store(form)
    if not valid:
        return _refused(
            request, assessment, part="decision", status=409 if conflicts else 400, decision=form
        )
    assessment.refresh_from_db()
    if had_decision and not assessment.decision_by:
        message = _(
            "Jämförelsen är borttagen. Det du skrivit om beslutet på raderna finns kvar och "
            "kommer tillbaka om du anger ett beslut igen."
        )
    else:
        message = _("Beslutet är sparat.")
    return _saved(
        request,
        assessment,
        part="decision",
        shape_changed=bool(assessment.decision_by) != had_decision,
        message=message,
    )


@require_POST
@draft_view
@transaction.atomic
def decided(request, assessment):
    """What the decision granted, row by row: every row the post holds is saved, unless another
    tab saved its decision since the page was shown."""
    if not assessment.decision_by:
        messages.error(request, _("Ange först vem som beslutade, så kan du fylla i beslutet."))
        return redirect(f"{assessment.get_absolute_url()}#decision")
    rows = [row for row in assessment.rows() if f"d{row.pk}-minutes" in request.POST]
    forms = [DecidedForm(request.POST, activity=row, auto_id="%s") for row in rows]
    stale = [form for form in forms if form.is_stale]
    saved = 0
    for form in forms:
        if form in stale or not form.is_valid():
            continue
        row = form.activity
        values = (form.decided(), form.cleaned_data["decision_reason"])
        if values != (row.decided, row.decision_reason):
            row.decided, row.decision_reason = values
            row.save(update_fields=["decided", "decision_reason"])
            saved += 1
    if saved:
        assessment.touch()
    for form in stale:
        form.add_error(
            None,
            _(
                "Beslutet för den här raden ändrades i en annan flik eller ett annat fönster sedan "
                "sidan visades, så din ändring sparades inte. Ladda om sidan för att se det som "
                "sparades, och gör din ändring igen."
            ),
        )
    invalid = [form for form in forms if form.errors]
    if invalid:
        return _refused(
            request, assessment, part="decision", status=409 if stale else 400, decided=invalid
        )
    if not request.htmx:
        messages.success(request, _("Beslutet för raderna är sparat."))
        return redirect(f"{assessment.get_absolute_url()}#decided")
    return render_draft(
        request,
        assessment,
        template=f"{DRAFT}#part_saved",
        part="decision",
        announce=_("Beslutet för raden är sparat.") if saved else "",
    )
