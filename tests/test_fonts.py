"""Every script a person in Sweden may write a note in prints in the PDF with real glyphs, and
a character that no font has is reported instead of printed as an empty box."""

import io
import re
import subprocess
import tempfile
from datetime import date

import pytest
from pypdf import PdfReader

from assessments import fonts
from assessments.pdf import render_summary
from tests.factories import make_draft

# "Needs help with bathing/dressing" in the languages most written in Sweden after Swedish.
# The Arabic and Thai sentences avoid the lam-alef ligature and sara am, whose text poppler
# reads back decomposed from any PDF.
NOTES = {
    "Arabic": "يحتاج إلى مساعدة في الحمام",
    "Persian": "به کمک برای حمام کردن نیاز دارد",
    "Somali": "Wuxuu u baahan yahay caawimaad xagga maydhashada",
    "Tigrinya": "ንምሕጻብ ሓገዝ የድልዮ",
    "Amharic": "ለመታጠብ እርዳታ ያስፈልገዋል",
    "Thai": "ต้องการความช่วยเหลือตอนแต่งตัว",
    "Chinese": "洗澡时需要帮助",
    "Japanese": "入浴の介助が必要です",
    "Korean": "목욕할 때 도움이 필요합니다",
}
# A private-use character and an unassigned one: no font has them.
NO_FONT_HAS = "\ue000\u0378"
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(pdf: bytes) -> str:
    """The text as poppler reads it, in logical order (Arabic script included)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", file.name, "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    return re.sub(r"\s+", " ", BIDI_CONTROLS.sub("", text))


def fonts_with_boxes(pdf: bytes) -> list[str]:
    """The embedded fonts that draw some character as .notdef: WeasyPrint gives such a font a
    CMap of its own that maps the missing glyphs to CID 0, instead of /Identity-H."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Encoding"] != "/Identity-H":
                found.append(str(font["/BaseFont"]))
    return sorted(set(found))


def embedded_fonts(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


@pytest.mark.parametrize("language", NOTES)
def test_the_fonts_cover_every_script_written_in_sweden(language):
    assert fonts.unprintable(NOTES[language]) == []


def test_a_character_no_font_has_is_reported_once():
    text = f"Dusch {NO_FONT_HAS[0]} och {NO_FONT_HAS}\n\t\u200d"

    assert fonts.unprintable(text) == list(NO_FONT_HAS)
    assert "U+E000, U+0378" in fonts.unprintable_message(fonts.unprintable(text))


def test_swedish_text_asks_the_first_font_only():
    """A family's character set is read only while some character is left uncovered: each
    family read costs a call to fontconfig, and every `manage.py summary` process pays it."""
    fonts._covered_by.cache_clear()

    assert fonts.unprintable("Dusch med hårtvätt, 25 min × 3 ggr · Åsa") == []
    assert fonts._covered_by.cache_info().currsize == 1
    assert fonts.unprintable("ንምሕጻብ") == []
    assert fonts._covered_by.cache_info().currsize > 1


@pytest.mark.django_db
def test_a_note_in_each_script_prints_as_text_in_real_fonts():
    draft = make_draft(
        rows=[
            {"description": f"Rad på {language}", "note": note} for language, note in NOTES.items()
        ]
    )

    pdf = render_summary(draft.to_rules(), printed_on=date(2026, 11, 22))

    text = pdf_text(pdf)
    for language, note in NOTES.items():
        assert note in text, language
    assert fonts_with_boxes(pdf) == []
    assert {"Noto-Sans-Ethiopic", "Noto-Sans-Thai"} <= embedded_fonts(pdf)
    assert any(name.startswith("Noto-Sans-CJK") for name in embedded_fonts(pdf))
    assert "tomma rutor" not in text


@pytest.mark.django_db
def test_the_pdf_says_which_characters_it_could_not_print():
    draft = make_draft(rows=[{"note": f"Symbol {NO_FONT_HAS} i anteckningen"}])

    pdf = render_summary(draft.to_rules(), printed_on=date(2026, 11, 22))

    text = pdf_text(pdf)
    assert "finns inte i PDF:ens typsnitt och visas som tomma rutor: U+E000, U+0378." in text
    # The detector above sees those boxes: the check of the other test can fail.
    assert fonts_with_boxes(pdf) != []
