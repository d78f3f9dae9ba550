"""The editor at real scale in Chromium (issue 10) and every failure shown (issue 13, point 2).

Two browser contexts on one draft are two tabs of two people: nothing one saves is written
over by the other without a word. Failures are real (a row removed in the other context) or
made by Playwright's routing (a 500, a 429, no network). Where the time matters (the typing
pause), the page's clock is Playwright's, moved on by the test: no test waits for time to pass.
"""

import io
import json
import re
from datetime import date

import pypdf
from playwright.sync_api import Page, expect

from assessments import catalogue, files, rules
from assessments.models import Activity, Assessment
from tests.e2e.conftest import LOCALE

from .test_calculator import (
    add_from_catalogue,
    field,
    figure,
    open_catalogue_group,
    open_details,
    row_cards,
    row_pks,
    saved,
    start_draft,
    wait_for_focus,
    wait_for_htmx,
)

ROW_POST = re.compile(r"/rader/\d+/$")


def draft_file(tmp_path, rows: int):
    """An assessment file with `rows` rows from the catalogue, as a person would open it."""
    items = [item for group in catalogue.CATALOGUE for item in group.items]
    order = [info.need for info in rules.NEEDS]
    chosen = sorted(
        (items[(i * 7) % len(items)] for i in range(rows)), key=lambda i: order.index(i.need)
    )
    draft = rules.Assessment(
        assessment_date=date(2026, 11, 22),
        title=f"{rows} rader",
        activities=tuple(item.row for item in chosen),
    )
    path = tmp_path / f"{rows}-rader.json"
    path.write_text(files.write(draft), encoding="utf-8")
    return path


def stop_clock(page: Page) -> None:
    """From now on the page's timers fire only when the test moves its clock on (run_for)."""
    page.clock.install()
    page.clock.pause_at(page.evaluate("Date.now()") + 1)


def open_file(page: Page, live_server, path) -> None:
    page.goto(live_server.url + "/")
    page.get_by_label("Välj en sparad behovsfil (.json)").set_input_files(path)
    page.get_by_role("button", name="Öppna filen").click()
    expect(page.get_by_text("Filen är öppnad som en ny beräkning.")).to_be_visible()
    wait_for_htmx(page)


# --- Scale --------------------------------------------------------------------------------------


def test_a_40_row_draft_from_a_file_fits_a_page_of_at_most_8000_px(live_server, browser, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=LOCALE)
    page = context.new_page()
    try:
        open_file(page, live_server, draft_file(tmp_path, 40))
        expect(row_cards(page)).to_have_count(40)
        height = page.evaluate("document.documentElement.scrollHeight")
        print(f"40-row draft from a file at 1280 px: page height {height} px")
        assert height <= 8000
        # Every row is a line of the table, none taller than two lines of text.
        tallest = max(row_cards(page).evaluate_all("rows => rows.map(r => r.offsetHeight)"))
        assert tallest <= 60, tallest
        page.screenshot(path="/tmp/e2e-40-rows-1280.png", full_page=True)
    finally:
        context.close()


def test_ctrl_p_prints_the_rows_and_the_result_on_at_most_3_pages(live_server, page, tmp_path):
    open_file(page, live_server, draft_file(tmp_path, 40))
    page.emulate_media(media="print")
    # No controls on paper: no buttons, inputs without their boxes.
    expect(page.get_by_role("button", name="Ta bort rad 1", exact=False).first).to_be_hidden()
    expect(page.locator("#add")).to_be_hidden()
    border = field(page, row_pks(page)[0], "minutes").evaluate(
        "input => getComputedStyle(input).borderTopWidth"
    )
    assert border == "0px"
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    print(f"Ctrl+P of the 40-row draft: {len(pdf.pages)} A4 pages")
    assert len(pdf.pages) <= 3
    printed = " ".join(p.extract_text() for p in pdf.pages)
    assert "Grundläggande behov" in printed
    assert "rad 40:" in printed  # the last row, with its description in place of its input
    with open("/tmp/e2e-print-40-rows.pdf", "wb") as out:
        out.write(page.pdf(format="A4"))


# --- Two tabs --------------------------------------------------------------------------------


