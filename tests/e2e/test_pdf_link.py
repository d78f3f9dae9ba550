"""The printable summary opens from the draft page in a real browser (issues 4 and 12): the PDF
button, with the appendix only when its checkbox is ticked; a PDF that must wait for a render
slot is said at the button (issue 18)."""

import io
import re

import pypdf
from playwright.sync_api import Page, expect

from assessments import render_pool

from .test_calculator import add_from_catalogue, start_draft


def fetch_pdf(page: Page, url: str) -> pypdf.PdfReader:
    """A PDF fetched with the page's cookies (its draft's language), never cached."""
    response = page.request.get(url)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "no-store" in response.headers["cache-control"]
    return pypdf.PdfReader(io.BytesIO(response.body()))


def pdf_text(reader: pypdf.PdfReader) -> str:
    return "\n".join(pdf_page.extract_text() for pdf_page in reader.pages)


def open_pdf(page: Page) -> str:
    """Press the PDF button and return the text of the PDF it opened."""
    button = page.get_by_role("button", name="Skriv ut / ladda ner PDF")
    with page.expect_response(lambda response: "/pdf/" in response.url) as info:
        button.click()
    assert info.value.status == 200
    page.wait_for_url(re.compile(r"/pdf/"))  # app.js opens it once it is made
    # Chromium's PDF viewer takes the body of the navigation; fetch the same URL for the bytes.
    return pdf_text(fetch_pdf(page, info.value.url))


def test_the_pdf_opens_from_the_draft_page_with_the_draft_in_it(live_server, page: Page):
    draft_url = start_draft(page, live_server)
    add_from_catalogue(page, "Personlig hygien", "Dusch")
    add_from_catalogue(page, "Måltider", "Äta")
    text = open_pdf(page)
    assert "Dusch" in text and "Äta" in text
    assert "Sida 1 av" in text
    assert "Bilaga" not in text

    page.goto(draft_url)
    page.get_by_role("checkbox", name="Ta med bilaga: så räknade vi och källor").check()
    text = open_pdf(page)
    assert "Bilaga: Så räknade vi" in text and "Bilaga: Källor" in text


def test_a_queued_pdf_is_said_at_the_button_and_opens_when_tried_again(
    live_server, page: Page, axe, settings, tmp_path
):
    settings.PDF_RENDERS = 1
    settings.PDF_RENDER_LOCK_DIR = str(tmp_path)
    settings.PDF_QUEUE_WAITERS = 0
    draft_url = start_draft(page, live_server)
    add_from_catalogue(page, "Personlig hygien", "Dusch")
    button = page.get_by_role("button", name="Skriv ut / ladda ner PDF")
    message = page.locator("#pdf-msg .problem")

    with render_pool.slots().hold(timeout=0):  # every slot busy, as with others' renders
        with page.expect_response(lambda response: "/pdf/" in response.url) as info:
            button.click()
        assert info.value.status == 503
        expect(message).to_contain_text("Utskriften är köad, försök om en stund")
        expect(page.locator("#status")).to_have_text("Utskriften är köad, försök om en stund")
        assert page.url == draft_url  # the draft stays on the screen
        axe(page, "a queued PDF")
        page.locator(".draft-actions").screenshot(path="/tmp/e2e-pdf-queued.png")

    with page.expect_response(lambda response: "/pdf/" in response.url) as info:
        message.get_by_role("button", name="Försök igen").click()
    assert info.value.status == 200
    page.wait_for_url(re.compile(r"/pdf/"))
    assert "Dusch" in pdf_text(fetch_pdf(page, info.value.url))
