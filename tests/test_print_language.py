"""Documents in the reader's choice of language (issue 21 item 5): "Utskrift på: svenska /
English" is kept with the draft, Swedish by default; the page follows the reader's language,
the PDF summary and the omprövning draft (its PDF, its text) the print language. Each PDF is
rendered and read back with pdftotext; no fragment of the other language may be in it."""

import html
import io
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from assessments import files
from assessments.models import Assessment

pytestmark = pytest.mark.django_db

DECISION_FILE = (
    Path(__file__).resolve().parent / "examples" / "adult-compared-with-decision-2026.json"
)
PO = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"


def pdftotext(body: bytes) -> str:
    done = subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True, check=True)
    return " ".join(done.stdout.decode().split())


def pdf_lang(body: bytes) -> str:
    return str(PdfReader(io.BytesIO(body)).trailer["/Root"]["/Lang"])


def catalogue() -> list[tuple[str, str]]:
    """(Swedish, English) of every message of three words or more that the two languages write
    differently, without its placeholders: the fragments that must not cross over."""
    pairs, text = [], PO.read_text()
    for block in text.split("\n\n"):
        if "msgid_plural" in block or block.startswith("#~"):
            continue
        found = re.findall(r'^(msgid|msgstr) ((?:".*"\n?)+)', block + "\n", re.M)
        parts = {key: "".join(re.findall(r'"(.*)"', value)) for key, value in found}
        swedish, english = parts.get("msgid", ""), parts.get("msgstr", "")
        if not swedish or swedish == english:
            continue
        for sv, en in zip(_pieces(swedish), _pieces(english), strict=False):
            if len(sv.split()) >= 3 and len(en.split()) >= 3 and sv != en:
                pairs.append((sv, en))
    return pairs


def _pieces(message: str) -> list[str]:
    """The message's text between its placeholders and markup, as it would be printed."""
    message = message.replace('\\"', '"').replace("\\n", " ")
    parts = re.split(r"%\(\w+\)s|\{\w*\}|<[^>]*>|%s|%d", message)
    return [" ".join(p.split()) for p in parts]


def assert_only(text: str, language: str) -> None:
    """No message of the other language in `text`, but for what the person typed (the file's
    own words) and a term the language keeps on purpose ("other personal needs (andra
    personliga behov)": it is in the catalogue's text of that language too)."""
    pairs = catalogue()
    own = " ".join(sv if language == "sv" else en for sv, en in pairs)
    typed = DECISION_FILE.read_text()
    crossing = [en if language == "sv" else sv for sv, en in pairs]
    found = [
        fragment
        for fragment in crossing
        if fragment in text and fragment not in own and fragment not in typed
    ]
    assert not found, f"{language} print holds the other language: {found[:5]}"


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def draft():
    return Assessment.objects.create_from(files.read(DECISION_FILE.read_bytes()))


def test_the_print_language_is_swedish_by_default_and_kept_with_the_draft(client, draft):
    assert draft.print_language == "sv"
    url = reverse("assessments:print_language", args=[draft.token])
    response = client.post(url, {"print_language": "en"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.print_language == "en"
    refused = client.post(url, {"print_language": "de"})
    assert refused.status_code == 400
    assert 'id="print-print_language_error"' in refused.content.decode()
    draft.refresh_from_db()
    assert draft.print_language == "en"


def test_an_english_page_prints_a_swedish_pdf(client, draft):
    client = english(client)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert '<html lang="en">' in page
    # The reader is told, in English, that what is printed is in Swedish.
    assert (
        "The printout and the draft request for reconsideration (omprövning) are in Swedish" in page
    )
    response = client.get(reverse("assessments:pdf", args=[draft.token]), {"bilaga": "1"})
    assert response.status_code == 200
    assert pdf_lang(response.content) == "sv"
    text = pdftotext(response.content)
    assert "Grundläggande behov" in text and "Bilaga: Så räknade vi" in text
    assert "Basic needs" not in text and "Appendix" not in text
    assert_only(text, "sv")


def test_an_english_page_prints_a_swedish_omprovning_and_shows_both_texts(client, draft):
    client = english(client)
    url = reverse("assessments:reconsideration", args=[draft.token])
    page = client.get(url).content.decode()
    assert '<html lang="en">' in page
    assert "Draft request for reconsideration (omprövning)</h1>" in page
    # The text to send is Swedish; the same text in English below it, to read.
    sent = page[page.index('id="request-text"') :]
    sent = sent[: sent.index("</textarea>")]
    assert 'lang="sv"' in sent and "UTKAST" in sent and "DRAFT" not in sent
    read = page[page.index('id="request-text-reader"') :]
    assert "DRAFT – REQUEST FOR RECONSIDERATION" in read[: read.index("</textarea>")]
    assert_only(html.unescape(sent), "sv")
    text = client.get(url + "text/").content.decode()
    assert text.startswith("UTKAST") and "DRAFT" not in text
    assert "h/vecka" in text and "h/week" not in text
    assert_only(" ".join(text.split()), "sv")
    body = client.get(reverse("assessments:reconsideration_pdf", args=[draft.token])).content
    assert pdf_lang(body) == "sv"
    printed = pdftotext(body)
    assert "Begäran om omprövning" in printed
    assert_only(printed, "sv")


def test_a_swedish_page_prints_in_english_when_english_is_chosen(client, draft):
    client.post(reverse("assessments:print_language", args=[draft.token]), {"print_language": "en"})
    page = client.get(draft.get_absolute_url()).content.decode()
    assert '<html lang="sv">' in page
    assert "Utskriften och utkastet till omprövning blir på engelska." in page
    body = client.get(reverse("assessments:pdf", args=[draft.token]), {"bilaga": "1"}).content
    assert pdf_lang(body) == "en"
    text = pdftotext(body)
    assert "Basic needs" in text and "Grundläggande behov" not in text
    assert_only(text, "en")
    body = client.get(reverse("assessments:reconsideration_pdf", args=[draft.token])).content
    assert pdf_lang(body) == "en"
    assert_only(pdftotext(body), "en")
    text = client.get(reverse("assessments:reconsideration_text", args=[draft.token]))
    assert_only(" ".join(text.content.decode().split()), "en")


def test_the_same_language_for_the_page_and_the_print_says_nothing_more(client, draft):
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'id="print-note"' not in page
    omprovning = client.get(reverse("assessments:reconsideration", args=[draft.token]))
    assert 'id="request-text-reader"' not in omprovning.content.decode()
