"""The PDF's budget: too large is refused before any work, too slow is stopped, and the person
reads why in Swedish instead of gunicorn's bare error page (assessments.render_pool)."""

import multiprocessing
import re
import signal
import subprocess
import sys
import threading
import time
from contextlib import ExitStack

import pytest
from django.urls import reverse

from assessments import render_pool
from assessments.models import ShareLink
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


def test_renders_wait_for_a_free_slot_and_are_refused_when_none_frees(client, settings, tmp_path):
    settings.PDF_QUEUE_TIMEOUT = 0
    settings.PDF_RENDERS = 2
    settings.PDF_RENDER_LOCK_DIR = str(tmp_path)
    draft = make_draft(rows=[{}])

    with render_pool.slots().hold(timeout=0), render_pool.slots().hold(timeout=0):
        refused = pdf_response(client, draft)
    printed = pdf_response(client, draft)

    assert refused.status_code == 503
    assert printed.status_code == 200


@pytest.fixture
def one_busy_slot(settings, tmp_path):
    """The host's only render slot, held (as by another worker's render) until the test ends."""
    settings.PDF_RENDERS = 1
    settings.PDF_RENDER_LOCK_DIR = str(tmp_path)
    with render_pool.slots().hold(timeout=0):
        yield


def test_a_pdf_that_finds_every_slot_busy_and_no_place_to_wait_is_queued_at_once(
    client, settings, one_busy_slot
):
    # Waiting would hold one of gunicorn's few threads: with no place in line left the answer
    # comes at once (before: after PDF_QUEUE_TIMEOUT, saying only that the PDF failed).
    settings.PDF_QUEUE_WAITERS = 0
    settings.PDF_QUEUE_TIMEOUT = 3
    draft = make_draft(rows=[{}])

    response = pdf_response(client, draft)

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Utskriften är köad, försök om en stund" in page_text(response)
    assert "Det du har skrivit är sparat" in page_text(response)
    assert f'href="{reverse("assessments:pdf", args=[draft.token])}"' in response.content.decode()


def test_only_so_many_requests_of_a_worker_wait_for_a_slot(settings, tmp_path):
    settings.PDF_RENDERS = 1
    settings.PDF_RENDER_LOCK_DIR = str(tmp_path)
    settings.PDF_QUEUE_WAITERS = 1
    settings.PDF_QUEUE_TIMEOUT = 600
    waited = []

    def wait_for_the_slot():
        with render_pool.render_slot():
            waited.append("rendered")

    waiter = threading.Thread(target=wait_for_the_slot)
    with ExitStack() as busy:
        busy.enter_context(render_pool.slots().hold(timeout=0))  # another worker's render
        waiter.start()
        while render_pool.waiting_line.waiting == 0:
            time.sleep(0.01)

        with pytest.raises(render_pool.Queued), render_pool.render_slot():
            pass
        assert waiter.is_alive()  # the first still waits for the slot

    waiter.join(60)
    assert waited == ["rendered"]


def test_a_refused_pdf_of_the_read_only_link_never_shows_the_edit_link(client, settings):
    settings.PDF_MAX_ROWS = 1
    draft = make_draft(rows=[{}, {}])
    link = ShareLink.objects.create(assessment=draft)

    response = client.get(reverse("assessments:shared_pdf", args=[link.public_id, link.secret]))

    assert response.status_code == 413
    assert draft.token not in response.content.decode()
    assert f'href="{link.get_absolute_url()}"' in response.content.decode()


def test_a_slot_is_freed_when_its_holder_is_killed(tmp_path):
    slots = render_pool.RenderSlots(tmp_path, 1)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_A_SLOT, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline() == "holding\n"
    with pytest.raises(render_pool.Unavailable), slots.hold(timeout=0.2):
        pass

    holder.send_signal(signal.SIGKILL)
    holder.wait(10)

    with slots.hold(timeout=1):
        pass


HOLD_A_SLOT = """
import fcntl, os, sys, time
descriptor = os.open(os.path.join(sys.argv[1], "slot-0.lock"), os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(descriptor, fcntl.LOCK_EX)
print("holding", flush=True)
time.sleep(60)
"""
