"""The parts of a draft after its rows, in a real browser: kinds of week and the period, the
night, the decision with the comparison following each row, and the read-only link; by
keyboard, with axe-core on each state, and without JavaScript."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from assessments.models import Assessment, ShareLink
from tests.factories import make_draft

from .conftest import LOCALE
from .test_calculator import figure, open_details, saved, wait_for_htmx


def answered(page: Page, action) -> None:
    """Run `action` and wait for the server's answer to the save it makes, refused or not."""
    with page.expect_response(lambda r: r.request.method == "POST"):
        action()


@pytest.fixture
def draft(db) -> Assessment:
    # 20 min a day (2,33 h/vecka) and 60 min twice a week (2 h/vecka), both basic needs.
    return make_draft(
        title="Delar",
        rows=[
            {"description": "Dusch", "minutes": 20},
            {"description": "Bad", "minutes": 60, "times": 2, "per": "week"},
        ],
    )


def open_draft(page: Page, live_server, draft: Assessment) -> dict[str, int]:
    page.goto(live_server.url + draft.get_absolute_url())
    wait_for_htmx(page)
    return {row.description: row.pk for row in draft.rows()}


def open_part(page: Page, part_id: str):
    """Open a part by its summary from the keyboard, as a person without a mouse does."""
    part = page.locator(f"#{part_id}")
    if part.get_attribute("open") is None:
        part.locator(":scope > summary").focus()
        page.keyboard.press("Enter")
    expect(part).to_have_attribute("open", "")
    return part


def press_and_reload(page: Page, key: str) -> None:
    """A key whose save changes what the rows ask: the server answers by reloading the page."""
    with page.expect_navigation():
        page.keyboard.press(key)
    wait_for_htmx(page)


def test_school_and_holiday_weeks_by_keyboard(live_server, page: Page, axe, draft):
    rows = open_draft(page, live_server, draft)
    axe(page, "draft with its parts closed")

    part = open_part(page, "weeks-part")
    axe(page, "the weeks part open, one ordinary week")
    part.get_by_role("button", name="Skolveckor och lov (40 och 12 veckor)").focus()
    press_and_reload(page, "Enter")
    # The button is gone with the split made: the focus is back on the part, not at the top.
    expect(page.locator("#weeks-part > summary")).to_be_focused()
    expect(page.locator("#weeks-caption")).to_have_text("Sorters veckor, 52 veckor i allt")
    expect(page.get_by_text("Skolveckor och lovveckor är tillagda.")).to_be_visible()
    axe(page, "two kinds of week")

    # The bath happens in the holidays only: its line says so and the results split by week.
    details = open_details(page, rows["Bad"])
    school = details.get_by_role("checkbox", name="Skolvecka")
    school.focus()
    saved(page, lambda: page.keyboard.press("Space"))
    expect(page.locator(f"#r{rows['Bad']}-h")).to_contain_text("(lovvecka)")
    by_week = page.locator("#results table.by-week-type")
    expect(by_week.locator("tr", has_text="Skolvecka")).to_contain_text("2,33")
    expect(by_week.locator("tr", has_text="Lovvecka")).to_contain_text("4,33")
    # (2,33 × 52 + 2 × 12) / 52 = 2,79
    expect(figure(page, "Grundläggande behov")).to_have_text("2,79 h/vecka")
    axe(page, "a row of holiday weeks only")

    # Longer holidays, typed: the results and the caption follow without a reload.
    weeks = page.get_by_label("Antal veckor, sorts vecka 2")
    page.evaluate("() => { window.__marker = 1; }")
    saved(page, lambda: weeks.fill("26"))
    expect(page.locator("#weeks-caption")).to_have_text("Sorters veckor, 66 veckor i allt")
    # (2,33 × 66 + 2 × 26) / 66 = 3,12
    expect(figure(page, "Grundläggande behov")).to_have_text("3,12 h/vecka")
    assert page.evaluate("() => window.__marker") == 1, "the page was reloaded"
    draft.refresh_from_db()
    assert [w.weeks for w in draft.week_types.all()] == [40, 26]


