"""The keyboard loop (issue 23 item 4) in real Chromium: add rows from the behovslista by keyboard
alone, and from the row just added back to "Sök aktivitet" in at most 10 Tab presses wherever
the row sorted to. The Tab count of 20 rows is printed (run with -s), against 2,542 Tab presses
for 58 rows measured before (issue 23)."""

import pytest
from playwright.sync_api import Page, expect

from assessments.models import Assessment
from tests.factories import make_draft

from .conftest import LOCALE
from .test_calculator import row_pks, start_draft, wait_for_focus, wait_for_htmx

SEARCH = "#catalogue-filter"
# From the row just added back to the search (issue 23 item 4).
MAX_TABS_BACK = 10

# Twenty activities of a morning and a day, over nine needs (catalogue keys), typed as a person
# would: the start of the item's name.
TWENTY = [
    ("hygiene-toilet", "toalett"),
    ("hygiene-washing", "tvätta ansikte"),
    ("hygiene-teeth", "tandborst"),
    ("hygiene-shower", "dusch"),
    ("dressing-dress", "av- och påklädning"),
    ("dressing-orthoses", "ortoser"),
    ("meals-eating", "äta"),
    ("meals-drinking", "dricka"),
    ("meals-cooking", "matlagning"),
    ("meals-table", "duka"),
    ("breathing-suction", "slemsugning"),
    ("breathing-inhalation", "inhalation"),
    ("communication-interpret", "tolka"),
    ("household-cleaning", "städning"),
    ("household-dishes", "disk"),
    ("household-shopping", "inköp"),
    ("leisure-activities", "fritidsaktiviteter"),
    ("health-training", "sjukgymnastik"),
    ("other-travel", "resor"),
    ("hygiene-nails", "nagelvård"),
]


def focused_matches(page: Page, selector: str) -> bool:
    return page.evaluate(
        "selector => !!document.activeElement && document.activeElement.matches(selector)",
        selector,
    )


def tab_until(page: Page, selector: str, *, limit: int) -> int:
    """Press Tab until the focus is on `selector`; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            return presses
    pytest.fail(f"{selector} not reached in {limit} Tab presses", pytrace=False)


def count_additions_said(page: Page) -> None:
    """Record every text the live region #status comes to hold (window.__said)."""
    page.evaluate(
        """() => {
            window.__said = [];
            const region = document.getElementById('status');
            new MutationObserver(() => {
                const text = region.textContent.trim();
                if (text) { window.__said.push(text); }
            }).observe(region, {childList: true, characterData: true, subtree: true});
        }"""
    )


def add_by_keyboard(page: Page, key: str, words: str) -> tuple[int, int]:
    """From the search: type, Tab to the item, Enter; the new row gets the focus. Returns the
    new row's pk and the Tab presses it took."""
    expect(page.locator(SEARCH)).to_be_focused()
    page.keyboard.type(words)
    tabs = tab_until(page, f"button[name='item'][value='{key}']", limit=40)
    before = set(row_pks(page))
    page.keyboard.press("Enter")
    expect(page.locator("#rows-table tr.row")).to_have_count(len(before) + 1)
    (pk,) = set(row_pks(page)) - before
    wait_for_focus(page, f"r{pk}-description")
    return pk, tabs


def back_to_search(page: Page, pk: int) -> tuple[int, list[dict]]:
    """From the row's description: Tab to its "Lägg till nästa behov", Enter; the Tab presses
    and where each stop was on the screen."""
    stops = []
    for _press in range(MAX_TABS_BACK + 1):
        page.keyboard.press("Tab")
        stops.append(
            page.evaluate(
                """() => { const e = document.activeElement; const box = e.getBoundingClientRect();
                    return {row: e.closest('tr') ? e.closest('tr').id : '', x: box.x, y: box.y,
                            next: e.matches('a.next-add')}; }"""
            )
        )
        if stops[-1]["next"]:
            break
    assert stops[-1]["next"], f"'Lägg till nästa behov' not reached in {len(stops)} Tab presses"
    page.keyboard.press("Enter")
    expect(page.locator(SEARCH)).to_be_focused()
    # Its words are selected: what is typed next replaces them.
    assert page.evaluate(
        "() => { const s = document.activeElement; return s.selectionStart === 0"
        " && s.selectionEnd === s.value.length; }"
    )
    return len(stops), stops


