"""Two gunicorn servers on one database, as several machines behind one load balancer: one rate
limit for a client across both, exact when both are asked at once, and a draft edited through
one is current through the other.

In the PostgreSQL pass (scripts/test.sh) the servers share a PostgreSQL database; the pass
fails instead of skipping if it has none. In the SQLite pass they share one SQLite file.
"""

import os
from collections import Counter

import pytest
from django.db import connection

from loadtest import burst, files
from loadtest.client import Person, ServerError, row_form


def test_the_postgres_pass_runs_on_postgres():
    if os.environ.get("BEHOV_POSTGRES_PASS") != "1":
        pytest.skip("the SQLite pass; scripts/test.sh's PostgreSQL pass runs this")
    assert connection.vendor == "postgresql"


def test_a_rate_limit_counts_across_both_servers(start_server):
    first = start_server(RATE_LIMIT_CREATE="4")
    second = start_server(RATE_LIMIT_CREATE="4")
    people = [Person(first.url), Person(second.url)]

    created = []
    for turn in range(4):
        created.append(people[turn % 2].create())
    refused = []
    for person in people:
        with pytest.raises(ServerError) as refusal:
            person.create()
        refused.append(str(refusal.value))

    assert len(set(created)) == 4
    assert refused == ["HTTP 429", "HTTP 429"]


def test_a_draft_edited_through_one_server_is_current_through_the_other(start_server):
    first, second = start_server(), start_server()
    editor = Person(first.url)
    data = files.assessment_file(3)
    token = editor.open_file(data)
    reader = Person(second.url)
    reader.token = token

    for value in (11, 12, 13):
        editor.save_row(editor.row_urls()[1], row_form(data["activities"][1], minutes=value))
        assert reader.read_back()["activities"][1]["minutes"] == value
    third = reader.row_urls()[2]
    reader.save_row(third, row_form(data["activities"][2], note="Från andra"))

    assert editor.read_back()["activities"][2]["note"] == "Från andra"
    # The note is in the row's details, which the page opens in place (?rad=<pk>).
    pk = third.rstrip("/").rsplit("/", 1)[1]
    assert "Från andra" in editor.get(f"{editor.draft_path}?rad={pk}").text


def test_a_rate_limit_counts_exactly_when_both_servers_are_asked_at_once(start_server):
    urls = [start_server(RATE_LIMIT_CREATE="10").url for _ in range(2)]

    answers = burst.create_at_once(urls, 40)

    assert Counter(answer.status_code for answer in answers) == {302: 10, 429: 30}
    created = {answer.headers["Location"] for answer in answers if answer.status_code == 302}
    assert len(created) == 10
