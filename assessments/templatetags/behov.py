"""Number formatting for templates in the language shown ("22,17" or "22.17"), shared by the
draft page and the PDF."""

from django import template

from assessments import rules
from assessments.rules import explain

register = template.Library()


@register.filter
def hours(minutes) -> str:
    """Minutes per week (a Fraction) as hours: 1330 -> "22,17" ("22.17" in English)."""
    return rules.format_hours(minutes)


@register.filter
def hours_per_week(minutes) -> str:
    """1330 -> "22,17 h/vecka" ("22.17 h/week"): the one wording of explain.hours_text."""
    return explain.hours_text(minutes)


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
