"""A baseline on the draft page (issue 21 item 4): a previous file opened as the draft's
baseline with a plain multipart form, stored with the draft, shown as new, changed and removed
rows with the hours each moved and the rules that changed since, removable, refused whole when
malformed; the same in the PDF's appendix and from `manage.py summary --baseline`. The
baseline is a version 1 file, as the issue asks."""

import io
import json
import subprocess
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assessments import files
from assessments.models import Assessment
from tests.test_baseline import LAST_YEAR, this_year

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).resolve().parent / "examples"


def upload(client, assessment, content: bytes | str = LAST_YEAR, compare="draft", **extra):
    content = content.encode() if isinstance(content, str) else content
    return client.post(
        reverse("assessments:baseline", args=[assessment.token]),
        {"file": SimpleUploadedFile("forra-aret.json", content), "compare": compare, **extra},
        **({"HTTP_ACCEPT_LANGUAGE": "sv"}),
    )


@pytest.fixture
def draft():
    return Assessment.objects.create_from(this_year())


def page(client, assessment) -> str:
    return client.get(assessment.get_absolute_url()).content.decode()


def section(html: str) -> str:
    start = html.index('id="baseline"')
    return html[start : html.index("</section>", start)]


def test_a_version_1_file_as_the_baseline_shows_the_changes_and_the_rules(client, draft):
    response = upload(client, draft)
    assert response.status_code == 302
    assert response["Location"].endswith("#baseline")
    draft.refresh_from_db()
    # Kept as the file the tool writes now, so that it is read back in any later version.
    assert files.read(draft.baseline).activities == files.read(LAST_YEAR).activities
    assert draft.baseline_decided is False
    shown = section(page(client, draft))
    assert "1 nya, 2 ändrade och 1 borttagna rader." in shown
    # Each change with the hours a week it moved: shower 30 → 40 min twice a day (+2,33 h),
    # the hand washing whose words changed (−2,8 h), the new interpreting (+3,5 h), play gone.
    for status, row, moved in [
        ("Ändrad rad", "dusch", "+2,33 h/vecka"),
        ("Ändrad rad", "Tandborstning", "−2,8 h/vecka"),
        ("Ny rad", "Tolka", "+3,5 h/vecka"),
        ("Borttagen rad", "Lek", "−3 h/vecka"),
    ]:
        line = next(tr for tr in shown.split("<tr") if row in tr)
        assert status in line and moved in line
    assert "Äta" not in shown  # only a note changed: not a change
    assert "30 min × 2 ggr per dag" in shown and "40 min × 2 ggr per dag" in shown
    # Both under today's rules (a 7-year-old's deduction): basic needs 16,33 → 19,37 hours.
    totals = shown[shown.index('class="baseline-totals"') :]
    assert (
        '<td class="num">16,33</td><td class="num">19,37</td><td class="num">+3,03</td>' in totals
    )
    # The baseline's rows under today's rules, with each rule that changed since 2024 named.
    assert "Jämförelsens rader enligt reglerna då och enligt dagens regler" in shown
    assert "Timbelopp: 332,60\u00a0kr då, 347,70\u00a0kr nu" in shown
    assert "Tabellen för föräldraavdrag: tabellen från 2023-01-01 då" in shown


def test_a_malformed_file_is_refused_whole_with_a_swedish_reason_next_to_the_field(client, draft):
    assert upload(client, draft).status_code == 302
    before = Assessment.objects.get(pk=draft.pk)
    response = upload(client, draft, '{"format": "behovsraknare.assessment", "version": 1}')
    assert response.status_code == 400
    html = response.content.decode()
    error = html[html.index('id="baseline-file_error"') :][:600]
    assert "(aktiviteter): saknas. Ange en lista med aktiviteter" in error
    assert 'aria-describedby="baseline-file_helptext baseline-file_error"' in html
    assert "Det finns ett problem" in html  # the summary links to the field
    # Nothing is lost: the stored baseline and the rows are as they were.
    after = Assessment.objects.get(pk=draft.pk)
    assert after.baseline == before.baseline and after.version == before.version
    assert len(after.rows()) == 4
    # Not JSON at all, and a file of the wrong kind: refused, the reason says why.
    response = upload(client, draft, b"%PDF-1.7 ...")
    html = response.content.decode()
    assert response.status_code == 400
    slot = html[html.index('id="baseline-file_error"') :][:600]
    assert "Det här är en PDF, inte en sparad beräkning." in slot
    assert Assessment.objects.get(pk=draft.pk).baseline == before.baseline


