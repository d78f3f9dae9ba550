"""The calculator in a real browser with JavaScript on: live totals through htmx, rows, files.

Totals update without a page load: each test sets `window.__marker` after the draft page has
loaded and checks it is still there at the end (a full page load would clear it).

The helpers at the top are shared with the other browser tests in this folder.
"""

import json
import re

from playwright.sync_api import Page, expect

from assessments.models import Assessment

# Helpers shared by the browser tests ------------------------------------------------------------


def start_draft(page: Page, live_server, *, js: bool = True) -> str:
    """Open the start page, start a new draft and return its URL."""
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Starta en ny beräkning").click()
    expect(page).to_have_url(re.compile(r"/b/[^/]+/$"))
    expect(page.get_by_role("heading", level=2, name="Resultat")).to_be_visible()
    if js:
        wait_for_htmx(page)
    return page.url


def wait_for_htmx(page: Page) -> None:
    page.wait_for_function(
        "() => typeof window.htmx === 'object' && document.readyState === 'complete'"
    )


def set_marker(page: Page) -> None:
    page.evaluate("() => { window.__marker = 1; }")


def assert_no_page_load(page: Page) -> None:
    assert page.evaluate("() => window.__marker") == 1, "the page was reloaded"


def catalogue_group(page: Page, need_label: str):
    return page.locator("details.catalogue-group").filter(
        has=page.locator(":scope > summary", has_text=need_label)
    )


def open_catalogue_group(page: Page, need_label: str):
    group = catalogue_group(page, need_label)
    if not group.evaluate("details => details.open"):
        group.locator(":scope > summary").click()
    expect(group).to_have_attribute("open", "")
    return group


def row_cards(page: Page):
    """The rows' lines in the table (a removed row's undo in its place is not one)."""
    return page.locator("#rows-table tr.row:not(.row--removed)")


def row_pks(page: Page) -> list[int]:
    ids = row_cards(page).evaluate_all("rows => rows.map(row => row.id)")
    return [int(row_id.removeprefix("r")) for row_id in ids]


def field(page: Page, pk: int, name: str):
    """A field of a row, by its name in the rows' form ("r12-minutes")."""
    return page.locator(f"[name='r{pk}-{name}']")


def open_details(page: Page, pk: int):
    """Open a row's details in place (time type, note, moves) and return them."""
    toggle = page.locator(f"#r{pk}-t")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    return page.locator(f"#r{pk}-d")


def wait_for_focus(page: Page, element_id: str) -> None:
    page.wait_for_function("id => document.activeElement?.id === id", arg=element_id)


def add_from_catalogue(page: Page, need_label: str, item: str, *, add="Lägg till raden") -> int:
    """Add a catalogue row with htmx; focus goes to the new row's description. Returns its pk.
    `add` is the button's words before the item, in the page's language."""
    before = set(row_pks(page))
    group = open_catalogue_group(page, need_label)
    group.get_by_role("button", name=f"{add} {item}", exact=True).click()
    expect(row_cards(page)).to_have_count(len(before) + 1)
    (pk,) = set(row_pks(page)) - before
    wait_for_focus(page, f"r{pk}-description")
    expect(field(page, pk, "description")).to_have_value(item)
    return pk


def add_free_row(page: Page, need_label: str, *, answer: str = "Ja, grundläggande behov") -> int:
    """Add an own row of the need, answering the question whether the help is basic (an other
    need is other whatever the answer)."""
    before = set(row_pks(page))
    own_row = page.locator("#own-row")
    if not own_row.evaluate("element => element.open"):
        own_row.locator("summary").click()
    own_row.get_by_role("radio", name=need_label, exact=False).first.check()
    own_row.get_by_role("radio", name=answer).check()
    page.get_by_role("button", name="Lägg till egen rad").click()
    expect(row_cards(page)).to_have_count(len(before) + 1)
    (pk,) = set(row_pks(page)) - before
    wait_for_focus(page, f"r{pk}-description")
    expect(field(page, pk, "description")).to_have_value(f"Egen rad: {need_label}")
    return pk


