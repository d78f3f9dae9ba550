"""The page's rows without a form per row (issue 22, item 1): a row that shows what is stored has
its line from `forms.line`, exactly as its form renders it; a row with an error, a conflict or
values stored invalid still gets its form and message; and the page's queries do not grow with
its rows."""

import re

import pytest
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from assessments import rules
from assessments.forms.line import Lines
from assessments.forms.rows import ActivityForm
from assessments.models import Activity
from tests.factories import form_data, make_draft, make_row

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}

FORM_LINE = engines["django"].from_string(
    "{% load behov %}{% for field in form.line %}<td>{% if field.is_hidden %}{{ field }}"
    "{{ field|shown }}{% else %}{{ field }}{% endif %}</td>{% endfor %}"
)

ODD = [
    {"description": "Dusch <b>\"&' ", "minutes": 2.5, "times": 0.25},
    {"description": "  två  blanksteg ", "minutes": 1440, "times": 0.001, "per": "year"},
    {"description": "Mat 😀 ĳ\u00a0x", "minutes": 12.345678, "per": "month", "assistants": 2},
    {"description": "r0-x \\ {{ x }}", "minutes": 7, "times": 3, "per": "week", "days_per_week": 1},
]


def line_by_form(activity: Activity) -> str:
    return FORM_LINE.render({"form": ActivityForm.for_row(activity)})


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_line_is_what_the_rows_form_renders_for_every_need_kind_and_odd_value(language):
    draft = make_draft(night_start="22:00", night_end="07:00")
    rows = []
    for index, info in enumerate(rules.NEEDS):
        kinds = ["basic", "other"] if rules.is_basic_need(info.need) else ["other"]
        for kind in kinds:
            odd = ODD[index % len(ODD)]
            rows.append(make_row(draft, need=info.need.value, kind=kind, position=index, **odd))
    with translation.override(language):
        lines = Lines()
        for row in draft.rows():
            assert lines.line(row) == line_by_form(row), row.description
        # The second page of the process takes the cells rendered by the first.
        assert [Lines().line(row) for row in rows] == [line_by_form(row) for row in rows]


def test_the_english_page_has_english_choices_in_its_lines(client):
    draft = make_draft([{"need": "meals"}])
    swedish = client.get(draft.get_absolute_url()).text
    client.get(reverse("assessments:language", args=["en"]), {"next": "/"})
    english = client.get(draft.get_absolute_url()).text
    assert ">per dag</option>" in swedish
    assert ">per day</option>" in english
    assert ">per dag</option>" not in english


def test_a_refused_save_shows_the_row_as_typed_with_its_error_and_form(client):
    draft = make_draft([{"description": "Dusch", "minutes": 10}, {"description": "Mat"}])
    row, other = draft.rows()
    data = form_data(row, minutes="tio")
    response = client.post(reverse("assessments:rows", args=[draft.token]), data)

    assert response.status_code == 400
    page = response.text
    # The row's line is its form bound to the post: the typed value, linked to its error.
    assert f'name="r{row.pk}-minutes" value="tio"' in page
    assert f'aria-describedby="r{row.pk}-minutes_error"' in page
    assert f'id="r{row.pk}-minutes_error"' in page
    assert f'<tr id="r{row.pk}-m" class="row-message">' in page
    # The other row shows what is stored, with no message.
    assert f'<tr id="r{other.pk}-m" hidden></tr>' in page
    assert f'name="r{other.pk}-description" value="Mat"' in page


def test_an_htmx_save_with_an_error_keeps_the_typed_value_as_the_base_of_the_next(client):
    draft = make_draft([{"description": "Dusch", "minutes": 10}])
    (row,) = draft.rows()
    url = reverse("assessments:activity", args=[draft.token, row.pk])
    answer = client.post(url, form_data(row, times="-1"), headers=HTMX).text

    assert f'id="r{row.pk}-times_error"' in answer
    assert f'name="r{row.pk}-version" value="{row.version}"' in answer
    page = client.get(draft.get_absolute_url()).text
    assert f'name="r{row.pk}-times" value="1"' in page  # the stored value, not the refused one


def test_a_row_with_a_value_stored_invalid_is_shown_as_it_counts_with_its_warning(client):
    draft = make_draft([{"description": "Dusch", "minutes": 10}])
    (row,) = draft.rows()
    Activity.objects.filter(pk=row.pk).update(per="hour")
    page = client.get(draft.get_absolute_url()).text

    assert f'id="r{row.pk}_broken"' in page
    select = re.search(rf'<select name="r{row.pk}-per"[^>]*>(.*?)</select>', page).group(1)
    assert re.search(r'<option value="[a-z]+" selected>', select)


def test_a_personal_number_in_a_description_is_warned_of_under_its_line(client):
    draft = make_draft([{"description": "Dusch 19121212-1212"}])
    (row,) = draft.rows()
    page = client.get(draft.get_absolute_url()).text
    assert f'id="r{row.pk}-description_pnr"' in page
    assert f'<tr id="r{row.pk}-m" class="row-message">' in page


def page_queries(client, rows: int) -> int:
    draft = make_draft([{"description": f"Rad {i}", "need": "meals"} for i in range(rows)])
    make_row(draft, need="other", kind="other", position=rows)
    client.get(draft.get_absolute_url())  # the session, once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert len(re.findall(r'<tr id="r\d+" class="row', response.text)) == rows + 1
    return len(queries)


def test_the_pages_queries_do_not_grow_with_its_rows(client):
    assert page_queries(client, 2) == page_queries(client, 40)


def test_a_saves_queries_do_not_grow_with_the_drafts_rows(client):
    counts = []
    for rows in (2, 40):
        draft = make_draft([{"description": f"Rad {i}", "need": "meals"} for i in range(rows)])
        row = draft.rows()[0]
        url = reverse("assessments:activity", args=[draft.token, row.pk])
        with CaptureQueriesContext(connection) as queries:
            answer = client.post(url, form_data(row, minutes="12"), headers=HTMX)
        assert answer.status_code == 200
        assert "Sparad" in answer.text
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_drafts_rows_are_what_the_orm_makes_of_them(django_assert_num_queries):
    draft = make_draft(
        [
            {"description": "Dusch", "minutes": 2.5, "need": "personal_hygiene"},
            {"description": "Mat", "week_types": ["a"], "need": "meals", "tube_feeding": True},
        ]
    )
    make_row(draft, need="other", kind="other", position=5, at_night=True)
    by_orm = list(Activity.objects.filter(assessment=draft))
    with django_assert_num_queries(1):
        rows = draft.rows()
        assert [row.assessment for row in rows] == [draft] * 3  # no query for the draft
    assert rows == by_orm
    for row, made in zip(rows, by_orm, strict=True):
        fields = [field.attname for field in Activity._meta.concrete_fields]
        assert {n: getattr(row, n) for n in fields} == {n: getattr(made, n) for n in fields}
        assert (row._state.adding, row._state.db) == (made._state.adding, made._state.db)
    # A row read so can be stored like any other.
    rows[0].store({"minutes": 3.0})
    assert Activity.objects.get(pk=rows[0].pk).minutes == 3.0
