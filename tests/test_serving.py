"""The site as gunicorn serves it with the repository's configuration, on a database of its
own (SQLite here, PostgreSQL in the PostgreSQL pass): concurrent writers, logs, a busy server."""

from loadtest import responsiveness, writers


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
    start_server,
):
    server = start_server()

    timings = responsiveness.measure(server.url, pdfs=2, rows=500, seconds=8)

    assert max(timings.page_seconds) < 0.5, timings.summary()
    assert timings.pdfs >= 2, timings.summary()
    assert timings.pdf_errors == 0, timings.summary()
