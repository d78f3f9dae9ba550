"""A save the database cannot take (assessments.transactions): said where it was made in
Swedish, with what the person typed kept, and saved when tried again. Against gunicorn on a
SQLite file whose write lock another connection holds past the busy timeout (1 s), the
static files collected as the deploy step does; with JavaScript (the row's message and
"Försök igen") and without it (the page that sends it all again)."""

import pytest
from playwright.sync_api import Page, expect

from loadtest import files, servers
from loadtest.client import Person

SAYS = "Vi kan inte spara just nu"


@pytest.fixture
def site(serve, sqlite_url, tmp_path):
    static = {"DJANGO_STATIC_ROOT": str(tmp_path / "static"), "DJANGO_MANIFEST_STATIC": "1"}
    servers.manage("collectstatic", "--noinput", env=servers.app_env(sqlite_url, **static))
    return serve(sqlite_url, SQLITE_BUSY_TIMEOUT="1", **static)


@pytest.fixture
def draft(site):
    """A 2-row draft opened from a file; its first row's id."""
    person = Person(site.url)
    person.open_file(files.assessment_file(2))
    return person, int(person.row_urls()[0].rstrip("/").rsplit("/", 1)[1])


def test_a_save_the_database_cannot_take_is_said_at_the_row_and_kept_for_a_retry(
    page: Page, site, sqlite_url, draft, axe
):
    person, pk = draft
    page.goto(person.url(person.draft_path))
    minutes = page.locator(f"[name='r{pk}-minutes']")
    message = page.locator(f"#r{pk}-m .problem")

    with servers.writer_holding(sqlite_url, person.token):
        with page.expect_response(lambda r: r.status == 503):
            minutes.fill("47")
            minutes.press("Tab")  # saved at once when the field is left
        expect(message).to_contain_text(f"{SAYS}, eftersom tjänsten inte når sin databas.")
        expect(message).to_contain_text("det du skrivit finns kvar på sidan")
        expect(minutes).to_have_value("47")
        expect(page.locator(f"#r{pk}-h")).to_contain_text("Inte sparad")
        expect(page.locator("#status")).to_contain_text(SAYS)
        axe(page, "a save the database could not take")
    with page.expect_response(lambda r: r.request.method == "POST" and r.ok):
        message.get_by_role("button", name="Försök igen").click()

    expect(message).to_have_count(0)
    expect(page.locator(f"#r{pk}-h")).to_contain_text("Sparad")
    assert person.read_back()["activities"][0]["minutes"] == 47


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_without_javascript_the_refused_save_can_be_sent_again_as_it_was(
    page: Page, site, sqlite_url, draft
):
    person, pk = draft
    page.goto(person.url(person.draft_path))
    assert page.evaluate("() => typeof window.htmx") == "undefined"

    with servers.writer_holding(sqlite_url, person.token):
        page.locator(f"[name='r{pk}-minutes']").fill("47")
        with page.expect_navigation() as refused:
            page.get_by_role("button", name="Spara ändringarna").first.click()
        assert refused.value.status == 503
        expect(page.get_by_role("heading", level=1)).to_have_text(SAYS)
        expect(page.get_by_text("Det du skrivit finns kvar på sidan.")).to_be_visible()
    with page.expect_navigation() as resent:
        page.get_by_role("button", name="Försök spara igen").click()

    assert resent.value.status == 200
    expect(page.get_by_text("Ändringarna är sparade.")).to_be_visible()
    expect(page.locator(f"[name='r{pk}-minutes']")).to_have_value("47")
    assert person.read_back()["activities"][0]["minutes"] == 47
