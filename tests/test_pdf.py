"""The printable summary (issue 4): PDFs rendered for real by WeasyPrint and read back.

Rendering is the slow part (about a second for a small draft here), so each draft is rendered
once per module and the tests read the same bytes. The module fixtures create their drafts,
render them and delete them again before any test runs, so no row outlives the fixture.
"""

import io
import re
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cached_property

import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader

from assessments import rules
from assessments.models import Assessment
from assessments.pdf import NO_NETWORK_FETCHER, filename, render_summary_pdf
from tests import factories

PRINTED_ON = date(2026, 11, 22)
FREQUENCY = re.compile(r"\d+ (ggr|gång) per (dag|vecka|månad|år)")


# --- factories ----------------------------------------------------------------------------------

ROW = factories.ROW_DEFAULTS


def make_draft(rows=(), **fields) -> Assessment:
    # 2024: a year with a known hourly amount, so that the yearly estimate is printed.
    return factories.make_draft(rows, **{"assessment_date": date(2024, 11, 22), **fields})


# A child's draft touching every kind of row: two assistants, waiting time, tube feeding,
# monthly and weekly rows, notes, and å ä ö in the descriptions.
CHILD_ROWS = [
    {"description": "Dusch och hårtvätt", "minutes": 25, "assistants": 2, "note": "Lyft"},
    {"description": "Toalettbesök", "minutes": 10, "times": 6},
    {"need": "meals", "description": "Sondmatning på kvällen", "minutes": 30, "times": 4,
     "tube_feeding": True, "note": "Förberedelse ingår"},
    {"need": "meals", "kind": "other", "description": "Matlagning", "minutes": 45,
     "days_per_week": 5},
    {"need": "dressing", "description": "Påklädning och avklädning", "minutes": 15, "times": 2},
    {"need": "communication", "description": "Tolka vid samtal", "times": 3, "per": "week"},
    {"need": "household", "kind": "other", "description": "Tvätt och städning", "minutes": 60,
     "times": 2, "per": "week"},
    {"need": "leisure_and_community", "kind": "other", "description": "Simning på lördagar",
     "minutes": 90, "per": "week", "note": "Öppet bad"},
    {"need": "supervision", "kind": "other", "description": "Väntetid under natten",
     "minutes": 480, "time_type": "waiting"},
    {"need": "health_and_care", "kind": "other", "description": "Läkarbesök",
     "minutes": 120, "per": "month"},
]  # fmt: skip

NEEDS_FOR_LONG = ["personal_hygiene", "meals", "household", "health_and_care"]


@dataclass
class Rendered:
    title: str
    descriptions: list[str]
    result: rules.Result
    pdf: bytes

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(io.BytesIO(self.pdf))

    @cached_property
    def pages(self) -> list[str]:
        return [page.extract_text() for page in self.reader.pages]

    @cached_property
    def text(self) -> str:
        """All pages, with runs of white space (line breaks, no-break spaces) as one space."""
        return squash(" ".join(self.pages))


def squash(text: str) -> str:
    return " ".join(text.split())


def unbroken(text: str) -> str:
    """Without any white space, for sentences a line may break after a hyphen ("20-")."""
    return "".join(text.split())


def render(rows, **fields) -> Rendered:
    draft = make_draft(rows, **fields)
    try:
        result = draft.calculate()
        pdf = render_summary_pdf(draft, printed_on=PRINTED_ON)
    finally:
        draft.delete()
    descriptions = [{**ROW, **row}["description"] for row in rows]
    return Rendered(str(draft), descriptions, result, pdf)


@pytest.fixture(scope="module")
def child(django_db_setup, django_db_blocker) -> Rendered:
    with django_db_blocker.unblock():
        return render(CHILD_ROWS, title="Åsas behov hösten", age=8)


