"""A part of one object without a template of its own is drawn and saved by the generic one
(templates/assessments/parts/_part.html): the night, drawn that way here, is shown, saved with
and without JavaScript, refused in a second tab and kept by "Behåll mina värden" like the
night's own template. So a new part of one object needs its form (forms.parts.SINGLE_PARTS)
and no template, view or address of its own (README, "Adding a field or a part")."""

from datetime import time

import pytest
from django.urls import reverse

from assessments.forms.parts import SINGLE_PARTS
from assessments.models import Assessment
from assessments.web import page as page_module
from assessments.web import parts as parts_module
from tests.factories import make_draft, posted

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def generic_night(monkeypatch):
    """The night drawn by the generic template, as a part without its own would be."""

    def part_template(name):
        return "_part.html" if name == "night" else f"{name}.html"

    monkeypatch.setattr(page_module, "part_template", part_template)
    monkeypatch.setattr(parts_module, "part_template", part_template)


def text(response) -> str:
    return response.content.decode()


def test_every_part_of_one_object_has_an_address_and_a_save():
    for form in SINGLE_PARTS:
        assert parts_module.ADDRESSES[form.part.name] == form.address
        assert parts_module.EDITS[form.part.name].form_class is form


def test_a_part_without_a_template_of_its_own_is_drawn_from_its_table(client, generic_night):
    draft = make_draft(rows=[{}], night_start=time(22), night_end=time(7))

    page = text(client.get(draft.get_absolute_url()))

    assert 'id="night-part"' in page and "<h2>Natten</h2>" in page
    assert "Behövs en assistent under nattvilan" not in page  # the night's own template's
    assert page.count('<form id="night"') == 1
    for name in ("night_start", "night_end", "night_cover"):
        assert f'name="{name}"' in page and f'name="initial-{name}"' in page
    assert 'id="night-msg"' in page
    assert f'action="{reverse("assessments:night", args=[draft.token])}"' in page


def test_it_saves_with_and_without_javascript(client, generic_night):
    draft = make_draft(rows=[{}], night_start=time(22), night_end=time(7))
    url = reverse("assessments:night", args=[draft.token])

    page = text(client.get(draft.get_absolute_url()))
    response = client.post(url, posted(page, "night", night_end="06:30"))
    assert response.status_code == 302 and response["Location"].endswith("#night")
    assert Assessment.objects.get(pk=draft.pk).night_end == time(6, 30)

    page = text(client.get(draft.get_absolute_url()))
    response = client.post(url, posted(page, "night", night_cover="on_call"), **HTMX)
    assert response.status_code == 200
    assert 'id="night-msg"' in text(response)
    assert Assessment.objects.get(pk=draft.pk).night_cover == "on_call"


def test_a_stale_save_is_refused_and_mine_kept_by_the_generic_template(client, generic_night):
    draft = make_draft(rows=[{}], night_start=time(22), night_end=time(7))
    url = reverse("assessments:night", args=[draft.token])
    first = text(client.get(draft.get_absolute_url()))
    second = text(client.get(draft.get_absolute_url()))
    client.post(url, posted(second, "night", night_end="06:00"))

    refused = client.post(url, posted(first, "night", night_end="08:00"), **HTMX)
    assert refused.status_code == 409
    assert "Behåll mina värden" in text(refused) and "06:00" in text(refused)
    assert Assessment.objects.get(pk=draft.pk).night_end == time(6)

    kept = client.post(url, {**posted(first, "night", night_end="08:00"), "keep_mine": "1"}, **HTMX)
    assert kept.status_code == 200
    # The part drawn again as stored, by the generic template's partial.
    assert '<form id="night"' in text(kept) and 'hx-swap-oob="true"' in text(kept)
    assert Assessment.objects.get(pk=draft.pk).night_end == time(8)
