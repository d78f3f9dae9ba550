"""One full flow with the keyboard only: Tab, Enter, Space and typing, never the mouse.

Every element that Tab stops at must show where the focus is: its computed outline or
box-shadow is not "none".
"""

import re

from playwright.sync_api import Page, expect

from .test_calculator import figure, wait_for_htmx

MAX_TABS = 400

FOCUS_STATE = r"""() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {
        tag: el.tagName,
        id: el.id,
        name: el.getAttribute('name') || '',
        text: (/^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) ? el.value : el.textContent)
            .replace(/\s+/g, ' ').trim().slice(0, 80),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        shadow: style.boxShadow !== 'none',
    };
}"""


def focus_state(page: Page) -> dict | None:
    return page.evaluate(FOCUS_STATE)


def assert_focus_visible(page: Page) -> dict:
    state = focus_state(page)
    assert state is not None, "nothing has focus"
    assert state["outline"] or state["shadow"], f"focus is not visible on {state}"
    return state


def tab_to(page: Page, matches, what: str) -> dict:
    """Press Tab until `matches(focus_state)` holds; focus must be visible at every stop."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        state = assert_focus_visible(page)
        if matches(state):
            return state
    raise AssertionError(f"Tab never reached {what}")


def text_is(text: str):
    return lambda state: state["text"] == text


def id_is(element_id: str):
    return lambda state: state["id"] == element_id


def name_is(name: str):
    return lambda state: state["name"] == name


def tabs_to(page: Page, matches, what: str) -> int:
    """Press Tab until `matches`, with visible focus at every stop; the number of presses."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if matches(assert_focus_visible(page)):
            return presses
    raise AssertionError(f"Tab never reached {what}")


def test_full_flow_with_the_keyboard_only(live_server, page: Page):
    page.goto(live_server.url + "/")

    # The first Tab stop is the skip link, shown when focused.
    page.keyboard.press("Tab")
    assert assert_focus_visible(page)["text"] == "Hoppa till innehållet"
    expect(page.get_by_role("link", name="Hoppa till innehållet")).to_be_in_viewport()

    tab_to(page, text_is("Starta en ny beräkning"), "the start button")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/b/[^/]+/$"))
    wait_for_htmx(page)

    # Issue 10: from the top of the draft page the PDF is at most 10 Tab presses away, past the
    # skip links "Till resultatet" and "Till utskrift och fil".
    presses = tabs_to(page, text_is("Skriv ut / ladda ner PDF"), "the PDF link")
    assert presses <= 10, f"{presses} Tab presses to the PDF link"
    print(f"Tab presses from the top of the draft page to the PDF link: {presses}")
    # The file link is next; Enter on it downloads the file. Deleting is at the end of the page
    # (away from "Skriv ut", issue 23 item 7), reached there below.
    tab_to(page, text_is("Ladda ner som fil"), "the file link")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    assert download_info.value.suggested_filename.endswith(".json")

    # The catalogue: open "Personlig hygien" with Enter, add "Dusch" with Space.
    tab_to(
        page,
        lambda s: s["tag"] == "SUMMARY" and s["text"].startswith("Personlig hygien"),
        "the Personlig hygien group",
    )
    page.keyboard.press("Enter")
    hygiene = page.locator("details.catalogue-group").filter(has_text="Personlig hygien")
    expect(hygiene).to_have_attribute("open", "")
    tab_to(
        page,
        lambda s: s["tag"] == "BUTTON" and s["text"] == "Lägg till raden Dusch",
        "the Dusch button",
    )
    page.keyboard.press("Space")

    # After the htmx swap the focus is on the new row's description, visibly.
    page.wait_for_function(r"() => /^r\d+-description$/.test(document.activeElement?.id || '')")
    row = assert_focus_visible(page)["id"].removesuffix("-description")
    expect(figure(page, "Grundläggande behov")).to_have_text("2,33 h/vecka")

    # Minutes: the next field. Select what is there and type over it.
    page.keyboard.press("Tab")
    assert assert_focus_visible(page)["name"] == f"{row}-minutes"
    page.keyboard.press("Control+A")
    page.keyboard.type("45")
    expect(page.locator(f"[name='{row}-minutes']")).to_have_value("45")
    expect(figure(page, "Grundläggande behov")).to_have_text("5,25 h/vecka")
    expect(page.locator("#status")).to_contain_text("5,25 timmar i veckan")
    # A recompute never moves the focus.
    assert focus_state(page)["name"] == f"{row}-minutes"

    # The row's details open in place from the keyboard (Space on the toggle).
    tab_to(page, lambda s: s["id"] == f"{row}-t", "the row's Detaljer toggle")
    page.keyboard.press("Space")
    expect(page.locator(f"#{row}-t")).to_have_attribute("aria-expanded", "true")
    tab_to(page, name_is(f"{row}-time_type"), "the row's time type")

    # "Så räknade vi" opens from the keyboard.
    tab_to(
        page,
        lambda s: s["tag"] == "SUMMARY" and s["text"].startswith("Så räknade vi"),
        "Så räknade vi",
    )
    page.keyboard.press("Enter")
    expect(page.locator("#explanation")).to_have_attribute("open", "")
    tab_to(page, text_is("Radera beräkningen"), "the delete link")
