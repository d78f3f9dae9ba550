"""The day plan part in the browser (issue 20): the shape of the weeks asked first, a day plan
built by keyboard (axe-core on every state), the same without JavaScript, and at 375 px."""

import re
import subprocess

from playwright.sync_api import Page, expect

from assessments.models import DayPlan

from .test_accessibility import LOCALE, NO_HORIZONTAL_SCROLL
from .test_calculator import start_draft


def press_enter_on(page: Page, locator) -> None:
    """Focus a control and press Enter, as a keyboard user does; wait for the new page."""
    locator.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(page: Page, locator, text: str) -> None:
    locator.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def set_time(locator, text: str) -> None:
    """A time input (type=time) takes its value as the browser's own control does."""
    locator.focus()
    locator.fill(text)


def answer_the_shape(page: Page) -> None:
    """Both questions by keyboard: arrows move within a radio group, as in any browser."""
    shape = page.locator("#shape")
    expect(shape).to_be_visible()
    shape.get_by_label("Nej, alla veckor är ungefär lika").focus()
    shape.get_by_label("Nej", exact=True).focus()
    page.keyboard.press("ArrowDown")  # "Ja, någon behöver finnas på plats (väntetid)"
    expect(shape.get_by_label("Ja, någon behöver finnas på plats (väntetid)")).to_be_checked()
    press_enter_on(page, shape.get_by_role("button", name="Spara och gå vidare"))


def open_day_plans(page: Page) -> None:
    part = page.locator("#day-plans-part")
    if part.get_attribute("open") is None:
        part.locator("summary").focus()
        page.keyboard.press("Enter")
    expect(part).to_have_attribute("open", "")


def build_a_plan(page: Page, axe=None) -> None:
    """A plan of every day: breathing supervision 07:00–22:00, suction at 10:00 from the
    behovslista with its default minutes, a transfer whose first 5 minutes need two."""
    check = axe or (lambda page, label: None)
    open_day_plans(page)
    check(page, "day plans, none yet")
    new = page.locator("#new-plan")
    type_into(page, new.get_by_label("Namn på dagen"), "Varje dag")
    press_enter_on(page, new.get_by_label("Namn på dagen"))
    expect(page.get_by_role("heading", level=3, name=re.compile("Varje dag"))).to_be_visible()
    check(page, "a new empty plan")

    plan = page.locator("section.day-plan").first
    span = plan.locator("form.plan-form").nth(0)
    span.get_by_label("Sorts närvaro").select_option("supervision")
    set_time(span.get_by_label("Från"), "07:00")
    set_time(span.get_by_label("Till", exact=True), "22:00")
    type_into(page, span.get_by_label("Beskrivning (frivillig)"), "Tillsyn för andning")
    press_enter_on(page, span.get_by_label("Beskrivning (frivillig)"))
    plan = page.locator("section.day-plan").first
    expect(plan.locator(".plan-list").first).to_contain_text(
        "Tillsyn för andning 07:00–22:00, 15 timmar"
    )
    check(page, "a plan with a span")

    item = plan.locator("form.plan-form").nth(1)
    item.get_by_label("Hjälp", exact=True).select_option(label="Slemsugning")
    set_time(item.get_by_label("Klockan"), "10:00")
    press_enter_on(page, item.get_by_role("button", name="Lägg till hjälpen"))
    plan = page.locator("section.day-plan").first
    expect(plan).to_contain_text("10:00 Slemsugning, 5 minuter")

    # A wrong value: said at its field, the typed values kept, axe on the error state too.
    item = plan.locator("form.plan-form").nth(1)
    item.get_by_label("Hjälp", exact=True).select_option(label="Slemsugning")
    set_time(item.get_by_label("Klockan"), "15:00")
    type_into(page, item.get_by_label("Minuter", exact=True), "20")
    type_into(page, item.get_by_label("Minuter som kräver två assistenter (frivilligt)"), "25")
    press_enter_on(page, item.get_by_role("button", name="Lägg till hjälpen"))
    expect(page.get_by_role("heading", name="Det finns ett problem")).to_be_visible()
    item = page.locator("section.day-plan").first.locator("form.plan-form").nth(1)
    expect(item.locator(".field-error").filter(has_text="hjälpen tar bara 20")).to_be_visible()
    check(page, "an item refused at its field")
    type_into(page, item.get_by_label("Minuter som kräver två assistenter (frivilligt)"), "5")
    press_enter_on(page, item.get_by_role("button", name="Lägg till hjälpen"))
    plan = page.locator("section.day-plan").first
    expect(plan).to_contain_text("två assistenter de första 5 minuterna")
    expect(plan.locator(".timeline__words")).to_contain_text("Två assistenter: 15:00–15:05")
    check(page, "a plan with help and two assistants")