def test_two_tabs_never_overwrite_each_other_silently(live_server, browser, axe):
    draft_url = None
    tab_a = browser.new_context(viewport={"width": 1280, "height": 900}, locale=LOCALE)
    tab_b = browser.new_context(viewport={"width": 1280, "height": 900}, locale=LOCALE)
    try:
        a = tab_a.new_page()
        draft_url = start_draft(a, live_server)
        pk = add_from_catalogue(a, "Personlig hygien", "Dusch")
        b = tab_b.new_page()
        b.goto(draft_url)
        wait_for_htmx(b)

        # A changes the minutes; B, on its older page, writes a note: B's save is refused and
        # shows both values, instead of putting back B's old minutes (the defect in issue 10).
        saved(a, lambda: field(a, pk, "minutes").fill("45"))
        open_details(b, pk)
        with b.expect_response(lambda r: r.status == 409):
            field(b, pk, "note").fill("Enligt intyget")
        conflict = b.locator(f"#r{pk}-m .conflict")
        expect(conflict).to_contain_text("Raden har ändrats någon annanstans")
        expect(conflict.locator("tr", has_text="Minuter per tillfälle")).to_contain_text("2045")
        expect(conflict.locator("tr", has_text="Anteckning")).to_contain_text("Enligt intyget")
        expect(b.locator("#status")).to_contain_text("sparades inte")
        expect(field(b, pk, "note")).to_have_value("Enligt intyget")  # what B typed is kept
        assert Activity.objects.get(pk=pk).minutes == 45
        axe(b, "a conflict message")
        conflict.screenshot(path="/tmp/e2e-conflict.png")

        # B takes the saved values: the row shows A's minutes, and B's next change is saved.
        conflict.get_by_role("link", name="Ta de sparade värdena").click()
        expect(field(b, pk, "minutes")).to_have_value("45")
        expect(b.locator(f"#r{pk}-m .conflict")).to_have_count(0)
        saved(b, lambda: field(b, pk, "times").fill("2"))
        row = Activity.objects.get(pk=pk)
        assert (row.minutes, row.times, row.note) == (45, 2, "")

        # Now A's page is the older one: A keeps its own values after seeing B's.
        with a.expect_response(lambda r: r.status == 409):
            field(a, pk, "minutes").fill("50")
        mine = a.get_by_role("button", name="Behåll mina värden")
        expect(mine).to_be_visible()
        with a.expect_response(lambda r: r.request.method == "POST" and r.ok):
            mine.click()
        expect(a.locator(f"#r{pk}-m .conflict")).to_have_count(0)
        wait_for_focus(a, f"r{pk}-description")
        row = Activity.objects.get(pk=pk)
        # A's change, chosen with both shown; B's times, which A never touched, stay (issue 18,
        # item 9: "Behåll mina värden" stores only the fields this tab changed)...
        assert (row.minutes, row.times) == (50, 2)
        expect(field(a, pk, "times")).to_have_value("2")  # ...and A's row shows them now

        # The draft's details: each tab's change to a different field is kept.
        saved(a, lambda: a.get_by_label("Namn på beräkningen (frivilligt)").fill("Hösten"))
        saved(b, lambda: b.get_by_label("Ålder i hela år (frivilligt)").fill("9"))
        stored = Assessment.objects.get()
        assert (stored.title, stored.age) == ("Hösten", 9)
        # ...and the same field changed in both is refused in the later one.
        with b.expect_response(lambda r: r.status == 409):
            b.get_by_label("Namn på beräkningen (frivilligt)").fill("Våren")
        expect(b.locator("#details-msg")).to_contain_text(
            "Uppgifterna har ändrats någon annanstans"
        )
        expect(b.locator("#details-msg tr", has_text="Namn på beräkningen")).to_contain_text(
            "VårenHösten"
        )
        assert Assessment.objects.get().title == "Hösten"
    finally:
        tab_a.close()
        tab_b.close()