def saved(page: Page, action) -> None:
    """Run `action` (typing into a field of a row or of the details) and wait until the server
    has answered its save."""
    with page.expect_response(lambda r: r.request.method == "POST" and r.ok):
        action()


def fill_and_wait(page: Page, locator, value: str) -> None:
    """Type into a field and wait until the server has answered the save."""
    saved(page, lambda: locator.fill(value))


def figure(page: Page, label: str):
    """The value cell of a row of the results' "Timmar per vecka" table."""
    return (
        page.locator("#results table.figures tr")
        .filter(has=page.locator("th", has_text=re.compile(f"^{re.escape(label)}$")))
        .locator("td")
    )


def expect_basic_hours(page: Page, hours: str) -> None:
    expect(figure(page, "Grundläggande behov")).to_have_text(f"{hours} h/vecka")


def verdict_text(basic: str, margin: str, side: str) -> str:
    return f"Grundläggande behov: {basic} timmar i veckan – {margin} timmar {side} gränsen."


def results_text(page: Page) -> str:
    return page.locator("#results").inner_text()


# The tests --------------------------------------------------------------------------------------


def test_live_totals_errors_threshold_and_parental_deduction(live_server, page: Page):
    start_draft(page, live_server)
    expect(page.get_by_text("Inga rader ännu.")).to_be_visible()
    expect_basic_hours(page, "0")
    set_marker(page)
    status = page.locator("#status")
    expect(status).to_have_attribute("role", "status")

    # A row from the catalogue: Dusch, 20 min once a day (2,33 h/vecka).
    shower = add_from_catalogue(page, "Personlig hygien", "Dusch")
    expect_basic_hours(page, "2,33")
    expect(page.locator(f"#r{shower}-h")).to_contain_text("2,33")
    expect(status).to_contain_text(verdict_text("2,33", "17,67", "under"))

    # A free row, with the need chosen: 10 min once a day (1,17 h/vecka).
    dressing = add_free_row(page, "Av- och påklädning")
    expect_basic_hours(page, "3,5")
    expect(page.get_by_role("button", name="4. Av- och påklädning")).to_be_visible()

    # Change minutes: the totals and the live region follow, without a page load.
    field(page, dressing, "minutes").fill("30")
    expect_basic_hours(page, "5,83")
    expect(status).to_have_text(
        re.compile(r"^Rad \d är sparad\. " + re.escape(verdict_text("5,83", "14,17", "under")))
    )
    expect(page.locator(f"#r{dressing}-h")).to_contain_text("Sparad")
    field(page, shower, "minutes").fill("60")
    expect_basic_hours(page, "10,5")
    expect(status).to_contain_text(verdict_text("10,5", "9,5", "under"))
    expect(page.locator("#results .verdict")).to_contain_text("9,5 timmar under gränsen")

    # An invalid value: a Swedish error next to the field, totals unchanged, the text kept.
    minutes = field(page, shower, "minutes")
    minutes.fill("abc")
    error = page.locator(f"#r{shower}-minutes_error")
    expect(error).to_have_text(
        "Fel: Minuter per tillfälle måste vara ett tal, till exempel 15 eller 2,5."
    )
    expect(minutes).to_have_value("abc")
    expect(minutes).to_have_attribute("aria-describedby", f"r{shower}-minutes_error")
    expect(minutes).to_have_attribute("aria-invalid", "true")
    expect_basic_hours(page, "10,5")
    # Honest figures: the row's hours and the totals say they leave the change out.
    expect(page.locator(f"#r{shower}-h")).to_contain_text("Rätta felet så räknas raden om")
    expect(page.locator("#results")).to_contain_text("Rätta felet så räknas raden om")
    expect(field(page, dressing, "minutes")).to_have_value("30")
    assert Assessment.objects.get().rows()[0].minutes == 60  # nothing half-saved

    # Fixed: the error clears and the totals update. 90 min: 10,5 + 3,5 = 14 h.
    minutes.fill("90")
    expect(error).to_have_count(0)
    expect(minutes).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#results")).not_to_contain_text("Rätta felet")
    expect_basic_hours(page, "14")
    expect(status).to_contain_text(verdict_text("14", "6", "under"))

    # "Så räknade vi" opens, and stays open across recomputes.
    explanation = page.locator("#explanation")
    explanation.locator("summary").click()
    expect(explanation).to_have_attribute("open", "")
    expect(explanation).to_contain_text("Jämfört med 20-timmarsgränsen")

    # Cross the 20-hour line: the shower twice a day, 21 + 3,5 = 24,5 h.
    field(page, shower, "times").fill("2")
    expect_basic_hours(page, "24,5")
    verdict = page.locator("#results .verdict")
    expect(verdict).to_contain_text("4,5 timmar över gränsen")
    expect(verdict).to_have_class(re.compile(r"\bverdict--over\b"))
    expect(status).to_contain_text(verdict_text("24,5", "4,5", "över"))
    expect(explanation).to_have_attribute("open", "")
    expect(explanation).to_contain_text("4,5 h över gränsen")

    # A child of 5 in 2025: 1,25 h/day × 7 = 8,75 h/vecka off the basic needs, under the line.
    expect(figure(page, "Föräldraavdrag, grundläggande (redan avdraget)")).to_have_count(0)
    page.get_by_label("Ålder i hela år (frivilligt)").fill("5")
    page.get_by_label("Bedömningsdatum").fill("2025-03-01")
    expect(figure(page, "Föräldraavdrag, grundläggande (redan avdraget)")).to_have_text(
        "8,75 h/vecka"
    )
    expect_basic_hours(page, "15,75")
    expect(verdict).to_contain_text("4,25 timmar under gränsen")
    expect(verdict).to_have_class(re.compile(r"\bverdict--under\b"))
    expect(status).to_contain_text(verdict_text("15,75", "4,25", "under"))
    expect(page.locator("#results .rules-line")).to_contain_text("reglerna per 2025-03-01")
    expect(explanation).to_have_attribute("open", "")
    expect(explanation).to_contain_text("Föräldraavdrag, grundläggande")

    assert_no_page_load(page)


