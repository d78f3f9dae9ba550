"""For the ombud, in a real browser: the read-only link and the request for omprövning, with
axe-core on each page."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from assessments import files
from assessments.models import Assessment, ShareLink

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "examples" / "adult-compared-with-decision-2026.json"
)


@pytest.fixture
def decided(db) -> Assessment:
    return Assessment.objects.create_from(files.read(EXAMPLE.read_bytes()))


def test_the_read_only_link_shows_the_comparison_and_prints(page: Page, live_server, axe, decided):
    link = ShareLink.objects.create(assessment=decided)
    page.goto(live_server.url + link.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Jämförelse med beslutet")
    expect(page.locator(".verdict--decision")).to_contain_text("Enligt beslutet 22,98 timmar")
    cuts = page.get_by_role("table", name="Ändringar, störst först, med löpande summa")
    expect(cuts.locator("tbody tr").first).to_contain_text("Rad 5: Tolka i samtal")
    expect(page.locator("form[method=post]")).to_have_count(0)
    axe(page, "read-only link")
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som fil").click()
    assert b'"decision"' in Path(download.value.path()).read_bytes()


def test_the_request_for_omprovning_page(page: Page, live_server, axe, decided):
    page.goto(live_server.url + f"/b/{decided.token}/omprovning/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Utkast till begäran om omprövning")
    expect(page.get_by_role("heading", name="Rad 4: Av- och påklädning")).to_be_visible()
    text = page.get_by_label("Hela utkastet som text")
    expect(text).to_have_value(re.compile(r"^UTKAST – BEGÄRAN OM OMPRÖVNING"))
    axe(page, "request for omprövning")
