"""The whole flow with JavaScript switched off: every action is a plain form and a full page.

The `page` here comes from a context with `java_script_enabled=False` (the fixture below), so
the autouse guard against requests to other hosts still watches it. htmx never runs: each
click posts the form, and the server answers with a redirect or with the page and its errors.

axe-core cannot run here (with scripts off the page's timers never fire, so `axe.run()` never
settles): test_accessibility.py checks the same server-rendered pages with the app's scripts
blocked instead.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from assessments.models import Assessment

from .test_calculator import catalogue_group, figure, start_draft

PROBLEM = "Det finns ett problem"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "java_script_enabled": False}


def post_and_expect(page: Page, click, status: int = 200) -> None:
    """Click a submit button and check the final page's status (after any redirect)."""
    with page.expect_navigation() as navigation:
        click()
    response = navigation.value
    assert response is not None and response.status == status, response and response.status


def row_line(page: Page, number: int):
    return page.locator("#rows-table tr.row:not(.row--removed)").nth(number - 1)


def save_rows(page: Page):
    """The rows are one form: its first "Spara ändringarna" button posts every row."""
    return page.get_by_role("button", name="Spara ändringarna").first


def test_the_whole_flow_by_full_page_posts(live_server, page: Page):
    draft_url = start_draft(page, live_server, js=False)
    assert page.evaluate("() => typeof window.htmx") == "undefined"
    expect(page.get_by_text("Beräkningen är skapad.")).to_be_visible()

    # Add two rows from the catalogue: <details> opens without scripts too.
    group = catalogue_group(page, "Personlig hygien")
    group.locator(":scope > summary").click()
    post_and_expect(page, group.get_by_role("button", name="Lägg till raden Dusch").click)
    expect(page).to_have_url(re.compile(r"/b/[^/]+/(\?ny=\d+)?#r\d+$"))
    group = catalogue_group(page, "Måltider")
    group.locator(":scope > summary").click()
    post_and_expect(page, group.get_by_role("button", name="Lägg till raden Äta").click)
    expect(page.locator("#rows-table tr.row")).to_have_count(2)
    # Dusch 20 min × 7 = 2,33 h, Äta 20 min × 3 × 7 = 7 h.
    expect(figure(page, "Grundläggande behov")).to_have_text("9,33 h/vecka")
    shower, eating = row_line(page, 1), row_line(page, 2)
    shower_id = shower.get_attribute("id")

    # An invalid value, saved: the page comes back with the error summary and the typed text.
    # The rows are one form, so the other row's change is saved with it: nothing typed is lost.
    shower.get_by_label("Minuter per tillfälle").fill("abc")
    eating.get_by_label("Antal gånger").fill("4")
    post_and_expect(page, save_rows(page).click, status=400)
    expect(page).to_have_title(re.compile(r"^Fel: "))
    summary = page.locator(".error-summary")
    expect(summary.get_by_role("heading", level=2)).to_have_text(PROBLEM)
    # The summary is the first thing in <main> and has focus (autofocus), so it is read first.
    assert page.evaluate(
        "() => document.querySelector('main .wrap').firstElementChild.classList"
        ".contains('error-summary')"
    )
    link = summary.get_by_role(
        "link", name="Minuter per tillfälle måste vara ett tal, till exempel 15 eller 2,5."
    )
    expect(link).to_have_attribute("href", f"#{shower_id}-minutes")
    expect(page.locator(f"#{shower_id}-minutes_error")).to_contain_text(
        "Minuter per tillfälle måste vara ett tal"
    )
    expect(page.locator(f"#{shower_id}-minutes")).to_have_value("abc")
    expect(page.locator(f"#{shower_id}-minutes")).to_have_attribute(
        "aria-describedby", f"{shower_id}-minutes_error"
    )
    # The invalid row is not saved and its hours say so; the other row's change is saved:
    # Äta 20 min × 4 × 7 = 9,33 h, + Dusch 2,33 h as stored.
    expect(page.locator(f"#{shower_id}-h")).to_contain_text("Rätta felet så räknas raden om")
    expect(eating.get_by_label("Antal gånger")).to_have_value("4")
    expect(figure(page, "Grundläggande behov")).to_have_text("11,67 h/vecka")
    # The summary's link leads to the field.
    link.click()
    expect(page).to_have_url(re.compile(f"#{shower_id}-minutes$"))

    # Fixed and saved: the totals follow. Dusch 60 min × 7 = 7 h, + 9,33 h.
    shower = row_line(page, 1)
    shower.get_by_label("Minuter per tillfälle").fill("60")
    post_and_expect(page, save_rows(page).click)
    expect(page.get_by_text("Ändringarna är sparade.")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^(?!Fel:)"))
    expect(page.locator(".error-summary")).to_have_count(0)
    expect(figure(page, "Grundläggande behov")).to_have_text("16,33 h/vecka")
    expect(page.locator("#results .verdict")).to_contain_text("3,67 timmar under gränsen")

    # A child's age and a date in 2025: the parental deduction appears (8,75 h/vecka at 5).
    page.get_by_label("Ålder i hela år (frivilligt)").fill("5")
    page.get_by_label("Bedömningsdatum").fill("2025-03-01")
    post_and_expect(page, page.get_by_role("button", name="Spara uppgifterna").click)
    expect(page.get_by_text("Uppgifterna är sparade.")).to_be_visible()
    expect(figure(page, "Föräldraavdrag, grundläggande (redan avdraget)")).to_have_text(
        "8,75 h/vecka"
    )
    expect(figure(page, "Grundläggande behov")).to_have_text("7,58 h/vecka")

    # A bad age: the same error summary for the details form.
    page.get_by_label("Ålder i hela år (frivilligt)").fill("fem")
    post_and_expect(page, page.get_by_role("button", name="Spara uppgifterna").click, status=400)
    expect(page.locator(".error-summary")).to_contain_text(
        "Ålder måste vara ett helt antal år, till exempel 7."
    )
    expect(page.get_by_label("Ålder i hela år (frivilligt)")).to_have_value("fem")
    assert Assessment.objects.get().age == 5

    # Remove a row by a full-page post; undo puts it back with its place.
    page.goto(draft_url)
    post_and_expect(page, page.get_by_role("button", name="Ta bort rad 1: Dusch").click)
    expect(page.get_by_text("Raden togs bort. Du kan ångra det vid raden.")).to_be_visible()
    expect(page.locator("#rows-table tr.row:not(.row--removed)")).to_have_count(1)
    post_and_expect(
        page, page.get_by_role("button", name="Ångra borttagningen av rad 1: Dusch").click
    )
    expect(page.get_by_text("Raden är tillbaka.")).to_be_visible()
    expect(row_line(page, 1).get_by_label("Beskrivning")).to_have_value("Dusch")
    post_and_expect(page, page.get_by_role("button", name="Ta bort rad 1: Dusch").click)
    expect(page.locator("#rows-table tr.row:not(.row--removed)")).to_have_count(1)

    # Delete: confirmation, then the link is gone.
    page.get_by_role("link", name="Radera beräkningen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vill du radera beräkningen?")
    post_and_expect(page, page.get_by_role("button", name="Ja, radera beräkningen").click)
    expect(page.get_by_text("Beräkningen och alla dess rader är raderade.")).to_be_visible()
    assert Assessment.objects.count() == 0
    response = page.goto(draft_url)
    assert response is not None and response.status == 404
