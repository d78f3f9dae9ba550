"""axe-core (WCAG 2.0/2.1/2.2 A and AA) on every page state, and reflow at 320 px and 200 %.

The `axe` fixture (conftest.py) fails the test on any violation. States reached with htmx are
checked after the swap. The pages a browser without JavaScript gets (error summary after a
full-page post) are checked with the app's own scripts blocked: axe itself cannot run with
scripts off (see test_without_javascript.py), and with htmx and app.js never loaded the page is
exactly the one a browser without JavaScript receives.
"""

import json
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from .conftest import LOCAL_HOSTS, LOCAL_SCHEMES, LOCALE
from .test_calculator import (
    add_free_row,
    add_from_catalogue,
    catalogue_group,
    field,
    open_catalogue_group,
    open_details,
    row_cards,
    start_draft,
    wait_for_focus,
)

NO_HORIZONTAL_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


def test_axe_on_the_pages_around_the_draft(
    live_server, page: Page, axe, settings, tmp_path, csp_violations
):
    page.goto(live_server.url + "/")
    axe(page, "start page")
    # The page's CSP (script-src 'self') blocks inline scripts; axe still runs (see conftest.py).
    with pytest.raises(PlaywrightError, match="Content Security Policy"):
        page.add_script_tag(content="window.injected = true")
    assert page.evaluate("() => window.injected") is None
    assert [v for v in csp_violations if "inline script" in v] == csp_violations != []
    csp_violations.clear()  # refused on purpose

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "något annat", "version": 1}), encoding="utf-8")
    page.get_by_label("Välj en sparad behovsfil (.json)").set_input_files(bad)
    page.get_by_role("button", name="Öppna filen").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page).to_have_title(re.compile("^Fel: "))
    axe(page, "start page with import errors")
    page.screenshot(path="/tmp/e2e-start-import-error.png")

    page.get_by_role("link", name="Så hanterar vi dina uppgifter").click()
    expect(page).to_have_url(re.compile("/integritet/$"))
    axe(page, "privacy page")

    page.get_by_role("link", name="Tillgänglighetsredogörelse").click()
    expect(page).to_have_url(re.compile("/tillganglighet/$"))
    axe(page, "accessibility statement")

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "create": (0, 3600)}
    page.goto(live_server.url + "/")
    with page.expect_response(re.compile("/ny/$")) as response_info:
        page.get_by_role("button", name="Starta en ny beräkning").click()
    assert response_info.value.status == 429
    expect(page.get_by_role("heading", level=1)).to_have_text("För många försök på kort tid")
    axe(page, "429 rate-limit page")


