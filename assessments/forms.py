"""Validation of what a user types: the draft's details, a row, a new row, an imported file.

The form fields are built from the tables of fields in `rules` (label, bounds, help, messages),
and the rules between a row's fields are `rules.row_problems`, so that a row typed in and a row
imported are judged alike. Messages reuse the label's words and say how to put it right.
"""

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from . import catalogue, files, rules
from .models import NEED_CHOICES, ROW_FIELDS, Activity, Assessment, WeekType, db_value
from .rules import Kind, Need
from .rules import activity as row_table
from .rules import assessment as draft_table
from .rules.fields import Field, Type
from .rules.needs import DECISION_MAKER_LABELS

NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


class DecimalCommaField(forms.FloatField):
    """A number typed the Swedish way ("2,5") or with a point; shown back with a comma."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(self, *, empty_value=None, **kwargs):
        super().__init__(**kwargs)
        self.empty_value = empty_value  # what an empty field means: nothing, or the default

    def to_python(self, value):
        if value in self.empty_values:
            return None if self.empty_value is None else float(self.empty_value)
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if not NUMBER.match(text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return float(text.replace(",", "."))

    def prepare_value(self, value):
        if isinstance(value, int | float):
            return rules.format_number(value, places=6, grouping=False)
        return value

    def widget_attrs(self, widget):
        # The browser must not round or refuse what the server will judge (no min/max/step).
        return {}


class MonthField(forms.Field):
    """A year and a month, typed "2019-03" (or "2019-3"), held as the month's first day."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value.replace(day=1)
        match = re.fullmatch(r"\s*(\d{4})\s*-\s*(\d{1,2})\s*", str(value))
        if match and 1 <= int(match[2]) <= 12 and int(match[1]) >= 1:
            return date(int(match[1]), int(match[2]), 1)
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")

    def prepare_value(self, value):
        if isinstance(value, date):
            return f"{value.year:04d}-{value.month:02d}"
        return value


def _range_check(field: Field):
    def check(value):
        if value is None:
            return
        above = value > field.low if field.low_open else value >= field.low
        if not above or (field.high is not None and value > field.high):
            message = field.messages.get("range") or _(
                "%(label)s måste vara större än %(low)s och högst %(high)s."
            ) % {"label": field.label, "low": field.low, "high": field.high}
            raise forms.ValidationError(message, code="range")

    return check


def form_field(field: Field, **overrides) -> forms.Field:
    """A form field from a declared field: its label, help, bounds and Swedish messages."""
    messages = dict(field.messages)
    if "invalid_choice" in messages:
        # An empty choice is refused with the words of a wrong one.
        messages.setdefault("required", messages["invalid_choice"])
    kwargs = {
        "label": field.label,
        "help_text": field.help,
        "required": not field.empty_is_default,
        "error_messages": messages,
    }
    kwargs.update(overrides)
    match field.type:
        case Type.NUMBER:
            empty = None if field.required else field.default
            return DecimalCommaField(validators=[_range_check(field)], empty_value=empty, **kwargs)
        case Type.INTEGER if field.nullable:
            return forms.IntegerField(
                min_value=field.low,
                max_value=field.high,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                **kwargs,
            )
        case Type.INTEGER:
            return forms.TypedChoiceField(
                choices=[(n, str(n)) for n in range(field.low, field.high + 1)],
                coerce=int,
                initial=field.default,
                **kwargs,
            )
        case Type.CHOICE:
            labels = rules.CHOICE_LABELS[field.choices]
            choices = [(member.value, labels[member]) for member in field.choices]
            if field.nullable:
                # None is a value of its own ("not elsewhere"), chosen as the first option.
                kwargs["required"] = False
                return forms.TypedChoiceField(
                    choices=[("", field.messages.get("none", "–")), *choices],
                    empty_value=None,
                    **kwargs,
                )
            return forms.ChoiceField(choices=choices, **kwargs)
        case Type.MONTH:
            return MonthField(**kwargs)
        case Type.TIME:
            kwargs.setdefault("widget", forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
            return forms.TimeField(input_formats=["%H:%M"], **kwargs)
        case Type.KEYS:
            # The choices are the draft's, set by the form that shows it.
            kwargs["required"] = False
            return forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, **kwargs)
        case Type.BOOLEAN:
            return forms.BooleanField(**kwargs)
        case Type.DATE:
            kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
            return forms.DateField(input_formats=["%Y-%m-%d"], **kwargs)
        case Type.TEXT:
            kwargs.setdefault(
                "widget",
                forms.Textarea(attrs={"rows": 2})
                if field.max_length > 200
                else forms.TextInput(attrs={"autocomplete": "off"}),
            )
            return forms.CharField(max_length=field.max_length, **kwargs)
    raise AssertionError(field.type)


