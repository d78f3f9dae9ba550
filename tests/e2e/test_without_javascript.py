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


def row_form(page: Page, number: int):
    return page.locator("#rows form.row-card").nth(number - 1)


def test_the_whole_flow_by_full_page_posts(live_server, page: Page):
    start_draft(page, live_server, js=False)
    assert page.evaluate("() => typeof window.htmx") == "undefined"
    expect(page.get_by_text("Beräkningen är skapad.")).to_be_visible()

    # Add two rows from the catalogue: <details> opens without scripts too.
    group = catalogue_group(page, "Personlig hygien")
    group.locator("summary").click()
    post_and_expect(page, group.get_by_role("button", name="Lägg till raden Dusch").click)
    expect(page).to_have_url(re.compile(r"/b/[^/]+/#rows$"))
    group = catalogue_group(page, "Måltider")
    group.locator("summary").click()
    post_and_expect(page, group.get_by_role("button", name="Lägg till raden Äta").click)
    expect(page.locator("#rows form.row-card")).to_have_count(2)
    # Dusch 20 min × 7 = 2,33 h, Äta 20 min × 3 × 7 = 7 h.
    expect(figure(page, "Grundläggande behov")).to_have_text("9,33 h/vecka")
    shower, eating = row_form(page, 1), row_form(page, 2)
    shower_id = shower.get_attribute("id")

    # An invalid value, saved: the page comes back with the error summary and the typed text.
    shower.get_by_label("Minuter per tillfälle").fill("abc")
    eating.get_by_label("Antal gånger").fill("5")  # not saved: only the first form is posted
    post_and_expect(page, shower.get_by_role("button", name="Spara rad 1").click, status=400)
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
    # The other row and the totals are untouched.
    expect(eating.get_by_label("Antal gånger")).to_have_value("3")
    expect(figure(page, "Grundläggande behov")).to_have_text("9,33 h/vecka")
    # The summary's link leads to the field.
    link.click()
    expect(page).to_have_url(re.compile(f"#{shower_id}-minutes$"))

    # Fixed and saved: the totals follow. Dusch 60 min × 7 = 7 h, + 7 h.
    shower = row_form(page, 1)
    shower.get_by_label("Minuter per tillfälle").fill("60")
    post_and_expect(page, shower.get_by_role("button", name="Spara rad 1").click)
    expect(page.get_by_text("Raden är sparad.")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^(?!Fel:)"))
    expect(page.locator(".error-summary")).to_have_count(0)
    expect(figure(page, "Grundläggande behov")).to_have_text("14 h/vecka")
    expect(page.locator("#results .verdict")).to_contain_text("6 timmar under gränsen")

    # A child's age and a date in 2025: the parental deduction appears (8,75 h/vecka at 5).
    page.get_by_label("Ålder i hela år (frivilligt)").fill("5")
    page.get_by_label("Bedömningsdatum").fill("2025-03-01")
    post_and_expect(page, page.get_by_role("button", name="Spara uppgifterna").click)
    expect(page.get_by_text("Uppgifterna är sparade.")).to_be_visible()
    expect(figure(page, "Föräldraavdrag, grundläggande (redan avdraget)")).to_have_text(
        "8,75 h/vecka"
    )
    expect(figure(page, "Grundläggande behov")).to_have_text("5,25 h/vecka")

    # A bad age: the same error summary for the details form.
    page.get_by_label("Ålder i hela år (frivilligt)").fill("fem")
    post_and_expect(page, page.get_by_role("button", name="Spara uppgifterna").click, status=400)
    expect(page.locator(".error-summary")).to_contain_text(
        "Ålder måste vara ett helt antal år, till exempel 7."
    )
    expect(page.get_by_label("Ålder i hela år (frivilligt)")).to_have_value("fem")
    assert Assessment.objects.get().age == 5

    # Move and remove rows by full-page posts.
    post_and_expect(page, page.get_by_role("button", name="Ta bort rad 1: Dusch").click)
    expect(page.get_by_text("Raden är borttagen.")).to_be_visible()
    expect(page.locator("#rows form.row-card")).to_have_count(1)

    # Delete: confirmation, then the link is gone.
    draft_url = page.url.split("#")[0]
    page.get_by_role("link", name="Radera beräkningen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vill du radera beräkningen?")
    post_and_expect(page, page.get_by_role("button", name="Ja, radera beräkningen").click)
    expect(page.get_by_text("Beräkningen och alla dess rader är raderade.")).to_be_visible()
    assert Assessment.objects.count() == 0
    response = page.goto(draft_url)
    assert response is not None and response.status == 404
