"""Small factory functions for drafts and their rows (style.md section 8).

The fields come from the row's table (`rules.activity.FIELDS`), so a new row field needs no
change here.
"""

from datetime import date

from assessments.forms import ActivityForm
from assessments.forms.parts import DecisionForm, DetailsForm, NightForm, PeriodForm
from assessments.models import ROW_FIELDS, Activity, Assessment, db_value
from assessments.rules import activity as row_table

ROW_DEFAULTS = {
    **{name: db_value(f.default) for name, f in row_table.FIELDS.items() if not f.required},
    "need": "personal_hygiene",
    "description": "Dusch",
    "minutes": 20,
    "times": 1,
    "per": "day",
    "kind": "basic",
}

DRAFT_DEFAULTS = {"assessment_date": date(2026, 11, 22)}


def make_draft(rows=(), **fields) -> Assessment:
    """A draft with one Activity per dict in `rows`, each filled up with ROW_DEFAULTS.

    Rows get positions in the order given; a dict may set its own `position`.
    """
    assessment = Assessment.objects.create(**{**DRAFT_DEFAULTS, **fields})
    for position, row in enumerate(rows):
        make_row(assessment, **{"position": position, **row})
    return assessment


def make_row(assessment: Assessment, **fields) -> Activity:
    return Activity.objects.create(assessment=assessment, **{**ROW_DEFAULTS, **fields})


def row_values(activity: Activity) -> dict:
    """The editable fields of a row as stored, to compare before and after a request."""
    activity.refresh_from_db()
    return {name: getattr(activity, name) for name in [*ROW_FIELDS, "position"]}


def form_data(activity: Activity, **changes) -> dict:
    """The row's fields as the page posts them (under the row's prefix, with the version the
    page showed and the details open), with `changes` typed over them by field name."""
    form = ActivityForm.for_row(activity)
    data = {}
    for name, field in form.fields.items():
        value = field.prepare_value(form[name].initial)
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(value)
    data.update(changes)
    data.setdefault("version", str(activity.version))
    data.setdefault("details", "1")
    return {form.add_prefix(key): value for key, value in data.items() if value is not None}


def page_data(form, **typed) -> dict:
    """A form's fields as the page posts them: each field's value as shown, and beside it the
    value the page showed (the stale check's hidden initial, forms.stale), with `typed` (by the
    posted names) over the values."""
    data = {}
    for name, field in form.fields.items():
        bound = form[name]
        shown = field.prepare_value(bound.initial)
        if isinstance(shown, bool):
            if shown:
                data[bound.html_name] = "on"
        elif shown is not None:
            data[bound.html_name] = shown if isinstance(shown, list) else str(shown)
        else:
            data[bound.html_name] = ""
        if field.show_hidden_initial:
            data[bound.html_initial_name] = str(shown) if shown is not None else ""
    return data | typed


def part_data(draft: Assessment, part: str, **typed) -> dict:
    """A part of the draft ("details", "period", "night", "decision") as its page posts it."""
    forms = {"details": DetailsForm, "period": PeriodForm, "night": NightForm}
    return page_data({**forms, "decision": DecisionForm}[part](instance=draft), **typed)