@pytest.fixture(scope="module")
def long_draft(django_db_setup, django_db_blocker) -> Rendered:
    rows = [
        {
            "need": NEEDS_FOR_LONG[index * len(NEEDS_FOR_LONG) // 150],
            "kind": "basic" if index < 75 else "other",
            "description": f"Aktivitet nummer {index + 1}",
            "minutes": 5 + index % 7,
            "times": 1 + index % 3,
            "note": "Återkommande" if index % 10 == 0 else "",
        }
        for index in range(150)
    ]
    with django_db_blocker.unblock():
        return render(rows, title="Lång beräkning")


@pytest.fixture(scope="module")
def adult_2027(django_db_setup, django_db_blocker) -> Rendered:
    # 2027 has no known hourly amount (rules.md R8); 21 h of basic needs meets the threshold.
    rows = [{"description": "Hjälp med hygien", "minutes": 180}]
    with django_db_blocker.unblock():
        return render(rows, assessment_date=date(2027, 11, 22), age=40)


# --- content ------------------------------------------------------------------------------------


def test_totals_are_printed_with_a_decimal_comma(child):
    result = child.result
    for minutes in (result.basic_minutes, result.other_minutes, result.total_minutes):
        hours = rules.format_hours(minutes)
        assert "," in hours, hours  # the draft is chosen so that no total is whole
        assert f"{hours} h" in child.text
    assert f"{rules.format_hours(result.margin_minutes)} h över gränsen" in child.text


def test_every_row_description_and_note_is_printed(child):
    for description in child.descriptions:
        assert description in child.text
    for note in ("Lyft", "Förberedelse ingår", "Öppet bad"):
        assert note in child.text


def test_swedish_letters_survive_in_the_text_layer(child):
    for word in ("Åsas behov hösten", "Påklädning", "Väntetid", "Läkarbesök", "Öppet"):
        assert word in child.text


def test_the_verdict_comes_first(child):
    verdict = squash(child.result.verdict)
    first_page = squash(child.pages[0])
    assert verdict in first_page
    assert first_page.index("Resultat") < first_page.index(verdict)


def test_the_header_names_the_draft_dates_and_rules(child):
    first_page = squash(child.pages[0])
    assert "Åsas behov hösten" in first_page
    assert "Bedömningsdatum: 2024-11-22" in first_page
    assert "Ålder: 8 år" in first_page
    assert "Utskriven: 2026-11-22" in first_page
    assert "Regler per 2024-11-22, föräldraavdrag enligt tabellen från 2023-01-01" in first_page
    assert f"Regelversion {rules.RULES_VERSION}" in first_page


def test_the_parental_deduction_and_yearly_amount_are_shown(child):
    deduction = child.result.deduction_basic
    assert deduction is not None and deduction.applied_minutes
    assert f"Föräldraavdrag {rules.format_hours(child.result.deduction_minutes)} h" in child.text
    assert f"cirka {squash(rules.format_kronor(child.result.estimated_sek_per_year))}" in (
        child.text
    )
    assert "timbeloppet 332,60 kr för 2024" in child.text


def test_warnings_are_printed(child):
    assert child.result.warnings
    for warning in child.result.warnings:
        assert unbroken(warning.message) in unbroken(child.text)


def test_rows_show_frequency_assistants_and_kind(child):
    text = child.text
    assert "1 gång per dag, 7 dagar/vecka 2 Grundläggande" in text  # the shower, 2 assistants
    assert "1 gång per dag, 5 dagar/vecka 1 Annat" in text
    assert "Annat, väntetid, räknas 1/4" in text
    assert "Grundläggande, sondmatning" in text
    assert "1 gång per månad" in text


def test_needs_follow_the_order_of_the_law_with_subtotals(child):
    text = child.text
    positions = [text.index(f"Summa {total.label.lower()}") for total in child.result.by_need]
    assert positions == sorted(positions)
    for total in child.result.by_need:
        hours = rules.format_hours(total.total_minutes)
        subtotal = rf"Summa {total.label.lower()}( \(grundläggande [^)]*\))? {hours} h"
        assert re.search(subtotal, text), subtotal


def test_the_explanation_and_the_chart_with_its_table_are_included(child):
    text = child.text
    assert "Så räknade vi" in text
    for step in child.result.steps:
        assert step.title in text
    assert "socialförsäkringsbalken 51 kap. 3 §" in text
    assert not re.search(r"\bR\d+\b", text)  # no internal rule ids on paper
    assert "Diagrammets uppgifter" in text
    assert "Gränsen 20 h" in text  # drawn in the chart's SVG, kept as text


def test_the_note_says_it_is_an_estimate_and_where_the_rules_come_from(child):
    assert "Det här är din egen uppskattning, inte ett beslut." in child.text
    assert "LSS" in child.text and "socialförsäkringsbalken" in child.text


def test_pages_are_numbered_sida_x_av_y(child):
    pages = child.pages
    for number, page in enumerate(pages, start=1):
        assert f"Sida {number} av {len(pages)}" in squash(page)


def test_an_unknown_hourly_amount_is_said_not_guessed(adult_2027):
    assert adult_2027.result.meets_threshold
    assert "Uppskattat belopp per år: okänt." in adult_2027.text
    assert "Timbeloppet för 2027 är inte känt än" in adult_2027.text
    assert "Regler per 2027-11-22." in adult_2027.text  # no deduction table for an adult
    assert "Ålder: 40 år" in adult_2027.text


@pytest.mark.django_db
def test_below_the_line_the_kommun_is_named_and_no_amount_is_given():
    rendered = render([{"minutes": 60}], age=40)  # 7 h a week
    assert not rendered.result.meets_threshold
    assert "7 h 13 h under gränsen på 20 h" in rendered.text
    assert "Uppskattat belopp per år: beräknas inte" in rendered.text
    assert squash(rendered.result.verdict) in rendered.text


# --- long drafts --------------------------------------------------------------------------------


def test_a_150_row_draft_spans_pages_with_the_table_header_on_each(long_draft):
    pages = long_draft.pages
    assert len(pages) > 3
    row_pages = [page for page in pages if FREQUENCY.search(page)]
    assert len(row_pages) >= 3
    for page in row_pages:
        assert "Beskrivning" in page
        assert "Tid per" in page
    # More headers than tables: the header was repeated where a table crossed a page.
    headers = sum(page.count("Beskrivning") for page in pages)
    assert headers > len(long_draft.result.by_need)
    for description in long_draft.descriptions:
        assert f"{description} " in long_draft.text or long_draft.text.endswith(description)


def test_no_row_is_split_across_pages(long_draft):
    # A row keeps its description, its frequency and its weekly time on one page.
    for index, description in enumerate(long_draft.descriptions):
        row = long_draft.result.rows[index]
        hours = rules.format_hours(row.weekly_minutes)
        assert any(
            re.search(rf"{index + 1}\. {description} \d+ [^.]*? {re.escape(hours)} h", squash(page))
            for page in long_draft.pages
        ), description


# --- accessibility and metadata -----------------------------------------------------------------


def test_the_pdf_has_a_title_and_swedish_as_its_language(child):
    reader = child.reader
    assert reader.metadata.title == "Behovsberäkning: Åsas behov hösten"
    assert reader.trailer["/Root"]["/Lang"] == "sv"


def test_the_pdf_is_tagged_pdf_ua(child):
    catalog = child.reader.trailer["/Root"]
    # pypdf's BooleanObject is truthy even when false: compare its value.
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    metadata = catalog["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in metadata


def test_the_chart_is_a_figure_with_alternative_text(child):
    def figures(node):
        node = node.get_object()
        if node.get("/S") == "/Figure":
            yield node
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
                yield from figures(kid)

    catalog = child.reader.trailer["/Root"]
    alts = [figure.get("/Alt") for figure in figures(catalog["/StructTreeRoot"])]
    assert "Diagram: timmar i veckan per behov" in alts


def test_all_fonts_are_embedded(child):
    fonts = {}
    for page in child.reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        assert "DejaVu" in name
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, name


# --- safety -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_markup_in_a_row_is_printed_as_text_and_fetches_nothing():
    rows = [{"description": '<img src="file:///etc/passwd"> & <b>fet</b>', "note": "1 < 2"}]
    rendered = render(rows, title="<script>x</script>")
    # A narrow column may wrap the text anywhere: compare without white space.
    flat = "".join(rendered.text.split())
    assert '<imgsrc="file:///etc/passwd">&<b>fet</b>' in flat
    assert "1<2" in flat
    assert rendered.reader.metadata.title == "Behovsberäkning: <script>x</script>"


def test_the_url_fetcher_refuses_everything_but_data_urls():
    assert NO_NETWORK_FETCHER("data:text/plain,hej").read() == b"hej"
    for url in ("file:///etc/passwd", "http://example.com/", "https://example.com/"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            NO_NETWORK_FETCHER(url)


def test_the_file_name_is_ascii_and_never_from_the_title():
    draft = Assessment(title="Åsa / ../../etc", assessment_date=date(2024, 1, 1))
    name = filename(draft, PRINTED_ON)
    assert name == "behovsberakning-2026-11-22.pdf"
    assert name.isascii()


@pytest.mark.django_db
def test_an_empty_draft_still_renders():
    rendered = render([], title="")
    assert "Namnlös beräkning" in rendered.text
    assert "Inga rader är ifyllda." in rendered.text
    assert "Sida 1 av" in rendered.text


# --- the shared explanation partial -------------------------------------------------------------


def rules_row(**fields) -> rules.Activity:
    row = {**ROW, **fields}
    del row["note"]  # a note is the model's, not the rules'
    return rules.Activity(**row)


def explanation_html(activities) -> str:
    result = rules.calculate(rules.Assessment(date(2024, 11, 22), tuple(activities)))
    return render_to_string("assessments/_explanation.html", {"result": result})


def test_the_explanation_shows_each_step_with_hours_parts_and_rules():
    html = explanation_html([rules_row(minutes=90), rules_row(description="Toalett", minutes=60)])
    assert "Grundläggande behov före avdrag" in html
    assert "17,5 h/vecka" in html  # (90 + 60) × 7 / 60
    assert "Rad 1: Dusch: 10,5 h" in html
    assert "Rad 2: Toalett: 7 h" in html
    # The sources a person can look up (LSS, a ruling, FK's guidance), never rules.md's ids.
    assert "Källa: LSS 9 a §; HFD 2009 ref. 57; Försäkringskassans vägledning 2003:6" in html
    assert "R1" not in html and "rules.md" not in html
    assert "2,5 h under gränsen" in html


def test_the_explanation_says_over_the_line_and_the_yearly_amount():
    html = explanation_html([rules_row(minutes=180)])  # 21 h a week
    assert "1 h över gränsen" in html
    assert "Cirka" in html and "per år" in html


def test_the_explanation_has_no_inline_style_or_script():
    html = explanation_html([rules_row()])
    assert "style=" not in html
    assert "<style" not in html
    assert "<script" not in html


def test_the_explanation_of_an_exact_threshold_says_so():
    # 20 h exactly is not enough (rules.md R5): 1200 minutes a week.
    html = explanation_html([rules_row(minutes=Fraction(1200, 7))])
    assert "Exakt på gränsen" in html
