"""The draft page as its views answer it: the whole page, or one of its htmx partials, with the
rows (`web.editor`), the parts' forms (`PageParts`) and the results (`presentation`); forms of a
post that was not saved are kept as the person typed them."""

from dataclasses import dataclass, field
from functools import cache, cached_property

from django.contrib import messages
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_htmx.http import trigger_client_event

from assessments import baselines, catalogue, presentation
from assessments.forms import BaselineForm, PrintLanguageForm, SummaryOptionsForm, own_row
from assessments.forms.catalogue import CatalogueSearchForm
from assessments.forms.dayplans import CopyForm, ItemForm, PlanForm, SpanForm
from assessments.forms.parts import (
    SINGLE_PARTS,
    DecidedForm,
    DetailsForm,
    PartForm,
    PeriodForm,
    WeekTypeFormSet,
)
from assessments.forms.rows import ActivityForm, AddActivityForm
from assessments.forms.shape import ShapeForm
from assessments.models import Assessment, DayPlan, ShareLink
from assessments.rules import BASIC_NEEDS
from assessments.rules.assessment import DEFAULT_WEEK_TYPE, MAX_WEEK_TYPES
from assessments.timeline import Timeline, duration, item_text, span_text, timeline
from assessments.web.editor import Editor

DRAFT = "assessments/draft.html"


def asks_shape(assessment, rows) -> bool:
    """A new or empty draft asks the shape of its weeks first (web.shape): no rows, no kinds of
    week, no night, no day plans yet, and not answered."""
    return not (
        assessment.weeks_asked
        or rows
        or assessment.week_types.exists()
        or assessment.has_night
        or assessment.day_plan_list
    )


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
        """The parts after the rows, in the page's order: each its template and its name. The
        day plans follow the night, which they join (rules.md R13.6)."""
        names = ["weeks", *(form.part.name for form in SINGLE_PARTS)]
        names.insert(names.index("night") + 1 if "night" in names else 1, "day_plans")
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

    result = None  # the page's result, set by `render_draft`

    @cached_property
    def day_plans(self) -> list["PlanView"]:
        """Each stored day plan as the part shows it, with its forms (a refused post's as
        typed)."""
        edit = self.edits.get("day_plans")
        found = {r.plan.key: r for r in (self.result.day_plans if self.result else ())}
        night = self.assessment.to_rules(rows=[]).night
        weeks = {w.key: w.label for w in self.assessment.week_type_list}
        views = []
        for stored in self.assessment.day_plan_list:
            plan = stored.to_rules()
            forms = {}
            for action, form_class in (
                ("span", SpanForm),
                ("item", ItemForm),
                ("plan", PlanForm),
                ("copy", CopyForm),
            ):
                bound = edit.form(stored.pk, action) if edit else None
                forms[action] = bound or form_class(
                    assessment=self.assessment, plan=stored, prefix=f"{action}-{stored.pk}"
                )
            counted = stored.week_type in weeks and plan is not None
            views.append(
                PlanView(
                    stored,
                    weeks.get(stored.week_type, ""),
                    timeline(plan, night) if plan else Timeline([], []),
                    [span_text(s) for s in plan.spans] if plan else [],
                    [item_text(i) for i in plan.items] if plan else [],
                    forms,
                    found.get(stored.key) if counted else None,
                    edit.conflict if edit and edit.pk == stored.pk else "",
                )
            )
        return views

    @cached_property
    def new_plan_form(self) -> PlanForm:
        edit = self.edits.get("day_plans")
        return (edit and edit.form(None, "plan")) or PlanForm(
            assessment=self.assessment, auto_id="plan-new-%s"
        )

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
class PlanView:
    """A day plan as its part shows it: the bar and its words, the spans and the help as
    lines, its forms, and what it counts per dygn (None when it does not count: its week type
    is gone)."""

    stored: DayPlan
    week_name: str
    timeline: Timeline
    spans: list[str]
    items: list[str]
    forms: dict
    result: object
    conflict: str = ""

    @property
    def counted(self) -> tuple[str, str]:
        """What the plan counts per dygn, basic and other, in hours and minutes."""
        return (
            duration(round(self.result.basic_minutes)),
            duration(round(self.result.other_minutes)),
        )


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