def test_a_period_across_a_birthday_and_a_bad_period_said_at_its_field(
    live_server, page: Page, axe, db
):
    draft = make_draft(rows=[{"minutes": 200}], birth_month=date(2020, 3, 1))
    open_draft(page, live_server, draft)
    part = open_part(page, "weeks-part")

    start, end = (
        part.get_by_label("Beviljandeperioden börjar"),
        part.get_by_label("Beviljandeperioden slutar"),
    )
    start.fill("2027-06-30")
    answered(page, lambda: end.fill("2027-01-01"))
    error = page.locator("#period-period_end_error")
    expect(error).to_contain_text("Perioden kan inte sluta före den börjar")
    expect(end).to_have_attribute("aria-invalid", "true")
    expect(end).to_have_value("2027-01-01")  # what was typed stays
    axe(page, "a period that ends before it starts")

    start.fill("2027-01-01")
    saved(page, lambda: end.fill("2027-06-30"))
    expect(error).to_be_hidden()
    segments = page.locator("#results table.by-segment")
    expect(segments).to_contain_text("januari–februari 2027")
    expect(segments).to_contain_text("1–6 år")
    expect(segments).to_contain_text("7–11 år")
    axe(page, "a period in two parts")
    draft.refresh_from_db()
    assert (draft.period_start, draft.period_end) == (date(2027, 1, 1), date(2027, 6, 30))


def test_the_night_gives_waiting_time_and_rows_can_be_marked(live_server, page: Page, axe, draft):
    rows = open_draft(page, live_server, draft)
    part = open_part(page, "night-part")
    axe(page, "the night part open, no night")

    part.get_by_label("Nattvilan börjar").fill("22:00")
    end = part.get_by_label("Nattvilan slutar")
    end.fill("07:00")
    with page.expect_navigation():
        end.press("Tab")  # leaving the field saves it; a new night gives the rows a field
    wait_for_htmx(page)
    expect(page.get_by_text("Nattvilan är sparad.")).to_be_visible()
    expect(page.locator("#night-part > summary")).to_contain_text("22:00–07:00")
    expect(page.locator("#results")).to_contain_text("Nattvilan:")
    axe(page, "a night of waiting time")

    details = open_details(page, rows["Dusch"])
    at_night = details.get_by_role("checkbox", name="Hjälpen ges under nattvilan")
    saved(page, lambda: at_night.check())
    draft.refresh_from_db()
    assert [r.at_night for r in draft.rows()] == [True, False]
    axe(page, "a row marked as help at night")


def test_a_decision_by_keyboard_and_the_comparison_follows_each_row(
    live_server, page: Page, axe, draft
):
    rows = open_draft(page, live_server, draft)
    part = open_part(page, "decision")
    nobody = part.get_by_role("radio", name="Inget beslut att jämföra med")
    expect(nobody).to_be_checked()
    nobody.focus()
    press_and_reload(page, "ArrowDown")  # the next choice: Försäkringskassan
    agency = page.get_by_role("radio", name="Försäkringskassan")
    expect(agency).to_be_checked()
    expect(agency).to_be_focused()
    table = page.get_by_role("table", name="Vad beslutet gav för varje rad")
    expect(table.locator("tbody th")).to_have_text(
        [re.compile(r"^Rad 1: Dusch"), re.compile(r"^Rad 2: Bad")]
    )
    comparison = page.locator("#comparison")
    expect(comparison.locator(".verdict--decision")).to_contain_text("4,33 timmar")
    axe(page, "a decision, every row as applied for")

    # The decision gave 10 minutes for the shower: typed, then Tab, and the comparison follows.
    minutes = page.locator(f"#d{rows['Dusch']}-minutes")
    minutes.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("10")
    saved(page, lambda: page.keyboard.press("Tab"))
    # 10 min a day = 1,17 h; with the bath 2 h: 3,17.
    expect(comparison.locator(".verdict--decision")).to_contain_text("3,17 timmar")
    expect(comparison.locator(".comparison-totals tr", has_text="Grundläggande")).to_contain_text(
        "1,17"
    )
    # Swimming not granted, by the keyboard's space.
    page.locator(f"#d{rows['Bad']}-not_granted").focus()
    saved(page, lambda: page.keyboard.press("Space"))
    expect(comparison.locator(".verdict--decision")).to_contain_text("1,17 timmar")
    axe(page, "a decision that cut two rows")

    stored = {row.description: row.decided for row in draft.rows()}
    assert stored == {"Dusch": {"minutes": 10}, "Bad": {"granted": False}}
    page.get_by_role("link", name="Utkast till begäran om omprövning").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Utkast till begäran om omprövning")
    axe(page, "request for omprövning from the draft")