def test_two_tabs_without_javascript_never_overwrite_each_other(live_server, browser):
    tab_a = browser.new_context(java_script_enabled=False, locale=LOCALE)
    tab_b = browser.new_context(java_script_enabled=False, locale=LOCALE)
    try:
        a = tab_a.new_page()
        draft_url = start_draft(a, live_server, js=False)
        open_catalogue_group(a, "Personlig hygien").get_by_role(
            "button", name="Lägg till raden Dusch"
        ).click()
        expect(row_cards(a)).to_have_count(1)
        (pk,) = row_pks(a)
        b = tab_b.new_page()
        b.goto(draft_url)

        field(a, pk, "minutes").fill("45")
        a.get_by_role("button", name="Spara ändringarna").first.click()
        expect(a.get_by_text("Ändringarna är sparade.")).to_be_visible()

        field(b, pk, "minutes").fill("30")
        with b.expect_navigation() as navigation:
            b.get_by_role("button", name="Spara ändringarna").first.click()
        assert navigation.value.status == 409
        expect(b.locator(".error-summary")).to_contain_text("raden har ändrats någon annanstans")
        expect(b.locator(f"#r{pk}-m .conflict tr", has_text="Minuter")).to_contain_text("3045")
        expect(field(b, pk, "minutes")).to_have_value("30")
        assert Activity.objects.get(pk=pk).minutes == 45

        b.get_by_role("button", name="Behåll mina värden").click()
        expect(b.get_by_text("Ändringarna är sparade.")).to_be_visible()
        assert Activity.objects.get(pk=pk).minutes == 30
    finally:
        tab_a.close()
        tab_b.close()


# --- Failures (issue 13, point 2) ----------------------------------------------------------------


def test_every_failed_action_is_said_at_its_place_and_can_be_tried_again(live_server, page, axe):
    start_draft(page, live_server)
    pk = add_from_catalogue(page, "Personlig hygien", "Dusch")
    minutes = field(page, pk, "minutes")
    message = page.locator(f"#r{pk}-m .problem")

    # The server fails (500): said at the row, the typed value kept, the live region told once.
    page.route(ROW_POST, lambda route: route.fulfill(status=500, body="Server Error"))
    with page.expect_response(lambda r: r.status == 500):
        minutes.fill("45")
    expect(message).to_contain_text("Något gick fel hos oss, och ändringen sparades inte.")
    expect(minutes).to_have_value("45")
    expect(page.locator(f"#r{pk}-h")).to_contain_text("Inte sparad")
    expect(page.locator("#status")).to_have_text(re.compile("^Något gick fel hos oss"))
    axe(page, "a failed save")
    page.locator(f"#r{pk}").screenshot(path="/tmp/e2e-failed-save.png")
    assert Activity.objects.get(pk=pk).minutes == 20
    # Trying again once the server works saves what was typed, and the message goes.
    page.unroute(ROW_POST)
    with page.expect_response(lambda r: ROW_POST.search(r.url) and r.ok):
        message.get_by_role("button", name="Försök igen").click()
    expect(message).to_have_count(0)
    assert Activity.objects.get(pk=pk).minutes == 45

    # No network at all.
    page.route(ROW_POST, lambda route: route.abort("internetdisconnected"))
    field(page, pk, "times").fill("2")
    expect(message).to_contain_text("ingen kontakt med servern")
    page.unroute(ROW_POST)
    message.get_by_role("button", name="Försök igen").click()
    expect(message).to_have_count(0)
    expect(figure(page, "Grundläggande behov")).to_have_text("10,5 h/vecka")

    # Too many requests (429), on a removal: the row stays, and says so.
    page.route(ROW_POST, lambda route: route.fulfill(status=429, body="För många"))
    page.get_by_role("button", name="Ta bort rad 1: Dusch").click()
    expect(message).to_contain_text("Vänta en minut och försök igen")
    expect(row_cards(page)).to_have_count(1)
    page.unroute(ROW_POST)

    # The details form and the catalogue say it where they are.
    page.route(re.compile(r"/b/[^/]+/$"), lambda route: route.fulfill(status=502, body="Bad"))
    page.get_by_label("Ålder i hela år (frivilligt)").fill("9")
    expect(page.locator("#details-msg .problem")).to_contain_text("Något gick fel hos oss")
    page.unroute(re.compile(r"/b/[^/]+/$"))
    page.route(re.compile(r"/rader/$"), lambda route: route.abort("connectionrefused"))
    open_catalogue_group(page, "Måltider").get_by_role("button", name="Lägg till raden Äta").click()
    expect(page.locator("#add-msg .problem")).to_contain_text("ingen kontakt med servern")
    expect(row_cards(page)).to_have_count(1)