def broken_values(assessment, editor) -> list[tuple[str | None, str]]:
    """What an older version stored invalid, row by row and in the draft's own parts."""
    return [
        (f"#r{pk}-m", _("Rad %(number)s: %(fields)s") % {"number": e.number, "fields": e.broken})
        for pk, e in editor.entries.items()
        if e.broken
    ] + [(None, str(f.label)) for f in assessment.broken_fields]


def render_draft(request, assessment, *, template=DRAFT, status=200, **context):
    """The draft page or one of its partials, with unsaved forms kept as the person typed them."""
    row_forms = context.pop("row_forms", {})
    shown_catalogue = catalogue_context(request, whole_page=template == DRAFT)
    add_form = context.pop("add_form", None) or AddActivityForm(
        auto_id="add-%s", initial={"description": shown_catalogue["catalogue_unfound"]}
    )
    open_rows = row_pks(request, "open") | set(context.pop("open_rows", ()))
    if request.GET.get("rad", "").isdigit():
        open_rows.add(int(request.GET["rad"]))
    if request.GET.get("ny", "").isdigit():  # the row just added without JavaScript
        context.setdefault("just_added", request.GET["ny"])  # as a row's key, text
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
    # Read only by the whole page (not a row's answer): each a pass over every row.
    context["conflicted"] = SimpleLazyObject(
        lambda: [entry for entry in editor.entries.values() if entry.conflicts]
    )
    context["broken"] = SimpleLazyObject(lambda: broken_values(assessment, editor))
    if (changed := context.get("changed")) in editor.entries:
        context["entry"] = editor.entries[changed]
    if (near := context.get("entry") or context.get("removed")) is not None:
        context.update(editor.around(near))
    parts = context.pop("parts", None) or PageParts(assessment, editor.rows)
    parts.rows = editor.rows
    parts.result = editor.result
    if (part := context.get("part")) is not None:
        context |= {"part_forms": parts.forms_of(part), "part_message": parts.messages[part]}
    if template == DRAFT and "shape_form" not in context and asks_shape(assessment, editor.rows):
        context["shape_form"] = ShapeForm(auto_id="shape-%s")
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
        **shown_catalogue,
        "basic_needs": BASIC_NEEDS,
        "add_form": add_form,
        "own_row_needs": own_row.need_choices(),
        "own_row_kinds": own_row.kind_choices(),
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


def catalogue_context(request, *, whole_page: bool = True) -> dict:
    """The behovslista as the page shows it. Every item is drawn, and those the search words
    (?sok=, a GET that works without JavaScript) do not find are hidden, so that app.js filters
    the same list again as the person types (issue 23 item 2)."""
    query = CatalogueSearchForm(request.GET).query()
    found = None
    if catalogue.query_words(query):
        found = {item.key: group.need for group in catalogue.search(query) for item in group.items}
    return {
        "catalogue": catalogue.CATALOGUE,
        "catalogue_groups_html": unsearched_catalogue() if found is None and whole_page else "",
        "catalogue_query": query,
        "catalogue_found": found,
        "catalogue_needs": set(found.values()) if found else set(),
        "catalogue_hidden": set() if found is None else set(catalogue.ITEMS_BY_KEY) - set(found),
        "catalogue_unfound": query if found == {} else "",  # words for an own row
        "catalogue_ignored": " ".join(sorted(catalogue.IGNORED)),
        # Said once in the live region after "Lägg till de markerade" (web.rows.add_marked);
        # read only for the whole page, as reading the messages uses them up.
        "announce_on_load": " ".join(
            str(m) for m in messages.get_messages(request) if "announce" in m.tags
        )
        if whole_page
        else "",
    }


_unsearched_catalogue: dict[str, str] = {}


def unsearched_catalogue() -> str:
    """The behovslista's 83 items as the page shows them before a search: the same markup for
    every draft in a language, so rendered once per process and language instead of on every
    page (issue 22 item 1: a fifth of a 150-row page's time)."""
    language = get_language()
    if language not in _unsearched_catalogue:
        _unsearched_catalogue[language] = get_template(f"{DRAFT}#catalogue_groups").render(
            {
                "catalogue": catalogue.CATALOGUE,
                "catalogue_found": None,
                "catalogue_needs": set(),
                "catalogue_hidden": set(),
                "basic_needs": BASIC_NEEDS,
            }
        )
    return _unsearched_catalogue[language]


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
