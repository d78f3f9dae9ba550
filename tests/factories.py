"""Small factory functions for drafts and their rows (style.md section 8).

The fields come from the row's table (`rules.activity.FIELDS`), so a new row field needs no
change here.
"""

from datetime import date
from html.parser import HTMLParser

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


class _FormReader(HTMLParser):
    """The fields of one form of a page, as a browser without JavaScript posts them."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside, self.select = form_id, False, None
        self.data: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.data.append((attrs["name"], attrs.get("value", "")))
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.data.append((self.select, attrs.get("value", "")))
        elif tag == "textarea":
            self.data.append((attrs["name"], ""))
            self.select = None

    def handle_data(self, data):
        if self.inside and self.data and self.lasttag == "textarea":
            name, value = self.data[-1]
            self.data[-1] = (name, value + data.strip("\n"))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        if tag == "select":
            self.select = None


def posted(page: str, form_id: str, **changes) -> dict:
    """What the form `form_id` of a page posts, with `changes` (by posted name) typed over it:
    the page's own hidden inputs included, as a browser without JavaScript sends them."""
    reader = _FormReader(form_id)
    reader.feed(page)
    data: dict[str, list[str]] = {}
    for name, value in reader.data:
        data.setdefault(name, []).append(value)
    data = {name: values if len(values) > 1 else values[0] for name, values in data.items()}
    return data | changes