def test_a_row_removed_in_another_tab_is_said_so_and_what_was_typed_stays(live_server, browser):
    tab_a = browser.new_context(locale=LOCALE)
    tab_b = browser.new_context(locale=LOCALE)
    try:
        a = tab_a.new_page()
        draft_url = start_draft(a, live_server)
        pk = add_from_catalogue(a, "Personlig hygien", "Dusch")
        b = tab_b.new_page()
        b.goto(draft_url)
        wait_for_htmx(b)
        a.get_by_role("button", name="Ta bort rad 1: Dusch").click()
        expect(a.locator(f"#r{pk}")).to_contain_text("Raden togs bort")

        with b.expect_response(lambda r: r.status == 404):
            field(b, pk, "minutes").fill("45")
        message = b.locator(f"#r{pk}-m .problem")
        expect(message).to_contain_text("Raden finns inte längre")
        expect(field(b, pk, "minutes")).to_have_value("45")
        expect(message.get_by_role("button", name="Ladda om sidan")).to_be_visible()
    finally:
        tab_a.close()
        tab_b.close()


# --- Saving you can see and trust -------------------------------------------------------------


def test_a_row_saves_after_the_typing_pause_and_at_once_when_left(live_server, page: Page):
    start_draft(page, live_server)
    other = add_from_catalogue(page, "Personlig hygien", "Tandborstning")
    pk = add_from_catalogue(page, "Personlig hygien", "Dusch")
    # The page's clock is the test's: nothing is saved until the test moves it on or the field
    # is left.
    stop_clock(page)
    posts = []
    page.on("request", lambda r: posts.append(r) if r.method == "POST" else None)

    field(page, pk, "minutes").fill("45")
    expect(page.locator(f"#r{pk}-h")).to_contain_text("Sparar…")
    page.clock.run_for(300)
    assert posts == []  # still typing
    with page.expect_response(ROW_POST):
        page.clock.run_for(500)  # the pause (700 ms) is over
    page.clock.run_for(100)  # htmx settles the answer
    expect(page.locator(f"#r{pk}-h")).to_contain_text("Sparad")
    expect(page.locator("#status")).to_contain_text("Rad 2 är sparad.")
    # The row's fields went, not the whole form's.
    assert f"r{pk}-minutes=45" in posts[0].post_data
    assert f"r{other}-" not in posts[0].post_data

    times = field(page, pk, "times")
    times.fill("2")
    page.clock.run_for(300)
    assert not [post for post in posts if f"r{pk}-times=2" in (post.post_data or "")]
    with page.expect_response(lambda r: f"r{pk}-times=2" in (r.request.post_data or "")):
        times.blur()  # left: saved at once on change, the pause not over
    page.clock.run_for(100)
    assert Activity.objects.get(pk=pk).times == 2


def test_leaving_with_a_save_pending_asks_first(live_server, page: Page):
    start_draft(page, live_server)
    pk = add_from_catalogue(page, "Personlig hygien", "Dusch")
    stop_clock(page)  # the typing pause never ends: the save is pending
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    field(page, pk, "minutes").fill("45")
    page.close(run_before_unload=True)
    page.wait_for_timeout(0)
    expect(page.locator("#rows")).to_be_visible()  # still there: the person chose to stay
    assert dialogs == ["beforeunload"]