class DescribedFieldsMixin:
    """Every input points at its hint and at an error slot that is always on the page, so that
    an error swapped in by htmx is read out with the field. The server alone validates: no
    browser `required`, which would stop a no-JavaScript post before our messages show.

    The free-text fields named in `personal_number_fields` are marked for app.js, which warns
    as soon as a personnummer is typed in one (assessments.personal_numbers)."""

    use_required_attribute = False
    personal_number_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            auto_id = self[name].auto_id
            ids = [f"{auto_id}_helptext"] if field.help_text and self.shows_help(name) else []
            field.widget.attrs["aria-describedby"] = " ".join([*ids, f"{auto_id}_error"])
            if name in self.personal_number_fields:
                field.widget.attrs["data-pn"] = True

    def shows_help(self, name: str) -> bool:
        """Whether the page shows the field's help beside it (and the input may point at it)."""
        return True


@dataclass(frozen=True)
class Conflict:
    """A field of a stale save: what this person typed, and what someone else stored meanwhile."""

    label: str
    mine: str
    theirs: str


def shown(field: forms.Field, value) -> str:
    """A field's value as the person reads it: a choice by its label, a number with a comma."""
    if isinstance(field, forms.BooleanField):
        return str(_("ja") if field.to_python(value) else _("nej"))
    if isinstance(field, forms.MultipleChoiceField):
        labels = {str(key): str(label) for key, label in field.choices}
        chosen = value if isinstance(value, list | tuple) else list(labels)
        return ", ".join(labels.get(str(v), str(v)) for v in chosen)
    if isinstance(field, forms.ChoiceField):
        labels = {str(key): label for key, label in field.choices}
        return str(labels.get(str(value), value))
    prepared = field.prepare_value(value)
    text = "" if prepared is None else str(prepared)
    return text or str(_("(tomt)"))


def _from_table(fields: dict[str, Field]):
    """A ModelForm `formfield_callback` that builds each declared field from its table."""

    def callback(db_field, **kwargs):
        if db_field.name in fields:
            widget = {"widget": kwargs["widget"]} if "widget" in kwargs else {}
            return form_field(fields[db_field.name], **widget)
        return db_field.formfield(**kwargs)

    return callback


class DraftFieldsForm(DescribedFieldsMixin, forms.ModelForm):
    """Fields of the draft itself, shown in `fieldsets` (a legend, or None, and field names;
    fields not listed join the last set), so a new field appears by being listed in
    `Meta.fields`.

    Stale edits are judged field by field: each input carries the value the page showed
    (Django's hidden initial), a save stores only the fields the person changed, and it is
    refused for a field that someone else changed meanwhile to something else (`conflicts`).
    A save of the title from a page that is older than a row saved in another tab therefore
    goes through, and nothing another tab stored is written over unseen.
    """

    fieldsets: tuple[tuple[str | None, tuple[str, ...]], ...] = ((None, ()),)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.show_hidden_initial = True

    def sections(self) -> list[tuple[str | None, list[forms.BoundField]]]:
        listed = [name for _legend, names in self.fieldsets for name in names]
        sections = [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.fieldsets
        ]
        sections[-1][1].extend(self[name] for name in self.fields if name not in listed)
        return sections

    def _based_on(self, name: str) -> bool:
        # A post without the shown values (a page from before they were sent) is taken as based
        # on what is stored, as every save was before the check existed.
        return self[name].html_initial_name in self.data

    def conflicts(self) -> list[Conflict]:
        """The fields this person changed that someone else has changed to something else."""
        found = []
        for name in self.changed_data:
            field, bound = self.fields[name], self[name]
            if not self._based_on(name):
                continue
            base = self.data.get(bound.html_initial_name)
            stored = bound.initial
            if field.has_changed(stored, base) and field.has_changed(stored, bound.data):
                found.append(
                    Conflict(str(bound.label), shown(field, bound.data), shown(field, stored))
                )
        return found

    def store(self) -> list[Conflict]:
        """Validate and store the person's changes, unless they conflict with someone else's:
        then nothing is stored and the conflicts are returned. With "keep_mine" in the post
        (the person chose their values over a conflict shown) they are stored as typed."""
        keep_mine = "keep_mine" in self.data
        if not keep_mine and (conflicts := self.conflicts()):
            return conflicts
        if self.is_valid() and not self.save_changes(check=not keep_mine):
            # Changed a moment ago, between the check and the update: compare again.
            stored = Assessment.objects.get(pk=self.instance.pk)
            return type(self)(self.data, instance=stored).conflicts()
        return []

    def save_changes(self, *, check: bool = True) -> bool:
        """Store the fields this person changed, only if they still hold what the page showed
        (compare and swap, so two saves at the same moment cannot both pass the check). With
        `check` off (the person chose their values over a conflict) they are stored as typed."""
        names = self.changed_data
        if not names:
            return True
        based_on = {}
        for name in names:
            if check and self._based_on(name):
                field = self.fields[name]
                try:
                    based_on[name] = field.to_python(self.data.get(self[name].html_initial_name))
                except forms.ValidationError:
                    return False
        self.instance.refuse_invalid(names)
        updated = Assessment.objects.filter(pk=self.instance.pk, **based_on).update(
            **{name: getattr(self.instance, name) for name in names}
        )
        return bool(updated)


