"""The PDF's budget: too large is refused before any work, too slow is stopped, and the person
reads why in Swedish instead of gunicorn's bare error page (assessments.render_pool)."""

import multiprocessing
import re

import pytest
from django.urls import reverse

from assessments import render_pool
from tests.factories import make_draft

pytestmark = pytest.mark.django_db


def pdf_response(client, draft):
    return client.get(reverse("assessments:pdf", args=[draft.token]))


def page_text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_a_draft_with_more_rows_than_a_pdf_holds_gets_a_swedish_413(client, settings):
    settings.PDF_MAX_ROWS = 3
    draft = make_draft(rows=[{}] * 4)

    response = pdf_response(client, draft)

    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="sv">' in response.content.decode()
    assert "Beräkningen är för stor för en PDF" in page_text(response)
    assert "högst 3 rader" in page_text(response)
    assert draft.get_absolute_url() in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_notes_longer_than_a_pdf_holds_get_a_swedish_413(client, settings):
    settings.PDF_MAX_TEXT = 1000
    draft = make_draft(rows=[{"note": "Lång anteckning. " * 80}, {"note": "Kort."}])

    response = pdf_response(client, draft)

    assert response.status_code == 413
    assert "för stor för en PDF" in page_text(response)


def test_a_draft_at_the_limits_prints(client, settings):
    settings.PDF_MAX_ROWS = 2
    settings.PDF_MAX_TEXT = 200
    draft = make_draft(rows=[{"note": "x" * 50}, {}])

    response = pdf_response(client, draft)

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_a_render_over_its_time_limit_is_stopped_with_a_swedish_503(client, settings):
    settings.PDF_RENDER_TIMEOUT = 0.05
    draft = make_draft(rows=[{"note": "Anteckning"}] * 60)

    response = pdf_response(client, draft)

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "PDF:en kunde inte skapas just nu" in page_text(response)
    assert "Det du har skrivit är sparat" in page_text(response)
    # The render process is killed, not left to run on.
    assert multiprocessing.active_children() == []


def test_renders_wait_for_a_free_slot_and_are_refused_when_none_frees(client, settings):
    settings.PDF_QUEUE_TIMEOUT = 0
    draft = make_draft(rows=[{}])
    _, slots = render_pool._render_context()
    for _ in range(settings.PDF_RENDERS_PER_WORKER):
        slots.acquire()
    try:
        response = pdf_response(client, draft)
    finally:
        for _ in range(settings.PDF_RENDERS_PER_WORKER):
            slots.release()

    assert response.status_code == 503
    assert pdf_response(client, draft).status_code == 200