def test_the_decision_in_a_file_without_one_is_refused_next_to_the_choice(client, draft):
    response = upload(client, draft, compare="decided")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Filen har inget beslut att jämföra med." in html
    slot = html[html.index('id="baseline-compare_error"') :][:400]
    assert "Filen har inget beslut att jämföra med." in slot
    assert Assessment.objects.get(pk=draft.pk).baseline == ""


def test_the_baseline_is_removed_and_goes_with_its_draft(client, draft):
    upload(client, draft)
    response = client.post(reverse("assessments:remove_baseline", args=[draft.token]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.baseline == ""
    assert "Borttagen rad" not in section(page(client, draft))
    upload(client, draft)
    client.post(reverse("assessments:delete", args=[draft.token]))
    assert not Assessment.objects.filter(pk=draft.pk).exists()


def test_purged_with_its_draft(client, draft):
    upload(client, draft)
    Assessment.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - timedelta(days=400))
    call_command("purge_drafts", days=30, stdout=io.StringIO())
    assert not Assessment.objects.filter(baseline__contains="Lek").exists()


def pdftotext(body: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=body, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())


def test_the_pdf_appendix_says_what_changed_since(client, draft):
    upload(client, draft)
    response = client.get(reverse("assessments:pdf", args=[draft.token]), {"bilaga": "1"})
    assert response.status_code == 200
    text = pdftotext(response.content)
    assert "Bilaga: Vad har ändrats sedan" in text
    assert "+2,33 h/vecka" in text and "Tolka" in text and "Borttagen rad" in text
    assert "Timbelopp: 332,60 kr då, 347,70 kr nu" in text
    # Without the appendix the summary stays as it was.
    plain = client.get(reverse("assessments:pdf", args=[draft.token]))
    assert "Vad har ändrats sedan" not in pdftotext(plain.content)


def test_the_summary_command_with_a_baseline(tmp_path):
    current = tmp_path / "i-ar.json"
    current.write_text(files.write(this_year()))
    previous = tmp_path / "forra-aret.json"
    previous.write_text(LAST_YEAR)
    output = tmp_path / "s.pdf"
    call_command(
        "summary", str(current), "--baseline", str(previous), "--output", str(output),
        "--printed-on", "2026-03-02",
    )  # fmt: skip
    text = pdftotext(output.read_bytes())
    assert "Bilaga: Vad har ändrats sedan" in text and "+2,33 h/vecka" in text
    with pytest.raises(Exception, match="inget beslut"):
        call_command(
            "summary", str(current), "--baseline", str(previous), "--baseline-decision",
            "--output", str(output),
        )  # fmt: skip


def test_the_decision_in_a_version_2_file_as_the_baseline(client):
    """Last year's decision as the baseline: the rows as it granted them; this year's draft is
    the claim, so each row the decision cut is a change by the hours it cut."""
    example = (
        Path(__file__).resolve().parent / "examples" / "adult-compared-with-decision-2026.json"
    )
    claim = files.read(example.read_bytes())
    assert json.loads(example.read_text())["version"] == 2
    draft = Assessment.objects.create_from(replace(claim, decision=None))
    response = upload(client, draft, example.read_text(), compare="decided")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.baseline_decided is True
    shown = section(page(client, draft))
    assert "Den räknas som beslutet i filen beviljade den." in shown
    interpreting = next(tr for tr in shown.split("<tr") if "Tolka i samtal" in tr)
    # Not granted: a new row against the decision, all its 7 hours a week.
    assert "Ny rad" in interpreting and "+7 h/vecka" in interpreting