def test_a_day_plan_is_built_by_keyboard_with_axe_on_every_state(live_server, page: Page, axe):
    start_draft(page, live_server)
    axe(page, "a new draft asks the shape of the weeks")
    answer_the_shape(page)
    expect(page.get_by_text("Veckorna och natten är inställda")).to_be_visible()
    axe(page, "the shape answered")

    build_a_plan(page, axe)

    # The results count each minute once: 900 minutes of supervision a dygn, help inside it
    # (R13.2), plus the 5 minutes of the second person (R13.5): 905 × 7 = 105,58 h.
    expect(page.locator("#result-bar")).to_contain_text("Grundläggande behov 105,58 h/vecka")
    expect(page.locator("section.day-plan").first).to_contain_text(
        "Räknas per dygn: 15 timmar 5 minuter grundläggande behov"
    )
    expect(page.locator("body")).not_to_contain_text("60 min × 15")
    # The bar's text equivalent names the night.
    expect(page.locator(".timeline__words").first).to_contain_text("Nattvila 22:00–07:00")
    # The PDF draws the plan as a strip on its own page, with the same in words under it.
    response = page.request.get(page.url.split("#")[0].split("?")[0] + "pdf/")
    assert response.status == 200
    printed = subprocess.run(
        ["pdftotext", "-", "-"], input=response.body(), capture_output=True, check=True
    ).stdout.decode()
    assert "Dagplaner: dygnet klockan 00–24" in printed
    assert "10:00–10:05 Slemsugning, 5 min" in printed

    # Removed by keyboard.
    plan = page.locator("section.day-plan").first
    press_enter_on(page, plan.get_by_role("button", name=re.compile("Ta bort 10:00 Slemsugning")))
    expect(page.locator("section.day-plan").first).not_to_contain_text("10:00 Slemsugning")
    axe(page, "an item removed")
    assert [len(p.items) for p in DayPlan.objects.all()] == [1]


def test_a_day_plan_is_built_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False, locale=LOCALE)
    page = context.new_page()
    try:
        start_draft(page, live_server, js=False)
        assert page.evaluate("() => typeof window.htmx") == "undefined"
        answer_the_shape(page)
        build_a_plan(page)
        expect(page.locator("section.day-plan").first).to_contain_text(
            "Räknas per dygn: 15 timmar 5 minuter grundläggande behov"
        )
        # Copy needs another kind of week: none here, so the copy form is not offered.
        expect(page.get_by_role("button", name="Kopiera dagplanen")).to_have_count(0)
    finally:
        context.close()


def test_the_day_plan_at_375_px(live_server, browser, axe):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale=LOCALE)
    page = context.new_page()
    try:
        start_draft(page, live_server)
        assert page.evaluate(NO_HORIZONTAL_SCROLL), "the shape of the weeks scrolls sideways"
        answer_the_shape(page)
        build_a_plan(page)
        page.locator("section.day-plan").first.scroll_into_view_if_needed()
        assert page.evaluate(NO_HORIZONTAL_SCROLL), (
            "the day plan scrolls sideways at 375 px: scrollWidth "
            f"{page.evaluate('document.documentElement.scrollWidth')}"
        )
        bar = page.locator(".timeline__bar").first.bounding_box()
        assert bar is not None and bar["width"] <= 375
        axe(page, "a day plan at 375 px")
        page.locator("section.day-plan").first.screenshot(path="/tmp/e2e-day-plan-375px.png")
    finally:
        context.close()