def test_a_read_only_link_is_made_opened_and_taken_back(live_server, browser, page, axe, draft):
    open_draft(page, live_server, draft)
    page.get_by_role("button", name="Skapa en läslänk").click()
    link = page.get_by_label("Läslänk")
    expect(link).to_have_value(re.compile(r"^http://.+/l/"))
    axe(page, "draft with a read-only link")
    address = link.input_value()
    assert draft.token not in address

    ombud = browser.new_context(locale=LOCALE)
    try:
        other = ombud.new_page()
        other.goto(address)
        expect(other.locator("h1")).to_have_text("Delar")
        expect(other.locator("form[method=post]")).to_have_count(0)
        expect(other.get_by_role("textbox")).to_have_count(0)
        axe(other, "the ombud's read-only page")

        page.get_by_role("button", name="Ta bort läslänken").click()
        expect(page.get_by_role("button", name="Skapa en läslänk")).to_be_visible()
        assert not ShareLink.objects.filter(assessment=draft).exists()
        response = other.reload()
        assert response.status == 404
        expect(other.locator("h1")).to_contain_text("finns inte")
        axe(other, "a read-only link taken back")
    finally:
        ombud.close()


def test_without_javascript_every_part_is_a_plain_form(live_server, browser, draft):
    context = browser.new_context(locale=LOCALE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + draft.get_absolute_url())
        page.locator("#weeks-part > summary").click()
        page.get_by_role("button", name="Skolveckor och lov (40 och 12 veckor)").click()
        expect(page).to_have_url(re.compile(r"#weeks$"))
        expect(page.get_by_text("Skolveckor och lovveckor är tillagda.")).to_be_visible()

        page.get_by_label("Antal veckor, sorts vecka 2").fill("tolv")
        page.get_by_label("Beviljandeperioden börjar").fill("2027-01-01")
        page.get_by_label("Beviljandeperioden slutar").fill("2027-12-31")
        page.get_by_role("button", name="Spara veckorna").click()
        summary = page.locator(".error-summary")
        expect(summary).to_be_focused()
        expect(summary.get_by_role("link")).to_have_text([re.compile("veckor")])
        expect(page.get_by_label("Beviljandeperioden börjar")).to_have_value("2027-01-01")
        page.get_by_label("Antal veckor, sorts vecka 2").fill("12")
        page.get_by_role("button", name="Spara veckorna").click()
        expect(page.get_by_text("Veckorna är sparade.")).to_be_visible()

        page.locator("#night-part > summary").click()
        page.get_by_label("Nattvilan börjar").fill("22:00")
        page.get_by_label("Nattvilan slutar").fill("06:00")
        page.get_by_role("button", name="Spara natten").click()
        expect(page.get_by_text("Nattvilan är sparad.")).to_be_visible()

        page.locator("#decision > summary").click()
        page.get_by_role("radio", name="Kommunen").check()
        page.get_by_role("button", name="Spara beslutet", exact=True).click()
        expect(page.get_by_text("Beslutet är sparat.")).to_be_visible()
        page.locator(f"#d{draft.rows()[0].pk}-minutes").fill("15")
        page.get_by_role("button", name="Spara beslutet för raderna").click()
        expect(page.get_by_text("Beslutet för raderna är sparat.")).to_be_visible()
        expect(page.locator("#comparison .verdict--decision")).to_be_visible()
    finally:
        context.close()

    draft = Assessment.objects.get(pk=draft.pk)
    assert [(w.key, w.weeks) for w in draft.week_types.all()] == [("school", 40), ("holiday", 12)]
    assert (draft.period_start, draft.period_end) == (date(2027, 1, 1), date(2027, 12, 31))
    assert draft.has_night and draft.decision_by == "kommun"
    assert draft.rows()[0].decided["minutes"] == 15
