"""The Django admin: not served unless DJANGO_ADMIN_ENABLED says so; when it is, it neither
shows nor finds drafts by their token, and its login is rate limited."""

import importlib

import pytest
from django.contrib.auth.models import User
from django.urls import clear_url_caches

import behovsraknare.urls
from tests.factories import make_draft

pytestmark = pytest.mark.django_db


def mount_urls():
    importlib.reload(behovsraknare.urls)
    clear_url_caches()


@pytest.fixture
def admin_enabled(settings):
    settings.ADMIN_ENABLED = True
    mount_urls()
    yield
    settings.ADMIN_ENABLED = False
    mount_urls()


@pytest.fixture
def staff_client(client):
    user = User.objects.create_superuser("drift", password="ett långt lösenord för drift")
    client.force_login(user)
    return client


def test_the_admin_is_not_served_by_default(client):
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/login/").status_code == 404


def test_the_enabled_admin_asks_for_a_login(admin_enabled, client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_admin_shows_drafts_without_their_tokens(admin_enabled, staff_client):
    draft = make_draft(rows=[{"description": "Dusch"}], title="Hösten")

    listing = staff_client.get("/admin/assessments/assessment/").content.decode()
    change = staff_client.get(f"/admin/assessments/assessment/{draft.pk}/change/")
    rows = staff_client.get("/admin/assessments/activity/").content.decode()

    assert "Hösten" in listing
    assert change.status_code == 200
    for page in (listing, change.content.decode(), rows):
        assert draft.token not in page
        assert draft.get_absolute_url() not in page
    assert 'name="q"' not in listing  # no search box


def test_the_admin_finds_no_draft_by_its_token(admin_enabled, staff_client):
    draft = make_draft(title="Hösten")

    for query in (f"token={draft.token}", f"token__startswith={draft.token[:4]}"):
        response = staff_client.get(f"/admin/assessments/assessment/?{query}")
        assert response.status_code == 400
        assert "Hösten" not in response.content.decode()
    related = staff_client.get(f"/admin/assessments/activity/?assessment__token={draft.token}")
    assert related.status_code == 400


def test_the_admin_login_is_rate_limited(admin_enabled, client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "admin_login": (3, 900)}
    User.objects.create_superuser("drift", password="ett långt lösenord för drift")
    attempt = {"username": "drift", "password": "fel", "next": "/admin/"}

    statuses = [client.post("/admin/login/", attempt).status_code for _ in range(4)]
    right = client.post("/admin/login/", {**attempt, "password": "ett långt lösenord för drift"})

    assert statuses == [200, 200, 200, 429]
    assert right.status_code == 429
    assert client.get("/admin/login/").status_code == 200
