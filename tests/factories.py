"""Small factory functions for drafts and their rows (style.md section 8)."""

from datetime import date

from assessments.models import Activity, Assessment

ROW_DEFAULTS = {
    "need": "personal_hygiene",
    "description": "Dusch",
    "minutes": 20,
    "times": 1,
    "per": "day",
    "days_per_week": 7,
    "assistants": 1,
    "kind": "basic",
    "time_type": "active",
    "tube_feeding": False,
    "note": "",
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
    return {name: getattr(activity, name) for name in [*ROW_DEFAULTS, "position"]}


def form_data(activity: Activity, **changes) -> dict:
    """The row's form as the browser would post it, with `changes` typed over it."""
    data = {
        "description": activity.description,
        "minutes": str(activity.minutes).replace(".", ","),
        "times": str(activity.times).replace(".", ","),
        "per": activity.per,
        "days_per_week": str(activity.days_per_week),
        "assistants": str(activity.assistants),
        "kind": activity.kind,
        "time_type": activity.time_type,
        "note": activity.note,
    }
    if activity.need == "meals" and activity.tube_feeding:
        data["tube_feeding"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
