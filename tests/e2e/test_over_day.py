"""Rows that exceed the dygn and the double night in a real browser (issue 20 items 2 and 6):
the page says so in place of the total, the money and the verdict, in the result bar, on the
read-only page and at 375 px and 200 % zoom, with axe-core finding nothing; the catalogue's
night waiting fills the Natten part instead of adding a row, with and without JavaScript."""

import re
from datetime import date, time

import pytest
from playwright.sync_api import Page, expect

from assessments.models import Assessment
from tests.factories import make_draft

from .conftest import LOCALE
from .test_calculator import (
    field,
    fill_and_wait,
    open_catalogue_group,
    row_cards,
    wait_for_htmx,
)
from .test_pdf_link import fetch_pdf

NO_HORIZONTAL_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"
OVER_SENTENCE = "Raderna ger 26 timmar per dygn men dygnet har 24."
WAY_OUT = "Beskriv dagen som en dagplan."

# Supervision of breathing written as 14 hours of rows on top of the help in the same hours.
OVER_ROWS = [
    {"need": "breathing", "description": "Tillsyn för andning", "minutes": 60, "times": 14},
    {"need": "personal_hygiene", "description": "Dusch och toalett", "minutes": 60, "times": 4},
    {"need": "meals", "description": "Måltider", "minutes": 60, "times": 4},
    {"need": "household", "description": "Hushåll", "kind": "other", "minutes": 60, "times": 4},
]


@pytest.fixture
def over(db) -> Assessment:
    return make_draft(OVER_ROWS, title="Respirator som rader", assessment_date=date(2026, 11, 2))


def test_over_24_hours_stands_in_place_of_the_total_on_the_page(live_server, page: Page, axe, over):
    page.goto(live_server.url + over.get_absolute_url())
    wait_for_htmx(page)
    results = page.locator("#results")
    box = results.locator("#over-day")
    expect(box).to_contain_text(OVER_SENTENCE)
    expect(box).to_contain_text(WAY_OUT)
    expect(results).not_to_contain_text("Det talar för statlig assistansersättning")
    expect(results.locator(".figures")).to_contain_text("Inget belopp förrän dagen går ihop.")
    expect(results.locator(".figures")).not_to_contain_text("182 h/vecka")
    bar = page.locator("#result-bar")
    expect(bar).to_contain_text("Ingen summa: samma tid räknas två gånger.")
    expect(bar).not_to_contain_text("Totalt")
    axe(page, "a draft whose rows exceed the dygn")
    # The PDF the person prints says it on page 1, in place of the total and the money.
    first_page = fetch_pdf(page, live_server.url + over.get_absolute_url() + "pdf/").pages[0]
    printed = " ".join(first_page.extract_text().split())
    assert OVER_SENTENCE in printed and "Kontrollera" in printed
    assert "beräknas inte, eftersom raderna räknar samma tid två gånger" in printed

    # A row changed so that the day adds up: the total and the verdict come back, live.
    pk = over.activities.get(need="breathing").pk
    fill_and_wait(page, field(page, pk, "times"), "2")
    expect(results.locator("#over-day")).to_have_count(0)
    expect(results).to_contain_text("Det talar för statlig assistansersättning")
    expect(bar).to_contain_text("Totalt")
    axe(page, "the same draft once the day adds up")


@pytest.mark.parametrize(
    ("width", "scale", "label"),
    [(375, 1, "375 px, phone"), (640, 2, "200 % zoom of a 1280 px window")],
    ids=["375px", "zoom200"],
)
def test_over_24_hours_reads_at_375_px_and_200_percent(
    live_server, browser, axe, over, width, scale, label
):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, device_scale_factor=scale, locale=LOCALE
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + over.get_absolute_url())
        expect(page.locator("#over-day")).to_contain_text(OVER_SENTENCE)
        assert page.evaluate(NO_HORIZONTAL_SCROLL), f"horizontal scrolling at {label}"
        axe(page, f"rows over the dygn at {label}")
    finally:
        context.close()


def test_the_read_only_page_says_over_24_hours(live_server, page: Page, axe, over):
    page.goto(live_server.url + over.get_absolute_url())
    page.get_by_role("button", name="Skapa en läslänk").click()
    link = page.get_by_label("Läslänk", exact=True).input_value()
    page.goto(link)
    expect(page.locator("#over-day")).to_contain_text(OVER_SENTENCE)
    expect(page.locator("body")).not_to_contain_text("182 h/vecka")
    axe(page, "the read-only page of rows over the dygn")


@pytest.mark.parametrize("js", [True, False], ids=["htmx", "without JavaScript"])
def test_the_night_waiting_item_fills_the_night_part_instead_of_a_row(
    live_server, browser, axe, db, js
):
    draft = make_draft([{"description": "Dusch"}], assessment_date=date(2026, 11, 2))
    context = browser.new_context(locale=LOCALE, java_script_enabled=js)
    page = context.new_page()
    try:
        page.goto(live_server.url + draft.get_absolute_url())
        if js:
            wait_for_htmx(page)
        group = open_catalogue_group(page, "Tillsyn")
        group.get_by_role("button", name="Lägg till raden Väntetid under nattvilan").press("Enter")
        expect(page).to_have_url(re.compile(r"#night-part$"))
        expect(page.locator("body")).to_contain_text("Natten är ifylld: nattvila 22:00–07:00")
        night = page.locator("#night-part")
        expect(night).to_have_attribute("open", "")
        expect(night.get_by_label("Nattvilan börjar")).to_have_value("22:00")
        expect(row_cards(page)).to_have_count(1)  # no row of waiting time
        draft.refresh_from_db()
        assert (draft.night_start, draft.night_end, draft.night_cover) == (
            time(22, 0),
            time(7, 0),
            "waiting",
        )
        if js:  # axe-core is a script: the same state without JavaScript is checked with it
            axe(page, "the night filled in from the catalogue")
    finally:
        context.close()
