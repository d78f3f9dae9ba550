"""The printable summary opens from the draft page in a real browser (issue 4)."""

import io

import pypdf
from playwright.sync_api import Page

from tests.e2e.test_calculator import add_from_catalogue, start_draft


def test_the_pdf_opens_from_the_draft_page_with_the_draft_in_it(live_server, page: Page):
    start_draft(page, live_server)
    add_from_catalogue(page, "Personlig hygien", "Dusch")
    add_from_catalogue(page, "Måltider", "Äta")
    link = page.get_by_role("link", name="Skriv ut / ladda ner PDF")
    with page.expect_response(lambda response: response.url.endswith("/pdf/")) as info:
        link.click()
    response = info.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "no-store" in response.headers["cache-control"]
    # Chromium's PDF viewer takes the body of the navigation; fetch the same URL for the bytes.
    reader = pypdf.PdfReader(io.BytesIO(page.request.get(response.url).body()))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Dusch" in text and "Äta" in text
    assert "Sida 1 av" in text
