"""The draft's parts after its rows, and its details: one view saves any of them.

A part is a plain form on the draft page that works without JavaScript (post, redirect, get);
htmx posts the same form as the person types and gets back the results and the part's own
messages, never its fields: the field being typed in is not redrawn. A save is one path for
every part (`save`): bind the part's forms, judge each object against what is stored
(`forms.stale`), let the model store what this page changed, answer. A save that changes the
rows' fields (a week type added, removed or renamed, a night or a decision added or removed)
reloads the page instead. A new part of one object is its form (`forms.parts.SINGLE_PARTS`)
and its template (`templates/assessments/parts/`): no new view, no new address.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from assessments.forms import stale
from assessments.forms.parts import (
    SINGLE_PARTS,
    DecidedForm,
    DecisionForm,
    DetailsForm,
    PeriodForm,
    WeekTypeFormSet,
)
from assessments.models import Assessment
from assessments.rules.assessment import MAX_WEEK_TYPES
from assessments.web.access import draft_view
from assessments.web.page import DRAFT, PageParts, focus, part_template, render_draft

# rules.md R10: a child's school weeks and holiday weeks, the usual split (40 and 12 weeks).
# Their names are stored in the page's language: from then on they are the person's to edit.
SCHOOL_AND_HOLIDAY = (
    ("school", gettext_noop("Skolvecka"), 40),
    ("holiday", gettext_noop("Lovvecka"), 12),
)


class Edit:
    """A part of the page as a save sees it: its bound forms, each an object judged and stored
    on its own, and what its answer says. A part of one object is its form (`forms.parts`),
    which says how the page shows and saves it."""

    form_class = None

    def __init__(self, assessment: Assessment, data):
        self.assessment = assessment
        self.data = data
        self.keep_mine = "keep_mine" in data
        self.notes: list[str] = []  # said besides the answer (rows a removal widened)
        self.forms = self.bind()
        self.verdicts: dict = {}

    @property
    def name(self) -> str:
        """Its message slot ("<name>-msg") and its template ("<name>.html")."""
        return self.form_class.part.name

    form_id = property(lambda self: self.form_class.form_id)
    conflict_title = property(lambda self: self.form_class.conflict_title)
    template = property(lambda self: part_template(self.name))
    partial = "form"  # the partial of its form in its template

    @property
    def anchor(self) -> str:
        """Where the page is taken back to after a save without JavaScript."""
        return f"#{self.form_id}"

    def bind(self) -> list:
        return [self.form_class(self.data, instance=self.assessment, auto_id=f"{self.name}-%s")]

    def act(self) -> str | None:
        """A button that changes the part's shape instead of its values: what it did."""
        return None

    def judge(self, form) -> stale.Verdict:
        return stale.judge(
            form, form.stale_names(), keep_mine=self.keep_mine, each_field=form.each_field
        )

    def store(self, form, names) -> None:
        self.assessment.store(form.changes(names))

    def shape(self):
        """What the rows' fields depend on (a part that may be absent: whether it is there);
        a change of it reloads the page."""
        form = self.form_class
        if not form.optional:
            return None
        required = [n for n, f in form.part.fields.items() if f.required]
        return all(getattr(self.assessment, form.columns + n) not in (None, "") for n in required)

    def message(self) -> str:
        return str(self.form_class.saved)

    def save(self) -> tuple[list, list]:
        """Judge every object and store those this page changed that are neither stale nor
        invalid: (the conflicts, the invalid forms)."""
        conflicts, invalid = [], []
        for form in self.forms:
            verdict = self.verdicts[form] = self.judge(form)
            if verdict.conflicts:
                conflicts += verdict.conflicts
            elif not form.is_valid():
                invalid.append(form)
            elif verdict.changed:
                self.store(form, verdict.changed)
        return conflicts, invalid


class DetailsEdit(Edit):
    form_class = DetailsForm
    anchor = ""  # the top of the page, where its heading follows the title


