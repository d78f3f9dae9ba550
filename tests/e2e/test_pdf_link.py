"""The printable summary opens from the draft page in a real browser (issues 4 and 12): the PDF
button, with the appendix only when its checkbox is ticked."""

import io

import pypdf
from playwright.sync_api import Page

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
