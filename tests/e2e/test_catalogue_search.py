"""The behovslista in Chromium on a 40-row draft (issue 23 items 2 and 5): each word people type
finds its item, in Swedish and English; nothing found offers an own row with the words typed;
items marked across searches are added at once; at 375 px and 200 %; axe-core 0 on each state."""

import re

import pytest
from playwright.sync_api import Page, expect

from assessments import catalogue
from tests.factories import make_draft
from tests.test_catalogue_search import ENGLISH, SWEDISH

from .test_calculator import row_cards, wait_for_htmx

pytestmark = pytest.mark.django_db(transaction=True)


def forty_row_draft():
    items = [item for group in catalogue.CATALOGUE for item in group.items][:40]
    return make_draft(
        rows=[
            {"description": item.row.description, "need": item.need, "kind": item.row.kind}
            for item in items
        ]
    )


def open_draft(page: Page, live_server, draft, query: str = "") -> None:
    page.goto(live_server.url + draft.get_absolute_url() + (f"?sok={query}" if query else ""))
    wait_for_htmx(page)
    expect(row_cards(page)).to_have_count(40)


def item_of(page: Page, key: str):
    return page.locator(f"#add li:has(input.pick[value='{key}'])")


def search(page: Page, words: str) -> None:
    field = page.locator("#catalogue-filter")
    field.fill(words)


def at_the_catalogue(page: Page) -> None:
    """Scroll so that the catalogue's heading is at the top, below the sticky result bar, as a
    person sees the list they search (and no table row lies half under the bar)."""
    page.locator("#add-heading").evaluate("h => h.scrollIntoView({block: 'start'})")


def fits(page: Page, width: int) -> None:
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"the page is {scroll} px wide at {width} px"


def test_each_word_finds_its_item_in_swedish(live_server, page: Page, axe):
    open_draft(page, live_server, forty_row_draft())
    for words, key in SWEDISH:
        search(page, words)
        expect(item_of(page, key)).to_be_visible()
        expect(page.locator("#catalogue-none")).to_be_hidden()
    search(page, "lyft")
    expect(page.locator("#catalogue-count")).to_have_text("3 aktiviteter passar.")
    expect(page.locator("#add li:visible")).to_have_count(3)
    at_the_catalogue(page)
    axe(page, "the catalogue searched, with results")


def test_each_word_finds_its_item_in_english(live_server, page: Page, axe):
    draft = forty_row_draft()
    open_draft(page, live_server, draft)
    with page.expect_navigation():
        page.get_by_role("link", name="In English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    wait_for_htmx(page)
    for words, key in ENGLISH:
        search(page, words)
        expect(item_of(page, key)).to_be_visible()
    search(page, "kateter")  # the Swedish word still finds it on the English page
    expect(item_of(page, "hygiene-catheter")).to_be_visible()
    at_the_catalogue(page)
    axe(page, "the catalogue searched in English")


def test_nothing_found_offers_an_own_row_with_the_words_typed(live_server, page: Page, axe):
    open_draft(page, live_server, forty_row_draft())
    search(page, "spela gitarr")
    expect(page.locator("#catalogue-count")).to_have_text("Ingen aktivitet passar.")
    none = page.locator("#catalogue-none")
    expect(none).to_be_visible()
    own_row = page.locator("#own-row")
    expect(own_row).to_have_attribute("open", "")
    expect(own_row.get_by_label("Beskrivning (frivillig)")).to_have_value("spela gitarr")
    expect(page.locator("#add li:visible")).to_have_count(0)
    at_the_catalogue(page)
    axe(page, "the catalogue searched, nothing found")

    own_row.get_by_role("radio", name="Fritid", exact=False).first.check()
    page.get_by_role("button", name="Lägg till egen rad").click()
    expect(row_cards(page)).to_have_count(41)
    expect(page.locator("#rows-table input[value='spela gitarr']")).to_have_count(1)
    # A search that finds again takes the message away.
    search(page, "dusch")
    expect(none).to_be_hidden()


def test_items_marked_across_searches_are_added_at_once(live_server, page: Page, axe):
    draft = forty_row_draft()
    open_draft(page, live_server, draft)
    for words, label in [
        ("dusch", "Markera Dusch"),
        ("tänder", "Markera Tandborstning"),
        ("lyft", "Markera Förflyttning och lyft vid toalett och dusch"),
        ("vändning", "Markera Vändning i sängen på natten"),
    ]:
        search(page, words)
        page.get_by_role("checkbox", name=label, exact=True).check()
    expect(page.locator("#marked-count")).to_have_text("4 markerade")
    at_the_catalogue(page)
    axe(page, "the catalogue with items marked")

    page.get_by_role("button", name="Lägg till de markerade").click()
    expect(row_cards(page)).to_have_count(44)
    expect(page.locator("#status")).to_have_text("4 rader tillagda.")
    wait_for_htmx(page)
    descriptions = [row.description for row in draft.rows()]
    assert descriptions.count("Vändning i sängen på natten") == 1
    assert "Förflyttning och lyft vid toalett och dusch" in descriptions
    assert page.locator("#add input.pick:checked").count() == 0
    at_the_catalogue(page)
    axe(page, "the draft after the marked items were added")


@pytest.mark.parametrize("state", ["results", "none", "marked"])
@pytest.mark.parametrize(("width", "scale"), [(375, 1), (640, 2)], ids=["375px", "zoom200"])
def test_every_state_fits_a_phone_and_200_percent(live_server, browser, axe, state, width, scale):
    context = browser.new_context(
        viewport={"width": width, "height": 740}, device_scale_factor=scale, locale="sv-SE"
    )
    try:
        page = context.new_page()
        open_draft(page, live_server, forty_row_draft())
        search(page, {"results": "kateter", "none": "spela gitarr", "marked": "lyft"}[state])
        if state == "marked":
            for box in page.locator("#add input.pick:visible").all():
                box.check()
            expect(page.locator("#marked-count")).to_have_text("3 markerade")
        at_the_catalogue(page)
        fits(page, width)
        axe(page, f"the catalogue at {width} px, scale {scale}: {state}")
    finally:
        context.close()


def test_without_javascript_the_search_and_the_marking_work(live_server, browser):
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    try:
        page = context.new_page()
        draft = forty_row_draft()
        page.goto(live_server.url + draft.get_absolute_url())
        page.get_by_label("Sök aktivitet").fill("naglar")
        with page.expect_navigation():
            page.get_by_role("button", name="Sök", exact=True).click()
        assert re.search(r"\?sok=naglar", page.url)
        expect(page.locator("#add li:visible")).to_have_count(1)
        expect(item_of(page, "hygiene-nails")).to_be_visible()
        expect(page.locator("#catalogue-count")).to_have_text("1 aktivitet passar.")
        page.get_by_role("checkbox", name="Markera Nagelvård").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Lägg till de markerade").click()
        expect(row_cards(page)).to_have_count(41)
        expect(page.get_by_text("1 rad tillagd.")).to_be_visible()

        page.get_by_label("Sök aktivitet").fill("spela gitarr")
        with page.expect_navigation():
            page.get_by_label("Sök aktivitet").press("Enter")
        expect(page.locator("#own-row").get_by_label("Beskrivning (frivillig)")).to_have_value(
            "spela gitarr"
        )
    finally:
        context.close()