def test_undo_puts_a_removed_row_back_with_its_note_and_place(live_server, page: Page):
    start_draft(page, live_server)
    first = add_from_catalogue(page, "Personlig hygien", "Dusch")
    second = add_from_catalogue(page, "Personlig hygien", "Tandborstning")
    third = add_from_catalogue(page, "Personlig hygien", "Hårvård")
    open_details(page, second)
    saved(page, lambda: field(page, second, "note").fill("Enligt intyg från arbetsterapeuten"))

    page.get_by_role("button", name="Ta bort rad 2: Tandborstning").click()
    removed = page.locator(f"#r{second}")
    expect(removed).to_contain_text("Raden togs bort: rad 2: Tandborstning.")
    wait_for_focus(page, f"r{second}-removed")
    expect(page.locator(f"#r{third}-n")).to_have_accessible_name("rad 2: Hårvård")
    assert Activity.objects.filter(pk=second).count() == 0

    page.get_by_role("button", name="Ångra borttagningen av rad 2: Tandborstning").click()
    expect(row_cards(page)).to_have_count(3)
    (back,) = set(row_pks(page)) - {first, third}
    assert row_pks(page) == [first, back, third]
    wait_for_focus(page, f"r{back}-description")
    expect(page.locator("#status")).to_contain_text("Rad 2, Tandborstning, är tillbaka.")
    open_details(page, back)
    expect(field(page, back, "note")).to_have_value("Enligt intyg från arbetsterapeuten")
    assert [a.description for a in Assessment.objects.get().rows()] == [
        "Dusch",
        "Tandborstning",
        "Hårvård",
    ]


# --- No dead controls, the catalogue, personal numbers ----------------------------------------


def test_days_per_week_are_asked_only_per_day(live_server, page: Page):
    start_draft(page, live_server)
    pk = add_from_catalogue(page, "Personlig hygien", "Dusch")
    days = field(page, pk, "days_per_week")
    expect(days).to_be_visible()

    saved(page, lambda: field(page, pk, "per").select_option("week"))
    expect(days).to_be_hidden()
    saved(page, lambda: field(page, pk, "per").select_option("day"))
    expect(days).to_have_value("7")  # kept while it was away
    expect(days).to_be_visible()


def test_a_need_folds_away_and_opens_again(live_server, page: Page):
    start_draft(page, live_server)
    pk = add_from_catalogue(page, "Personlig hygien", "Dusch")
    toggle = page.get_by_role("button", name="2. Personlig hygien")
    expect(toggle).to_have_attribute("aria-expanded", "true")

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator(f"#r{pk}")).to_be_hidden()
    # A row added to a folded need opens it, so that the focus can go to the new row.
    add_from_catalogue(page, "Personlig hygien", "Tandborstning")
    expect(page.locator(f"#r{pk}")).to_be_visible()


def test_the_catalogue_filters_as_one_types(live_server, page: Page):
    start_draft(page, live_server)
    search = page.get_by_label("Sök aktivitet")
    search.fill("dusch")

    visible = page.locator("#add .catalogue-items > li:visible button[name='item']")
    expect(visible).to_have_text(
        [
            "Lägg till raden Dusch",
            "Lägg till raden Förbereda dusch eller bad och plocka undan",
            "Lägg till raden Förflyttning och lyft vid toalett och dusch",
        ]
    )
    expect(page.locator("#catalogue-count")).to_have_text("3 aktiviteter passar.")
    expect(page.locator("details.catalogue-group:visible")).to_have_count(1)
    # Help on request: closed until asked for.
    help_text = page.locator("#add li:visible details").first
    expect(help_text).not_to_have_attribute("open", "")
    help_text.locator("summary").click()
    expect(help_text).to_contain_text("Förslag: grundläggande behov.")

    search.fill("xyz")
    expect(page.locator("#catalogue-none")).to_be_visible()
    search.fill("")
    expect(page.locator("details.catalogue-group:visible")).to_have_count(14)
    expect(page.locator("details.catalogue-group[open]")).to_have_count(0)


def test_without_javascript_the_catalogue_is_a_plain_list(live_server, browser):
    context = browser.new_context(java_script_enabled=False, locale=LOCALE)
    try:
        page = context.new_page()
        start_draft(page, live_server, js=False)
        # The search is a GET of the page (tests/e2e/test_catalogue_search.py), not a dead field.
        expect(page.get_by_label("Sök aktivitet")).to_be_visible()
        groups = page.locator("details.catalogue-group")
        expect(groups).to_have_count(14)
        groups.first.locator(":scope > summary").click()
        expect(
            groups.first.get_by_role("button", name="Lägg till raden Slemsugning")
        ).to_be_visible()
    finally:
        context.close()


