"""The pages and actions of issue 3, through Django's test client, with and without htmx."""

import html
import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from assessments import files, rules
from assessments.forms import ActivityForm
from assessments.models import Activity, Assessment
from tests.factories import form_data, make_draft, part_data, row_values

EXAMPLES = Path(__file__).resolve().parent / "examples"
CHILD = EXAMPLES / "child-3-years-2025.json"
HTMX = {"HX-Request": "true"}
TOKEN = re.compile(r"^[A-Za-z0-9_-]{43,}$")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    """The rate limits count in the cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def text(response) -> str:
    return html.unescape(response.content.decode())


def h1_count(page: str) -> int:
    return len(re.findall(r"<h1[\s>]", page))


def title(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.DOTALL).group(1).strip()


def error_slot(page: str, field_id: str) -> str:
    """The text of a field's error: its slot `<p id="<id>_error">` beside a field of the details,
    or its `<li id="<id>_error">` under a row's line."""
    match = re.search(
        rf'<(p|li) [^>]*id="{re.escape(field_id)}_error"[^>]*>(.*?)</(p|li)>', page, re.DOTALL
    )
    assert match, f"no error slot for {field_id}"
    return match.group(2)


def input_value(page: str, name: str) -> str:
    """The value of the input named `name` ("r12-minutes"; for the details form, its id)."""
    tag = re.search(rf'<input [^>]*(name|id)="{re.escape(name)}"[^>]*>', page).group(0)
    return re.search(r'value="([^"]*)"', tag).group(1)


def row_url(assessment, activity) -> str:
    return reverse("assessments:activity", args=[assessment.token, activity.pk])


def add_url(assessment) -> str:
    return reverse("assessments:add_activity", args=[assessment.token])


def two_row_draft(**fields):
    return make_draft(
        rows=[
            {"description": "Dusch", "minutes": 20, "times": 1},
            {"description": "Matlagning", "need": "household", "kind": "other", "minutes": 30},
        ],
        **{"title": "Hösten", **fields},
    )


# --- Start and create ---------------------------------------------------------------------------


def test_start_page_has_one_heading_and_the_start_button(client):
    response = client.get("/")

    assert response.status_code == 200
    page = text(response)
    assert h1_count(page) == 1
    assert "Starta en ny beräkning" in page


def test_starting_creates_a_draft_under_a_256_bit_token(client):
    response = client.post("/ny/")

    assert response.status_code == 302
    match = re.fullmatch(r"/b/([^/]+)/", response["Location"])
    assert match
    token = match.group(1)
    assert TOKEN.match(token)
    assert Assessment.objects.get().token == token
    assert client.get(response["Location"]).status_code == 200


def test_starting_twice_gives_two_different_tokens(client):
    first = client.post("/ny/")["Location"]
    second = client.post("/ny/")["Location"]

    assert first != second
    assert Assessment.objects.count() == 2


def test_unknown_or_truncated_token_is_not_found(client):
    draft = make_draft()

    assert client.get("/b/" + "A" * 43 + "/").status_code == 404
    assert client.get(f"/b/{draft.token[:-1]}/").status_code == 404
    assert client.get(f"/b/{draft.token[:20]}/").status_code == 404


# --- Headers ------------------------------------------------------------------------------------


def assert_private(response):
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]


def test_draft_page_is_private_and_not_cached(client):
    draft = make_draft()

    response = client.get(draft.get_absolute_url())

    assert response.status_code == 200
    assert_private(response)
    assert response["X-Content-Type-Options"] == "nosniff"