class DecisionEdit(Edit):
    form_class = DecisionForm

    def bind(self):
        self.had_decision = bool(self.assessment.decision_by)
        return super().bind()

    def message(self):
        if self.had_decision and not self.assessment.decision_by:
            return _(
                "Jämförelsen är borttagen. Det du skrivit om beslutet på raderna finns kvar och "
                "kommer tillbaka om du anger ett beslut igen."
            )
        return super().message()


class WeeksEdit(Edit):
    """The week types and the grant period (rules.md R10)."""

    name = form_id = "weeks"
    template = "weeks.html"
    conflict_title = gettext_lazy("Veckorna har ändrats någon annanstans")

    def message(self):
        return _("Veckorna är sparade.")

    def bind(self):
        self.formset = None
        self.together: dict = {}
        forms = [PeriodForm(self.data, instance=self.assessment, auto_id="period-%s")]
        stored = list(self.assessment.week_types.all())
        if stored or "wt-TOTAL_FORMS" in self.data:
            self.formset = WeekTypeFormSet(self.data, week_types=stored)
            forms += self.formset.forms
        return forms

    def act(self):
        if "school_and_holiday" in self.data and not self.assessment.week_types.exists():
            self.assessment.add_week_types(
                [(key, _(name), weeks) for key, name, weeks in SCHOOL_AND_HOLIDAY],
                instead_of_default=True,
            )
            return _(
                "Skolveckor och lovveckor är tillagda. Välj för varje rad vilka veckor den gäller."
            )
        if "add_week_type" in self.data and len(self.assessment.week_type_list) < MAX_WEEK_TYPES:
            self.assessment.add_week_types([("", _("Ny sorts vecka"), 1)])
            return _("En ny sorts vecka är tillagd. Ge den ett namn och ett antal veckor.")
        return None

    def judge(self, form):
        if form in self.deleting():
            return stale.Verdict()  # removed as the person asked; its values do not matter
        if getattr(form, "missing", False):
            # Removed in another tab: nothing of it can be saved.
            return stale.Verdict(
                conflicts=[stale.Conflict(str(form["name"].value()), "", _("borttagen"))]
            )
        if form is self.forms[0]:
            return super().judge(form)  # the period, an object of its own
        # The week types are one object: their weeks weigh each other.
        if not self.together:
            week_types = self.forms[1:]
            self.together = stale.judge_together(
                {f: stale.judge(f, f.stale_names(), keep_mine=True) for f in week_types},
                keep_mine=self.keep_mine,
            )
        return self.together[form]

    def deleting(self) -> list:
        """The week types the person removes (a gone one needs no removing)."""
        if self.formset is None:
            return []
        return [f for f in self.formset.forms if f["DELETE"].data and not f.missing]

    def store(self, form, names):
        if form in (self.formset.forms if self.formset else ()):
            form.instance.store(form.changes(names))
        else:
            super().store(form, names)

    def save(self):
        conflicts, invalid = super().save()
        if self.formset is not None and not conflicts and not self.formset.is_valid():
            invalid.append(self.formset)
        if not conflicts and not invalid and self.formset is not None:
            for form in self.deleting():
                widened = self.assessment.remove_week_type(form.instance)
                if widened:
                    self.notes.append(
                        ngettext(
                            "%(count)s rad gällde bara %(name)s och gäller nu alla veckor.",
                            "%(count)s rader gällde bara %(name)s och gäller nu alla veckor.",
                            widened,
                        )
                        % {"count": widened, "name": form.instance.to_rules().label}
                    )
        return conflicts, invalid

    def shape(self):
        # The rows name the kinds of week they happen in, on the line and in their details.
        return [(w.key, w.name) for w in self.assessment.week_types.all()]


class DecidedEdit(Edit):
    """What the decision granted, row by row: each row the post holds is an object of its own,
    saved unless another tab saved its decision since the page was shown."""

    name = form_id = "decided"
    template, partial = "decision.html", "decided"
    conflict_title = gettext_lazy("Beslutet för raderna har ändrats någon annanstans")

    def message(self):
        return _("Beslutet för raderna är sparat.")

    def bind(self):
        rows = [row for row in self.assessment.rows() if f"d{row.pk}-minutes" in self.data]
        return [DecidedForm(self.data, activity=row, auto_id="%s") for row in rows]

    def shape(self):
        return None

    def store(self, form, names):
        form.activity.store(form.stored_changes(names))


