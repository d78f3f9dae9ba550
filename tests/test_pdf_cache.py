"""A re-download of an unchanged draft's PDF comes from the database, for PDF_CACHE_SECONDS
only; the PDF goes with its draft, is removed once expired, and never outlives its draft
(assessments.pdf_cache; backups leave it out: tests/test_backup.py)."""

import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from assessments import render_pool
from assessments.models import Assessment, CachedPdf
from tests import factories
from tests.test_pdf import assert_private

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def counted_renders(monkeypatch):
    """The real renderer, counting its calls."""
    calls = []
    real = render_pool.render_summary

    def render(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(render_pool, "render_summary", render)
    return calls


def pdf_url(draft) -> str:
    return reverse("assessments:pdf", args=[draft.token])


def kept(draft=None) -> list[tuple[int, bool, str]]:
    """The cached PDFs as stored: draft, appendix and language of each."""
    rows = CachedPdf.objects.all() if draft is None else CachedPdf.objects.filter(assessment=draft)
    return sorted(rows.values_list("assessment_id", "appendix", "language"))


@pytest.mark.django_db
def test_a_re_download_of_an_unchanged_draft_comes_from_the_cache(client, counted_renders):
    stored = factories.make_draft([{}])

    first = client.get(pdf_url(stored))
    second = client.get(pdf_url(stored))

    assert first.status_code == second.status_code == 200
    assert_private(second)
    assert second.content == first.content
    assert len(counted_renders) == 1
    assert re.fullmatch(
        r'inline; filename="behovsberakning-\d{4}-\d\d-\d\d\.pdf"', first["Content-Disposition"]
    )


@pytest.mark.django_db
def test_a_changed_draft_a_new_day_or_the_appendix_is_rendered_anew(client, counted_renders):
    stored = factories.make_draft([{}])
    url = pdf_url(stored)
    with time_machine.travel(date(2026, 11, 22), tick=False):
        client.get(url)
        stored.touch()  # what every edit does
        changed = client.get(url)
        with_appendix = client.get(url, {"bilaga": "1"})
        client.get(url, {"bilaga": "1"})
        # One entry per choice, the newest: the stale one was replaced, not added to.
        choices = kept(stored)
    with time_machine.travel(date(2026, 11, 23), tick=False):
        next_day = client.get(url)

    assert len(counted_renders) == 4
    assert [c["appendix"] for c in counted_renders] == [False, False, True, False]
    assert b"%PDF" in changed.content
    assert "med-bilaga" in with_appendix["Content-Disposition"]
    appendix_text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(with_appendix.content)).pages
    )
    assert "Så räknade vi" in appendix_text
    assert "2026-11-23" in next_day["Content-Disposition"]
    assert choices == [(stored.pk, False, "sv"), (stored.pk, True, "sv")]


@pytest.mark.django_db
def test_deleting_a_draft_deletes_its_cached_pdfs(client):
    stored = factories.make_draft([{}])
    client.get(pdf_url(stored))
    client.get(pdf_url(stored), {"bilaga": "1"})
    assert len(kept(stored)) == 2

    client.post(reverse("assessments:delete", args=[stored.token]))

    assert kept() == []
    assert client.get(pdf_url(stored)).status_code == 404


@pytest.mark.django_db
def test_a_pdf_is_served_from_the_cache_for_pdf_cache_seconds_only(
    client, settings, counted_renders
):
    settings.PDF_CACHE_SECONDS = 60
    stored = factories.make_draft([{}])

    with time_machine.travel(NOON, tick=False):
        client.get(pdf_url(stored))
    expires = CachedPdf.objects.get().expires
    with time_machine.travel(NOON + timedelta(seconds=59), tick=False):
        client.get(pdf_url(stored))
    with time_machine.travel(NOON + timedelta(seconds=61), tick=False):
        client.get(pdf_url(stored))

    assert expires == NOON + timedelta(seconds=60)
    assert len(counted_renders) == 2


@pytest.mark.django_db
def test_an_expired_pdf_is_removed_by_the_next_pdf_made_on_the_site(client, settings):
    settings.PDF_CACHE_SECONDS = 60
    first, second = factories.make_draft([{}]), factories.make_draft([{}])

    with time_machine.travel(NOON, tick=False):
        client.get(pdf_url(first))
    with time_machine.travel(NOON + timedelta(minutes=10), tick=False):
        client.get(pdf_url(second))

    assert kept() == [(second.pk, False, "sv")]


def purge(*args) -> str:
    out = io.StringIO()
    call_command("purge_drafts", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_daily_purge_removes_expired_pdfs_and_a_purged_drafts_pdfs(client, settings):
    settings.DRAFT_RETENTION_DAYS = 90
    settings.PDF_CACHE_SECONDS = 300
    old, recent = factories.make_draft([{}]), factories.make_draft([{}])
    with time_machine.travel(NOON, tick=False):
        client.get(pdf_url(old))
        client.get(pdf_url(recent))
        Assessment.objects.filter(pk=old.pk).update(updated_at=NOON - timedelta(days=91))

    with time_machine.travel(NOON + timedelta(seconds=100), tick=False):
        at_once = purge()  # the old draft's PDF has not expired, and goes with its draft
    left = kept()
    with time_machine.travel(NOON + timedelta(seconds=301), tick=False):
        later = purge()

    assert "Deleted 1 draft(s)" in at_once
    assert left == [(recent.pk, False, "sv")]
    assert "1 expired PDF(s)" in later
    assert kept() == []
    assert list(Assessment.objects.all()) == [recent]


@pytest.mark.django_db(transaction=True)
def test_a_pdf_made_for_a_draft_deleted_meanwhile_is_not_kept(client, monkeypatch):
    stored = factories.make_draft([{}])
    real = render_pool.render_summary

    def render_while_the_draft_is_deleted(*args, **kwargs):
        body = real(*args, **kwargs)
        Assessment.objects.filter(pk=stored.pk).delete()  # "Radera" in another tab
        return body

    monkeypatch.setattr(render_pool, "render_summary", render_while_the_draft_is_deleted)

    response = client.get(pdf_url(stored))

    assert response.status_code == 200
    assert kept() == []
