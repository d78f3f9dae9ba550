"""An own row ("Lägg till egen rad", issue 23 item 3) in real Chromium: by keyboard alone with
JavaScript, and as a plain form without it; axe-core and HTML_CodeSniffer on the questions."""

import re

from playwright.sync_api import Page, expect

from .conftest import LOCALE
from .test_calculator import field, row_pks, start_draft, wait_for_focus


def test_an_own_row_by_keyboard_asks_need_and_kind_and_vet_inte_is_cautious(
    live_server, page: Page, axe
):
    start_draft(page, live_server)
    summary = page.locator("#own-row > summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#own-row")).to_have_attribute("open", "")
    axe(page, "the own-row questions")

    # Nothing chosen: the error is next to the question, in Swedish, and focus can go on.
    page.get_by_role("button", name="Lägg till egen rad").press("Enter")
    error = page.locator("#add-need_error")
    expect(error).to_have_text(re.compile("Välj vilket behov raden gäller."))
    axe(page, "the own-row questions with an error")

    # The need by keyboard: into the radio group, the arrow keys choose (2. Personlig hygien).
    page.locator("#add-need-breathing").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    hygiene = page.get_by_role("radio", name="2. Personlig hygien")
    expect(hygiene).to_be_checked()
    # Its example is read with it.
    expect(hygiene).to_have_accessible_description(re.compile("Till exempel dusch"))
    expect(page.get_by_role("radio", name="Vet inte")).to_be_checked()
    page.keyboard.press("Tab")  # to the kind question, where "Vet inte" is chosen
    expect(page.get_by_role("radio", name="Vet inte")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Beskrivning (frivillig)")).to_be_focused()
    page.keyboard.type("Byta kateter")
    before = set(row_pks(page))
    page.keyboard.press("Enter")  # Enter in the description adds this row, not a list item

    expect(page.locator("#rows-table tr.row")).to_have_count(len(before) + 1)
    (pk,) = set(row_pks(page)) - before
    wait_for_focus(page, f"r{pk}-description")
    expect(field(page, pk, "description")).to_have_value("Byta kateter")
    expect(field(page, pk, "kind")).to_have_value("other")
    expect(page.locator("#need-personal_hygiene")).to_contain_text("Byta kateter")
    expect(page.locator("#status")).to_contain_text(
        "Du svarade Vet inte, så raden räknas som annat personligt behov, det försiktiga valet."
    )
    expect(error).to_be_empty()
    # The questions start afresh for the next own row.
    expect(page.get_by_label("Beskrivning (frivillig)")).to_have_value("")
    expect(page.get_by_role("radio", name="2. Personlig hygien")).not_to_be_checked()
    axe(page, "an own row added")


def test_an_own_row_without_javascript_is_a_plain_form(live_server, browser, axe):
    context = browser.new_context(locale=LOCALE, java_script_enabled=False)
    try:
        page = context.new_page()
        start_draft(page, live_server, js=False)
        page.locator("#own-row > summary").click()
        page.get_by_role("radio", name="Hushåll och matlagning").check()
        page.get_by_role("radio", name="Ja, grundläggande behov").check()
        page.get_by_label("Beskrivning (frivillig)").fill("Storstädning")
        page.get_by_role("button", name="Lägg till egen rad").click()

        expect(page).to_have_url(re.compile(r"\?ny=\d+#r\d+$"))
        pk = int(re.search(r"#r(\d+)$", page.url).group(1))
        expect(field(page, pk, "description")).to_have_value("Storstädning")
        # An other need is an other need whatever was answered (rules.md R2).
        expect(page.locator(f"#r{pk}")).to_contain_text("Annat personligt behov")
        expect(page.get_by_role("link", name="Lägg till nästa behov")).to_have_count(1)

        page.locator("#own-row > summary").click()
        page.get_by_role("radio", name="4. Av- och påklädning").check()
        page.get_by_role("button", name="Lägg till egen rad").click()
        expect(page.locator(".notice[role='status']")).to_contain_text(
            "Du svarade Vet inte, så raden räknas som annat personligt behov"
        )
    finally:
        context.close()


def test_the_own_row_questions_reflow_on_a_phone_and_at_200_percent(live_server, browser, axe):
    for width, scale, label in [(375, 1, "375 px"), (640, 2, "200 % of 1280 px")]:
        context = browser.new_context(
            viewport={"width": width, "height": 800}, device_scale_factor=scale, locale=LOCALE
        )
        try:
            page = context.new_page()
            start_draft(page, live_server)
            page.locator("#own-row > summary").click()
            page.get_by_role("radio", name="3. Måltider").check()
            expect(page.get_by_role("radio", name="Vet inte")).to_be_checked()
            assert page.evaluate(
                "() => document.documentElement.scrollWidth <= window.innerWidth"
            ), f"the own-row questions scroll sideways at {label}"
            axe(page, f"the own-row questions at {label}")
        finally:
            context.close()
