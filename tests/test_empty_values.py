"""Issue 18, item 1: an empty or missing value never breaks a draft. Every field of every form
either takes its default or is refused at the field in Swedish, nothing invalid is stored, and
a draft whose stored data is invalid anyway (an older version stored it) still opens, says which
row is wrong, and can be exported."""

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from assessments import files
from assessments.forms.parts import DecidedForm, WeekTypeFormSet
from assessments.models import Activity, Assessment
from tests.factories import form_data, make_draft, page_data, part_data, row_values
from tests.test_views import error_slot

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def visitor():
    """A client that answers a failure with the 500 page, as a person sees it, not an error."""
    return Client(raise_request_exception=False)


def text(response) -> str:
    return response.content.decode()


def rows_url(draft) -> str:
    return reverse("assessments:rows", args=[draft.token])


def row_url(draft, row) -> str:
    return reverse("assessments:activity", args=[draft.token, row.pk])


# --- Forms: an empty value is refused at its field, nothing is stored ----------------------------


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("time_type", "Välj aktiv hjälp, väntetid eller beredskap."),
        ("days_per_week", "Välj mellan 1 och 7 dagar i veckan."),
        ("assistants", "Välj 1 eller 2 assistenter."),
    ],
)
def test_an_empty_choice_without_javascript_is_refused_at_its_field(visitor, field, message):
    draft = make_draft(rows=[{}])
    row = draft.rows()[0]
    before = row_values(row)

    response = visitor.post(rows_url(draft), form_data(row, **{field: ""}))

    assert response.status_code == 400
    assert message in text(response)
    assert row_values(row) == before
    assert visitor.get(draft.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("time_type", "Välj aktiv hjälp, väntetid eller beredskap."),
        ("days_per_week", "Välj mellan 1 och 7 dagar i veckan."),
        ("assistants", "Välj 1 eller 2 assistenter."),
        ("per", "Välj dag, vecka, månad eller år."),
        ("kind", "Välj grundläggande eller annat personligt behov."),
    ],
)
def test_a_missing_choice_with_htmx_is_refused_and_the_draft_still_opens(visitor, field, message):
    draft = make_draft(rows=[{}])
    row = draft.rows()[0]
    before = row_values(row)
    data = form_data(row)
    del data[f"r{row.pk}-{field}"]

    response = visitor.post(row_url(draft, row), data, headers=HTMX)

    assert response.status_code == 200
    assert message in error_slot(text(response), f"r{row.pk}-{field}")
    assert row_values(Activity.objects.get(pk=row.pk)) == before
    assert visitor.get(draft.get_absolute_url()).status_code == 200


def test_empty_values_of_a_week_type_take_a_default_or_are_refused(visitor):
    draft = make_draft()
    url = reverse("assessments:weeks", args=[draft.token])
    visitor.post(url, {"school_and_holiday": "1"})
    formset = WeekTypeFormSet(week_types=draft.week_types.all())
    data = part_data(draft, "period")
    for form in [formset.management_form, *formset.forms]:
        data |= page_data(form)
    for index in (0, 1):
        data |= {f"wt-{index}-assistance_days": "", f"wt-{index}-away_hours": ""}

    response = visitor.post(url, data)

    assert response.status_code == 400
    assert "Välj mellan 1 och 7 dagar." in text(response)
    assert [w.assistance_days for w in draft.week_types.all()] == [7, 7]
    data |= {"wt-0-assistance_days": "5", "wt-1-assistance_days": "7"}
    assert visitor.post(url, data).status_code == 302
    # No hours elsewhere is what an empty field means: the default, 0.
    assert [(w.assistance_days, w.away_hours) for w in draft.week_types.all()] == [(5, 0), (7, 0)]


def test_a_night_without_its_cover_is_refused_and_nothing_is_stored(visitor):
    draft = make_draft(rows=[{}])
    url = reverse("assessments:night", args=[draft.token])
    data = part_data(draft, "night", night_start="22:00", night_end="07:00")
    del data["night_cover"]

    response = visitor.post(url, data)

    assert response.status_code == 400
    assert "Välj väntetid, beredskap eller ingen." in text(response)
    draft.refresh_from_db()
    assert (draft.night_start, draft.night_cover) == (None, "waiting")
    assert visitor.get(draft.get_absolute_url()).status_code == 200


