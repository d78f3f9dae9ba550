"""The behovslista on the draft page without JavaScript (issue 23 items 2 and 5): the search is
a GET of the page that shows only the items it finds; nothing found offers an own row with the
words typed; the marked items are added by one post, each with its defaults."""

import html
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from assessments.models import Activity
from tests.factories import make_draft

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    """The rate limits count in the cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def page_of(response) -> str:
    return html.unescape(response.content.decode())


def shown_items(page: str) -> list[str]:
    """The keys of the items the page shows: their add buttons, not hidden."""
    return re.findall(
        r'<li data-terms="[^"]*">\s*<input class="pick" type="checkbox" '
        r'name="items" value="([a-z0-9-]+)"',
        page,
    )


def test_the_search_is_a_get_form_of_the_draft_page(client):
    draft = make_draft()
    page = page_of(client.get(draft.get_absolute_url()))
    form = re.search(r'<form class="catalogue-search"[^>]*>', page).group(0)
    assert 'method="get"' in form and f'action="{draft.get_absolute_url()}#add"' in form
    assert re.search(r'<input type="search" id="catalogue-filter" name="sok"', page)
    assert len(shown_items(page)) >= 80  # everything, unfiltered


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("naglar", "hygiene-nails"),
        ("handla", "household-shopping"),
        ("lyft", "other-transfer"),
        ("Vändning", "health-repositioning"),
        ("kanyl", "breathing-tracheostomy"),
    ],
)
def test_a_get_with_words_shows_only_what_they_find(client, query, key):
    draft = make_draft()
    page = page_of(client.get(draft.get_absolute_url(), {"sok": query}))
    shown = shown_items(page)
    assert key in shown and len(shown) < 10
    assert f'value="{query}"' in page  # the words stay in the field
    assert re.search(r'<p class="catalogue-count" id="catalogue-count">\d* ?\w+ aktivitet', page)
    # Items the words do not find are on the page, hidden, for app.js to filter again.
    assert 'data-terms=" dusch' in page
    assert re.search(r'<p class="catalogue-none" id="catalogue-none" hidden>', page)


def test_nothing_found_offers_an_own_row_with_the_words_typed(client):
    draft = make_draft()
    page = page_of(client.get(draft.get_absolute_url(), {"sok": "spela gitarr"}))
    assert shown_items(page) == []
    assert '<p class="catalogue-none" id="catalogue-none">' in page
    assert "Ingen aktivitet passar." in page
    # The own row's form is open, with the words typed as its description.
    assert '<details class="own-row" id="own-row" open>' in page
    assert re.search(r'<input type="text" name="description" value="spela gitarr"', page)

    response = client.post(
        reverse("assessments:add_activity", args=[draft.token]),
        {"item": "", "need": "leisure_and_community", "description": "spela gitarr"},
    )
    assert response.status_code == 302
    row = Activity.objects.get(assessment=draft)
    assert (row.description, row.need, row.kind) == (
        "spela gitarr",
        "leisure_and_community",
        "other",
    )


def test_an_own_row_without_words_keeps_its_default_description(client):
    draft = make_draft()
    client.post(
        reverse("assessments:add_activity", args=[draft.token]),
        {"item": "", "need": "household", "description": "  "},
    )
    assert Activity.objects.get(assessment=draft).description == "Egen rad: Hushåll och matlagning"


def test_the_marked_items_are_added_at_once_with_their_defaults(client):
    draft = make_draft(rows=[{"description": "Städning", "need": "household", "kind": "other"}])
    url = reverse("assessments:add_marked", args=[draft.token])

    response = client.post(
        url, {"items": ["hygiene-shower", "hygiene-teeth", "dressing-dress", "hygiene-teeth"]}
    )

    assert response.status_code == 302
    rows = list(draft.rows())
    assert [row.description for row in rows] == [
        "Dusch",
        "Tandborstning",
        "Av- och påklädning",
        "Städning",
    ]
    shower = rows[0]
    assert (shower.need, shower.kind, shower.minutes, shower.times) == (
        "personal_hygiene",
        "basic",
        20,
        1,
    )
    assert response["Location"] == f"{draft.get_absolute_url()}#r{shower.pk}"
    page = page_of(client.get(response["Location"]))
    # Said once, in the live region, and shown without JavaScript.
    assert re.search(r'<div id="status"[^>]*data-announce="3 rader tillagda\."', page)
    assert page.count("3 rader tillagda.") == 2
    assert "3 rader tillagda." not in page_of(client.get(draft.get_absolute_url()))


def test_marking_nothing_is_refused_with_a_message(client):
    draft = make_draft()
    url = reverse("assessments:add_marked", args=[draft.token])
    response = client.post(url, {})
    assert response.status_code == 302 and response["Location"].endswith("#add")
    assert Activity.objects.count() == 0
    assert "Markera först de aktiviteter" in page_of(client.get(draft.get_absolute_url()))
    client.post(url, {"items": ["no-such-item"]})
    assert Activity.objects.count() == 0


def test_marked_items_beyond_the_row_limit_add_nothing(client, settings):
    settings.ASSESSMENT_MAX_ROWS = 3
    draft = make_draft(rows=[{"description": "Städning", "need": "household", "kind": "other"}])
    url = reverse("assessments:add_marked", args=[draft.token])
    client.post(url, {"items": ["hygiene-shower", "hygiene-teeth", "dressing-dress"]})
    assert draft.activities.count() == 1
    assert "plats för 2 till" in page_of(client.get(draft.get_absolute_url()))


def test_each_item_has_a_checkbox_of_the_marked_form(client):
    draft = make_draft()
    page = page_of(client.get(draft.get_absolute_url()))
    assert '<form id="add-marked" method="post"' in page
    assert page.count('form="add-marked"') == len(shown_items(page)) + 1  # and the button
    assert 'aria-label="Markera Dusch"' in page


def test_the_added_message_waits_for_the_whole_page_not_an_htmx_answer(client):
    draft = make_draft()
    client.post(reverse("assessments:add_marked", args=[draft.token]), {"items": ["hygiene-teeth"]})
    client.post(
        reverse("assessments:add_activity", args=[draft.token]),
        {"item": "hygiene-shower"},
        headers={"HX-Request": "true"},
    )
    assert "1 rad tillagd." in page_of(client.get(draft.get_absolute_url()))


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("nails", "hygiene-nails"),
        ("shopping", "household-shopping"),
        ("hoist", "other-transfer"),
        ("turning", "health-repositioning"),
        ("kateter", "hygiene-catheter"),
    ],
)
def test_the_get_search_in_english(client, query, key):
    draft = make_draft()
    client.get(reverse("assessments:language", args=["en"]))
    page = page_of(client.get(draft.get_absolute_url(), {"sok": query}))
    assert '<html lang="en">' in page
    shown = shown_items(page)
    assert key in shown and len(shown) < 10
    assert 'aria-label="Tick ' in page and "Add the ticked ones" in page


@pytest.mark.parametrize(
    ("night", "item"),
    [
        (False, "supervision-waiting"),  # fills the Natten part: never a row among the marked
        (True, "supervision-on-call"),  # beside a night that counts: the night twice
    ],
)
def test_marked_items_never_count_the_night_twice(client, night, item):
    night_part = {"night_start": "22:00", "night_end": "07:00"} if night else {}
    draft = make_draft(rows=[], **night_part)
    url = reverse("assessments:add_marked", args=[draft.token])

    response = client.post(url, {"items": ["hygiene-shower", item]})

    assert response.status_code == 302
    assert list(draft.rows()) == []  # refused whole: nothing added
    page = page_of(client.get(response["Location"]))
    assert "läggs inte till som en rad bland de markerade" in page


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_list_kept_from_an_earlier_page_is_the_one_the_page_would_draw(
    client, monkeypatch, language
):
    """Before a search the page shows the behovslista rendered once per process and language
    (web.page.unsearched_catalogue): the same markup as drawn afresh for this page."""
    from assessments.web import page as draft_page

    draft = make_draft()
    client.get(reverse("assessments:language", args=[language]))
    client.get(draft.get_absolute_url())  # the other language's list is kept too by now
    kept = client.get(draft.get_absolute_url()).content.decode()
    monkeypatch.setattr(draft_page, "unsearched_catalogue", lambda: "")
    drawn = client.get(draft.get_absolute_url()).content.decode()

    def without_tokens(text: str) -> str:
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)

    assert f'<html lang="{language}">' in kept
    assert 'class="catalogue-groups"' in kept and len(shown_items(html.unescape(kept))) > 60
    assert without_tokens(kept) == without_tokens(drawn)
