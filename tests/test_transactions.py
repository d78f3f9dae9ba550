"""A request that only reads runs without a transaction and never waits for a writer; when the
database cannot be reached or written, a save is refused with a Swedish 503 that says that what
the person typed is still on the page, and goes through when tried again
(assessments.transactions). Against gunicorn on a database of the test's own; the page's side
in the browser: tests/e2e/test_database_unavailable.py."""

import re

import pytest
import requests
from django.test import Client

from assessments.models import Activity, Assessment
from loadtest import files, servers
from loadtest.client import Person
from loadtest.editing import Editor, all_at_once
from tests.factories import form_data, make_draft

SAYS = "Vi kan inte spara just nu"
KEPT = "det du skrivit finns kvar på sidan"


def heading(response) -> str:
    return re.sub(r"\s+", " ", re.search(r"<h1>(.*?)</h1>", response.text, re.S)[1]).strip()


def test_pages_that_only_read_answer_while_another_connection_writes(
    start_server, served_database_url
):
    # A page that waited for the writer would fail after SQLite's busy timeout (2 s here).
    server = start_server(SQLITE_BUSY_TIMEOUT="2")
    person = Person(server.url)
    token = person.open_file(files.assessment_file(3, note="Anteckning"))
    row_url = person.row_urls()[0]

    with servers.writer_holding(served_database_url, token):
        start = requests.get(server.url, timeout=60)
        page = requests.get(person.url(person.draft_path), timeout=60)
        details = requests.get(person.url(row_url), headers={"HX-Request": "true"}, timeout=60)
        file = requests.get(person.url(f"{person.draft_path}fil/"), timeout=60)

    assert [r.status_code for r in (start, page, details, file)] == [200] * 4
    assert "Starta en ny beräkning" in start.text
    assert len(re.findall(r'<tr id="r\d+" class="row', page.text)) == 3
    assert "Anteckning" in details.text
    assert len(file.json()["activities"]) == 3


def test_a_save_while_sqlite_stays_locked_is_refused_in_swedish_and_kept_for_a_retry(
    serve, sqlite_url
):
    server = serve(sqlite_url, SQLITE_BUSY_TIMEOUT="1")
    editor = Editor(server.url)
    person, form = editor.person, editor.form(minutes=47)

    with servers.writer_holding(sqlite_url, person.token):
        htmx = person.save_row(editor.row_url, form, check=False)
        plain = person.save_row(editor.row_url, form, htmx=False, check=False)
    retried = person.save_row(editor.row_url, form)

    assert (htmx.status_code, htmx.headers["Content-Type"]) == (503, "text/plain; charset=utf-8")
    assert SAYS in htmx.text and KEPT in htmx.text
    assert htmx.headers["Retry-After"] == "30"
    assert (plain.status_code, heading(plain)) == (503, SAYS)
    assert "Försök spara igen" in plain.text
    assert retried.status_code == 200
    assert person.read_back()["activities"][0]["minutes"] == 47


def test_while_postgres_is_down_a_save_is_refused_in_swedish_and_goes_through_after(
    serve, own_postgres
):
    server = serve(own_postgres.url)
    editor = Editor(server.url)
    person, form = editor.person, editor.form(minutes=47)

    own_postgres.stop()
    try:
        htmx = person.save_row(editor.row_url, form, check=False)
        plain = person.save_row(editor.row_url, form, htmx=False, check=False)
        page = person.session.get(person.url(person.draft_path), timeout=60)
        ready = requests.get(person.url("/readyz"), timeout=60)
    finally:
        own_postgres.start()
    retried = person.save_row(editor.row_url, form)

    assert (htmx.status_code, htmx.headers["Content-Type"]) == (503, "text/plain; charset=utf-8")
    assert SAYS in htmx.text and KEPT in htmx.text
    assert (plain.status_code, heading(plain)) == (503, SAYS)
    assert (page.status_code, heading(page)) == (503, "Sidan kan inte visas just nu")
    assert ready.status_code == 503
    assert retried.status_code == 200
    assert person.read_back()["activities"][0]["minutes"] == 47


def test_every_request_after_a_postgres_restart_or_outage_succeeds(serve, own_postgres):
    server = serve(own_postgres.url)
    editors = [Editor(server.url) for _ in range(4)]
    # Every worker's pool holds connections, which the restart kills.
    assert all_at_once(editors, 10) == {}

    own_postgres.stop()
    own_postgres.start()
    after_restart = all_at_once(editors, 10)
    own_postgres.stop()
    # About 24 s of requests refused within 3 s each, while the pools try to reconnect: long
    # enough for psycopg's own backoff (1, 2, 4, 8, 16 s) to leave seconds between its tries.
    during_outage = all_at_once(editors, 8)
    own_postgres.start()
    after_outage = all_at_once(editors, 10)

    assert after_restart == {}
    assert during_outage == {"HTTP 503": 32}
    assert after_outage == {}


# --- in the test client -------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_write_that_fails_halfway_leaves_nothing_stored(monkeypatch):
    draft = make_draft(rows=[{"minutes": 10}])
    row = draft.activities.get()

    def touch_fails(self):
        raise RuntimeError("the draft's version could not be stored")

    monkeypatch.setattr(Assessment, "touch", touch_fails)
    client = Client(raise_request_exception=False)
    response = client.post(
        f"/b/{draft.token}/rader/{row.pk}/", form_data(row, minutes="25"), HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 500
    assert Activity.objects.get(pk=row.pk).minutes == 10
