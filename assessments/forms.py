"""Validation of what a user types: the draft's details, a row, a new row, an imported file.

The form fields are built from the tables of fields in `rules` (label, bounds, help, messages),
and the rules between a row's fields are `rules.row_problems`, so that a row typed in and a row
imported are judged alike. Messages reuse the label's words and say how to put it right.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from . import catalogue, files, rules
from .models import NEED_CHOICES, Activity, Assessment
from .rules import Kind, Need
from .rules import activity as row_table
from .rules import assessment as draft_table
from .rules.fields import Field, Type

NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


class DecimalCommaField(forms.FloatField):
    """A number typed the Swedish way ("2,5") or with a point; shown back with a comma."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
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


def _range_check(field: Field):
    message = field.messages.get(
        "range", f"{field.label} måste vara större än {field.low} och högst {field.high}."
    )

    def check(value):
        if value is not None and not (field.low < value <= field.high):
            raise forms.ValidationError(message, code="range")

    return check


def form_field(field: Field, **overrides) -> forms.Field:
    """A form field from a declared field: its label, help, bounds and Swedish messages."""
    messages = dict(field.messages)
    kwargs = {
        "label": field.label,
        "help_text": field.help,
        "required": field.required and field.type != Type.BOOLEAN,
        "error_messages": messages,
    }
    kwargs.update(overrides)
    match field.type:
        case Type.NUMBER:
            return DecimalCommaField(validators=[_range_check(field)], **kwargs)
        case Type.INTEGER if field.nullable:
            return forms.IntegerField(
                min_value=field.low,
                max_value=field.high,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                **kwargs,
            )
        case Type.INTEGER:
            messages.setdefault("required", messages.get("invalid_choice"))
            return forms.TypedChoiceField(
                choices=[(n, str(n)) for n in range(field.low, field.high + 1)],
                coerce=int,
                initial=field.default,
                **kwargs,
            )
        case Type.CHOICE:
            labels = rules.CHOICE_LABELS[field.choices]
            return forms.ChoiceField(
                choices=[(member.value, labels[member]) for member in field.choices], **kwargs
            )
        case Type.BOOLEAN:
            return forms.BooleanField(**kwargs)
        case Type.DATE:
            return forms.DateField(
                input_formats=["%Y-%m-%d"],
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                **kwargs,
            )
        case Type.TEXT:
            return forms.CharField(
                max_length=field.max_length,
                widget=forms.Textarea(attrs={"rows": 2})
                if field.max_length > 200
                else forms.TextInput(attrs={"autocomplete": "off"}),
                **kwargs,
            )
    raise AssertionError(field.type)


class DescribedFieldsMixin:
    """Every input points at its hint and at an error slot that is always on the page, so that
    an error swapped in by htmx is read out with the field. The server alone validates: no
    browser `required`, which would stop a no-JavaScript post before our messages show."""

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            auto_id = self[name].auto_id
            ids = [f"{auto_id}_helptext"] if field.help_text else []
            field.widget.attrs["aria-describedby"] = " ".join([*ids, f"{auto_id}_error"])


def _from_table(fields: dict[str, Field]):
    """A ModelForm `formfield_callback` that builds each declared field from its table."""

    def callback(db_field, **kwargs):
        if db_field.name in fields:
            widget = {"widget": kwargs["widget"]} if "widget" in kwargs else {}
            return form_field(fields[db_field.name], **widget)
        return db_field.formfield(**kwargs)

    return callback


class DraftDetailsForm(DescribedFieldsMixin, forms.ModelForm):
    age = form_field(draft_table.PERSON_FIELDS["age"])

    class Meta:
        model = Assessment
        fields = ["title", "assessment_date", "age"]
        formfield_callback = _from_table(draft_table.FIELDS)


class ActivityForm(DescribedFieldsMixin, forms.ModelForm):
    """One row. Its need is chosen when it is added and is not changed here."""

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
            "note",
        ]
        formfield_callback = _from_table(row_table.FIELDS)
        widgets = {"assistants": forms.RadioSelect, "kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        need = Need(self.instance.need)
        self.need = need
        # rules.md R2: rows of other needs can only be other needs.
        kinds = [Kind.BASIC, Kind.OTHER] if rules.is_basic_need(need) else [Kind.OTHER]
        self.fields["kind"].choices = [(kind.value, rules.KIND_LABELS[kind]) for kind in kinds]
        if need != Need.MEALS:
            del self.fields["tube_feeding"]

    def clean(self):
        cleaned = super().clean()
        problems = rules.row_problems(need=self.need, **cleaned)
        for field, message in problems.items():
            self.add_error(field if field in self.fields else None, message)
        return cleaned


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
    """The buttons on a row besides saving: remove it, or move it within its need."""

    remove = forms.BooleanField(required=False)
    move = forms.ChoiceField(required=False, choices=[("", ""), ("up", "up"), ("down", "down")])


class ImportFileForm(DescribedFieldsMixin, forms.Form):
    file = forms.FileField(
        label=_("Välj en sparad behovsfil (.json)"),
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