def test_twenty_rows_from_the_behovslista_by_keyboard_alone(live_server, page: Page):
    page.set_viewport_size({"width": 1280, "height": 800})
    start_draft(page, live_server)
    count_additions_said(page)
    page.keyboard.press("Home")
    total = tab_until(page, SEARCH, limit=200)  # from the top of the page, once
    to_search_first = total
    for key, words in TWENTY:
        pk, to_item = add_by_keyboard(page, key, words)
        back, stops = back_to_search(page, pk)
        assert back <= MAX_TABS_BACK
        # The focus goes along the new row from left to right, as the eye does.
        in_row = [stop for stop in stops if stop["row"] == f"r{pk}"]
        assert len(in_row) == len(stops)
        assert [stop["x"] for stop in in_row] == sorted(stop["x"] for stop in in_row)
        total += to_item + back

    assert len(row_pks(page)) == 20
    said = page.evaluate("() => window.__said")
    added = [text for text in said if "är tillagd" in text]
    # Each addition said once, each with its own row.
    assert len(added) == 20, added
    descriptions = page.locator("#rows-table tr.row [name$='-description']").evaluate_all(
        "inputs => inputs.map(input => input.value)"
    )
    for description in descriptions:
        assert len([text for text in added if f", {description}, är tillagd" in text]) == 1
    print(
        f"\nKeyboard only, 20 rows from the behovslista: {total} Tab presses in all "
        f"({to_search_first} from the top of the page to the search once, then "
        f"{(total - to_search_first) / 20:.1f} per row), against 2,542 for 58 rows before "
        f"(43.8 per row)."
    )


@pytest.fixture
def forty_rows(db) -> Assessment:
    needs = ["personal_hygiene", "meals", "dressing", "household", "leisure_and_community"]
    return make_draft(
        title="Fyrtio rader",
        rows=[
            {
                "description": f"Rad {number}",
                "need": needs[number % len(needs)],
                "kind": "basic" if number % len(needs) < 3 else "other",
            }
            for number in range(40)
        ],
    )


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("breathing-suction", "slemsugning"),  # sorts first, before all 40 rows
        ("hygiene-nails", "nagelvård"),  # into the middle of its need
        ("other-misc", "övrig hjälp"),  # last of all
    ],
)
def test_from_a_row_just_added_the_search_is_at_most_ten_tabs_away(
    live_server, page: Page, forty_rows, key, words
):
    page.goto(live_server.url + forty_rows.get_absolute_url())
    wait_for_htmx(page)
    page.locator(SEARCH).focus()
    pk, _tabs = add_by_keyboard(page, key, words)
    rows = row_pks(page)
    assert len(rows) == 41

    presses, _stops = back_to_search(page, pk)

    print(f"\n{words}: row {rows.index(pk) + 1} of 41, {presses} Tab presses back to the search")
    assert presses <= MAX_TABS_BACK


def test_a_skip_link_after_each_need_leads_to_the_search(live_server, page: Page, forty_rows):
    page.goto(live_server.url + forty_rows.get_absolute_url())
    wait_for_htmx(page)
    links = page.locator("#rows-table tbody:not([hidden]) a.to-add")
    expect(links).to_have_count(5)
    for index in range(5):
        link = links.nth(index)
        expect(link).to_have_text("Till Lägg till behov")
        # After the group's last row.
        assert link.evaluate(
            "a => /^r\\d+(-m|-d)?$/.test(a.closest('tr').previousElementSibling.id)"
            " && !a.closest('tr').nextElementSibling"
        )
    last_row = page.locator("#need-meals tr.row").last
    last_row.locator("button[name='remove']").focus()
    page.keyboard.press("Tab")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(SEARCH)).to_be_focused()


def test_at_200_percent_the_search_is_as_near(live_server, browser, forty_rows):
    """The same at 200 % zoom of a 1280 px window, where each row is a card (issue 23: the
    keyboard user worked at 200 %)."""
    context = browser.new_context(
        viewport={"width": 640, "height": 800}, device_scale_factor=2, locale=LOCALE
    )
    try:
        page = context.new_page()
        page.goto(live_server.url + forty_rows.get_absolute_url())
        wait_for_htmx(page)
        page.locator(SEARCH).focus()
        pk, _tabs = add_by_keyboard(page, "breathing-suction", "slemsugning")
        presses, stops = back_to_search(page, pk)
        print(f"\nAt 200 %: {presses} Tab presses from the new row back to the search")
        assert presses <= MAX_TABS_BACK
        # In the card the focus goes down the fields as they are laid out: top to bottom, and
        # left to right on a line.
        # (Within 8 px is one line: a link and a button beside it differ by a pixel or two.)
        for before, after in zip(stops, stops[1:], strict=False):
            same_line = abs(after["y"] - before["y"]) <= 8
            assert after["x"] > before["x"] if same_line else after["y"] > before["y"], stops
    finally:
        context.close()