def test_move_and_remove_rows_within_a_need(live_server, page: Page):
    start_draft(page, live_server)
    set_marker(page)
    shower = add_from_catalogue(page, "Personlig hygien", "Dusch")
    toilet = add_from_catalogue(page, "Personlig hygien", "Toalettbesök")
    eating = add_from_catalogue(page, "Måltider", "Äta")
    # A row joins the end of its need's group, and the groups keep the law's order.
    assert row_pks(page) == [shower, toilet, eating]
    expect(page.locator("#rows h2")).to_contain_text("(3 rader)")

    # Moves are in a row's details; only where a move is possible (no dead controls).
    details = open_details(page, toilet)
    expect(details.get_by_role("button", name="Flytta ner rad 2: Toalettbesök")).to_have_count(0)
    expect(details).to_contain_text("Raden står sist under Personlig hygien")
    details.get_by_role("button", name="Flytta upp rad 2: Toalettbesök").click()
    expect(row_cards(page).first).to_have_id(f"r{toilet}")
    assert row_pks(page) == [toilet, shower, eating]
    # The moved row is first now: its up button went, so the focus is on the one left.
    wait_for_focus(page, f"r{toilet}-move_down")
    expect(page.locator(f"#r{toilet}-n")).to_have_accessible_name("rad 1: Toalettbesök")
    expect(page.locator(f"#r{shower}-n")).to_have_accessible_name("rad 2: Dusch")

    page.locator(f"#r{toilet}-move_down").click()
    expect(row_cards(page).first).to_have_id(f"r{shower}")
    assert row_pks(page) == [shower, toilet, eating]
    wait_for_focus(page, f"r{toilet}-move_up")
    expect(page.locator(f"#r{toilet}-move_down")).to_have_count(0)

    basic_before = figure(page, "Grundläggande behov").inner_text()
    page.get_by_role("button", name="Ta bort rad 1: Dusch").click()
    expect(row_cards(page)).to_have_count(2)
    assert row_pks(page) == [toilet, eating]
    wait_for_focus(page, f"r{shower}-removed")
    expect(page.locator(f"#r{shower}")).to_contain_text("Raden togs bort")
    expect(page.locator("#rows h2")).to_contain_text("(2 rader)")
    expect(page.locator(f"#r{toilet}-n")).to_have_accessible_name("rad 1: Toalettbesök")
    expect(figure(page, "Grundläggande behov")).not_to_have_text(basic_before)
    expect(page.locator("#status")).to_contain_text("Grundläggande behov:")
    assert_no_page_load(page)


