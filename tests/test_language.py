"""Choosing the language (assessments/language.py): a plain link on every page, a strictly
necessary cookie, the browser's language when there is none, `lang` always the page's."""

import html
import re

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from tests.factories import form_data, make_draft
from tests.test_site import manage, pages, production_env

pytestmark = pytest.mark.django_db

COOKIE = django_settings.LANGUAGE_COOKIE_NAME
LINK = re.compile(
    r'<a class="language-link" href="([^"]*)" lang="([^"]*)" hreflang="([^"]*)">([^<]*)</a>'
)


def language_link(page: str) -> dict:
    (found,) = LINK.findall(page)
    href, lang, hreflang, text = found
    return {"href": html.unescape(href), "lang": lang, "hreflang": hreflang, "text": text}


def html_lang(page: str) -> str:
    return re.search(r'<html lang="([^"]*)">', page).group(1)


def switch(client, code: str, next_url: str, **extra):
    return client.get(reverse("assessments:language", args=[code]), {"next": next_url}, **extra)


def test_the_link_sets_the_cookie_and_goes_back_to_the_page():
    from django.test import Client

    client = Client()
    response = switch(client, "en", "/integritet/")

    assert response.status_code == 302
    assert response["Location"] == "/integritet/"
    assert "no-store" in response["Cache-Control"]
    cookie = response.cookies[COOKIE]
    assert cookie.value == "en"
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"] is True
    assert cookie["path"] == "/"

    page = client.get("/integritet/").content.decode()
    assert html_lang(page) == "en"
    assert "<h1>How we handle your information</h1>" in page
    assert language_link(page) == {
        "href": "/sprak/sv/?next=%2Fintegritet%2F",
        "lang": "sv",
        "hreflang": "sv",
        "text": "På svenska",
    }

    back = client.get(language_link(page)["href"])
    assert back["Location"] == "/integritet/" and back.cookies[COOKIE].value == "sv"
    page = client.get("/integritet/").content.decode()
    assert html_lang(page) == "sv" and "<h1>Så hanterar vi dina uppgifter</h1>" in page


def test_the_cookie_is_secure_like_the_others_over_https(client):
    response = switch(client, "en", "/", secure=True)

    assert response.cookies[COOKIE]["secure"] is True
    assert django_settings.LANGUAGE_COOKIE_SECURE == django_settings.SESSION_COOKIE_SECURE


@pytest.mark.parametrize(("secure", "expected"), [("1", "True"), ("0", "False")])
def test_the_cookies_secure_flag_follows_the_secure_cookies_setting(secure, expected):
    code = (
        "from django.conf import settings as s; "
        "print(s.LANGUAGE_COOKIE_SECURE, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    env = production_env(DJANGO_SECRET_KEY="x" * 50, DJANGO_SECURE_COOKIES=secure)
    done = manage("shell", "-c", code, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].split() == [expected] * 3


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", ""],
)
def test_the_link_never_sends_the_person_elsewhere(client, next_url):
    response = switch(client, "en", next_url)

    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies[COOKIE].value == "en"


def test_only_the_sites_languages_are_known(client):
    response = client.get(reverse("assessments:language", args=["de"]), {"next": "/"})

    assert response.status_code == 404
    assert COOKIE not in response.cookies


def test_the_link_is_a_plain_get(client):
    response = client.post(reverse("assessments:language", args=["en"]), {"next": "/"})

    assert response.status_code == 405


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("en-GB,en;q=0.9", "en"), ("en", "en"), ("sv-SE,sv;q=0.9,en;q=0.8", "sv"), ("de-DE", "sv")],
)
def test_without_a_cookie_the_browsers_language_decides(client, accept, expected):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()

    assert html_lang(page) == expected
    heading = {"sv": "Räkna ut ditt behov av personlig assistans", "en": "Work out your need"}
    assert heading[expected] in page


def test_without_a_cookie_or_a_browser_language_the_page_is_swedish(client):
    page = client.get("/").content.decode()

    assert html_lang(page) == "sv"
    assert language_link(page) == {
        "href": "/sprak/en/?next=%2F",
        "lang": "en",
        "hreflang": "en",
        "text": "In English",
    }


def test_the_cookie_wins_over_the_browsers_language(client):
    switch(client, "sv", "/")

    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert html_lang(page) == "sv"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_page_links_to_the_other_language_and_back_to_itself(client, language):
    switch(client, language, "/")
    other = {"sv": ("en", "In English"), "en": ("sv", "På svenska")}[language]
    for name, (method, url, data) in pages().items():
        page = getattr(client, method)(url, data).content.decode()
        assert html_lang(page) == language, name
        link = language_link(page)
        assert (link["lang"], link["hreflang"], link["text"]) == (*other[:1], *other), name
        assert link["href"] == reverse("assessments:language", args=[other[0]]) + "?" + (
            "next=" + url.replace("/", "%2F")
        ), name


def test_a_read_only_link_and_the_request_draft_link_back_to_themselves(client):
    draft = make_draft(rows=[{}], decision_by="fk")
    share = client.post(reverse("assessments:share", args=[draft.token]))
    assert share.status_code == 302
    shared = draft.share_link.get_absolute_url()
    for url in (shared, reverse("assessments:reconsideration", args=[draft.token])):
        page = client.get(url).content.decode()
        assert language_link(page)["href"].endswith("?next=" + url.replace("/", "%2F"))


def test_a_not_found_page_links_to_the_start_page_not_to_the_address_that_failed(client):
    page = client.get("/b/" + "A" * 43 + "/").content.decode()

    assert language_link(page)["href"] == "/sprak/en/?next=%2F"


def test_after_a_failed_form_post_the_link_goes_back_to_the_draft(client):
    draft = make_draft(rows=[{}])
    activity = draft.activities.get()

    response = client.post(
        reverse("assessments:activity", args=[draft.token, activity.pk]),
        form_data(activity, description="", minutes="abc"),
    )

    assert response.status_code == 400
    href = language_link(response.content.decode())["href"]
    assert href == "/sprak/en/?next=" + draft.get_absolute_url().replace("/", "%2F")


def test_the_language_is_chosen_after_the_session_and_before_common_middleware():
    middleware = django_settings.MIDDLEWARE
    locale = middleware.index("django.middleware.locale.LocaleMiddleware")
    assert middleware.index("django.contrib.sessions.middleware.SessionMiddleware") < locale
    assert locale < middleware.index("django.middleware.common.CommonMiddleware")
    assert django_settings.LANGUAGE_CODE == "sv"
    assert [code for code, _name in django_settings.LANGUAGES] == ["sv", "en"]
