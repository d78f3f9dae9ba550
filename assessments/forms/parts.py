"""The draft's parts as forms, each built from its declaration (`rules.draft`, `rules.parts`).

A part's form takes its fields from the part's table, names them as the draft stores them
("night_start"), shows beside each the value the page showed (the stale check's hidden
initial, `forms.stale`) and checks them by the part's own rules and the rules between parts:
the same sentences the file reader gives. A part that may be absent (the period, the night, the
decision) is absent when its fields are left empty. No form stores anything: the views ask
`forms.stale` and the model stores (`Assessment.store`, `Activity.store`, `WeekType.store`).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments import rules
from assessments.columns import column_read, db_value, stored_parts
from assessments.forms.fields import DescribedFieldsMixin, form_field
from assessments.models import Activity, Assessment
from assessments.rules import Kind
from assessments.rules import activity as row_table
from assessments.rules.assessment import DECIDED_NIGHT_FIELDS, DECIDED_WEEK_FIELDS
from assessments.rules.draft import (
    DECISION,
    DETAILS,
    NIGHT,
    PERIOD,
    WEEK_TYPES,
    draft_problems,
    draft_values,
    night_problems,
    with_part,
)
from assessments.rules.fields import to_plain
from assessments.rules.needs import DECISION_MAKER_LABELS
from assessments.rules.parts import Part


class PartForm(DescribedFieldsMixin, forms.Form):
    """One object of a part of the draft, stored in `instance`'s attributes "<columns><name>"
    (the draft's own columns, or a week type's).

    A part of the page also says how the page shows and saves it (`web.parts`): its address
    under the draft's ("natt"), the id of its form in its template (`templates/assessments/
    parts/<part>.html`, or `_part.html` for a part without one), and what a save and a conflict
    say; each by default from the part's name and generic words."""

    part: Part
    address = ""  # default: the part's name
    form_id = ""  # default: the part's name
    saved = _("Ändringen är sparad.")
    conflict_title = _("Det här har ändrats någon annanstans")
    columns = ""  # the stored names' prefix, and the form's: "night_" for the night
    names: tuple[str, ...] = ()  # the fields shown, of the part's table (default: those stored)
    optional = False  # the part is absent when its required fields are left empty
    each_field = False  # stale edits are judged field by field (forms.stale)
    judged_with_draft = True  # the rules between parts look at this part
    widgets: dict = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if hasattr(cls, "part"):
            cls.address = cls.address or cls.part.name
            cls.form_id = cls.form_id or cls.part.name

    def __init__(self, data=None, *, instance, **kwargs):
        super().__init__(data, **kwargs)
        self.instance = instance
        stored = self.stored_values()
        for name in self.shown_names():
            declared = self.part.fields[name]
            overrides = {"required": False} if self.optional else {}
            if name in self.widgets:
                overrides["widget"] = self.widgets[name]
            self.add_field(self.columns + name, form_field(declared, **overrides), stored[name])
        self.set_describedby()

    def shown_names(self) -> tuple[str, ...]:
        """The fields shown: `names`, else those of the part's table that are stored (a part in
        the draft's columns has those of its fields that have a column, `columns.stored_parts`)."""
        if self.names:
            return self.names
        if self.columns:
            return tuple(stored_parts(Assessment)[self.part.name][1])
        return tuple(self.part.fields)

    def stored_values(self) -> dict:
        """What is stored now, by the part's field names: the form's initial values."""
        return {name: getattr(self.instance, self.columns + name) for name in self.shown_names()}

    def add_field(self, name: str, field: forms.Field, initial) -> None:
        field.show_hidden_initial = True  # what the page showed, for the stale check
        self.fields[name] = field
        self.initial[name] = initial

    def stale_names(self) -> list[str]:
        """The fields a save is judged by (forms.stale): those whose shown value it carries."""
        return [name for name, field in self.fields.items() if field.show_hidden_initial]

    def values(self) -> dict:
        """The part's values as cleaned, by the part's field names."""
        return {name: self.cleaned_data.get(self.columns + name) for name in self.shown_names()}

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        values = self.values()
        empty = [n for n, v in values.items() if self.part.fields[n].required and v in (None, "")]
        if (
            self.optional
            and empty
            and len(empty) == len([n for n in values if self.part.fields[n].required])
        ):
            values = None  # absent: its other fields are kept for when it comes back
        elif empty:
            self.add_error(self.columns + empty[0], self.part.messages["incomplete"])
            return cleaned
        for name, message in self.part.problems(values or {}).items():
            self.add_error(self.columns + name, message)
        if self.errors or not self.judged_with_draft:
            return cleaned
        draft = with_part(self.instance.to_rules(rows=[]), self.part, values)
        for path, message in draft_problems(draft_values(draft)).items():
            self.add_error(self.draft_field(path), message)
        return cleaned

    def draft_field(self, path: tuple) -> str | None:
        """The field of this form a draft rule's path names, else None (the part's message)."""
        if len(path) == 2 and path[0] == self.part.name and path[1] in self.part.fields:
            return self.columns + path[1]
        return None

    def changes(self, names) -> dict:
        """The values to store for the fields `names` (a stale check's verdict)."""
        return {name: db_value(self.cleaned_data[name]) for name in names}

    def synced(self) -> list[str]:
        """The fields whose stored value is what the page shows: after a save their hidden
        initials move on; the rest keep what the page showed, for the next check."""
        return [
            name
            for name in self.fields
            if not self.fields[name].has_changed(self[name].initial, self[name].data)
        ]


class DetailsForm(PartForm):
    """ "Om bedömningen": the title, the date, the person and the hourly amount."""

    part = DETAILS
    form_id = "details"
    saved = _("Uppgifterna är sparade.")
    conflict_title = _("Uppgifterna har ändrats någon annanstans")
    each_field = True  # the details mean nothing together: each is judged on its own
    fieldsets = (
        (None, ("title", "assessment_date")),
        (_("Personen"), ("birth_month", "age")),
        (_("Timbelopp"), ("hourly_amount",)),
    )
    personal_number_fields = ("title",)

    def draft_field(self, path: tuple) -> str | None:
        return path[-1] if path[-1] in self.fields and path[0] in ("person", path[-1]) else None

    def sections(self) -> list[tuple[str | None, list[forms.BoundField]]]:
        """The fields by their sets; a field not listed joins the last set."""
        listed = [name for _legend, names in self.fieldsets for name in names]
        sections = [(legend, [self[name] for name in names]) for legend, names in self.fieldsets]
        sections[-1][1].extend(self[name] for name in self.fields if name not in listed)
        return sections


class PeriodForm(PartForm):
    """The grant period (beviljandeperiod): both dates, or none (rules.md R10)."""

    part = PERIOD
    columns = "period_"
    optional = True


class NightForm(PartForm):
    """The night rest (dygnsvila, rules.md R11): both times and how an assistant is there, or
    no night."""

    part = NIGHT
    address, form_id = "natt", "night"
    saved = _("Nattvilan är sparad.")
    conflict_title = _("Natten har ändrats någon annanstans")
    columns = "night_"
    optional = True
    widgets = {"cover": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["night_cover"].required = True  # absent or not, one of its choices


class DecisionForm(PartForm):
    """The decision the draft is compared with (rules.md R12): who decided, when, when it was
    received (R14); no one chosen is no decision. Once there is a decision, what it decided
    about the night (when the draft has one) and the number of weeks of each week type (when
    there are several): spec "More of the decision". The night is one choice (as claimed,
    another night, or none) and its times; each week type's weeks are empty for as claimed."""

    part = DECISION
    address, form_id = "beslut", "decision-form"
    saved = _("Beslutet är sparat.")
    conflict_title = _("Beslutet har ändrats någon annanstans")
    columns = "decision_"
    names = ("by", "date", "received", "note")
    optional = True
    widgets = {"by": forms.RadioSelect}
    NIGHT = ("night_mode", "night_start", "night_end", "night_cover")
    WEEKS = "weeks_"  # a week type's decided weeks: "decision_weeks_<key>"

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        by = self.fields["decision_by"]
        by.choices = [
            ("", _("Inget beslut att jämföra med")),
            *[(member.value, label) for member, label in DECISION_MAKER_LABELS.items()],
        ]
        # Only where the page showed them: a post without them changes nothing of them.
        shown = self.instance.decision_by if data is None else None
        posted = data is not None and "decision_night_mode" in data
        # A decided night without a claimed one (a file may hold it; rules.compare words it)
        # stays editable too.
        night = self.instance.has_night or self.instance.decision_night is not None
        if (shown and night) or posted:
            self.add_night_fields()
        week_types = self.instance.week_type_list
        for week in week_types if len(week_types) > 1 else ():
            name = f"decision_{self.WEEKS}{week.key}"
            if shown or (data is not None and name in data):
                field = form_field(
                    DECIDED_WEEK_FIELDS["weeks"],
                    required=False,
                    label=_("%(week)s: antal veckor enligt beslutet (ansökt %(weeks)s)")
                    % {"week": week.label, "weeks": rules.format_number(week.weeks)},
                    help_text="",
                )
                field.empty_value = None  # empty: as claimed
                self.add_field(name, field, self.stored_weeks().get(week.key))
        self.set_describedby()

    def add_night_fields(self) -> None:
        stored = self.instance.decision_night
        mode = "" if stored is None else ("none" if stored.get("granted") is False else "other")
        choice = forms.ChoiceField(
            label=_("Natten enligt beslutet"),
            choices=[
                ("", _("Som i beräkningen: beslutet ändrade inte natten")),
                ("other", _("Beslutet gav en annan nattvila, väntetid eller beredskap")),
                ("none", _("Beslutet gav ingen väntetid eller beredskap på natten")),
            ],
            required=False,
            widget=forms.RadioSelect,
        )
        self.add_field("decision_night_mode", choice, mode)
        other = stored if mode == "other" else {}
        for name in ("start", "end", "cover"):
            declared = DECIDED_NIGHT_FIELDS[name]
            overrides = {"required": False}
            if name == "cover":
                overrides["widget"] = forms.RadioSelect
            field = form_field(declared, **overrides)
            # The stored value as the form field holds it (a time, not its text), so that the
            # stale check compares like with like.
            initial = (
                column_read(declared, other.get(name))[0] if name != "cover" else other.get(name)
            )
            if name == "cover":
                initial = initial or rules.NightCover.WAITING.value
            self.add_field(f"decision_night_{name}", field, initial)

    def stored_weeks(self) -> dict:
        return {
            key: float(item["weeks"])
            for key, item in (self.instance.decision_week_types or {}).items()
            if isinstance(item, dict) and isinstance(item.get("weeks"), int | float)
        }

    def week_names(self) -> list[str]:
        return [name for name in self.fields if name.startswith(f"decision_{self.WEEKS}")]

    def own_fields(self) -> list[forms.BoundField]:
        """Who decided, when, when it came, the note: the decision's own fields."""
        return [self[self.columns + name] for name in self.names]

    def night_mode(self) -> forms.BoundField | None:
        return self["decision_night_mode"] if "decision_night_mode" in self.fields else None

    def night_times(self) -> list[forms.BoundField]:
        names = ("decision_night_start", "decision_night_end", "decision_night_cover")
        return [self[name] for name in names if name in self.fields]

    def week_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.week_names()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision_night_mode") == "other":
            values = {name: cleaned.get(f"decision_night_{name}") for name in ("start", "end")}
            for name, value in values.items():
                if value is None and f"decision_night_{name}" not in self.errors:
                    self.add_error(
                        f"decision_night_{name}",
                        _("Ange när nattvilan börjar enligt beslutet.")
                        if name == "start"
                        else _("Ange när nattvilan slutar enligt beslutet."),
                    )
            if None not in values.values():
                for name, message in night_problems(values).items():
                    self.add_error(f"decision_night_{name}", message)
        return cleaned

    def changes(self, names) -> dict:
        """The decision's columns; the night's fields are one JSON column, the weeks' another,
        each written whole from this form (the decision is one object, forms.stale)."""
        plain = [n for n in names if n in self.fields and not self.is_decided(n)]
        changes = super().changes(plain)
        if any(n.startswith("decision_night_") for n in names):
            mode = self.cleaned_data.get("decision_night_mode")
            if mode == "other":
                night = {
                    name: to_plain(self.cleaned_data[f"decision_night_{name}"])
                    for name in ("start", "end", "cover")
                }
                changes["decision_night"] = {**night, "cover": night["cover"] or "waiting"}
            else:
                changes["decision_night"] = {"granted": False} if mode == "none" else None
        if any(n.startswith(f"decision_{self.WEEKS}") for n in names):
            shown = {n.removeprefix(f"decision_{self.WEEKS}") for n in self.week_names()}
            weeks = {
                key: item
                for key, item in (self.instance.decision_week_types or {}).items()
                if key not in shown
            }
            for name in self.week_names():
                value = self.cleaned_data.get(name)
                if value is not None:
                    weeks[name.removeprefix(f"decision_{self.WEEKS}")] = {"weeks": to_plain(value)}
            changes["decision_week_types"] = weeks
        return changes

    def is_decided(self, name: str) -> bool:
        return name.startswith(("decision_night_", f"decision_{self.WEEKS}"))


class WeekTypeForm(PartForm):
    """One kind of week (rules.md R10). Its key is made from its name when it is added and
    never changes: the rows refer to it."""

    part = WEEK_TYPES
    names = ("name", "weeks", "assistance_days", "away_hours")
    judged_with_draft = False  # the list's rules are the formset's

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["id"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        self.initial["id"] = getattr(self.instance, "pk", None)

    def stored_values(self) -> dict:
        if self.instance is None:  # removed in another tab (`missing`)
            return dict.fromkeys(self.shown_names())
        return super().stored_values()

    def conflict_label(self, bound) -> str:
        return f"{bound.label} ({self.initial['name']})"

    def clean(self):
        """A week type's day plans hold at most its assistance days (rules.md R13.1): fewer
        days with assistance are refused at the field while its plans need more."""
        cleaned = super().clean()
        days = cleaned.get("assistance_days")
        if self.instance is None or days is None:
            return cleaned
        plans = self.instance.assessment.day_plans.filter(week_type=self.instance.key)
        planned = sum(plan.days for plan in plans)
        if planned > days:
            self.add_error(
                "assistance_days",
                _(
                    "Dagplanerna för den här veckan gäller %(planned)s dagar. Minska dagarna i "
                    "dagplanerna först."
                )
                % {"planned": planned},
            )
        return cleaned


class BaseWeekTypeFormSet(forms.BaseFormSet):
    """The draft's kinds of week, each a form under "wt-<n>", removed with its DELETE box. A
    form is bound to the week type its posted id names, so that another tab's removal or a new
    order is never a save to the wrong week type (a gone one is `missing`)."""

    def __init__(self, data=None, *, week_types, **kwargs):
        self.week_types = list(week_types)
        super().__init__(data, prefix="wt", initial=[{} for _ in self.week_types], **kwargs)

    def get_form_kwargs(self, index):
        if index is None:  # the empty form, whose fields head the table
            return {"instance": None}
        if self.is_bound:
            posted = self.data.get(f"{self.prefix}-{index}-id", "")
            stored = {str(w.pk): w for w in self.week_types}
            return {"instance": stored.get(posted)}
        return {"instance": self.week_types[index] if index < len(self.week_types) else None}

    def _construct_form(self, index, **kwargs):
        form = super()._construct_form(index, **kwargs)
        form.missing = form.instance is None
        return form

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Ta bort")

    @property
    def kept(self) -> list[WeekTypeForm]:
        return [f for f in self.forms if not f.missing and not self._should_delete_form(f)]

    def clean(self):
        low, high = WEEK_TYPES.limits
        if self.is_bound and not low <= len(self.kept) <= high:
            wording = WEEK_TYPES.messages["few" if len(self.kept) < low else "many"]
            raise forms.ValidationError(str(wording).format(count=len(self.kept), high=high))


WeekTypeFormSet = forms.formset_factory(
    WeekTypeForm, formset=BaseWeekTypeFormSet, extra=0, can_delete=True
)


class DecidedForm(PartForm):
    """What the decision granted for one row (rules.md R12), prefilled with what was claimed:
    only what differs from the claim is stored ("decided"), or that nothing was granted."""

    part = row_table.DECIDED
    names = row_table.DECIDABLE
    judged_with_draft = False
    line = ("minutes", "times", "not_granted", "decision_reason")  # the table's columns

    def __init__(self, data=None, *, activity: Activity, **kwargs):
        self.activity = activity
        self.claimed = activity.to_row()
        super().__init__(data, instance=activity, prefix=f"d{activity.pk}", **kwargs)
        for name in self.names:
            self.fields[name].required = True
        if not rules.is_basic_need(self.claimed.need):
            self.fields["kind"].choices = [(Kind.OTHER.value, rules.KIND_LABELS[Kind.OTHER])]
        decided = self.claimed.decided
        not_granted = forms.BooleanField(required=False, label=_("Inte beviljat"))
        self.add_field("not_granted", not_granted, bool(decided and not decided.granted))
        reason = form_field(row_table.FIELDS["decision_reason"], widget=forms.TextInput)
        self.add_field("decision_reason", reason, activity.decision_reason)
        self.order_fields(self.line)
        self.set_describedby()

    def more(self) -> list[forms.BoundField]:
        """The fields under the row's "Mer": every field not in the table's columns."""
        return [self[name] for name in self.fields if name not in self.line]

    def stored_values(self) -> dict:
        """A changed value as decided, else as claimed."""
        decided = self.claimed.decided
        return {
            name: db_value(
                getattr(decided, name, None)
                if decided is not None and getattr(decided, name, None) is not None
                else getattr(self.claimed, name)
            )
            for name in self.names
        }

    def clean(self):
        cleaned = forms.Form.clean(self)
        if self.errors or cleaned.get("not_granted"):
            return cleaned
        values = {name: cleaned[name] for name in self.names}
        for name, message in rules.row_problems(**{**self.claimed.values(), **values}).items():
            self.add_error(name if name in self.fields else None, message)
        return cleaned

    def stored_changes(self, names) -> dict:
        """What the row stores after a save of the fields `names` (this page's changes): the
        decision's changes from the claim (models.db_value of rules.Decided), and its reason."""
        value = {n: self.cleaned_data[n] if n in names else self[n].initial for n in self.fields}
        reason = value["decision_reason"]
        if value["not_granted"]:
            return {"decided": {"granted": False}, "decision_reason": reason}
        changes = {}
        for name in self.names:
            decided = rules.Activity(**{**self.claimed.values(), name: value[name]})
            if getattr(decided, name) != getattr(self.claimed, name):
                changes[name] = db_value(getattr(decided, name))
        return {"decided": changes or None, "decision_reason": reason}


# The parts of one object each on the page, after the rows, in the page's order: a new one is
# its form here and its template (`templates/assessments/parts/<part>.html`).
SINGLE_PARTS = (NightForm, DecisionForm)