def _edit(form_class) -> type[Edit]:
    return {DetailsForm: DetailsEdit, DecisionForm: DecisionEdit}.get(form_class) or type(
        f"{form_class.__name__}Edit", (Edit,), {"form_class": form_class}
    )


# Every part the page saves, by name, and its address under the draft's ("b/<token>/natt/").
EDITS = {
    "details": DetailsEdit,
    "weeks": WeeksEdit,
    **{form.part.name: _edit(form) for form in SINGLE_PARTS},
    "decided": DecidedEdit,
}
ADDRESSES = {
    "weeks": "veckor",
    **{form.part.name: form.address for form in SINGLE_PARTS},
    "decided": "beslut/rader",
}


@require_http_methods(["GET", "POST"])
@draft_view
def draft(request, assessment):
    """The draft page; a post of it saves the draft's details."""
    if request.method == "GET":
        return render_draft(request, assessment)
    return save(request, assessment, "details")


@require_POST
@draft_view
def part(request, assessment, name: str):
    return save(request, assessment, name)


def save(request, assessment, name: str):
    """Save a part of the draft: validate, check for stale edits, store, answer."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    edit = EDITS[name](assessment, request.POST)
    if name == "decided" and not assessment.decision_by:
        messages.error(request, _("Ange först vem som beslutade, så kan du fylla i beslutet."))
        return redirect(f"{assessment.get_absolute_url()}#decision")
    shape = edit.shape()
    if (done := edit.act()) is not None:
        return _saved(request, assessment, edit, done, reload=True)
    conflicts, invalid = edit.save()
    if conflicts or invalid:
        return _refused(request, assessment, edit, conflicts)
    assessment = Assessment.objects.get(pk=assessment.pk)
    edit.assessment = assessment
    return _saved(request, assessment, edit, edit.message(), reload=edit.shape() != shape)


def _saved(request, assessment, edit, message: str, *, reload: bool):
    for note in getattr(edit, "notes", ()):
        messages.info(request, note)
    if not request.htmx:
        messages.success(request, message)
        return redirect(f"{assessment.get_absolute_url()}{edit.anchor}")
    if reload:
        messages.success(request, message)
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    # The fields now stored as this page shows them: their shown values move on.
    synced = {
        form[name].html_name
        for form, verdict in edit.verdicts.items()
        for name in form.stale_names()
        if name in verdict.changed or name not in verdict.moved
    }
    response = render_draft(
        request,
        assessment,
        template=f"{DRAFT}#part_saved",
        part=edit.name,
        parts=PageParts(assessment),
        synced=synced,
        # Chosen over a conflict: the part as stored now, other tabs' fields included, drawn
        # again (the person pressed a button; nothing is being typed in it).
        redraw=f"assessments/parts/{edit.template}#{edit.partial}" if edit.keep_mine else "",
        announce=message if any(v.changed for v in edit.verdicts.values()) else "",
    )
    if edit.keep_mine:
        focus(response, f"#{edit.form_id} :is(input, select, textarea):not([type=hidden])")
    return response


def _refused(request, assessment, edit, conflicts):
    """A part not saved (what could be saved was): its errors (400) or another tab's change
    (409), with what the person typed kept."""
    status = 409 if conflicts else 400
    parts = PageParts(assessment, edits={edit.name: edit}, conflicts={edit.name: conflicts})
    if request.htmx:
        # htmx swaps a 200 and a 409 only (base.html): errors to show are an answer, not a failure.
        return render_draft(
            request,
            assessment,
            template=f"{DRAFT}#part_saved",
            part=edit.name,
            parts=parts,
            synced=(),
            status=409 if conflicts else 200,
        )
    return render_draft(request, assessment, parts=parts, status=status)
