"""The day plans' forms (rules.md R13): a plan added or changed, a span or an item added, a plan
copied to another week type. Each form builds its fields from the declared tables
(`rules.dayplan`), makes the plan as it would be stored (the file's plain form) and checks it by
the same reader and rules as a file (`rules.parts.read`, `rules.dayplan.day_plan_problems`): a
problem of this form's own object is said at its field, any other in the form's message. No form
stores anything: `web.dayplans` does, through the model.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments import catalogue
from assessments.columns import new_key
from assessments.forms.fields import DescribedFieldsMixin, form_field
from assessments.rules import Activity, Kind, dayplan, is_basic_need
from assessments.rules.dayplan import DAY_PLAN, FIRST_VERSION, HELP_ONLY_NEEDS, PLAN_FIELDS
from assessments.rules.fields import plain
from assessments.rules.needs import TimeType, need_label
from assessments.rules.parts import describe, read


class PlanChange(DescribedFieldsMixin, forms.Form):
    """A change of one day plan of `assessment` (`plan`, None for a new one): `change(values)`
    gives the plan's plain values after it; `own` is the path of this form's object inside the
    plan, whose problems are said at its fields."""

    own: tuple = ()

    def __init__(self, data=None, *, assessment, plan=None, **kwargs):
        self.assessment = assessment
        self.plan = plan
        super().__init__(data, **kwargs)
        self.set_describedby()

    def change(self, values: dict) -> dict:
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        current = self.plan.plain() if self.plan is not None else None
        self.result = self.change(current)
        made, found = read(DAY_PLAN, self.result, version=FIRST_VERSION)
        for path, message in found:
            self.said(path, message)
        if made is not None and not found:
            self.check_with_draft(made)
        return cleaned

    def said(self, path: tuple, message: str) -> None:
        """A problem at `path` inside the plan: at this form's field, or in its message."""
        own = len(self.own)
        if path[:own] == self.own and len(path) == own + 1 and path[own] in self.fields:
            self.add_error(path[own], message)
            return
        data = {"day_plans": [self.result]}
        where = describe(_PLANS, ("day_plans", 0, *path), data)
        self.add_error(None, f"{where}: {message}")

    def check_with_draft(self, made) -> None:
        """The plans against the draft (R13.1, R13.3): its week types and their days, the
        dates; this plan in place of the stored one (or after the others)."""
        draft = self.assessment.to_rules(rows=[])
        keys = {w.key: w.assistance_days for w in draft.week_types}
        others = [p for p in self.assessment.day_plan_list if self.plan is None or p != self.plan]
        plans = [p.to_rules() for p in others if p.week_type in keys] + [made]
        plans = [p for p in plans if p is not None]
        problems = dayplan.day_plan_problems(plans, week_types=keys, start=draft.start)
        for path, message in problems.items():
            if path[1] == len(plans) - 1:  # this plan's
                self.said(path[2:], message)


_PLANS = dayplan._PLANS  # the plans as a draft holds them, for the words of a place


def week_type_choices(assessment) -> list[tuple[str, str]]:
    return [(w.key, w.label) for w in assessment.week_type_list]


class PlanForm(PlanChange):
    """A day plan's name, week type and days: a new plan, or the plan's own fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"] = form_field(PLAN_FIELDS["name"])
        self.fields["week_type"] = forms.ChoiceField(
            label=PLAN_FIELDS["week_type"].label,
            choices=week_type_choices(self.assessment),
        )
        self.fields["days"] = form_field(PLAN_FIELDS["days"], required=True)
        if self.plan is not None:
            self.initial = {"name": self.plan.name, "week_type": self.plan.week_type}
            self.initial["days"] = self.plan.days
        else:
            self.initial = {"days": 7}
        self.set_describedby()

    def change(self, current):
        values = {name: self.cleaned_data[name] for name in ("name", "week_type", "days")}
        if current is None:
            used = {p.key for p in self.assessment.day_plan_list}
            return {"key": new_key(used, values["name"]), **values, "spans": [], "items": []}
        return {**current, **values}


class CopyForm(PlanChange):
    """The plan copied to another week type, in one action: the same dygn, a new key."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [c for c in week_type_choices(self.assessment) if c[0] != self.plan.week_type]
        self.fields["week_type"] = forms.ChoiceField(label=_("Kopiera till"), choices=choices)
        self.set_describedby()

    def change(self, current):
        used = {p.key for p in self.assessment.day_plan_list}
        return {**current, "key": new_key(used, current["name"]), **self.cleaned_data}


