"""The draft page as its views answer it: the whole page, or one of its htmx partials, with the
rows (`web.editor`), the parts' forms (`PageParts`) and the results (`presentation`); forms of a
post that was not saved are kept as the person typed them."""

from dataclasses import dataclass, field
from functools import cache, cached_property

from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_htmx.http import trigger_client_event

from assessments import baselines, catalogue, presentation
from assessments.forms import BaselineForm, PrintLanguageForm, SummaryOptionsForm
from assessments.forms.parts import (
    SINGLE_PARTS,
    DecidedForm,
    DetailsForm,
    PartForm,
    PeriodForm,
    WeekTypeFormSet,
)
from assessments.forms.rows import ActivityForm, AddActivityForm
from assessments.models import Assessment, ShareLink
from assessments.rules import BASIC_NEEDS
from assessments.rules.assessment import DEFAULT_WEEK_TYPE, MAX_WEEK_TYPES
from assessments.web.editor import Editor

DRAFT = "assessments/draft.html"


@dataclass
class PartMessage:
    """What a part says under its fields: its own errors, or a conflict with another tab."""

    title: str = ""
    errors: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)


@cache
def part_template(name: str) -> str:
    """A part's template in `templates/assessments/parts/`: its own, or the generic one."""
    try:
        get_template(f"assessments/parts/{name}.html")
    except TemplateDoesNotExist:
        return "_part.html"
    return f"{name}.html"


class PageParts:
    """The parts' forms for one page, each built only when a template shows it: a refused
    save's forms (`edits`, from `web.parts`) as the person typed them, else what is stored."""

    def __init__(self, assessment: Assessment, rows=None, *, edits=None, conflicts=None):
        self.assessment = assessment
        self.rows = rows
        self.edits = edits or {}
        self.conflicts = conflicts or {}

    def _edited(self, name: str):
        edit = self.edits.get(name)
        return edit.forms if edit is not None else None

    @cached_property
    def details(self) -> DetailsForm:
        forms = self._edited("details")
        return forms[0] if forms else DetailsForm(instance=self.assessment, auto_id="details-%s")

    @cached_property
    def period(self) -> PeriodForm:
        forms = self._edited("weeks")
        return forms[0] if forms else PeriodForm(instance=self.assessment, auto_id="period-%s")

    @cached_property
    def week_formset(self) -> WeekTypeFormSet:
        edit = self.edits.get("weeks")
        if edit is not None and edit.formset is not None:
            return edit.formset
        return WeekTypeFormSet(week_types=self.assessment.week_types.all())

    @cached_property
    def single(self) -> dict[str, PartForm]:
        """The form of each part of one object (`forms.parts.SINGLE_PARTS`), by its name."""
        forms = {}
        for form_class in SINGLE_PARTS:
            name = form_class.part.name
            edited = self._edited(name)
            forms[name] = (
                edited[0] if edited else form_class(instance=self.assessment, auto_id=f"{name}-%s")
            )
        return forms

    @property
    def templates(self) -> list[tuple[str, str]]:
        """The parts after the rows, in the page's order: each its template and its name."""
        names = ["weeks", *(form.part.name for form in SINGLE_PARTS)]
        return [(f"assessments/parts/{part_template(name)}", name) for name in names]

    @cached_property
    def decided_forms(self) -> list[DecidedForm]:
        if not self.assessment.decision_by:
            return []
        given = {form.activity.pk: form for form in self._edited("decided") or ()}
        rows = self.rows if self.rows is not None else self.assessment.rows()
        return [given.get(row.pk) or DecidedForm(activity=row, auto_id="%s") for row in rows]

    def forms_of(self, name: str) -> list:
        """The forms of a part, whose error slots and shown values its answer swaps in."""
        if name in self.single:
            return [self.single[name]]
        return {
            "details": lambda: [self.details],
            "weeks": lambda: [self.period, *self.week_formset.forms],
            "decided": lambda: self.decided_forms,
        }[name]()

    @cached_property
    def messages(self) -> dict[str, PartMessage]:
        """What each part says under its fields (its message slot, "<part>-msg")."""
        found = {}
        for name in ("details", "weeks", *self.single, "decided"):
            edit = self.edits.get(name)
            errors = []
            if edit is not None:
                errors = [
                    e for form in edit.forms if form.is_bound for e in form.non_field_errors()
                ]
                if getattr(edit, "formset", None) is not None:
                    errors += list(edit.formset.non_form_errors())
            title = str(edit.conflict_title) if edit is not None else ""
            found[name] = PartMessage(title, errors, self.conflicts.get(name, []))
        return found

    @property
    def total_weeks(self):
        return sum(w.weeks for w in self.assessment.week_type_list)

    @property
    def stored_week_types(self) -> bool:
        return self.assessment.week_type_list != (DEFAULT_WEEK_TYPE,)

    @property
    def can_add_week_type(self) -> bool:
        return len(self.assessment.week_type_list) < MAX_WEEK_TYPES

    @property
    def error_forms(self) -> list:
        """The forms the error summary lists: a formset as its forms and its own errors."""
        found = []
        for edit in self.edits.values():
            found += edit.forms
            if getattr(edit, "formset", None) is not None:
                found.append(FormsetErrors(edit.formset.non_form_errors()))
        return [form for form in found if form.errors]

    @property
    def conflicted(self) -> list[tuple[str, str]]:
        """The parts a save was refused for: (the part's name, what changed)."""
        return [
            (name, self.messages[name].title) for name, found in self.conflicts.items() if found
        ]


