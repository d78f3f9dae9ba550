"""The field adapter: a form field from a declared field (`rules.fields`), with its label, help,
bounds and Swedish messages, and the inputs the page needs (decimal commas, year and month).

Every form of the page builds its fields here, so that a row typed in and a row imported are
judged by the same table, and an empty value means the field's default only where the table
says empty means it (issue 18).
"""

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments import rules
from assessments.rules.fields import Field, Type

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
            # With seconds too: the value a page showed (forms.stale) is the stored time as is.
            return forms.TimeField(input_formats=["%H:%M", "%H:%M:%S"], **kwargs)
        case Type.KEYS:
            # The choices are the draft's, set by the form that shows it.
            kwargs["required"] = False
            return forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, **kwargs)
        case Type.BOOLEAN:
            return forms.BooleanField(**kwargs)
        case Type.DATE:
            # A text field, not type="date": a browser shows its own locale's date there
            # ("12/07/2026" in English) beside our hint "Skriv som ÅÅÅÅ-MM-DD" (issue 23 item 7).
            # The pattern only describes the value; the forms are novalidate and the server
            # judges it (2026-7-1 is taken too).
            kwargs.setdefault(
                "widget",
                forms.DateInput(
                    attrs={
                        "pattern": r"\d{4}-\d{1,2}-\d{1,2}",
                        "autocomplete": "off",
                        "spellcheck": "false",
                        "size": 10,
                    },
                    format="%Y-%m-%d",
                ),
            )
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
        self.set_describedby()

    def set_describedby(self) -> None:
        """Point each field at its hint and error slot (again, after fields were added)."""
        for name, field in self.fields.items():
            auto_id = self[name].auto_id
            ids = [f"{auto_id}_helptext"] if field.help_text and self.shows_help(name) else []
            field.widget.attrs["aria-describedby"] = " ".join([*ids, f"{auto_id}_error"])
            if name in self.personal_number_fields:
                field.widget.attrs["data-pn"] = True

    def shows_help(self, name: str) -> bool:
        """Whether the page shows the field's help beside it (and the input may point at it)."""
        return True


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


def from_table(fields: dict[str, Field]):
    """A ModelForm `formfield_callback` that builds each declared field from its table."""

    def callback(db_field, **kwargs):
        if db_field.name in fields:
            widget = {"widget": kwargs["widget"]} if "widget" in kwargs else {}
            return form_field(fields[db_field.name], **widget)
        return db_field.formfield(**kwargs)

    return callback