class DraftDetailsForm(DraftFieldsForm):
    """ "Om bedömningen": the title, the date, the person and the hourly amount."""

    fieldsets = (
        (None, ("title", "assessment_date")),
        (_("Personen"), ("birth_month", "age")),
        (_("Timbelopp"), ("hourly_amount",)),
    )
    personal_number_fields = ("title",)

    class Meta:
        model = Assessment
        fields = ["title", "assessment_date", "birth_month", "age", "hourly_amount"]
        formfield_callback = _from_table({**draft_table.FIELDS, **draft_table.PERSON_FIELDS})

    def clean(self):
        cleaned = super().clean()
        born, on = cleaned.get("birth_month"), cleaned.get("assessment_date")
        # spec: the birth month is not after the assessment date or the period's end.
        last = self.instance.period_end or on
        if born is not None and last is not None and born > last:
            self.add_error(
                "birth_month",
                _("Födelseår och månad kan inte ligga efter %(date)s. Kontrollera året.")
                % {"date": last.isoformat()},
            )
        return cleaned


def _draft_field(table: dict[str, Field], name: str, **overrides) -> forms.Field:
    """A field of a part of the draft (the period, the night, the decision), optional on the
    page: the part is there when its fields are filled in."""
    return form_field(table[name], required=False, **overrides)


