"""The load test's client counts a save only when the row was saved: a value the row rules
refuse is answered with the row's errors (status 200 with htmx), and must not count as an
acknowledged value that the read-back then finds "lost"."""

import pytest

from loadtest import files
from loadtest.client import Person, ServerError, row_form


def test_a_refused_value_is_not_a_save(start_server):
    person = Person(start_server().url)
    data = files.assessment_file(10)
    person.open_file(data)
    url = person.row_urls()[1]  # Toalettbesök, 6 times a day: at most 240 minutes each

    with pytest.raises(ServerError, match="not saved"):
        person.save_row(url, row_form(data["activities"][1], minutes=241))
    person.save_row(url, row_form(data["activities"][1], minutes=12))

    assert person.read_back()["activities"][1]["minutes"] == 12