@dataclass
class FormsetErrors:
    """A formset's own errors ("at least one kind of week"), as the error summary reads a form's."""

    errors: list

    def non_field_errors(self) -> list:
        return self.errors

    def __iter__(self):
        return iter(())


def row_pks(request, name: str) -> set[int]:
    """Rows the page says are open or invalid (app.js's markers, sent with every htmx post)."""
    values = request.POST.getlist(name) if request.method == "POST" else request.GET.getlist(name)
    return {int(value) for value in values if value.isdigit()}


def line_columns() -> list[tuple[str, str]]:
    """The row table's columns between its row number and its hours: the form's line fields."""
    return [(name, ActivityForm.base_fields[name].label) for name in ActivityForm.line_fields]


def render_draft(request, assessment, *, template=DRAFT, status=200, **context):
    """The draft page or one of its partials, with unsaved forms kept as the person typed them."""
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
    parts = context.pop("parts", None) or PageParts(assessment, editor.rows)
    parts.rows = editor.rows
    if (part := context.get("part")) is not None:
        context |= {"part_forms": parts.forms_of(part), "part_message": parts.messages[part]}
    share = ShareLink.objects.filter(assessment=assessment).first()
    baseline_form = context.pop("baseline_form", None) or BaselineForm(auto_id="baseline-%s")
    print_form = context.pop("print_form", None) or PrintLanguageForm(
        instance=assessment, auto_id="print-%s"
    )
    commands = (baseline_form, print_form)
    error_forms = [f for f in (*row_forms.values(), add_form, *commands) if f.errors]
    error_forms += parts.error_forms
    context = {
        "parts": parts,
        "shown": presentation.present(editor.draft, editor.result),
        "pdf_options": SummaryOptionsForm(auto_id="pdf-%s"),
        "share_url": request.build_absolute_uri(share.get_absolute_url()) if share else "",
        "assessment": assessment,
        "editor": editor,
        "result": editor.result,
        "row_count": len(editor.rows),
        "columns": len(ActivityForm.line_fields) + 3,
        "line_columns": line_columns(),
        "column_help": ActivityForm.line_help(),
        "catalogue": catalogue.CATALOGUE,
        "basic_needs": BASIC_NEEDS,
        "add_form": add_form,
        "error_forms": error_forms,
        "draft_url": request.build_absolute_uri(assessment.get_absolute_url()),
        "baseline_form": baseline_form,
        "print_form": print_form,
        "print_language": print_language_note(assessment),
        # Worked out only when the page or a partial shows it (a template calls a callable).
        "baseline": cache(lambda: baselines.show_stored(assessment, editor.draft)),
        **context,
    }
    return TemplateResponse(request, template, context, status=status)


def print_language_note(assessment) -> str:
    """On a page in another language than the printouts', what language they are in (issue 21
    item 5: an English reader is told that the PDF is in Swedish); "" when they are the same."""
    if assessment.print_language == get_language():
        return ""
    if assessment.print_language == "sv":
        return _(
            "Utskriften och utkastet till omprövning blir på svenska, det språk "
            "Försäkringskassan läser. Sidan visar samma sak på ditt språk."
        )
    return _(
        "Utskriften och utkastet till omprövning blir på engelska. Försäkringskassan läser "
        "svenska: välj svenska för det du skickar in."
    )


def focus(response, selector: str | list[str]):
    """After an add, a move, a removal or an undo, the server names where the focus goes: the
    first of the selectors that is on the page (app.js)."""
    selectors = [selector] if isinstance(selector, str) else selector
    return trigger_client_event(response, "behov:focus", {"selector": selectors}, after="settle")