def test_an_empty_decided_value_is_refused_at_its_field(visitor):
    draft = make_draft(rows=[{"minutes": 40}], decision_by="fk")
    row = draft.rows()[0]
    form = DecidedForm(activity=row, auto_id="%s")
    data = page_data(form, **{f"d{row.pk}-days_per_week": "", f"d{row.pk}-time_type": ""})

    response = visitor.post(reverse("assessments:decided", args=[draft.token]), data)

    assert response.status_code == 400
    assert "Välj mellan 1 och 7 dagar i veckan." in text(response)
    assert "Välj aktiv hjälp, väntetid eller beredskap." in text(response)
    assert Activity.objects.get(pk=row.pk).decided is None


# --- The model stores nothing invalid ------------------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [{"time_type": ""}, {"per": "fortnight"}, {"assistants": 3}, {"minutes": 0}],
    ids=["empty time type", "unknown period", "three assistants", "no minutes"],
)
def test_the_model_refuses_to_store_an_invalid_row(values):
    draft = make_draft(rows=[{}])
    row = draft.rows()[0]
    for name, value in values.items():
        setattr(row, name, value)

    with pytest.raises(ValueError, match="invalid"):
        row.save()
    assert row_values(Activity.objects.get(pk=row.pk)) == row_values(draft.rows()[0])


def test_the_model_refuses_to_store_an_invalid_night_cover():
    draft = make_draft()
    draft.night_cover = ""

    with pytest.raises(ValueError, match="night_cover"):
        draft.save()


# --- A draft stored invalid by an older version still opens and exports ---------------------------


def store_raw(table: str, pk: int, **values) -> None:
    """Write values past the model's checks, as an older version of the app might have."""
    assignments = ", ".join(f"{name} = %s" for name in values)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {assignments} WHERE id = %s", [*values.values(), pk])


@pytest.fixture
def broken_draft(visitor):
    draft = make_draft(
        rows=[
            {"description": "Dusch", "minutes": 20},
            {"description": "Tillsyn", "need": "supervision", "kind": "other", "minutes": 30},
        ],
        night_start="22:00",
        night_end="07:00",
        decision_by="fk",
    )
    shower, supervision = draft.rows()
    store_raw(Activity._meta.db_table, supervision.pk, time_type="", per="")
    store_raw(Assessment._meta.db_table, draft.pk, night_cover="")
    return draft


def test_a_draft_with_an_invalid_stored_row_opens_and_says_which_row(visitor, broken_draft):
    response = visitor.get(broken_draft.get_absolute_url())

    assert response.status_code == 200
    page = text(response)
    supervision = broken_draft.rows()[1]
    message = re.search(rf'<tr id="r{supervision.pk}-m"[^>]*>.*?</tr>', page, re.S).group()
    assert "Typ av tid" in message and "Per" in message
    assert "Rad 2" in page


def test_a_draft_with_an_invalid_stored_row_can_be_exported(visitor, broken_draft):
    token = broken_draft.token
    downloaded = visitor.get(reverse("assessments:download", args=[token]))
    assert downloaded.status_code == 200
    read_back = files.read(downloaded.content)  # a valid file
    assert [row.description for row in read_back.activities] == ["Dusch", "Tillsyn"]
    assert read_back.night.cover.value == "waiting"

    pdf = visitor.get(reverse("assessments:pdf", args=[token]))
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert visitor.get(reverse("assessments:reconsideration", args=[token])).status_code == 200
    assert visitor.get(reverse("assessments:reconsideration_pdf", args=[token])).status_code == 200


def test_an_invalid_stored_row_is_put_right_by_saving_it(visitor, broken_draft):
    supervision = broken_draft.rows()[1]

    response = visitor.post(
        row_url(broken_draft, supervision),
        # Active time: the draft's night counts the waiting time already (issue 20).
        form_data(supervision, time_type="active", per="week"),
        headers=HTMX,
    )

    assert response.status_code == 200
    stored = Activity.objects.get(pk=supervision.pk)
    assert (stored.time_type, stored.per) == ("active", "week")
    downloaded = visitor.get(reverse("assessments:download", args=[broken_draft.token]))
    assert json.loads(downloaded.content)["activities"][1]["per"] == "week"