def test_axe_on_every_state_of_a_draft_with_javascript(live_server, page: Page, axe):
    start_draft(page, live_server)
    axe(page, "empty draft")

    # Rows added (htmx swaps of one need each) with the catalogue group still open.
    shower = add_from_catalogue(page, "Personlig hygien", "Dusch")
    add_from_catalogue(page, "Personlig hygien", "Tandborstning")
    add_from_catalogue(page, "Måltider", "Äta")
    add_free_row(page, "Tillsyn, väntetid och beredskap")
    expect(catalogue_group(page, "Måltider")).to_have_attribute("open", "")
    axe(page, "the table with rows, catalogue group open (after add swaps)")
    page.screenshot(path="/tmp/e2e-draft-rows-desktop.png")

    # A row error, listed under the row's line by htmx.
    field(page, shower, "minutes").fill("abc")
    expect(page.locator(f"#r{shower}-minutes_error")).not_to_be_empty()
    field(page, shower, "times").fill("0")
    expect(page.locator(f"#r{shower}-times_error")).to_contain_text("större än 0")
    axe(page, "draft with row errors and figures that leave the change out (htmx)")
    page.locator(f"#r{shower}").screenshot(path="/tmp/e2e-row-error.png")
    field(page, shower, "minutes").fill("30")
    field(page, shower, "times").fill("1")
    expect(page.locator(f"#r{shower}-times_error")).to_have_count(0)
    expect(page.locator(f"#r{shower}-minutes_error")).to_have_count(0)

    # A details error (age), swapped in by htmx.
    page.get_by_label("Ålder i hela år (frivilligt)").fill("200")
    expect(page.locator("#details-age_error")).to_contain_text("Ålder kan inte vara högre än 120.")
    axe(page, "draft with a details error (htmx)")
    page.get_by_label("Ålder i hela år (frivilligt)").fill("4")
    expect(page.locator("#details-age_error")).to_be_empty()
    expect(page.locator("#results")).to_contain_text("Föräldraavdrag")

    # "Så räknade vi" open.
    page.locator("#explanation summary").click()
    expect(page.locator("#explanation")).to_have_attribute("open", "")
    axe(page, "draft with Så räknade vi open")
    page.locator("#results").screenshot(path="/tmp/e2e-results-explanation.png")

    # A row open in place, with a personal number typed in its note (warned before saving).
    details = open_details(page, shower)
    axe(page, "a row's details open")
    field(page, shower, "note").fill("Intyg för 811218-9876")
    expect(page.locator(f"[id='r{shower}-note_pnr']")).to_contain_text("personnummer")
    axe(page, "a personal number warning in a row's note")
    details.screenshot(path="/tmp/e2e-row-details.png")

    # The catalogue filtered as one types.
    page.get_by_label("Sök aktivitet").fill("dusch")
    expect(page.locator("#catalogue-count")).to_contain_text("passar")
    axe(page, "the catalogue filtered")
    page.locator("#add").screenshot(path="/tmp/e2e-catalogue-filtered.png")
    page.get_by_label("Sök aktivitet").fill("")

    # After a move and a removal (the row's place holds its undo), and after the undo.
    details.get_by_role("button", name="Flytta ner rad 1: Dusch").click()
    expect(row_cards(page).nth(1)).to_have_id(f"r{shower}")
    axe(page, "draft after a move")
    page.get_by_role("button", name="Ta bort rad 2: Dusch").click()
    wait_for_focus(page, f"r{shower}-removed")
    expect(row_cards(page)).to_have_count(3)
    axe(page, "draft after a removal, with its undo")
    page.get_by_role("button", name="Ångra borttagningen av rad 2: Dusch").click()
    expect(row_cards(page)).to_have_count(4)
    axe(page, "draft after an undo")

    # Print media: what Ctrl+P prints.
    page.emulate_media(media="print")
    axe(page, "draft in print media")
    page.emulate_media(media="screen")

    # The delete confirmation.
    page.get_by_role("link", name="Radera beräkningen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vill du radera beräkningen?")
    axe(page, "delete confirmation")


def test_axe_on_the_pages_a_browser_without_javascript_gets(live_server, page: Page, axe):
    page.route(re.compile(r"/static/(vendor/htmx\.min\.js|js/app\.js)$"), lambda r: r.abort())
    draft_url = start_draft(page, live_server, js=False)
    axe(page, "empty draft, no scripts")

    group = open_catalogue_group(page, "Av- och påklädning")
    group.get_by_role("button", name="Lägg till raden Av- och påklädning").click()
    expect(page).to_have_url(re.compile(r"#r\d+$"))
    expect(row_cards(page)).to_have_count(1)
    axe(page, "draft with a row, no scripts")

    # A row's details, opened by its link.
    page.get_by_role("link", name="Detaljer rad 1: Av- och påklädning").click()
    expect(page).to_have_url(re.compile(r"\?rad=\d+#r\d+-d$"))
    axe(page, "a row's details open, no scripts")

    # A row posted with errors: the error summary at the top, focused.
    row = row_cards(page).first
    row.get_by_label("Minuter per tillfälle").fill("")
    row.get_by_label("Antal gånger").fill("tre")
    page.get_by_role("button", name="Spara ändringarna").first.click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Det finns ett problem")
    expect(summary.get_by_role("link")).to_have_count(2)
    expect(summary).to_be_focused()
    axe(page, "draft with an error summary, no scripts")
    page.screenshot(path="/tmp/e2e-error-summary-nojs.png")

    # The details form posted with an error (the address is now the row's: go back to the draft).
    page.goto(draft_url)
    page.get_by_label("Bedömningsdatum").fill("")
    page.get_by_role("button", name="Spara uppgifterna").click()
    expect(page.locator(".error-summary")).to_contain_text("Ange bedömningsdatum")
    axe(page, "draft with a details error summary, no scripts")

    # The parts after the rows: kinds of week with an error, then a decision with its rows.
    page.goto(draft_url)
    page.locator("#weeks-part > summary").click()
    page.get_by_role("button", name="Skolveckor och lov (40 och 12 veckor)").click()
    page.get_by_label("Antal veckor, sorts vecka 1").fill("0")
    page.get_by_role("button", name="Spara veckorna").click()
    expect(page.locator(".error-summary")).to_contain_text("större än 0")
    axe(page, "the weeks with an error summary, no scripts")
    page.goto(draft_url)
    page.locator("#decision > summary").click()
    page.get_by_role("radio", name="Försäkringskassan").check()
    page.get_by_role("button", name="Spara beslutet", exact=True).click()
    expect(page.get_by_role("table", name="Vad beslutet gav för varje rad")).to_be_visible()
    expect(page.locator("#comparison")).to_be_visible()
    axe(page, "a decision with its rows and the comparison, no scripts")


