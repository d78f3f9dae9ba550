"""The read-only link for an ombud: view, PDF and file work; nothing edits; revoking works."""

import inspect
import re

import pytest
from django.urls import get_resolver, reverse

from assessments.models import ShareLink
from tests.factories import make_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return make_draft(
        rows=[{"description": "Dusch", "minutes": 200, "note": "Intyg från AT"}], title="Vår plan"
    )


def share(client, draft) -> ShareLink:
    response = client.post(reverse("assessments:share", args=[draft.token]))
    assert response.status_code == 302
    return ShareLink.objects.get(assessment=draft)


def test_the_owner_creates_a_link_of_more_than_128_random_bits(client, draft):
    link = share(client, draft)
    assert len(link.secret) >= 32  # 24 bytes, urlsafe base64
    assert link.secret not in draft.token and draft.token not in link.get_absolute_url()


def test_the_link_shows_the_draft_its_pdf_and_its_file(client, draft):
    link = share(client, draft)
    page = client.get(link.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "Vår plan" in text and "Dusch" in text and "Intyg från AT" in text
    assert "23,33" in text  # 200 min × 7 / 60
    assert draft.token not in text  # the edit link stays private
    assert 'method="post"' not in text  # nothing to edit or delete here
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]
    assert page["X-Robots-Tag"].startswith("noindex")
    pdf = client.get(reverse("assessments:shared_pdf", args=[link.public_id, link.secret]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    file = client.get(reverse("assessments:shared_download", args=[link.public_id, link.secret]))
    assert file.status_code == 200 and b'"description": "Dusch"' in file.content


def not_found_text(client) -> str:
    return client.get("/b/" + "x" * 43 + "/").content.decode()


@pytest.mark.parametrize("part", ["public_id", "secret"])
def test_a_wrong_link_is_the_same_404_as_a_deleted_draft(client, draft, part):
    link = share(client, draft)
    not_found_text(client)  # shows, and so uses up, the "link created" message
    expected = not_found_text(client)
    values = {"public_id": link.public_id, "secret": link.secret}
    values[part] = values[part][:-1] + ("A" if values[part][-1] != "A" else "B")
    response = client.get(reverse("assessments:shared", kwargs=values))
    assert response.status_code == 404
    assert response.content.decode() == expected


def test_revoking_stops_the_link(client, draft):
    link = share(client, draft)
    url = link.get_absolute_url()
    client.post(reverse("assessments:unshare", args=[draft.token]))
    assert client.get(url).status_code == 404
    assert not ShareLink.objects.exists()


def test_a_new_link_replaces_the_old(client, draft):
    old = share(client, draft).get_absolute_url()
    new = share(client, draft).get_absolute_url()
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_deleting_the_draft_deletes_the_link(client, draft):
    link = share(client, draft)
    draft.delete()
    assert client.get(link.get_absolute_url()).status_code == 404
    assert not ShareLink.objects.exists()


def editing_urls() -> list[str]:
    """Every URL under a draft's edit token, as the route names them."""
    names = []
    for pattern in get_resolver().url_patterns:
        for inner in getattr(pattern, "url_patterns", [pattern]):
            route = str(inner.pattern)
            if route.startswith("b/<str:token>/"):
                names.append(route)
    assert len(names) >= 8
    return names


def test_no_editing_url_takes_the_read_only_link(client, draft):
    link = share(client, draft)
    row = draft.rows()[0]
    for route in editing_urls():
        for token in (link.public_id, link.secret, f"{link.public_id}/{link.secret}"):
            url = "/" + route.replace("<str:token>", token).replace("<int:pk>", str(row.pk))
            for method in (client.get, client.post):
                response = method(url, {"description": "Ändrad", "remove": "1"})
                assert response.status_code in (404, 405), (url, response.status_code)
    # And nothing under the read-only link edits: its routes answer GET only.
    for suffix in ("", "pdf/", "fil/"):
        response = client.post(link.get_absolute_url() + suffix, {"remove": "1"})
        assert response.status_code == 405
    row.refresh_from_db()
    assert row.description == "Dusch"


def test_the_secret_is_compared_in_constant_time():
    assert re.search(r"secrets\.compare_digest\(", inspect.getsource(ShareLink.find))
    assert ShareLink.find("nope", "x" * 32) is None
