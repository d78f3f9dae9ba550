"""The site as gunicorn serves it with the repository's configuration, on a database of its
own (SQLite here, PostgreSQL in the PostgreSQL pass): concurrent writers, logs, a busy server."""

import sqlite3
import time

import psycopg
import requests

from loadtest import files, responsiveness, row_order, writers
from loadtest.client import Person, row_form


def test_concurrent_writers_lose_nothing_while_a_long_pdf_renders(start_server):
    server = start_server()

    # Eight people: four on drafts of their own, four on one shared draft; a 300-row PDF
    # renders all the while (it used to hold the database and make the others' saves fail).
    outcome = writers.run(server.url, writers=8, seconds=6, shared=4, pdf_rows=300)

    assert outcome.errors == {}
    assert outcome.saves > 8 * 5
    assert outcome.lost == 0
    assert outcome.pdfs >= 1
    assert outcome.pdf_errors == {}


def test_the_start_page_answers_within_half_a_second_while_two_500_row_pdfs_render(
    start_server, tmp_path
):
    # Time enough for both renders even on a busy machine: this is about the page, not the
    # PDF's budget (tests/test_render_pool.py).
    server = start_server(
        PDF_RENDER_TIMEOUT="50", PDF_RENDERS="2", PDF_RENDER_LOCK_DIR=str(tmp_path)
    )

    timings = responsiveness.measure(server.url, pdfs=2, rows=500, seconds=8)

    # The 95th percentile, not the maximum: other work on a shared 2-core machine can delay
    # one request now and then (scripts/bench_responsive.py prints the maximum too).
    assert timings.p95 < 0.5, timings.summary()
    assert timings.pdfs >= 2, timings.summary()
    assert timings.pdf_errors == 0, timings.summary()


NOTE = "Hemlig anteckning: behöver hjälp vid dusch ต้องการ ንምሕጻብ \ue000"


def drop_rows_table(database_url: str) -> None:
    """Break the database under the running server, so that the next draft page fails (500)."""
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            db.execute("DROP TABLE assessments_activity")
    else:
        with psycopg.connect(database_url, autocommit=True) as db:
            db.execute("DROP TABLE assessments_activity CASCADE")


def test_gunicorn_logs_hold_no_token_and_no_note_text(start_server, served_database_url):
    server = start_server()
    person = Person(server.url)
    assessment_file = files.assessment_file(2, note=NOTE)
    token = person.open_file(assessment_file)
    row_url = person.row_urls()[0]

    saved = person.save_row(row_url, row_form(assessment_file["activities"][0], note=NOTE * 2))
    pdf = person.pdf()  # U+E000 has no glyph: WeasyPrint would log the note's characters
    refused = requests.post(person.url(row_url), data=row_form(assessment_file["activities"][0]))
    unknown = requests.get(person.url(f"/b/{'A' * 43}/"))
    drop_rows_table(served_database_url)
    failed = person.session.get(person.url(person.draft_path))
    server.stop()

    assert saved.status_code == 200 and pdf.startswith(b"%PDF")
    assert (refused.status_code, unknown.status_code, failed.status_code) == (403, 404, 500)
    log = server.log()
    # Access log, Django's request and CSRF loggers, all in the server's output, all masked.
    assert f'"POST /b/<token>/rader/{row_url.rstrip("/").rsplit("/", 1)[1]}/" 200' in log
    assert '"GET /b/<token>/pdf/" 200' in log
    assert "Forbidden (CSRF cookie not set.): /b/<token>/rader/" in log
    assert "Internal Server Error: /b/<token>/" in log
    assert token not in log
    assert "A" * 43 not in log
    for word in ("Hemlig", "dusch", "ต้องการ", "ንምሕጻብ", "\ue000", "U+E000"):
        assert word not in log


def test_acknowledged_saves_survive_a_killed_worker_and_a_server_restart(start_server):
    server = start_server()
    faults = []

    def kill_a_worker_then_restart():
        time.sleep(2)
        faults.append(server.kill_worker())
        time.sleep(2)
        faults.append(server.restart())
        faults.append(time.monotonic())

    outcome = writers.run(
        server.url, writers=4, seconds=3, shared=2, during=kill_a_worker_then_restart
    )

    killed, closed_seconds, restarted_at = faults
    assert killed is not None
    assert closed_seconds < 10
    # Every value acknowledged before, between and after the faults is in the database.
    assert outcome.lost == 0
    assert outcome.last_saved_at > restarted_at


def test_twenty_adds_at_once_keep_the_row_limit_and_one_row_per_position(
    start_server, served_database_url
):
    server = start_server()

    owner, outcome = row_order.adds(server.url, served_database_url, rows=495, adds=20)

    # Five added, fifteen told at the add form that the draft is full.
    assert outcome.answers == {"200": 20}
    assert (outcome.rows, outcome.shared) == (500, 0)
    # The draft's own file opens again (a file over the limit is refused whole).
    assert Person(server.url).open_file(owner.read_back())


def test_moves_removals_and_adds_at_once_keep_one_row_per_position(
    start_server, served_database_url
):
    server = start_server()
    owner, people = row_order.open_draft(server.url, 30, 24)
    urls = owner.row_urls()

    def act(person: Person, number: int):
        url = urls[number]
        pk = url.rstrip("/").rsplit("/", 1)[1]
        match number % 4:
            case 0:
                return person.post(url, {"move_up": pk}, htmx=True)
            case 1:
                return person.post(url, {"move_down": pk}, htmx=True)
            case 2:
                return person.post(url, {"remove": pk}, htmx=True)
        return person.add_row("hygiene-washing")

    answers = row_order.at_once(people, act)

    # Six rows removed and six added; a removal leaves a gap in the positions, never a twin.
    outcome = row_order.positions_after(served_database_url, owner.token, answers)
    assert outcome.answers == {"200": 24}
    assert (outcome.rows, outcome.shared) == (30, 0)
