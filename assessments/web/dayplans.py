"""The day plans on the draft page (rules.md R13, issue 20): a plan added, its name and days
changed, a presence span or help at a time added or removed, the plan copied to another week
type or removed. Plain forms that work without JavaScript (post, redirect, get); a refused post
shows the page again with what was typed and the errors at their fields (400), or, when the plan
changed in another tab since the page was shown, with both and nothing stored (409).

The stale check is the rows' (forms.stale, "judged by its version"): a plan is one object, and
every form of it carries the version its page showed. Spans and items are removed by their
place, which only means the same span while the version is the same.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.forms.dayplans import CopyForm, ItemForm, PlanForm, SpanForm
from assessments.models import Assessment, DayPlan
from assessments.web.access import draft_view
from assessments.web.page import PageParts, render_draft

ANCHOR = "#day-plans"


@dataclass
class DayPlanEdit:
    """A refused post of the day plans, as the page shows it again: the bound form (kept as
    typed) of the plan (`pk`, None for a new plan), and what the part says."""

    pk: int | None
    action: str
    forms: list = field(default_factory=list)
    conflict: str = ""
    formset = None

    def form(self, pk, action):
        return self.forms[0] if (pk, action) == (self.pk, self.action) and self.forms else None


def _locked(assessment) -> Assessment:
    return Assessment.objects.select_for_update().get(pk=assessment.pk)


def _refused(request, assessment, edit: DayPlanEdit, status: int):
    parts = PageParts(assessment, edits={"day_plans": edit})
    return render_draft(request, assessment, parts=parts, status=status)


def _done(request, assessment, message: str, anchor: str = ANCHOR):
    messages.success(request, message)
    return redirect(f"{assessment.get_absolute_url()}{anchor}")


@require_POST
@draft_view
def add_plan(request, assessment):
    """A new day plan of a week type: its name and its days; then its spans and help."""
    assessment = _locked(assessment)
    form = PlanForm(request.POST, assessment=assessment, auto_id="plan-new-%s")
    if not form.is_valid():
        return _refused(request, assessment, DayPlanEdit(None, "plan", [form]), 400)
    plan = _store(assessment, form.result)
    return _done(
        request,
        assessment,
        _("Dagplanen %(name)s är tillagd. Lägg till närvaro och hjälp vid tider.")
        % {"name": plan.name},
        f"#plan-{plan.pk}",
    )


def _store(assessment, plain: dict, plan: DayPlan | None = None) -> DayPlan:
    """Store a plan's plain values (the form's checked result); a new one after the others."""
    if plan is None:
        position = len(assessment.day_plan_list)
        plan = DayPlan(assessment=assessment, position=position)
    else:
        plan.version += 1
    for name in ("key", "name", "week_type", "days", "spans", "items"):
        setattr(plan, name, plain[name])
    plan.save()
    assessment.touch()
    return plan


FORMS = {"span": SpanForm, "item": ItemForm, "plan": PlanForm, "copy": CopyForm}


@require_POST
@draft_view
def plan_action(request, assessment, pk: int):
    """One action on a plan, by the button pressed: add_span, add_item, save_plan, copy,
    remove_span, remove_item, remove_plan."""
    assessment = _locked(assessment)
    plan = get_object_or_404(DayPlan, assessment=assessment, pk=pk)
    data = request.POST
    action = data.get("action", "") if data.get("action") in FORMS else ""
    removing = next((n for n in ("remove_span", "remove_item", "remove_plan") if n in data), "")
    if str(plan.version) != data.get("version"):
        edit = DayPlanEdit(
            plan.pk,
            action,
            conflict=_(
                "Dagplanen %(name)s har ändrats i en annan flik eller ett annat fönster sedan "
                "sidan visades, så din ändring är inte sparad. Här är dagplanen som den är "
                "sparad nu; gör ändringen igen."
            )
            % {"name": plan.name},
        )
        if action:
            edit.forms = [_bound(action, data, assessment, plan)]
        return _refused(request, assessment, edit, 409)
    if removing == "remove_plan":
        plan.delete()
        assessment.touch()
        return _done(request, assessment, _("Dagplanen %(name)s är borttagen.") % {"name": plan})
    if removing:
        return _remove(request, assessment, plan, removing)
    if not action:
        return redirect(f"{assessment.get_absolute_url()}#plan-{plan.pk}")
    form = _bound(action, data, assessment, plan)
    if not form.is_valid():
        return _refused(request, assessment, DayPlanEdit(plan.pk, action, [form]), 400)
    if action == "copy":
        copy = _store(assessment, form.result)
        return _done(
            request,
            assessment,
            _("Dagplanen %(name)s är kopierad till %(week)s.")
            % {"name": plan.name, "week": _week_name(assessment, copy.week_type)},
            f"#plan-{copy.pk}",
        )
    _store(assessment, form.result, plan)
    said = {
        "span": _("Närvaron är tillagd i %(name)s."),
        "item": _("Hjälpen är tillagd i %(name)s."),
        "plan": _("Dagplanen %(name)s är sparad."),
    }[action]
    return _done(request, assessment, said % {"name": plan.name}, f"#plan-{plan.pk}")


def _bound(action, data, assessment, plan):
    prefix = f"{action}-{plan.pk}"
    return FORMS[action](data, assessment=assessment, plan=plan, prefix=prefix)


def _week_name(assessment, key: str) -> str:
    return next((w.label for w in assessment.week_type_list if w.key == key), key)


def _remove(request, assessment, plan: DayPlan, removing: str):
    name = "spans" if removing == "remove_span" else "items"
    listed = list(getattr(plan, name))
    index = request.POST.get(removing, "")
    if not index.isdigit() or int(index) >= len(listed):
        return redirect(f"{assessment.get_absolute_url()}#plan-{plan.pk}")
    listed.pop(int(index))
    _store(assessment, {**plan.plain(), name: listed}, plan)
    message = (
        _("Närvaron är borttagen ur %(name)s.")
        if name == "spans"
        else _("Hjälpen är borttagen ur %(name)s.")
    )
    return _done(request, assessment, message % {"name": plan.name}, f"#plan-{plan.pk}")
