"""Own rows ("Lägg till egen rad", issue 23 item 3) through the web: the questions on the page, a
plain post without JavaScript and an htmx one, and "Vet inte" taking the cautious choice."""

import html
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from assessments.models import Activity
from tests.factories import make_draft

HTMX = {"HX-Request": "true"}

pytestmark = pytest.mark.django_db


def add_url(draft) -> str:
    return reverse("assessments:add_activity", args=[draft.token])


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_page_asks_the_need_with_an_example_each_and_whether_the_help_is_basic(client):
    draft = make_draft()

    page = page_text(client.get(draft.get_absolute_url()))

    form = re.search(r'<form id="own-row-form".*?</form>', page, re.S).group(0)
    assert re.search(r'method="post" action="' + re.escape(add_url(draft)) + '"', form)
    needs = re.findall(r'<input type="radio" name="need" value="([a-z_]+)"', form)
    assert len(needs) == 14 and needs[0] == "breathing" and needs[-1] == "other"
    # Each need has its example, read with the radio (aria-describedby).
    assert 'aria-describedby="add-need-personal_hygiene-hint"' in form
    assert re.search(r'id="add-need-personal_hygiene-hint">[^<]*Till exempel dusch', form)
    assert "2. Personlig hygien" in form
    kinds = re.findall(r'<input type="radio" name="kind" value="([a-z]+)"[^>]*>', form)
    assert kinds == ["basic", "other", "unsure"]
    # "Vet inte" is the answer given when none is chosen, and the page says what it does.
    assert re.search(r'name="kind" value="unsure"[^>]* checked', form)
    assert "Då räknas raden som annat personligt behov. Det är det försiktiga valet" in form
    assert re.search(r'<button[^>]*type="submit">Lägg till egen rad</button>', form)


def test_an_own_row_without_javascript_takes_its_need_kind_and_words(client):
    draft = make_draft()

    response = client.post(
        add_url(draft),
        {"need": "personal_hygiene", "kind": "basic", "description": "Byta kateter"},
    )

    assert response.status_code == 302
    row = Activity.objects.get(assessment=draft)
    assert (row.need, row.kind, row.description, row.note) == (
        "personal_hygiene",
        "basic",
        "Byta kateter",
        "",
    )
    assert response["Location"] == f"{draft.get_absolute_url()}?ny={row.pk}#r{row.pk}"
    assert not list(get_messages(response.wsgi_request))


def test_vet_inte_counts_the_row_as_other_and_says_so_without_javascript(client):
    draft = make_draft()

    response = client.post(
        add_url(draft), {"need": "dressing", "kind": "unsure", "description": "Ortoser"}
    )

    row = Activity.objects.get(assessment=draft)
    assert row.kind == "other"
    assert row.note.startswith("Osäkert om hjälpen är grundläggande behov")
    page = page_text(client.get(response["Location"]))
    assert "Du svarade Vet inte, så raden räknas som annat personligt behov" in page
    # The row just added offers the way on to the next one.
    assert '<a class="to-add next-add" href="#add">Lägg till nästa behov</a>' in page


def test_vet_inte_is_said_once_with_the_addition_by_htmx(client):
    draft = make_draft()

    response = client.post(add_url(draft), {"need": "meals", "kind": "unsure"}, headers=HTMX)

    assert response.status_code == 200
    row = Activity.objects.get(assessment=draft)
    assert (row.kind, row.description) == ("other", "Egen rad: Måltider")
    page = page_text(response)
    status = re.search(r'<div id="status" hx-swap-oob="innerHTML">(.*?)</div>', page, re.S)
    said = "Du svarade Vet inte, så raden räknas som annat personligt behov"
    assert said in status.group(1)
    assert page.count(said) == 1


def test_an_answer_about_kind_does_not_matter_for_an_other_need(client):
    draft = make_draft()

    client.post(add_url(draft), {"need": "household", "kind": "unsure"}, headers=HTMX)

    row = Activity.objects.get(assessment=draft)
    assert (row.kind, row.note) == ("other", "")


def test_an_own_row_without_a_need_is_refused_next_to_the_question_keeping_the_words(client):
    draft = make_draft()

    response = client.post(
        add_url(draft), {"need": "", "kind": "basic", "description": "Hostmaskin"}
    )

    assert response.status_code == 400
    assert not Activity.objects.exists()
    page = page_text(response)
    assert re.search(r'<p class="field-error" id="add-need_error">.*Välj vilket behov', page)
    # Open, with what the person typed and chose.
    assert '<details class="own-row" id="own-row" open>' in page
    assert re.search(r'name="description"[^>]*value="Hostmaskin"', page)
    assert re.search(r'name="kind" value="basic"[^>]* checked', page)


def test_an_own_row_refused_by_htmx_swaps_the_error_next_to_the_question(client):
    draft = make_draft()

    response = client.post(add_url(draft), {"need": ""}, headers=HTMX)

    page = page_text(response)
    assert re.search(r'<p class="field-error" id="add-need_error" hx-swap-oob="true">', page)
    assert "Välj vilket behov raden gäller." in page
