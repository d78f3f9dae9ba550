"""Number formatting for templates in the language shown ("22,17" or "22.17"), shared by the
draft page and the PDF."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments import personal_numbers, rules
from assessments.rules import words

register = template.Library()


@register.filter
def hours(minutes) -> str:
    """Minutes per week (a Fraction) as hours: 1330 -> "22,17" ("22.17" in English)."""
    return rules.format_hours(minutes)


@register.filter
def hours_per_week(minutes) -> str:
    """1330 -> "22,17 h/vecka" ("22.17 h/week"): the one wording of words.hours_text."""
    return words.hours_text(minutes)


@register.filter
def number(value) -> str:
    return rules.format_number(value)


@register.filter
def kronor(value) -> str:
    return rules.format_kronor(value)


@register.filter
def amount(value) -> str:
    """An hourly amount, öre kept: "332,60 kr" ("SEK 332.60")."""
    return rules.format_kronor(value, places=2)


@register.filter
def subtract(value, other):
    return value - other


@register.filter
def need_label(need) -> str:
    return rules.need_label(need)


@register.filter
def margin(result) -> str:
    """Where the basic needs stand against the threshold, short: "3,5 h över gränsen"."""
    return rules.margin_text(result, unit="h")


@register.filter
def shown(bound_field) -> str:
    """A field's value as the person reads it (a choice by its label)."""
    # Imported here: Django's template engine loads this library for every template, the
    # PDF's and `manage.py summary`'s too, and the forms bring the catalogue with them (its
    # TOML read and every item checked), which only the draft page's forms need.
    from assessments.forms.fields import shown as shown_value

    return shown_value(bound_field.field, bound_field.value())


@register.filter
def has_personal_number(text) -> bool:
    return isinstance(text, str) and personal_numbers.contains(text)


@register.filter
def hidden_initial(bound_field):
    """The hidden input with the value a field's page showed (forms.stale), for a field whose
    inputs a template draws one by one (radio buttons)."""
    return bound_field.as_hidden(only_initial=True)


@register.filter
def hidden_initial_oob(bound_field):
    """The hidden input with the value a field's page showed, to swap in after a save."""
    return bound_field.as_hidden(attrs={"hx-swap-oob": "true"}, only_initial=True)


@register.filter
def css_string(text) -> str:
    """Text for a CSS string in double quotes: only letters and digits stay as they are."""
    return "".join(
        char if char.isalnum() or char == " " else f"\\{ord(char):x} " for char in str(text)
    )


@register.filter
def split(text: str) -> list[str]:
    return text.split()


@register.filter
def field(form, name: str):
    """A form's bound field by a name held in a variable."""
    return form[name]


@register.filter
def claimed_text(activity) -> str:
    """What a stored row claims, in one line: "40 min × 1 gång per dag, 7 dagar/vecka"."""
    row = activity.to_row()
    assistants = _(", 2 assistenter") if row.assistants == 2 else ""
    return f"{rules.format_number(row.minutes)} min × {words.frequency_text(row)}{assistants}"


@register.filter
def segment_span(segment) -> str:
    return words.span_text(segment.start, segment.end)


@register.filter
def years(age: int) -> str:
    """An age: "9 år" ("9 years"), the wording of the rules' texts."""
    return ngettext("{age} år", "{age} år", age).format(age=age)


@register.filter
def bracket(age) -> str:
    return words.bracket_text(age)


@register.filter
def item(mapping, key):
    """`mapping[key]`, for a key a template holds in a variable (a part's name)."""
    return mapping[key]