def test_draft_page_sends_a_strict_content_security_policy(client):
    draft = make_draft()

    csp = client.get(draft.get_absolute_url())["Content-Security-Policy"]

    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    assert directives["default-src"] == ["'none'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in csp
    assert "'unsafe-eval'" not in csp


def test_downloaded_file_and_delete_page_are_private(client):
    draft = make_draft(rows=[{}])

    assert_private(client.get(reverse("assessments:download", args=[draft.token])))
    assert_private(client.get(reverse("assessments:delete", args=[draft.token])))


def test_created_and_imported_redirects_are_private(client):
    assert_private(client.post("/ny/"))
    with CHILD.open("rb") as upload:
        assert_private(client.post("/oppna/", {"file": upload}))


# --- Adding rows --------------------------------------------------------------------------------


def test_adding_a_catalogue_row_with_htmx_swaps_in_its_need_and_results_and_moves_focus(client):
    draft = make_draft()

    response = client.post(add_url(draft), {"item": "hygiene-shower"}, headers=HTMX)

    assert response.status_code == 200
    activity = Activity.objects.get(assessment=draft)
    assert (activity.need, activity.description, activity.kind) == (
        "personal_hygiene",
        "Dusch",
        "basic",
    )
    page = text(response)
    # The first row of its need: the need's part of the table comes with it, nothing else.
    assert re.search(r'<tbody id="need-personal_hygiene"[^>]*hx-swap-oob="true"', page)
    assert re.search(r'<section id="results"[^>]*hx-swap-oob="true"', page)
    trigger = json.loads(response["HX-Trigger-After-Settle"])
    assert trigger["behov:focus"]["selector"] == [f"#r{activity.pk}-description"]
    assert f'id="r{activity.pk}-description"' in page


def test_adding_a_catalogue_row_without_javascript_redirects_to_the_draft(client):
    draft = make_draft()

    response = client.post(add_url(draft), {"item": "hygiene-shower"})

    assert response.status_code == 302
    assert response["Location"].startswith(draft.get_absolute_url())
    assert Activity.objects.filter(assessment=draft, description="Dusch").exists()
    assert "Dusch" in text(client.get(draft.get_absolute_url()))


def test_adding_a_free_row_uses_the_chosen_need_and_an_other_kind(client):
    draft = make_draft()

    response = client.post(add_url(draft), {"item": "", "need": "household"}, headers=HTMX)

    assert response.status_code == 200
    activity = Activity.objects.get(assessment=draft)
    assert activity.need == "household"
    assert activity.kind == "other"
    trigger = json.loads(response["HX-Trigger-After-Settle"])
    assert trigger["behov:focus"]["selector"] == [f"#r{activity.pk}-description"]


def test_adding_a_free_row_without_javascript_redirects_to_the_draft(client):
    draft = make_draft()

    response = client.post(add_url(draft), {"item": "", "need": "household"})

    assert response.status_code == 302
    assert response["Location"].startswith(draft.get_absolute_url())
    assert Activity.objects.get(assessment=draft).need == "household"


def test_a_new_row_goes_after_the_last_row_of_its_need(client):
    draft = make_draft(
        rows=[
            {"description": "Tandborstning"},
            {"description": "Städning", "need": "household", "kind": "other"},
        ]
    )

    client.post(add_url(draft), {"item": "hygiene-shower"})
    client.post(add_url(draft), {"item": "", "need": "breathing"})
    client.post(add_url(draft), {"item": "", "need": "other"})

    assert [a.need for a in draft.rows()] == [
        "breathing",
        "personal_hygiene",
        "personal_hygiene",
        "household",
        "other",
    ]
    assert [a.description for a in draft.rows()][1:4] == ["Tandborstning", "Dusch", "Städning"]


def test_adding_a_row_without_item_or_need_is_refused_with_a_message(client):
    draft = make_draft()

    response = client.post(add_url(draft), {"item": "", "need": ""})

    assert response.status_code == 400
    assert Activity.objects.count() == 0
    assert "Välj vilket behov raden gäller." in text(response)


def test_adding_an_unknown_catalogue_item_is_refused(client):
    draft = make_draft()

    response = client.post(add_url(draft), {"item": "no-such-item"})

    assert response.status_code == 400
    assert Activity.objects.count() == 0


# --- Saving a row -------------------------------------------------------------------------------


def test_saving_a_row_with_htmx_shows_the_new_total_with_a_decimal_comma(client):
    draft = make_draft(rows=[{"minutes": 20, "times": 1}])
    activity = draft.activities.get()

    response = client.post(
        row_url(draft, activity), form_data(activity, minutes="45", times="2"), headers=HTMX
    )

    assert response.status_code == 200
    activity.refresh_from_db()
    assert (activity.minutes, activity.times) == (45, 2)
    page = text(response)
    assert "10,5 h/vecka" in page
    assert re.search(rf'id="r{activity.pk}-summary"[^>]*hx-swap-oob="true"', page)
    assert re.search(rf'<td id="r{activity.pk}-h" hx-swap-oob="true">.*10,5', page)
    assert re.search(r'id="status" hx-swap-oob="innerHTML">Rad 1 är sparad\.', page)


def test_saving_a_row_without_javascript_redirects_to_the_row(client):
    draft = make_draft(rows=[{"minutes": 20, "times": 1}])
    activity = draft.activities.get()

    response = client.post(row_url(draft, activity), form_data(activity, minutes="45", times="2"))

    assert response.status_code == 302
    assert response["Location"] == f"{draft.get_absolute_url()}?rad={activity.pk}#r{activity.pk}"
    assert "10,5 h/vecka" in text(client.get(response["Location"]))


def test_saving_a_row_bumps_the_drafts_version(client):
    draft = two_row_draft()
    activity = draft.rows()[0]
    version = draft.version

    client.post(row_url(draft, activity), form_data(activity, minutes="45"), headers=HTMX)

    draft.refresh_from_db()
    assert draft.version == version + 1


def test_decimal_comma_is_accepted_and_shown_back_with_a_comma(client):
    draft = make_draft(rows=[{}])
    activity = draft.activities.get()

    response = client.post(row_url(draft, activity), form_data(activity, minutes="2,5"))

    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.minutes == 2.5
    page = text(client.get(draft.get_absolute_url()))
    assert input_value(page, f"r{activity.pk}-minutes") == "2,5"


INVALID_ROWS = [
    pytest.param(
        {},
        {"minutes": "abc"},
        "minutes",
        "Minuter per tillfälle måste vara ett tal, till exempel 15 eller 2,5.",
        id="minutes-not-a-number",
    ),
    pytest.param(
        {},
        {"minutes": "0"},
        "minutes",
        "Minuter per tillfälle måste vara större än 0 och högst 1440.",
        id="minutes-zero",
    ),
    pytest.param(
        {},
        {"minutes": "1441"},
        "minutes",
        "Minuter per tillfälle måste vara större än 0 och högst 1440.",
        id="minutes-over-a-day",
    ),
    pytest.param(
        {"need": "household", "kind": "other", "description": "Städning"},
        {"kind": "basic"},
        "kind",
        "Välj grundläggande eller annat personligt behov.",
        id="basic-on-household",
    ),
    pytest.param(
        {},
        {"time_type": "waiting", "kind": "basic"},
        "time_type",
        "Väntetid och beredskap räknas alltid som andra personliga behov",
        id="waiting-and-basic",
    ),
]


@pytest.mark.parametrize(("row", "typed", "field", "message"), INVALID_ROWS)
def test_invalid_row_without_javascript_is_not_saved_and_shows_the_error(
    client, row, typed, field, message
):
    draft = make_draft(
        rows=[row, {"description": "Tandborstning", "minutes": 5, "times": 2}],
        title="Hösten",
        age=9,
    )
    activity, other = draft.rows()
    before, other_before = row_values(activity), row_values(other)

    response = client.post(row_url(draft, activity), form_data(activity, **typed))

    assert response.status_code == 400
    assert row_values(activity) == before
    assert row_values(other) == other_before
    saved = Assessment.objects.get(pk=draft.pk)
    assert (saved.title, saved.age, saved.version) == ("Hösten", 9, draft.version)
    page = text(response)
    assert message in error_slot(page, f"r{activity.pk}-{field}")
    assert title(page).startswith("Fel:")
    assert "Det finns ett problem" in page
    assert f'href="#r{activity.pk}-{field}"' in page
    assert f'id="r{activity.pk}-{field}"' in page
    assert h1_count(page) == 1


@pytest.mark.parametrize(("row", "typed", "field", "message"), INVALID_ROWS)
def test_invalid_row_with_htmx_is_not_saved_and_the_error_is_swapped_in(
    client, row, typed, field, message
):
    draft = make_draft(rows=[row])
    activity = draft.activities.get()
    before = row_values(activity)

    response = client.post(row_url(draft, activity), form_data(activity, **typed), headers=HTMX)

    assert row_values(activity) == before
    page = text(response)
    # A line's errors come in its message row, a detail's in its own slot.
    slot = (
        f"r{activity.pk}-m"
        if field in ActivityForm.line_fields
        else f"r{activity.pk}-{field}_error"
    )
    assert re.search(rf'id="{slot}"[^>]*hx-swap-oob="true"', page)
    assert message in error_slot(page, f"r{activity.pk}-{field}")
    # The polite status region is not told about a change that was not made.
    assert 'id="status"' not in page


def test_invalid_row_keeps_what_was_typed(client):
    draft = make_draft(rows=[{}])
    activity = draft.activities.get()

    response = client.post(row_url(draft, activity), form_data(activity, minutes="abc", times="3"))

    page = text(response)
    assert input_value(page, f"r{activity.pk}-minutes") == "abc"
    assert input_value(page, f"r{activity.pk}-times") == "3"


def test_a_row_is_never_half_saved(client):
    draft = make_draft(rows=[{"description": "Dusch", "minutes": 20}])
    activity = draft.activities.get()

    client.post(row_url(draft, activity), form_data(activity, description="Bad", minutes="1441"))

    activity.refresh_from_db()
    assert (activity.description, activity.minutes) == ("Dusch", 20)


def test_a_row_of_another_draft_cannot_be_edited_through_this_draft(client):
    mine = make_draft(rows=[{}])
    theirs = make_draft(rows=[{"description": "Deras"}])
    their_row = theirs.activities.get()
    before = row_values(their_row)

    response = client.post(row_url(mine, their_row), form_data(their_row, minutes="45"))
    removed = client.post(row_url(mine, their_row), {"remove": str(their_row.pk)})

    # The row is not this draft's: to this draft it does not exist.
    assert response.status_code == 302
    assert removed.status_code == 302
    assert "Raden finns inte längre" in text(client.get(mine.get_absolute_url()))
    assert row_values(their_row) == before


# --- Removing and moving rows -------------------------------------------------------------------


def test_removing_a_row_deletes_only_that_row(client):
    draft = two_row_draft()
    first, second = draft.rows()

    pk = first.pk
    response = client.post(row_url(draft, first), {"remove": str(pk)}, headers=HTMX)

    assert response.status_code == 200
    assert list(draft.activities.all()) == [second]
    page = text(response)
    # In the row's place: that it was removed, and undo.
    assert re.search(rf'<tr id="r{pk}" class="row row--removed" hx-swap-oob="true">', page)
    assert "Raden togs bort" in page
    assert 'name="restore"' in page
    assert f'id="r{second.pk}"' not in page
    trigger = json.loads(response["HX-Trigger-After-Settle"])
    assert trigger["behov:focus"]["selector"] == [f"#r{pk}-removed"]


def test_removing_a_row_without_javascript_shows_the_page_with_undo_in_its_place(client):
    draft = two_row_draft()
    first, second = draft.rows()

    response = client.post(row_url(draft, first), {"remove": str(first.pk)})

    assert response.status_code == 200
    assert list(draft.activities.all()) == [second]
    page = text(response)
    assert "Raden togs bort" in page
    assert re.search(rf'<button [^>]*name="restore" value="{first.pk}">Ångra', page)


def ordered_draft():
    return make_draft(
        rows=[
            {"description": "A", "need": "personal_hygiene"},
            {"description": "B", "need": "personal_hygiene"},
            {"description": "C", "need": "personal_hygiene"},
            {"description": "Maten", "need": "meals"},
            {"description": "Städning", "need": "household", "kind": "other"},
        ]
    )


def descriptions(draft) -> list[str]:
    return [a.description for a in draft.rows()]


def test_moving_a_row_up_swaps_it_with_the_row_above_in_its_need(client):
    draft = ordered_draft()
    meals_before = row_values(draft.activities.get(description="Maten"))
    row_b = draft.activities.get(description="B")

    response = client.post(row_url(draft, row_b), {"move_up": str(row_b.pk)}, headers=HTMX)

    assert response.status_code == 200
    assert descriptions(draft) == ["B", "A", "C", "Maten", "Städning"]
    assert row_values(draft.activities.get(description="Maten")) == meals_before
    page = text(response)
    # The row leaves its place and goes back in before A, which is now below it.
    row_a = draft.activities.get(description="A")
    assert f'hx-swap-oob="delete:#r{row_b.pk}, #r{row_b.pk}-m, #r{row_b.pk}-d"' in page
    assert f'hx-swap-oob="beforebegin:#r{row_a.pk}"' in page
    trigger = json.loads(response["HX-Trigger-After-Settle"])
    assert trigger["behov:focus"]["selector"][0] == f"#r{row_b.pk}-move_up"


def test_moving_a_row_down_without_javascript(client):
    draft = ordered_draft()
    row_b = draft.activities.get(description="B")

    response = client.post(row_url(draft, row_b), {"move_down": str(row_b.pk)})

    assert response.status_code == 302
    assert descriptions(draft) == ["A", "C", "B", "Maten", "Städning"]


def test_a_row_does_not_move_past_the_edge_of_its_need(client):
    draft = ordered_draft()
    before = {a.description: row_values(a) for a in draft.rows()}

    for description, move in [("A", "up"), ("C", "down"), ("Maten", "up"), ("Maten", "down")]:
        row = draft.activities.get(description=description)
        client.post(row_url(draft, row), {f"move_{move}": str(row.pk)})

    assert {a.description: row_values(a) for a in draft.rows()} == before


# --- The draft's details ------------------------------------------------------------------------


def test_a_child_in_2025_gets_the_parental_deduction_in_the_results(client):
    draft = make_draft(rows=[{"minutes": 60, "times": 3}])

    response = client.post(
        draft.get_absolute_url(),
        part_data(draft, "details", assessment_date="2025-03-01", age="5"),
        headers=HTMX,
    )

    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.age == 5
    assert draft.assessment_date == date(2025, 3, 1)
    assert "Föräldraavdrag, grundläggande" in text(response)
    assert "Föräldraavdrag, grundläggande" in text(client.get(draft.get_absolute_url()))


def test_an_adult_has_no_parental_deduction(client):
    draft = make_draft(rows=[{"minutes": 60, "times": 3}], age=30)

    assert "Föräldraavdrag, grundläggande" not in text(client.get(draft.get_absolute_url()))


def test_saving_details_without_javascript_redirects_to_the_draft(client):
    draft = make_draft()

    response = client.post(
        draft.get_absolute_url(),
        part_data(draft, "details", title="Våren", assessment_date="2025-03-01", age=""),
    )

    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()
    draft.refresh_from_db()
    assert (draft.title, draft.age) == ("Våren", None)


def test_an_age_in_words_is_refused_and_nothing_is_saved(client):
    draft = make_draft(rows=[{}], title="Hösten")
    activity = draft.activities.get()
    before = row_values(activity)

    response = client.post(
        draft.get_absolute_url(),
        part_data(draft, "details", title="Nytt", assessment_date="2025-03-01", age="fem"),
    )

    assert response.status_code == 400
    page = text(response)
    assert "Ålder måste vara ett helt antal år" in error_slot(page, "details-age")
    assert title(page).startswith("Fel:")
    assert 'href="#details-age"' in page
    assert input_value(page, "details-age") == "fem"
    saved = Assessment.objects.get(pk=draft.pk)
    assert (saved.title, saved.age, saved.assessment_date, saved.version) == (
        "Hösten",
        None,
        draft.assessment_date,
        draft.version,
    )
    assert row_values(activity) == before


def test_an_age_in_words_with_htmx_swaps_in_the_error(client):
    draft = make_draft()

    response = client.post(
        draft.get_absolute_url(),
        part_data(draft, "details", assessment_date="2025-03-01", age="fem"),
        headers=HTMX,
    )

    page = text(response)
    assert re.search(r'id="details-age_error"[^>]*hx-swap-oob="true"', page)
    assert "Ålder måste vara ett helt antal år" in error_slot(page, "details-age")
    draft.refresh_from_db()
    assert draft.age is None


# --- Deleting -----------------------------------------------------------------------------------


def test_delete_asks_for_confirmation_first(client):
    draft = make_draft(rows=[{}])

    response = client.get(reverse("assessments:delete", args=[draft.token]))

    assert response.status_code == 200
    assert "Ja, radera beräkningen" in text(response)
    assert Assessment.objects.filter(pk=draft.pk).exists()


def test_delete_removes_the_draft_and_its_rows_and_the_link_stops_working(client):
    draft = make_draft(rows=[{}, {"description": "Påklädning", "need": "dressing"}])
    kept = make_draft(rows=[{}])

    response = client.post(reverse("assessments:delete", args=[draft.token]))

    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:start")
    assert not Assessment.objects.filter(pk=draft.pk).exists()
    assert Activity.objects.filter(assessment_id=draft.pk).count() == 0
    assert Activity.objects.count() == 1
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert Assessment.objects.filter(pk=kept.pk).exists()


# --- Files --------------------------------------------------------------------------------------


def test_download_gives_the_assessment_file_as_an_attachment(client):
    draft = two_row_draft()

    response = client.get(reverse("assessments:download", args=[draft.token]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".json" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["format"] == files.FORMAT
    assert data["title"] == "Hösten"
    assert [row["description"] for row in data["activities"]] == ["Dusch", "Matlagning"]


def test_importing_a_valid_file_creates_a_new_draft_with_the_same_results(client):
    existing = make_draft(rows=[{}])
    source = CHILD.read_bytes()

    with CHILD.open("rb") as upload:
        response = client.post("/oppna/", {"file": upload})

    assert response.status_code == 302
    assert Assessment.objects.count() == 2
    imported = Assessment.objects.exclude(pk=existing.pk).get()
    assert response["Location"] == imported.get_absolute_url()
    assert imported.token != existing.token
    assert existing.activities.count() == 1
    result = imported.calculate()
    expected = rules.calculate(files.read(source))
    assert (result.basic_minutes, result.other_minutes) == (
        expected.basic_minutes,
        expected.other_minutes,
    )
    published = json.loads((EXAMPLES / "child-3-years-2025.expected.json").read_text())
    assert abs(float(result.basic_minutes) / 60 - published["basic"]) < 0.01
    assert client.get(response["Location"]).status_code == 200


def test_a_downloaded_file_imports_to_the_same_results(client):
    draft = two_row_draft(age=4, assessment_date=date(2025, 6, 1))
    downloaded = client.get(reverse("assessments:download", args=[draft.token])).content

    upload = SimpleUploadedFile("behov.json", downloaded, content_type="application/json")
    response = client.post("/oppna/", {"file": upload})

    copy = Assessment.objects.get(token=response["Location"].split("/")[2])
    assert copy.pk != draft.pk
    original, imported = draft.calculate(), copy.calculate()
    assert (imported.basic_minutes, imported.other_minutes) == (
        original.basic_minutes,
        original.other_minutes,
    )


def test_a_bad_file_is_refused_whole_with_the_reasons(client):
    data = json.loads(CHILD.read_text())
    data["activities"][0]["minutes"] = -5
    data["activities"][1]["colour"] = "röd"
    upload = SimpleUploadedFile("behov.json", json.dumps(data).encode(), "application/json")
    before = (Assessment.objects.count(), Activity.objects.count())

    response = client.post("/oppna/", {"file": upload})

    assert response.status_code == 400
    page = text(response)
    assert 'Rad 1, fältet "minutes" (minuter per tillfälle)' in page
    assert "men är -5" in page
    assert 'Rad 2, fältet "colour"' in page
    assert "okänt fält i en behovsfil" in page
    assert "Det finns ett problem" in page
    assert title(page).startswith("Fel:")
    assert (Assessment.objects.count(), Activity.objects.count()) == before


def test_a_file_that_is_not_json_is_refused(client):
    upload = SimpleUploadedFile("bild.json", b"\x89PNG not json", "application/json")

    response = client.post("/oppna/", {"file": upload})

    assert response.status_code == 400
    assert "Det här är en bild, inte en sparad beräkning." in text(response)
    assert Assessment.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(client, settings):
    settings.ASSESSMENT_FILE_MAX_BYTES = 500

    with CHILD.open("rb") as upload:
        response = client.post("/oppna/", {"file": upload})

    assert response.status_code == 400
    assert "Filen är för stor" in text(response)
    assert Assessment.objects.count() == 0


def test_importing_without_a_file_asks_for_one(client):
    response = client.post("/oppna/", {})

    assert response.status_code == 400
    assert "Välj en fil att öppna." in text(response)
    assert Assessment.objects.count() == 0


# --- PDF ----------------------------------------------------------------------------------------


def test_pdf_is_a_private_pdf_document(client):
    # Two rows only: rendering a PDF is the slowest thing here.
    draft = two_row_draft()

    response = client.get(reverse("assessments:pdf", args=[draft.token]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert_private(response)


# --- Rate limits --------------------------------------------------------------------------------


def test_creating_too_many_drafts_is_refused_in_swedish(client, settings):
    settings.RATE_LIMITS = {"create": (2, 3600), "import": (2, 3600), "pdf": (2, 3600)}

    assert client.post("/ny/").status_code == 302
    assert client.post("/ny/").status_code == 302
    response = client.post("/ny/")

    assert response.status_code == 429
    assert "För många försök" in text(response)
    assert response["Retry-After"] == "3600"
    assert Assessment.objects.count() == 2


def test_importing_and_pdfs_are_rate_limited_too(client, settings):
    settings.RATE_LIMITS = {"create": (2, 3600), "import": (0, 3600), "pdf": (0, 3600)}
    draft = make_draft(rows=[{}])

    with CHILD.open("rb") as upload:
        assert client.post("/oppna/", {"file": upload}).status_code == 429
    assert client.get(reverse("assessments:pdf", args=[draft.token])).status_code == 429
    assert Assessment.objects.count() == 1


# --- CSRF ---------------------------------------------------------------------------------------


def csrf_token_from(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_a_post_without_csrf_token_is_refused():
    browser = Client(enforce_csrf_checks=True)
    browser.get("/")

    assert browser.post("/ny/").status_code == 403
    assert browser.post("/ny/", HTTP_ORIGIN="null").status_code == 403
    assert Assessment.objects.count() == 0


def test_a_post_with_origin_null_and_a_valid_token_is_accepted():
    # Referrer-Policy: no-referrer makes browsers send Origin: null on same-site form posts.
    browser = Client(enforce_csrf_checks=True)
    token = csrf_token_from(browser.get("/").content.decode())

    response = browser.post("/ny/", {"csrfmiddlewaretoken": token}, HTTP_ORIGIN="null")

    assert response.status_code == 302
    assert Assessment.objects.count() == 1


def test_a_post_from_another_origin_is_refused_even_with_a_token():
    browser = Client(enforce_csrf_checks=True)
    token = csrf_token_from(browser.get("/").content.decode())

    response = browser.post(
        "/ny/", {"csrfmiddlewaretoken": token}, HTTP_ORIGIN="https://evil.example"
    )

    assert response.status_code == 403
    assert Assessment.objects.count() == 0


def test_htmx_posts_with_the_csrf_header_are_accepted():
    draft = make_draft()
    browser = Client(enforce_csrf_checks=True)
    token = csrf_token_from(browser.get(draft.get_absolute_url()).content.decode())

    response = browser.post(
        add_url(draft),
        {"item": "hygiene-shower"},
        headers={**HTMX, "X-CSRFToken": token},
        HTTP_ORIGIN="null",
    )

    assert response.status_code == 200
    assert draft.activities.count() == 1


def test_removing_a_row_with_htmx_leaves_no_stale_notice_for_the_next_page(client):
    draft = two_row_draft()
    first = draft.rows()[0]

    client.post(row_url(draft, first), {"remove": str(first.pk)}, headers=HTMX)
    page = text(client.get(draft.get_absolute_url()))

    assert "Raden togs bort" not in page


@pytest.mark.django_db
def test_a_draft_cannot_grow_past_the_row_limit_of_a_file(client, settings):
    settings.ASSESSMENT_MAX_ROWS = 2
    draft = make_draft(rows=[{}, {}])
    url = reverse("assessments:add_activity", args=[draft.token])
    response = client.post(url, {"item": "hygiene-shower"})
    assert response.status_code == 400
    assert "En beräkning kan ha högst 2 rader" in response.content.decode()
    assert draft.activities.count() == 2
    htmx = client.post(url, {"item": "hygiene-shower"}, headers={"HX-Request": "true"})
    assert htmx.status_code == 200
    assert re.search(
        r'<div id="add-msg" class="form-message" hx-swap-oob="true">.*En beräkning kan ha högst 2',
        htmx.content.decode(),
    )
    assert draft.activities.count() == 2


@pytest.mark.django_db
def test_a_new_title_reaches_the_page_heading_with_htmx(client):
    draft = make_draft()
    url = reverse("assessments:draft", args=[draft.token])
    data = part_data(draft, "details", title="Inför mötet i december")
    response = client.post(url, data, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert '<h1 id="draft-heading" hx-swap-oob="true">Inför mötet i december</h1>' in body