class PeriodForm(DraftFieldsForm):
    """The grant period (beviljandeperiod): both dates, or none (rules.md R10)."""

    period_start = _draft_field(draft_table.PERIOD_FIELDS, "start")
    period_end = _draft_field(draft_table.PERIOD_FIELDS, "end")

    class Meta:
        model = Assessment
        fields = ["period_start", "period_end"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if "period_start" in self.errors or "period_end" in self.errors:
            return cleaned
        if (start is None) != (end is None):
            missing = "period_end" if end is None else "period_start"
            self.add_error(missing, _("Ange både när perioden börjar och när den slutar."))
        elif start is not None and end < start:
            self.add_error("period_end", _("Perioden kan inte sluta före den börjar."))
        elif start is not None and (end - start).days + 1 > draft_table.MAX_PERIOD_DAYS:
            self.add_error(
                "period_end",
                _(
                    "Perioden får vara högst %(days)s dagar: Försäkringskassan prövar "
                    "genomsnittet över högst ett år."
                )
                % {"days": draft_table.MAX_PERIOD_DAYS},
            )
        born = self.instance.birth_month
        if end is not None and born is not None and born > end:
            self.add_error("period_end", _("Perioden slutar före barnets födelsemånad."))
        return cleaned


class NightForm(DraftFieldsForm):
    """The night rest (dygnsvila, rules.md R11): both times and how an assistant is there, or
    no night."""

    night_start = _draft_field(draft_table.NIGHT_FIELDS, "start")
    night_end = _draft_field(draft_table.NIGHT_FIELDS, "end")
    night_cover = form_field(draft_table.NIGHT_FIELDS["cover"], widget=forms.RadioSelect)

    class Meta:
        model = Assessment
        fields = ["night_start", "night_end", "night_cover"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("night_start"), cleaned.get("night_end")
        if "night_start" in self.errors or "night_end" in self.errors:
            return cleaned
        if (start is None) != (end is None):
            missing = "night_end" if end is None else "night_start"
            self.add_error(missing, _("Ange både när nattvilan börjar och när den slutar."))
        elif start is not None:
            minutes = rules.Night(start, end).minutes
            low, high = draft_table.MIN_NIGHT_HOURS, draft_table.MAX_NIGHT_HOURS
            if start == end or not low * 60 <= minutes <= high * 60:
                self.add_error(
                    "night_end",
                    _("Nattvilan måste vara från %(low)s till %(high)s timmar lång.")
                    % {"low": low, "high": high},
                )
        return cleaned


class DecisionForm(DraftFieldsForm):
    """The decision the draft is compared with (rules.md R12): who decided and when."""

    decision_by = forms.ChoiceField(
        label=draft_table.DECISION_FIELDS["by"].label,
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("", _("Inget beslut att jämföra med")),
            *[(member.value, label) for member, label in DECISION_MAKER_LABELS.items()],
        ],
        error_messages=dict(draft_table.DECISION_FIELDS["by"].messages),
    )
    decision_date = _draft_field(draft_table.DECISION_FIELDS, "date")
    decision_note = _draft_field(draft_table.DECISION_FIELDS, "note")

    class Meta:
        model = Assessment
        fields = ["decision_by", "decision_date", "decision_note"]


class WeekTypeForm(DescribedFieldsMixin, forms.ModelForm):
    """One kind of week (rules.md R10). Its key is made from its name when it is added and
    never changes: the rows refer to it."""

    class Meta:
        model = WeekType
        fields = ["name", "weeks", "assistance_days", "away_hours"]
        formfield_callback = _from_table(draft_table.WEEK_TYPE_FIELDS)


class BaseWeekTypeFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and not self._should_delete_form(f)]
        if not kept:
            raise forms.ValidationError(_("Det behövs minst en sorts vecka."))
        if len(kept) > draft_table.MAX_WEEK_TYPES:
            raise forms.ValidationError(
                _("En beräkning kan ha högst %(max)s sorters veckor.")
                % {"max": draft_table.MAX_WEEK_TYPES}
            )


WeekTypeFormSet = forms.modelformset_factory(
    WeekType, form=WeekTypeForm, formset=BaseWeekTypeFormSet, extra=0, can_delete=True
)


class DecidedForm(DescribedFieldsMixin, forms.Form):
    """What the decision granted for one row (rules.md R12), prefilled with what was claimed:
    only what differs from the claim is stored ("decided"), or that nothing was granted."""

    not_granted = forms.BooleanField(required=False, label=_("Inte beviljat"))
    decision_reason = form_field(
        row_table.FIELDS["decision_reason"], required=False, widget=forms.TextInput
    )

    def __init__(self, *args, activity: Activity, **kwargs):
        super().__init__(*args, prefix=f"d{activity.pk}", **kwargs)
        self.activity = activity
        claimed = activity.to_row()
        decided = claimed.decided
        for name in row_table.DECIDABLE:
            field = form_field(row_table.FIELDS[name], required=True)
            self.fields[name] = field
            value = getattr(decided, name, None) if decided else None
            self.initial[name] = value if value is not None else getattr(claimed, name)
        if not rules.is_basic_need(claimed.need):
            self.fields["kind"].choices = [(Kind.OTHER.value, rules.KIND_LABELS[Kind.OTHER])]
        self.initial["not_granted"] = bool(decided and not decided.granted)
        self.initial["decision_reason"] = activity.decision_reason
        # What the page showed, so that a save over someone else's change is refused.
        self.fields["based_on"] = forms.CharField(required=False, widget=forms.HiddenInput)
        self.initial["based_on"] = self.stored()
        self.order_fields(["minutes", "times", "not_granted", "decision_reason"])

    def stored(self) -> str:
        return json.dumps([self.activity.decided, self.activity.decision_reason], sort_keys=True)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("not_granted"):
            return cleaned
        values = {name: cleaned[name] for name in row_table.DECIDABLE if name in cleaned}
        claimed = {name: getattr(self.activity, name) for name in ROW_FIELDS}
        for field, message in rules.row_problems(**{**claimed, **values}).items():
            self.add_error(field if field in self.fields else None, message)
        return cleaned

    def decided(self) -> dict | None:
        """The decision's changes as the row stores them (models.db_value of rules.Decided)."""
        if self.cleaned_data["not_granted"]:
            return {"granted": False}
        claimed = self.activity.to_row()
        changes = {}
        for name in row_table.DECIDABLE:
            value = rules.Activity(**{**claimed.values(), name: self.cleaned_data[name]})
            if getattr(value, name) != getattr(claimed, name):
                changes[name] = db_value(getattr(value, name))
        return changes or None

    @property
    def is_stale(self) -> bool:
        """Someone else saved this row's decision after the page was shown."""
        return self.data.get(self.add_prefix("based_on"), self.stored()) != self.stored()


