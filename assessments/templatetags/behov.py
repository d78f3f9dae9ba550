"""Swedish number formatting for templates, shared by the draft page and the PDF."""

from django import template

from assessments import rules

register = template.Library()


@register.filter
def hours(minutes) -> str:
    """Minutes per week (a Fraction) as hours with a decimal comma: 1330 -> "22,17"."""
    return rules.format_hours(minutes)


@register.filter
def number(value) -> str:
    return rules.format_number(value)


@register.filter
def kronor(value) -> str:
    return rules.format_kronor(value)


@register.filter
def amount(value) -> str:
    """An hourly amount, öre kept: "332,60 kr"."""
    return rules.format_kronor(value, places=2)


@register.filter
def subtract(value, other):
    return value - other


@register.filter
def need_label(need) -> str:
    return rules.need_label(need)
