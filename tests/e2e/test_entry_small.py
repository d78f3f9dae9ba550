"""Issue 23 item 7 in real Chromium: dates as ÅÅÅÅ-MM-DD in an English-locale browser, the
phone's sticky result bar on one line, and "Radera beräkningen" away from "Skriv ut"."""

from datetime import date

from playwright.sync_api import expect

from assessments.models import Assessment
from tests.factories import make_draft

from .conftest import LOCALE
from .test_calculator import wait_for_htmx


def draft_with_rows() -> Assessment:
    return make_draft(
        title="Små saker",
        assessment_date=date(2026, 7, 12),
        rows=[{"description": "Dusch", "minutes": 240}, {"description": "Äta", "minutes": 30}],
    )


def test_a_date_shows_and_takes_iso_in_an_english_browser(live_server, browser, db, axe):
    draft = draft_with_rows()
    context = browser.new_context(locale="en-US")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/sprak/sv/")
        page.goto(live_server.url + draft.get_absolute_url())
        wait_for_htmx(page)
        field = page.get_by_label("Bedömningsdatum")
        expect(field).to_have_value("2026-07-12")
        assert field.evaluate("input => input.type") == "text"
        with page.expect_response(lambda r: r.request.method == "POST"):
            field.fill("2026-8-3")
        draft.refresh_from_db()
        assert draft.assessment_date == date(2026, 8, 3)
        with page.expect_response(lambda r: r.request.method == "POST"):
            field.fill("12/07/2026")
        expect(page.locator("#details-assessment_date_error")).to_contain_text(
            "Bedömningsdatum måste vara ett riktigt datum, till exempel 2026-11-22."
        )
        expect(field).to_have_value("12/07/2026")
        axe(page, "a date refused")
    finally:
        context.close()


def test_on_a_phone_the_result_bar_is_one_line_with_the_verdict_and_total(live_server, browser, db):
    draft = draft_with_rows()
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale=LOCALE)
    try:
        page = context.new_page()
        page.goto(live_server.url + draft.get_absolute_url())
        page.locator("#add").scroll_into_view_if_needed()
        bar = page.locator("#result-bar")
        expect(bar).to_be_in_viewport()
        line = page.locator("#result-bar p")
        height, line_height = line.evaluate(
            "p => [p.getBoundingClientRect().height, parseFloat(getComputedStyle(p).lineHeight)]"
        )
        assert height < 1.5 * line_height, f"{height} px for a line of {line_height} px"
        shown = line.evaluate("p => p.innerText")
        assert "över gränsen" in shown or "under gränsen" in shown or "gränsen" in shown
        assert "Totalt" in shown
        box = bar.bounding_box()
        assert box["height"] <= 48, f"the bar takes {box['height']} of 740 px"
    finally:
        context.close()


def test_delete_is_away_from_print(live_server, page, db):
    draft = draft_with_rows()
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(live_server.url + draft.get_absolute_url())
        print_button = page.get_by_role("button", name="Skriv ut / ladda ner PDF")
        delete = page.get_by_role("link", name="Radera beräkningen")
        in_actions = page.locator("#actions").get_by_role("link", name="Radera beräkningen")
        expect(in_actions).to_have_count(0)
        gap = delete.bounding_box()["y"] - print_button.bounding_box()["y"]
        assert gap > 800, f"'Radera beräkningen' {gap} px below 'Skriv ut' at {width} px"
