"""A row's line (its inputs in the rows table) as `ActivityForm.line` renders it, without a form
per row: the page of a 150-row draft built 150 forms and rendered 1,050 widgets through Django's
widget templates, about three quarters of its time (issue 22, item 1).

Each input is rendered once per process and language by Django's own widget, from one form per
kind of need (the line's fields differ only by whether the need is basic, rules.md R2), with
stand-ins for the row's prefix and for a typed value; a row's line is then those strings with
its prefix and values put in. A choice (a select, the hidden kind with its label) is rendered
once per value chosen. What a row shows is what its form would: the same value through the
field's `prepare_value` and the widget's `format_value`, escaped as the widget template escapes
it (tests/test_row_line.py compares the two on rows of every need, kind and odd value).

Only a row that shows what is stored takes this path: a row shown again as posted (an error, a
conflict) or with values an older version stored invalid is rendered from its form.
"""

import threading

from django import forms
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from assessments import rules
from assessments.forms.fields import shown
from assessments.forms.rows import ActivityForm
from assessments.models import Activity

PREFIX = "\x00p\x00"  # stands for the row's prefix ("r12"): no stored text holds a NUL
VALUE = "\x00v\x00"  # stands for a typed value

# (language, basic need, field, choice or whether typed text is there) -> the cell split at PREFIX
_cells: dict[tuple, tuple[str, ...]] = {}
_forms: dict[tuple[str, bool], ActivityForm] = {}
_lock = threading.Lock()  # a cell is rendered by setting the shared form's initial value


def _template(language: str, basic: bool, name: str, value, typed: bool) -> tuple[str, ...]:
    key = (language, basic, name, type(value), value)
    found = _cells.get(key)
    if found is not None:
        return found
    with _lock:
        form = _forms.get((language, basic))
        if form is None:
            need = next(i.need for i in rules.NEEDS if rules.is_basic_need(i.need) == basic)
            row = Activity(need=need)
            form = ActivityForm(instance=row, prefix=PREFIX, auto_id="%s", with_details=False)
            _forms[language, basic] = form
        field = form.fields[name]
        form.initial[name] = (VALUE if value else None) if typed else value
        bound = forms.BoundField(form, field, name)
        html = str(bound)
        if field.widget.is_hidden:
            html += escape(shown(field, bound.value()))
        found = _cells[key] = tuple(f"<td>{html}</td>".split(PREFIX))
    return found


class Lines:
    """The lines of one page, in the language of its request."""

    def __init__(self):
        self.language = get_language()
        self._cells: dict[tuple, tuple[str, ...]] = {}  # this page's cells with their values
        self._fields: dict[bool, list[tuple[str, forms.Field]]] = {}

    def _cell(self, basic: bool, field: forms.Field, name: str, value) -> tuple[str, ...]:
        key = (basic, name, type(value), value)
        found = self._cells.get(key)
        if found is not None:
            return found
        widget = field.widget
        if isinstance(widget, forms.widgets.Input) and not widget.is_hidden:
            text = widget.format_value(field.prepare_value(value))
            parts = _template(self.language, basic, name, text is not None, True)
            if text is not None:
                parts = tuple(part.replace(VALUE, escape(text)) for part in parts)
        else:
            parts = _template(self.language, basic, name, value, False)
        self._cells[key] = parts
        return parts

    def line(self, activity: Activity) -> SafeString:
        """The row's line cells, as `{% for field in form.line %}<td>…</td>{% endfor %}`."""
        basic = rules.is_basic_need(rules.Need(activity.need))
        fields = self._fields.get(basic)
        if fields is None:
            fields = self._fields[basic] = _fields(self.language, basic)
        prefix = f"r{activity.pk}"
        cells = [
            prefix.join(self._cell(basic, field, name, getattr(activity, name)))
            for name, field in fields
        ]
        return mark_safe("".join(cells))  # noqa: S308 - each part escaped by the widget or here


def _fields(language: str, basic: bool) -> list[tuple[str, forms.Field]]:
    """The line's fields of a row of a basic need or another (its form's, in the line's order)."""
    _template(language, basic, "description", False, True)  # makes the form
    form = _forms[language, basic]
    return [(name, form.fields[name]) for name in ActivityForm.line_fields if name in form.fields]