def test_a_personal_number_is_warned_about_before_it_is_saved(live_server, page: Page, axe):
    start_draft(page, live_server)
    pk = add_from_catalogue(page, "Personlig hygien", "Dusch")
    stop_clock(page)  # "before it is saved": the typing pause does not end by itself

    field(page, pk, "description").fill("Dusch, Anna 19811218-9876")
    warning = page.locator(f"[id='r{pk}-description_pnr']")
    expect(warning).to_contain_text("ser ut som ett personnummer")
    expect(warning).to_contain_text("Det behövs inte")
    expect(field(page, pk, "description")).to_have_attribute(
        "aria-describedby", re.compile(f"r{pk}-description_pnr")
    )
    assert Activity.objects.get(pk=pk).description == "Dusch"  # not saved yet

    # The person can still save it (leaving the field saves at once).
    with page.expect_response(ROW_POST):
        field(page, pk, "description").press("Tab")
    page.clock.run_for(100)
    assert Activity.objects.get(pk=pk).description == "Dusch, Anna 19811218-9876"
    expect(warning).to_be_visible()  # the saved row says it too
    page.clock.resume()  # axe times its own work
    axe(page, "a personal number warning")
    field(page, pk, "description").fill("Dusch")
    expect(warning).to_have_count(0)

    # The title too; a number that only looks like one is no reason to warn.
    title = page.get_by_label("Namn på beräkningen (frivilligt)")
    title.fill("Ring 070-123 45 67")
    expect(page.locator("[id='details-title_pnr']")).to_have_count(0)
    title.fill("Inför mötet 811218-9876")
    expect(page.locator("[id='details-title_pnr']")).to_be_visible()


# --- Files and copies ----------------------------------------------------------------------------


def test_the_file_is_named_by_the_title_and_a_copy_gets_its_own_link(live_server, page, tmp_path):
    draft_url = start_draft(page, live_server)
    add_from_catalogue(page, "Personlig hygien", "Dusch")
    saved(page, lambda: page.get_by_label("Namn på beräkningen (frivilligt)").fill("Möte på FK"))
    expect(page.locator("#draft-heading")).to_have_text("Möte på FK")
    expect(page.get_by_label("Välj en sparad behovsfil (.json)")).to_have_count(0)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner som fil").click()
    name = download_info.value.suggested_filename
    assert re.fullmatch(r"behovsberakning-mote-pa-fk-\d{4}-\d{2}-\d{2}\.json", name), name
    data = json.loads(download_info.value.path().read_text(encoding="utf-8"))
    assert data["title"] == "Möte på FK"

    page.get_by_role("button", name="Kopiera beräkningen").click()
    expect(page.get_by_text("Det här är en kopia med en egen länk.")).to_be_visible()
    expect(page.locator("#draft-heading")).to_have_text("Kopia av Möte på FK")
    assert page.url != draft_url
    expect(row_cards(page)).to_have_count(1)
    assert Assessment.objects.count() == 2

    page.goto(live_server.url + "/")
    expect(page.get_by_label("Välj en sparad behovsfil (.json)")).to_have_attribute(
        "accept", ".json"
    )
    page.goto(live_server.url + "/ny/")
    expect(page).to_have_url(live_server.url + "/")


def test_saves_after_a_screenshot_break_no_content_security_policy(
    live_server, page, csp_violations
):
    # Browsers, their extensions and Playwright's screenshots set inline styles through the
    # CSSOM, which the page's `style-src 'self'` allows; a screenshot leaves style="" on every
    # input. htmx's settle used to copy a swapped element's old style attribute onto the new
    # one with setAttribute, which the policy refuses: a console error at every save that
    # swapped an input (the details' hidden "initial-…" values). The page's htmx-config
    # leaves "style" out of attributesToSettle.
    start_draft(page, live_server)
    pk = add_from_catalogue(page, "Personlig hygien", "Dusch")
    page.screenshot(path="/tmp/e2e-before-saves.png")
    assert page.locator("input[style]").count() > 0

    saved(page, lambda: page.get_by_label("Ålder i hela år (frivilligt)").fill("9"))
    saved(page, lambda: field(page, pk, "minutes").fill("25"))

    assert csp_violations == []
    assert Activity.objects.get(pk=pk).minutes == 25
    assert Assessment.objects.get().age == 9
