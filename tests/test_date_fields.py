"""Date fields (issue 23 item 7): a text field that shows and takes ÅÅÅÅ-MM-DD whatever the
browser's locale, judged by the server, with a Swedish error next to the field."""

import html
import re
from datetime import date

import pytest

from assessments.forms import DetailsForm
from assessments.models import Assessment
from tests.factories import make_draft, part_data

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def date_input(page: str, name: str) -> str:
    return re.search(rf'<input [^>]*name="{name}"[^>]*>', page).group(0)


def test_a_date_is_a_text_field_showing_the_date_as_iso():
    form = DetailsForm(instance=Assessment(assessment_date=date(2026, 7, 12)), auto_id="d-%s")

    tag = str(form["assessment_date"])

    assert 'type="text"' in tag and 'type="date"' not in tag
    assert 'value="2026-07-12"' in tag
    assert 'pattern="\\d{4}-\\d{1,2}-\\d{1,2}"' in tag
    assert " required" not in tag  # the server judges it (ux-privacy-security.md)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("2026-07-12", date(2026, 7, 12)), ("2026-7-1", date(2026, 7, 1)), (" 2026-07-12 ", None)],
)
def test_a_date_typed_as_iso_is_taken(typed, meant):
    form = DetailsForm(
        {"title": "", "assessment_date": typed, "age": ""}, instance=Assessment(), auto_id="d-%s"
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["assessment_date"] == (meant or date(2026, 7, 12))


@pytest.mark.parametrize("typed", ["12/07/2026", "07/12/2026", "12.7.2026", "2026-13-01"])
def test_a_date_in_another_form_is_refused_in_swedish_next_to_the_field(client, typed):
    draft = make_draft(assessment_date=date(2026, 1, 5))

    response = client.post(
        draft.get_absolute_url(), part_data(draft, "details", assessment_date=typed)
    )

    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.assessment_date == date(2026, 1, 5)
    page = page_text(response)
    tag = date_input(page, "assessment_date")
    # What was typed stays, and the field points at its error, written in Swedish.
    assert f'value="{typed}"' in tag
    error_id = re.search(r'aria-describedby="[^"]*?([\w-]+_error)"', tag).group(1)
    error = re.search(rf'<p class="field-error" id="{error_id}">(.*?)</p>', page, re.S).group(1)
    assert "Bedömningsdatum måste vara ett riktigt datum, till exempel 2026-11-22." in error