def _to_plain(fields, values: dict) -> dict:
    return {name: plain(fields[name], value) for name, value in values.items() if value is not None}


class SpanForm(PlanChange):
    """A presence span added to the plan (R13.1): "Tillsyn för andning 07:00–22:00"."""

    names = ("presence", "need", "from", "to", "assistants", "description")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.names:
            self.fields[name] = form_field(dayplan.SPAN_FIELDS[name])
        self.fields["from"].error_messages["required"] = _("Ange när närvaron börjar.")
        self.fields["to"].error_messages["required"] = _("Ange när närvaron slutar.")
        # rules.md R13.3: presence never belongs to needs 2–5.
        self.fields["need"].choices = [
            c for c in self.fields["need"].choices if c[0] not in HELP_ONLY_NEEDS
        ]
        self.fields["presence"].help_text = ""  # said once, above the fields
        self.fields["assistants"].help_text = ""
        self.initial = {"presence": "supervision", "need": "breathing", "assistants": 1}
        self.set_describedby()
        self.own = ("spans", len(self.plan.spans))

    def change(self, current):
        span = _to_plain(dayplan.SPAN_FIELDS, self.cleaned_data)
        return {**current, "spans": [*current["spans"], span]}


# The behovslista's active help, as help at a clock time: (need label, [(key, description)]).
def catalogue_choices() -> list:
    groups = []
    for group in catalogue.CATALOGUE:
        items = [
            (item.key, item.row.description)
            for item in group.items
            if item.row.time_type == TimeType.ACTIVE
        ]
        if items:
            groups.append((need_label(group.need), items))
    return groups


OWN = "own"  # help not in the behovslista: its need, minutes and description typed in


class ItemForm(PlanChange):
    """Active help at a clock time added to the plan (R13.1), from the behovslista with its
    default minutes, or the person's own; the first minutes that need two (R13.5). Own help is
    a basic need's integrity-near part when its need is basic, else other (R3); the kind
    follows the need, as a new row's does."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = dayplan.ITEM_FIELDS
        self.fields["item"] = forms.ChoiceField(
            label=_("Hjälp"),
            choices=[
                ("", _("Välj ur behovslistan")),
                (OWN, _("Egen hjälp: välj behov och skriv en beskrivning")),
                *catalogue_choices(),
            ],
            error_messages={"required": _("Välj vilken hjälp det gäller.")},
        )
        self.fields["need"] = form_field(
            fields["need"],
            required=False,
            label=_("Behov, för egen hjälp"),
            help_text="",
        )
        self.fields["need"].choices = [("", "–"), *self.fields["need"].choices]
        self.fields["at"] = form_field(fields["at"])
        self.fields["at"].error_messages["required"] = _("Ange när hjälpen börjar.")
        self.fields["minutes"] = form_field(
            fields["minutes"],
            required=False,
            help_text=_("Lämna tomt för behovslistans förslag."),
        )
        self.fields["two_minutes"] = form_field(fields["two_minutes"])
        self.fields["during_supervision"] = form_field(fields["during_supervision"])
        self.fields["description"] = form_field(
            fields["description"],
            required=False,
            label=_("Egen beskrivning (frivillig)"),
            help_text="",
        )
        self.own = ("items", len(self.plan.items))
        self.set_describedby()

    def clean(self):
        data = self.cleaned_data
        if data.get("item") == OWN:
            if not data.get("need"):
                self.add_error("need", _("Välj vilket behov hjälpen gäller."))
            if data.get("minutes") is None and "minutes" not in self.errors:
                self.add_error("minutes", _("Ange hur många minuter hjälpen tar."))
            if not data.get("description"):
                self.add_error("description", _("Skriv vad hjälpen är."))
        return super().clean()

    def change(self, current):
        data = self.cleaned_data
        if data["item"] == OWN:
            need = data["need"]
            kind = Kind.BASIC if is_basic_need(need) else Kind.OTHER
            row = Activity(need=need, kind=kind, description="", minutes=data["minutes"], times=1)
        else:
            row = catalogue.find_item(data["item"]).row
        values = {
            "at": data["at"],
            "minutes": data["minutes"] if data["minutes"] is not None else row.minutes,
            "need": row.need,
            "kind": row.kind,
            "assistants": 1,
            "two_minutes": data["two_minutes"],
            "during_supervision": data["during_supervision"] or None,
            "tube_feeding": row.tube_feeding,
            "description": data["description"] or row.description,
        }
        item = _to_plain(dayplan.ITEM_FIELDS, values)
        return {**current, "items": [*current["items"], item]}