def record_external_requests(context) -> list[str]:
    external: list[str] = []

    def record(request):
        parts = urlsplit(request.url)
        if parts.scheme not in LOCAL_SCHEMES and (parts.hostname or "") not in LOCAL_HOSTS:
            external.append(request.url)

    context.on("request", record)
    return external


def fill_a_draft(page: Page, live_server) -> None:
    start_draft(page, live_server)
    add_from_catalogue(page, "Personlig hygien", "Förbereda dusch eller bad och plocka undan")
    add_from_catalogue(page, "Måltider", "Äta")
    page.get_by_label("Ålder i hela år (frivilligt)").fill("5")
    expect(page.locator("#results")).to_contain_text("Föräldraavdrag")
    page.locator("#explanation summary").click()


@pytest.mark.parametrize(
    ("width", "scale", "label"),
    [
        (320, 1, "320 px (WCAG 1.4.10 reflow)"),
        (375, 1, "375 px, phone"),
        (640, 2, "200 % zoom of a 1280 px window"),
    ],
    ids=["320px", "375px", "zoom200"],
)
def test_no_horizontal_scrolling(live_server, browser, axe, width, scale, label):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, device_scale_factor=scale, locale=LOCALE
    )
    external = record_external_requests(context)
    page = context.new_page()
    try:
        fill_a_draft(page, live_server)
        expect(page.locator("#explanation")).to_have_attribute("open", "")
        assert page.evaluate(NO_HORIZONTAL_SCROLL), (
            f"horizontal scrolling at {label}: scrollWidth "
            f"{page.evaluate('document.documentElement.scrollWidth')} > {width}"
        )
        axe(page, f"draft with rows at {label}")
        page.locator("#results").screenshot(path=f"/tmp/e2e-results-{width}px.png")
        # The rows are short cards; one opens in place, still without sideways scrolling.
        pk = int(row_cards(page).first.get_attribute("id").removeprefix("r"))
        open_details(page, pk)
        assert page.evaluate(NO_HORIZONTAL_SCROLL), f"an open row scrolls sideways at {label}"
        axe(page, f"a row open at {label}")
        page.locator("#rows").screenshot(path=f"/tmp/e2e-rows-{width}px.png")
        # The compact result bar stays in view with the verdict and the total.
        page.locator("#add").scroll_into_view_if_needed()
        bar = page.locator("#result-bar")
        expect(bar).to_be_in_viewport()
        expect(bar).to_contain_text("Grundläggande behov")
        expect(bar).to_contain_text("Totalt")
        page.goto(live_server.url + "/")
        assert page.evaluate(NO_HORIZONTAL_SCROLL), f"start page scrolls sideways at {label}"
    finally:
        context.close()
    assert not external, f"requests to other hosts: {external}"
