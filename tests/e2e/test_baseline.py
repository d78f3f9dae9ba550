"""A baseline and the print language in a real browser (issue 21 items 4 and 5): last year's
file (version 1) opened as the draft's baseline, the changes shown and following a row's save,
a malformed file refused next to its field, without JavaScript too, at 375 px; an English page
that prints a Swedish PDF. axe-core on each state."""

import re

import pytest
from playwright.sync_api import Page, expect

from assessments.models import Assessment
from tests.test_baseline import LAST_YEAR, this_year

from .conftest import LOCALE
from .test_accessibility import NO_HORIZONTAL_SCROLL
from .test_calculator import field, saved
from .test_english import choose_english, pdf_text_and_lang


@pytest.fixture
def draft(db) -> Assessment:
    return Assessment.objects.create_from(this_year())


@pytest.fixture
def last_year(tmp_path):
    path = tmp_path / "forra-aret.json"
    path.write_text(LAST_YEAR)
    return path


def choose_baseline(page: Page, path) -> None:
    part = page.locator("#baseline")
    if not part.evaluate("element => element.open"):
        part.locator("summary").click()
    page.get_by_label("Välj en tidigare behovsfil (.json)").set_input_files(path)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Jämför med filen|Byt jämförelsefil")).click()


def changes(page: Page):
    return page.get_by_role("table", name="Ändrade rader och timmarna varje ändring flyttade")


def expect_last_years_changes(page: Page) -> None:
    table = changes(page)
    expect(table.locator("tbody tr")).to_have_count(4)
    expect(table.get_by_role("row", name=re.compile("Tolka"))).to_contain_text("+3,5 h/vecka")
    expect(table.get_by_role("row", name=re.compile("Lek"))).to_contain_text("Borttagen rad")
    expect(table.get_by_role("row", name=re.compile("dusch"))).to_contain_text("+2,33 h/vecka")
    expect(page.locator("#baseline")).to_contain_text("Timbelopp: 332,60\u00a0kr då, 347,70")


def test_a_version_1_file_as_the_baseline(live_server, page: Page, axe, draft, last_year, tmp_path):
    page.goto(live_server.url + draft.get_absolute_url())
    axe(page, "a draft with no baseline")
    choose_baseline(page, last_year)
    expect(page).to_have_url(re.compile(r"#baseline$"))
    expect(page.get_by_text("Filen är sparad som jämförelse.")).to_be_visible()
    expect_last_years_changes(page)
    axe(page, "a draft with last year's file as its baseline")

    # A row's save moves its change at once (htmx, out of band): interpreting 10 → 20 min.
    tolka = next(a for a in draft.rows() if a.description == "Tolka")
    saved(page, lambda: field(page, tolka.pk, "minutes").fill("20"))
    expect(changes(page).get_by_role("row", name=re.compile("Tolka"))).to_contain_text("+7 h/vecka")

    # A malformed file: refused whole, the reason next to the field, the baseline kept.
    broken = tmp_path / "trasig.json"
    broken.write_text('{"format": "behovsraknare.assessment", "version": 1, "activities": [{}]}')
    choose_baseline(page, broken)
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(page.locator("#baseline-file_error")).to_contain_text("Rad 1")
    expect(changes(page).locator("tbody tr")).to_have_count(4)
    axe(page, "a malformed baseline file refused")

    # Removed: the section says what it is for again.
    with page.expect_navigation():
        page.get_by_role("button", name="Ta bort jämförelsen").click()
    expect(changes(page)).to_have_count(0)
    expect(page.get_by_text("Jämförelsefilen är borttagen.")).to_be_visible()


def test_without_javascript_at_375_px(live_server, browser, axe, draft, last_year):
    plain = browser.new_context(
        locale=LOCALE, java_script_enabled=False, viewport={"width": 375, "height": 800}
    )
    try:
        page = plain.new_page()
        page.goto(live_server.url + draft.get_absolute_url())
        choose_baseline(page, last_year)
        expect_last_years_changes(page)
        assert page.evaluate(NO_HORIZONTAL_SCROLL), "the baseline scrolls sideways at 375 px"
        page.get_by_role("radio", name="beslutet i filen, det som beviljades").check()
        choose_baseline(page, last_year)
        expect(page.locator("#baseline-compare_error")).to_contain_text(
            "Filen har inget beslut att jämföra med."
        )
    finally:
        plain.close()
    # axe-core needs script: the same states at 375 px in a browser that runs it.
    phone = browser.new_context(locale=LOCALE, viewport={"width": 375, "height": 800})
    try:
        page = phone.new_page()
        page.goto(live_server.url + draft.get_absolute_url() + "#baseline")
        expect_last_years_changes(page)
        assert page.evaluate(NO_HORIZONTAL_SCROLL), "the baseline scrolls sideways at 375 px"
        axe(page, "a baseline at 375 px")
        page.get_by_role("radio", name="beslutet i filen, det som beviljades").check()
        choose_baseline(page, last_year)
        expect(page.locator("#baseline-compare_error")).to_contain_text("inget beslut")
        axe(page, "the decision asked of a file without one, at 375 px")
    finally:
        phone.close()


def test_an_english_page_prints_a_swedish_pdf(live_server, page: Page, axe, draft, last_year):
    page.goto(live_server.url + draft.get_absolute_url())
    choose_baseline(page, last_year)
    choose_english(page)
    expect(page.locator("#print-note")).to_have_text(
        re.compile(r"^The printout and the draft request .* are in Swedish")
    )
    expect(page.get_by_role("radio", name="svenska")).to_be_checked()
    expect(changes(page)).to_have_count(0)  # the page is English: its table too
    table = page.get_by_role("table", name="Changed rows and the hours each change moved")
    expect(table.get_by_role("row", name=re.compile("Tolka"))).to_contain_text("+3.5 h/week")
    axe(page, "an English page that prints in Swedish")
    text, lang = pdf_text_and_lang(page, page.url.split("#")[0] + "pdf/?bilaga=1")
    assert lang == "sv"
    assert "Bilaga: Vad har ändrats sedan" in text and "Grundläggande behov" in text
    assert "Appendix" not in text and "Basic needs" not in text

    # The reader chooses English for the print: kept with the draft, the PDF follows.
    page.get_by_role("radio", name="English").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save the print language").click()
    expect(page.locator("#print-note")).to_have_count(0)
    text, lang = pdf_text_and_lang(page, page.url.split("#")[0] + "pdf/?bilaga=1")
    assert lang == "en" and "Appendix: What has changed since" in text
