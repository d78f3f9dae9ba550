"""Two tabs on every part of the draft (issue 19: one stale-edit check for every part; issue 18,
item 9): the later save of a part another tab changed is refused with both values, and "Behåll
mina värden" keeps only the fields this tab changed; with JavaScript and without. No save of a
part swaps into an element the page does not have (issue 18, item 11)."""

import re
from datetime import time

import pytest
from playwright.sync_api import Page, expect

from assessments.models import Activity, Assessment, WeekType
from tests.factories import make_draft

from .conftest import LOCALE
from .test_calculator import wait_for_htmx

# Each part: the draft's stored state, tab A's change, tab B's change (another field of the same
# object), and what is stored after B keeps its values: A's field and B's.
PARTS = {
    "night": (
        "night-part",
        ("Nattvilan börjar", "23:00"),
        ("Nattvilan slutar", "06:00"),
        lambda draft: (draft.night_start, draft.night_end) == (time(23), time(6)),
    ),
    "decision": (
        "decision",
        ("Beslutsdatum (frivilligt)", "2026-10-20"),
        ("Anteckning om beslutet (frivillig)", "Överklagat"),
        lambda draft: (
            (draft.decision_date.isoformat(), draft.decision_note) == ("2026-10-20", "Överklagat")
        ),
    ),
    "weeks": (
        "weeks-part",
        ("Antal veckor, sorts vecka 1", "38"),
        ("Antal veckor, sorts vecka 2", "10"),
        lambda draft: [w.weeks for w in WeekType.objects.filter(assessment=draft)] == [38, 10],
    ),
    "decided": (
        "decision",
        ("Minuter per tillfälle, rad 1: Dusch", "15"),
        ("Antal gånger, rad 1: Dusch", "2"),
        lambda draft: draft.rows()[0].decided == {"minutes": 15, "times": 2},
    ),
}

# B's change of A's field afterwards.
AGAIN = {"night": "23:30", "decision": "2026-10-21", "weeks": "37", "decided": "16"}


def a_draft() -> Assessment:
    draft = make_draft(
        rows=[{"description": "Dusch", "minutes": 20}],
        night_start=time(22),
        night_end=time(7),
        decision_by="fk",
    )
    WeekType.objects.create(assessment=draft, position=0, key="school", name="Skola", weeks=40)
    WeekType.objects.create(assessment=draft, position=1, key="holiday", name="Lov", weeks=12)
    return draft


def open_tab(browser, url: str, *, js: bool = True):
    context = browser.new_context(locale=LOCALE, java_script_enabled=js)
    page = context.new_page()
    # Record every out-of-band swap htmx could not place (none is expected).
    page.add_init_script(
        "window.__noTarget = [];"
        "document.addEventListener('htmx:oobErrorNoTarget',"
        " e => window.__noTarget.push(String(e.detail.target)));"
    )
    page.goto(url)
    if js:
        wait_for_htmx(page)
    return context, page


def open_part(page: Page, part_id: str):
    part = page.locator(f"#{part_id}")
    if part.get_attribute("open") is None:
        part.locator(":scope > summary").click()
    return part


@pytest.mark.parametrize("name", PARTS)
def test_two_tabs_on_a_part_keep_both_changes_only_when_chosen(live_server, browser, axe, name):
    part_id, (label_a, value_a), (label_b, value_b), kept = PARTS[name]
    draft = a_draft()
    url = live_server.url + draft.get_absolute_url()
    tab_a, a = open_tab(browser, url)
    tab_b, b = open_tab(browser, url)
    try:
        field_a = open_part(a, part_id).get_by_label(label_a, exact=True)
        with a.expect_response(lambda r: r.request.method == "POST" and r.status == 200):
            field_a.fill(value_a)
            field_a.press("Tab")

        # B's page is older: its change of the same part is refused, with both values.
        field_b = open_part(b, part_id).get_by_label(label_b, exact=True)
        with b.expect_response(lambda r: r.status == 409):
            field_b.fill(value_b)
            field_b.press("Tab")
        message = b.locator(f"#{name}-msg")
        expect(message.locator(".conflict")).to_be_visible()
        expect(message).to_contain_text("ändrats i en annan flik")
        expect(field_b).to_have_value(value_b)  # what B typed stays
        assert not kept(Assessment.objects.get(pk=draft.pk))
        axe(b, f"a conflict on the part {name}")

        # B keeps its values: its own field is stored, A's stays, and B's part shows both.
        with b.expect_response(lambda r: r.request.method == "POST" and r.status == 200):
            message.get_by_role("button", name="Behåll mina värden").click()
        expect(message.locator(".conflict")).to_have_count(0)
        assert kept(Assessment.objects.get(pk=draft.pk))
        expect(open_part(b, part_id).get_by_label(label_a, exact=True)).to_have_value(value_a)
        expect(b.locator(f"#{part_id} :focus")).to_have_count(1)  # the focus stays in the part

        # And B's next change of the part is saved against what it now shows: A's field again.
        with b.expect_response(lambda r: r.request.method == "POST" and r.status == 200):
            b.get_by_label(label_a, exact=True).fill(AGAIN[name])
            b.get_by_label(label_a, exact=True).press("Tab")
        expect(message.locator(".conflict")).to_have_count(0)
        for page in (a, b):
            assert page.evaluate("window.__noTarget") == []
    finally:
        tab_a.close()
        tab_b.close()


@pytest.mark.parametrize("name", ["night", "decided"])
def test_two_tabs_without_javascript_on_a_part(live_server, browser, name):
    part_id, (label_a, value_a), (label_b, value_b), kept = PARTS[name]
    draft = a_draft()
    url = live_server.url + draft.get_absolute_url()
    tab_a, a = open_tab(browser, url, js=False)
    tab_b, b = open_tab(browser, url, js=False)
    save = {"night": "Spara natten", "decided": "Spara beslutet för raderna"}[name]
    try:
        open_part(a, part_id).get_by_label(label_a, exact=True).fill(value_a)
        a.get_by_role("button", name=save).click()
        expect(a.locator(".notice, .messages").first).to_be_visible()

        open_part(b, part_id).get_by_label(label_b, exact=True).fill(value_b)
        with b.expect_navigation() as navigation:
            b.get_by_role("button", name=save).click()
        assert navigation.value.status == 409
        summary = b.locator(".error-summary")
        expect(summary).to_be_focused()
        expect(summary.get_by_role("link")).to_have_attribute("href", f"#{name}-msg")
        expect(b.get_by_label(label_b, exact=True)).to_have_value(value_b)
        assert not kept(Assessment.objects.get(pk=draft.pk))

        b.locator(f"#{name}-msg").get_by_role("button", name="Behåll mina värden").click()
        expect(b).to_have_url(re.compile(rf"#{name}$"))
        assert kept(Assessment.objects.get(pk=draft.pk))
        assert Activity.objects.get(pk=draft.rows()[0].pk).minutes == 20  # the row untouched
    finally:
        tab_a.close()
        tab_b.close()
