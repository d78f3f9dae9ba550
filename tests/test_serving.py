"""The site as gunicorn serves it with the repository's configuration, on a database of its
own (SQLite here, PostgreSQL in the PostgreSQL pass): concurrent writers, logs, a busy server."""

import functools
import io
import sqlite3
import threading
import time
from pathlib import Path

import psycopg
import pypdf
import pytest
import requests

from assessments import render_pool
from loadtest import files, responsiveness, row_order, writers
from loadtest.client import Person, row_form


@pytest.fixture
def start_server(serve, served_database_url):
    """Servers as production runs them: each worker starts its PDF process at start
    (tests/conftest.py's servers leave it to the first PDF)."""
    return functools.partial(serve, served_database_url, PDF_WARM_UP="1")


def pdf_processes(server) -> dict[int, list[int]]:
    """Each worker's PDF fork servers (multiprocessing's forkserver, a child of the worker, of
    whichever of its threads started it)."""
    found = {}
    for worker in server.worker_pids():
        children = [
            pid
            for task in Path(f"/proc/{worker}/task").iterdir()
            for pid in (task / "children").read_text().split()
        ]
        found[worker] = [
            int(pid)
            for pid in children
            if b"forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()
        ]
    return found


def test_each_worker_starts_its_pdf_process_at_start_unless_told_not_to(serve, served_database_url):
    warm = serve(served_database_url, PDF_WARM_UP="1")
    deadline = time.monotonic() + 120  # a bound for a busy machine, not a speed
    while not all(pdf_processes(warm).values()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(pdf_processes(warm)) == 2
    assert all(len(processes) == 1 for processes in pdf_processes(warm).values())

    cold = serve(served_database_url, PDF_WARM_UP="0")
    Person(cold.url).get("/")
    assert all(processes == [] for processes in pdf_processes(cold).values())
    person = Person(cold.url)
    person.create()
    person.add_row("hygiene-washing")
    assert person.pdf().startswith(b"%PDF-")  # its first PDF starts it
    assert sum(len(processes) for processes in pdf_processes(cold).values()) == 1


def test_concurrent_writers_lose_nothing_while_a_long_pdf_renders(start_server):
    server = start_server()

    # Eight people: four on drafts of their own, four on one shared draft; a 300-row PDF
    # renders all the while (it used to hold the database and make the others' saves fail).
    outcome = writers.run(server.url, writers=8, seconds=6, shared=4, pdf_rows=300)

    assert outcome.errors == {}
    assert outcome.saves >= 8  # every writer's first save at least (how many is a figure)
    assert outcome.lost == 0
    assert outcome.pdfs >= 1
    assert outcome.pdf_errors == {}


def rendering_in_every_slot(slots: render_pool.RenderSlots) -> bool:
    try:
        with slots.hold(timeout=0):
            return False
    except render_pool.Unavailable:
        return True


def test_the_start_page_answers_while_two_500_row_pdfs_render(start_server, tmp_path):
    # Time enough for both renders even on a busy machine: this is about the page, not the
    # PDF's budget (tests/test_render_pool.py). How fast the page answers meanwhile is a
    # figure of scripts/bench_responsive.py, not something a test on a busy machine can hold.
    server = start_server(
        PDF_RENDER_TIMEOUT="120", PDF_RENDERS="2", PDF_RENDER_LOCK_DIR=str(tmp_path)
    )
    slots = render_pool.RenderSlots(tmp_path, 2)
    people = [Person(server.url, timeout=300) for _ in range(2)]
    for number, person in enumerate(people):
        person.open_file(files.assessment_file(500, title=f"Lång {number}", note="Anteckning."))
    pdfs = []
    renders = [threading.Thread(target=lambda p=p: pdfs.append(p.pdf())) for p in people]
    for render in renders:
        render.start()
    deadline = time.monotonic() + 120
    while not rendering_in_every_slot(slots) and time.monotonic() < deadline:
        time.sleep(0.05)

    page = requests.get(server.url, timeout=60)
    still_rendering = rendering_in_every_slot(slots)
    for render in renders:
        render.join()

    assert page.status_code == 200
    # The page did not wait for a render to end: both were still rendering when it came.
    assert still_rendering
    assert len(pdfs) == 2 and all(pdf.startswith(b"%PDF") for pdf in pdfs)


def printed_for_its_change(printed: responsiveness.Printed) -> bool:
    """Whether a PDF holds the description its draft's first row was given just before it was
    asked for: then it was rendered for that change, not served from the cache."""
    reader = pypdf.PdfReader(io.BytesIO(printed.body))
    return any(printed.description in page.extract_text() for page in reader.pages[:3])


def test_the_responsiveness_benchmark_times_real_renders(start_server, tmp_path):
    # scripts/bench_responsive.py's measurement, briefly: each PDF it asks for is of a changed
    # draft, so the cache cannot answer it (before: 2,007 "renders" in 25 s, nearly all cached).
    server = start_server(PDF_RENDERS="2", PDF_RENDER_LOCK_DIR=str(tmp_path))

    timings = responsiveness.measure(server.url, pdfs=2, rows=20, seconds=3, keep=True)

    assert timings.page_seconds and timings.pdfs >= 2, timings.summary()
    assert timings.pdf_errors == 0, timings.summary()
    assert len(timings.printed) == timings.pdfs
    assert all(printed_for_its_change(printed) for printed in timings.printed)


def test_the_start_page_answers_while_twelve_people_ask_for_pdfs_and_every_slot_is_busy(
    start_server, tmp_path
):
    # One worker of four threads, and the host's only render slot held by this test, as by a
    # long render elsewhere: requests waiting for it used to hold every thread, and the start
    # page waited behind them (issue 18: up to 10.6 s).
    server = start_server(
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="4",
        PDF_RENDERS="1",
        PDF_RENDER_LOCK_DIR=str(tmp_path / "slots"),
        PDF_QUEUE_TIMEOUT="600",
    )
    people = [Person(server.url, timeout=600) for _ in range(12)]
    for person in people:
        person.open_file(files.assessment_file(2))
    answers = []

    def ask(person: Person) -> None:
        answers.append(person.session.get(person.url(f"{person.draft_path}pdf/"), timeout=600))

    askers = [threading.Thread(target=ask, args=(person,)) for person in people]
    with render_pool.RenderSlots(tmp_path / "slots", 1).hold(timeout=0):
        for asker in askers:
            asker.start()
        for _tick in range(600):  # until those that cannot wait are answered, or 60 s
            if len(answers) >= 11:
                break
            time.sleep(0.1)
        start_page = requests.get(server.url, timeout=60)
        answered_while_busy = list(answers)
    for asker in askers:
        asker.join(120)

    assert start_page.status_code == 200
    # Eleven told at once, one place in line: it renders once the slot is free.
    assert len(answered_while_busy) == 11
    for refused in answered_while_busy:
        assert refused.status_code == 503
        assert refused.headers["Retry-After"] == "5"
        assert "Utskriften är köad, försök om en stund" in refused.text
    assert [a.status_code for a in answers if a not in answered_while_busy] == [200]


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
    killed = []

    def kill_a_worker_then_restart():
        time.sleep(2)
        killed.append(server.kill_worker())
        time.sleep(2)
        server.restart()  # how long the port was closed is a figure: loadtest.sh --faults

    outcome = writers.run(
        server.url, writers=4, seconds=3, shared=2, during=kill_a_worker_then_restart
    )
    after = Person(server.url)
    data = files.assessment_file(1)
    after.open_file(data)
    saved = after.save_row(after.row_urls()[0], row_form(data["activities"][0], minutes=33))

    assert killed != [None]
    # Every value acknowledged before, between and after the faults is in the database, and
    # the restarted server saves.
    assert outcome.lost == 0
    assert saved.status_code == 200
    assert after.read_back()["activities"][0]["minutes"] == 33


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