def test_download_reimport_and_delete(live_server, page: Page, tmp_path):
    draft_url = start_draft(page, live_server)
    add_from_catalogue(page, "Personlig hygien", "Dusch")
    eating = add_from_catalogue(page, "Måltider", "Äta")
    add_from_catalogue(page, "Hushåll och matlagning", "Städning")
    fill_and_wait(page, field(page, eating, "minutes"), "2,5")
    open_details(page, eating)
    fill_and_wait(page, field(page, eating, "note"), "Enligt läkarintyget.")
    fill_and_wait(page, page.locator("#details-age"), "9")
    expect(figure(page, "Föräldraavdrag, grundläggande (redan avdraget)")).to_be_visible()
    expected = results_text(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner som fil").click()
    download = download_info.value
    assert re.fullmatch(r"[\w.-]+\.json", download.suggested_filename), download.suggested_filename
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [a["description"] for a in data["activities"]] == ["Dusch", "Äta", "Städning"]
    assert data["person"]["age"] == 9

    page.goto(live_server.url + "/")
    page.get_by_label("Välj en sparad behovsfil (.json)").set_input_files(path)
    page.get_by_role("button", name="Öppna filen").click()
    expect(page.get_by_text("Filen är öppnad som en ny beräkning.")).to_be_visible()
    assert page.url != draft_url
    assert re.search(r"/b/[^/]+/$", page.url)
    expect(row_cards(page)).to_have_count(3)
    assert results_text(page) == expected
    eating = row_pks(page)[1]
    open_details(page, eating)
    expect(page.get_by_label("Anteckning (frivillig), rad 2: Äta")).to_have_value(
        "Enligt läkarintyget."
    )
    assert Assessment.objects.count() == 2

    # Delete the first draft: a confirmation page, then its link is gone for good.
    page.goto(draft_url)
    page.get_by_role("link", name="Radera beräkningen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vill du radera beräkningen?")
    page.get_by_role("button", name="Ja, radera beräkningen").click()
    expect(page.get_by_text("Beräkningen och alla dess rader är raderade.")).to_be_visible()
    assert page.url == live_server.url + "/"
    response = page.goto(draft_url)
    assert response is not None and response.status == 404
    assert Assessment.objects.count() == 1


def test_a_bad_file_is_refused_whole(live_server, page: Page, tmp_path):
    bad = {
        "format": "behovsraknare.assessment",
        "version": 1,
        "activities": [
            {
                "need": "meals",
                "description": "Äta",
                "minutes": 20,
                "times": 3,
                "per": "day",
                "kind": "basic",
            },
            {
                "need": "dressing",
                "description": "Klä på",
                "minutes": -5,
                "times": 2,
                "per": "day",
                "kind": "basic",
            },
        ],
    }
    reason = (
        'Rad 2, fältet "minutes" (minuter per tillfälle): måste vara ett tal större än 0 och '
        "högst 1440, men är -5."
    )
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")

    page.goto(live_server.url + "/")
    page.get_by_label("Välj en sparad behovsfil (.json)").set_input_files(path)
    with page.expect_response(re.compile(r"/oppna/$")) as response_info:
        page.get_by_role("button", name="Öppna filen").click()
    assert response_info.value.status == 400
    expect(page).to_have_title(re.compile("^Fel: "))
    summary = page.locator(".error-summary")
    expect(summary.get_by_role("heading")).to_have_text("Det finns ett problem")
    expect(summary.get_by_role("listitem")).to_have_text([reason])
    expect(summary.get_by_role("link", name=reason)).to_have_attribute("href", "#import-file")
    expect(page.locator("#import-file_error")).to_have_text(f"Fel: {reason}")
    assert Assessment.objects.count() == 0
    assert page.url == live_server.url + "/oppna/"