class ActivityForm(DescribedFieldsMixin, forms.ModelForm):
    """One row. Its need is chosen when it is added and is not changed here.

    All rows are fields of one form on the page, each row's under its prefix ("r12-minutes",
    `for_row`), so that without JavaScript one post saves every row that changed. The page shows
    `line_fields` on the row's line in the table and every other field of `Meta.fields`, in
    order, in the row's details: a new row field appears there by being listed in `Meta.fields`.
    The details are on the page only once opened; a post without them (no "details" marker)
    holds the line fields only, and the others stay as stored.

    Stale edits: a post carries the version of the row the page showed ("r12-version");
    `save_if_current` stores the row only if it still has that version, and `conflicts` names
    what differs from what is stored.
    """

    line_fields = ("description", "minutes", "times", "per", "days_per_week", "assistants", "kind")
    personal_number_fields = ("description", "note")

    class Meta:
        model = Activity
        fields = [
            "description",
            "minutes",
            "times",
            "per",
            "days_per_week",
            "assistants",
            "kind",
            "time_type",
            "tube_feeding",
            "week_types",
            "at_night",
            "elsewhere",
            "note",
        ]
        formfield_callback = _from_table(row_table.FIELDS)
        # Typed like the minutes beside it: one field less to open on a line (and a 150-row
        # page 15 kB smaller than with a list of seven).
        widgets = {"days_per_week": forms.TextInput(attrs={"inputmode": "numeric"})}

    def __init__(self, *args, with_details: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        need = Need(self.instance.need)
        self.need = need
        # rules.md R2: rows of other needs can only be other needs.
        kinds = [Kind.BASIC, Kind.OTHER] if rules.is_basic_need(need) else [Kind.OTHER]
        self.fields["kind"].choices = [(kind.value, rules.KIND_LABELS[kind]) for kind in kinds]
        if need != Need.MEALS:
            del self.fields["tube_feeding"]
        # Only what the draft has: the week types to choose among, a night to help in.
        draft = self.instance.assessment if self.instance.assessment_id else None
        week_types = draft.week_type_list if draft else ()
        if len(week_types) > 1:
            self.fields["week_types"].choices = [(w.key, w.label) for w in week_types]
            self.all_week_types = [w.key for w in week_types]
            if self.instance.week_types is None:
                self.initial["week_types"] = self.all_week_types
        else:
            del self.fields["week_types"]
        if draft is None or not draft.has_night:
            del self.fields["at_night"]
        if not with_details:
            for name in [name for name in self.fields if name not in self.line_fields]:
                del self.fields[name]
        # Values an older version stored invalid: shown as what they count as, and stored with
        # the next save of the row (issue 18).
        self.broken = [f.name for f in self.instance.broken_fields if f.name in self.fields]
        if self.broken:
            counted = self.instance.to_row()
            for name in self.broken:
                self.initial[name] = db_value(getattr(counted, name))
        if len(kinds) == 1:
            # One choice is no choice: the line shows the kind as text (no dead control).
            self.fields["kind"].widget = forms.HiddenInput()
        if self.auto_id:
            for index, name in enumerate(self.line_fields, start=1):
                # A line's input is named by its column's header and its row's (the page's
                # c<column> and r<pk>-n): "Minuter per tillfälle rad 3: Dusch". It has an id
                # only when something links to it (`line`): 150 rows of the page stay small.
                field = self.fields[name]
                field.help_text = self[name].help_text = ""
                for attr in ("aria-describedby", "autocomplete"):
                    field.widget.attrs.pop(attr, None)
                if not field.widget.is_hidden:
                    field.widget.attrs["aria-labelledby"] = f"c{index} {self.add_prefix('n')}"
                field.widget.attrs.pop("maxlength", None)  # the server says so, in words
                if name != "description":
                    field.widget.attrs["id"] = False  # False: Django renders no id at all

    @cached_property
    def changed_data(self) -> list[str]:
        return [name for name in self.fields if name in self.broken or self[name]._has_changed()]

    @classmethod
    def for_row(cls, activity: Activity, data=None) -> "ActivityForm":
        """The form of a row on the page; bound to a post, with the details if it holds them."""
        prefix = f"r{activity.pk}"
        with_details = data is None or f"{prefix}-details" in data
        return cls(data, instance=activity, prefix=prefix, auto_id="%s", with_details=with_details)

    def shows_help(self, name: str) -> bool:
        # The line has no room for hints: the table explains its columns once (`line_help`).
        return name not in self.line_fields

    @classmethod
    def line_help(cls) -> list[tuple[str, str]]:
        fields = [cls.base_fields[name] for name in cls.line_fields]
        return [(field.label, field.help_text) for field in fields if field.help_text]

    @property
    def has_details(self) -> bool:
        return any(name not in self.line_fields for name in self.fields)

    def line(self) -> list[forms.BoundField]:
        fields = [self[name] for name in self.line_fields if name in self.fields]
        for bound in fields:
            attrs = bound.field.widget.attrs
            if bound.errors and self.auto_id:
                attrs["id"] = bound.auto_id  # linked from the error summary
            if bound.errors and not bound.is_hidden:
                # Errors of the line are listed under it (the row's message), by this id.
                attrs["aria-describedby"] = f"{bound.auto_id}_error"
        return fields

    def details(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.line_fields]

    def line_errors(self) -> list[tuple[forms.BoundField, str]]:
        """The errors to list under the line: its fields' and those of no field on the page."""
        found = [
            (self[name], error)
            for name in self.line_fields
            if name in self.fields
            for error in self[name].errors
        ]
        return found + [(None, error) for error in self.non_field_errors()]

    @property
    def keeps_mine(self) -> bool:
        """The person chose their values over a conflict shown ("Behåll mina värden")."""
        return self.add_prefix("keep_mine") in self.data

    def based_on(self) -> int:
        """The row's version the post was based on; the version beside a conflict when the
        person chose to keep their values over it; a post without one is taken as current."""
        for name in ("keep_mine", "version"):
            value = self.data.get(self.add_prefix(name), "")
            if value.isdigit():
                return int(value)
        return self.instance.version

    def clean_week_types(self):
        chosen = self.cleaned_data["week_types"]
        if not chosen:
            raise forms.ValidationError(
                _("Välj minst en sorts vecka då hjälpen behövs."), code="required"
            )
        # Every week type is "all of them": a week type added later then counts too.
        return None if set(chosen) == set(self.all_week_types) else chosen

    def clean(self):
        cleaned = super().clean()
        # Fields not posted (the details were closed) are judged as stored.
        stored = {name: getattr(self.instance, name) for name in ROW_FIELDS}
        stored = {name: value for name, value in stored.items() if name not in self.fields}
        problems = rules.row_problems(**{**stored, **cleaned, "need": self.need})
        for field, message in problems.items():
            self.add_error(field if field in self.fields else None, message)
        return cleaned

    def conflicts(self) -> list[Conflict]:
        """What this person typed that differs from what is stored now."""
        return [
            Conflict(
                str(self[name].label),
                shown(self.fields[name], self[name].data),
                shown(self.fields[name], self[name].initial),
            )
            for name in self.changed_data
        ]

    def save_if_current(self, version: int) -> bool:
        """Store the row only if it still has `version` (compare and swap): a save based on an
        older page never writes over a newer one, even at the same moment."""
        names = [name for name in self._meta.fields if name in self.fields]
        self.instance.refuse_invalid(names)
        updated = Activity.objects.filter(pk=self.instance.pk, version=version).update(
            version=F("version") + 1, **{name: getattr(self.instance, name) for name in names}
        )
        if updated:
            self.instance.version = version + 1
        return bool(updated)


class AddActivityForm(DescribedFieldsMixin, forms.Form):
    """Add a row from the catalogue (`item`) or a free row for a chosen need."""

    item = forms.ChoiceField(
        required=False, choices=[("", "")] + [(key, key) for key in catalogue.ITEMS_BY_KEY]
    )
    need = forms.ChoiceField(
        label=_("Behov för den nya raden"), required=False, choices=NEED_CHOICES
    )

    def __init__(self, *args, row_count: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_count = row_count

    def clean(self):
        cleaned = super().clean()
        if self.row_count >= (limit := files.max_rows()):
            # The same limit as an imported file, so that every draft can be saved and reopened.
            raise forms.ValidationError(
                _("En beräkning kan ha högst %(max)s rader. Ta bort en rad först.") % {"max": limit}
            )
        if not cleaned.get("item") and not cleaned.get("need"):
            raise forms.ValidationError(_("Välj vilket behov raden gäller."))
        return cleaned

    def new_row(self) -> rules.Activity:
        item = catalogue.find_item(self.cleaned_data.get("item") or "")
        if item is not None:
            return item.row
        need = Need(self.cleaned_data["need"])
        return rules.Activity(
            need=need,
            description=str(_("Egen rad: %(need)s") % {"need": rules.need_label(need)}),
            minutes=10,
            times=1,
            kind=Kind.BASIC if rules.is_basic_need(need) else Kind.OTHER,
        )


class RowActionForm(forms.Form):
    """What a post asks of the rows besides their values: remove, move or put back (undo) one
    row, named by the id the button carries ("remove=12")."""

    remove = forms.IntegerField(required=False)
    move_up = forms.IntegerField(required=False)
    move_down = forms.IntegerField(required=False)
    restore = forms.IntegerField(required=False)

    def action(self) -> tuple[str, int] | None:
        if self.is_valid():
            for name, value in self.cleaned_data.items():
                if value is not None:
                    return name, value
        return None


class RestoreRowForm(forms.Form):
    """Undo a removal. The removed row's place on the page holds its values under the prefix
    "x<id>" (`RestoreRowForm.values`): its need, the row it stood before (if that is still
    there), and an `ActivityForm` of the same prefix."""

    need = forms.ChoiceField(choices=NEED_CHOICES)
    before = forms.IntegerField(required=False)

    def __init__(self, *args, removed: int, row_count: int = 0, **kwargs):
        super().__init__(*args, prefix=f"x{removed}", **kwargs)
        self.row_count = row_count

    @staticmethod
    def values(activity: Activity) -> ActivityForm:
        """The removed row's values, to render as hidden inputs in its place."""
        return ActivityForm(instance=activity, prefix=f"x{activity.pk}", auto_id=False)

    def row_form(self, assessment: Assessment) -> ActivityForm:
        blank = Activity(assessment=assessment, need=self.cleaned_data["need"])
        return ActivityForm(self.data, instance=blank, prefix=self.prefix, auto_id=False)

    def clean(self):
        if self.row_count >= (limit := files.max_rows()):
            raise forms.ValidationError(
                _("En beräkning kan ha högst %(max)s rader. Ta bort en rad först.") % {"max": limit}
            )
        return super().clean()


class ImportFileForm(DescribedFieldsMixin, forms.Form):
    file = forms.FileField(
        label=_("Välj en sparad behovsfil (.json)"),
        # Only a hint to the file picker: the server names any other file for what it is.
        widget=forms.FileInput(attrs={"accept": ".json"}),
        error_messages={
            "required": _("Välj en fil att öppna."),
            "empty": _("Filen är tom."),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > (limit := files.max_bytes()):
            raise forms.ValidationError(
                _("Filen är för stor. En behovsfil är högst %(kb)s kB.") % {"kb": limit // 1000}
            )
        try:
            self.assessment = files.read(upload.read())
        except files.AssessmentFileError as error:
            raise forms.ValidationError(error.errors) from None
        return upload


class SummaryOptionsForm(forms.Form):
    """What the PDF summary prints besides the summary itself: `?bilaga=1` adds the appendix
    ("Så räknade vi", the chart, the sources). A checkbox named `bilaga` next to the PDF
    button in a GET form sends it."""

    bilaga = forms.BooleanField(required=False, label=_("Ta med bilaga: så räknade vi och källor"))

    @property
    def appendix(self) -> bool:
        return self.is_valid() and self.cleaned_data["bilaga"]
