"""The printable summary (issue 12) and the draft request for omprövning (issue 11): PDFs
rendered for real by WeasyPrint from a `rules.Assessment` and read back with pypdf.

Rendering is the slow part (a few hundred milliseconds a document here), so each draft is
rendered once per module and the tests read the same bytes; no database is needed for that.
The views, the cache and the command are tested at the end.
"""

import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass, replace
from datetime import date, time
from fractions import Fraction
from functools import cached_property
from pathlib import Path

import pytest
import time_machine
import weasyprint
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from assessments import files, fonts, pdf, reconsideration, rules
from assessments.models import Assessment
from assessments.pdf import NO_NETWORK_FETCHER, render_reconsideration, render_summary
from assessments.rules.compare import compare
from tests import factories
from tests.test_command import REPO_ROOT

PRINTED_ON = date(2026, 11, 22)
EXAMPLES = Path(__file__).resolve().parent / "examples"
DECISION_FILE = EXAMPLES / "adult-compared-with-decision-2026.json"
WEEKS_FILE = EXAMPLES / "child-school-and-holiday-weeks-2026.json"
NIGHT_FILE = EXAMPLES / "adult-night-waiting-2026.json"
RULE_ID = re.compile(r"\bR\d{1,2}\b")


# --- drafts -------------------------------------------------------------------------------------


def row(**fields) -> rules.Activity:
    defaults = {"need": "personal_hygiene", "kind": "basic", "description": "Dusch"}
    return rules.Activity(**{**defaults, "minutes": 20, "times": 1, **fields})


def draft(rows=(), **fields) -> rules.Assessment:
    # 2024: a year with a known hourly amount, so that the yearly estimate is printed.
    return rules.Assessment(**{"assessment_date": date(2024, 11, 22), **fields}, activities=rows)


def example(path: Path) -> rules.Assessment:
    return files.read(path.read_bytes())


# A child's draft touching every kind of row: two assistants, waiting time, tube feeding,
# monthly and weekly rows, notes, and å ä ö in the descriptions.
CHILD_ROWS = (
    row(description="Dusch och hårtvätt", minutes=25, assistants=2, note="Lyft"),
    row(description="Toalettbesök", minutes=10, times=6),
    row(need="meals", description="Sondmatning på kvällen", minutes=30, times=4,
        tube_feeding=True, note="Förberedelse ingår"),
    row(need="meals", kind="other", description="Matlagning", minutes=45, days_per_week=5),
    row(need="dressing", description="Påklädning och avklädning", minutes=15, times=2),
    row(need="communication", description="Tolka vid samtal", times=3, per="week"),
    row(need="household", kind="other", description="Tvätt och städning", minutes=60, times=2,
        per="week"),
    row(need="leisure_and_community", kind="other", description="Simning på lördagar",
        minutes=90, per="week", note="Öppet bad"),
    row(need="supervision", kind="other", description="Väntetid under natten", minutes=480,
        time_type="waiting"),
    row(need="health_and_care", kind="other", description="Läkarbesök", minutes=120,
        per="month"),
)  # fmt: skip

# The mix of scripts/bench_pdf.py: ten kinds of row over ten needs, three with notes.
MIX = (
    row(description="Dusch med hårtvätt", minutes=25, assistants=2),
    row(description="Toalettbesök", minutes=10, times=6),
    row(need="meals", description="Äta, hjälp med varje tugga", minutes=30, times=3,
        note="Sväljer långsamt."),
    row(need="meals", kind="other", description="Matlagning", minutes=45, days_per_week=5),
    row(need="dressing", description="På- och avklädning", minutes=15, times=2,
        note="Morgon och kväll."),
    row(need="communication", description="Tolka vid samtal", times=3, per="week"),
    row(need="household", kind="other", description="Tvätt och städning", minutes=60, times=2,
        per="week"),
    row(need="leisure_and_community", kind="other", description="Simning", minutes=90,
        per="week", note="Lördagar."),
    row(need="supervision", kind="other", description="Väntetid natt", minutes=480,
        time_type="waiting"),
    row(need="health_and_care", kind="other", description="Läkarbesök", minutes=120,
        per="month"),
)  # fmt: skip


def mixed_rows(count: int) -> tuple[rules.Activity, ...]:
    return tuple(
        replace(MIX[i % len(MIX)], description=f"{MIX[i % len(MIX)].description} {i + 1}")
        for i in range(count)
    )


# --- reading a PDF back -------------------------------------------------------------------------


@dataclass
class Rendered:
    draft: rules.Assessment
    pdf: bytes

    @cached_property
    def result(self) -> rules.Result:
        return rules.calculate(self.draft)

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(io.BytesIO(self.pdf))

    @cached_property
    def pages(self) -> list[str]:
        return [squash(page.extract_text()) for page in self.reader.pages]

    @cached_property
    def text(self) -> str:
        return " ".join(self.pages)

    @property
    def flat(self) -> str:
        """Without any white space, for text a narrow column may wrap anywhere."""
        return unbroken(self.text)

    @cached_property
    def tags(self) -> list[str]:
        """The structure types of the tag tree, depth first."""
        found = []

        def walk(node):
            node = node.get_object()
            if hasattr(node, "get") and "/S" in node:
                found.append(str(node["/S"]))
            kids = node.get("/K", []) if hasattr(node, "get") else []
            for kid in kids if isinstance(kids, list) else [kids]:
                if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
                    walk(kid)

        walk(self.reader.trailer["/Root"]["/StructTreeRoot"])
        return found


def squash(text: str) -> str:
    return " ".join(text.split())


def unbroken(text: str) -> str:
    return "".join(text.split())


def summary(assessment: rules.Assessment, **options) -> Rendered:
    return Rendered(assessment, render_summary(assessment, printed_on=PRINTED_ON, **options))


@pytest.fixture(scope="module")
def child() -> Rendered:
    return summary(draft(CHILD_ROWS, title="Åsas behov hösten", age=8))


@pytest.fixture(scope="module")
def child_appendix() -> Rendered:
    return summary(draft(CHILD_ROWS, title="Åsas behov hösten", age=8), appendix=True)


@pytest.fixture(scope="module")
def twenty() -> Rendered:
    return summary(draft(mixed_rows(20), title="Tjugo rader", age=9))


@pytest.fixture(scope="module")
def long_draft() -> Rendered:
    return summary(draft(mixed_rows(150), title="Lång beräkning", age=9))


@pytest.fixture(scope="module")
def decided() -> Rendered:
    return summary(example(DECISION_FILE))


@pytest.fixture(scope="module")
def weeks() -> Rendered:
    return summary(example(WEEKS_FILE))


@pytest.fixture(scope="module")
def checks() -> Rendered:
    # A data-entry slip (30 hours of help a day) and a child: the screen's check must stay
    # off the printout, the whole-need principle must be on it.
    return summary(draft([row(minutes=600, times=3), row(need="meals")], age=5))


# --- page 1 -------------------------------------------------------------------------------------


def test_page_one_has_the_title_dates_and_age_bracket_with_why(child):
    first = child.pages[0]
    assert "Åsas behov hösten" in first
    assert "Bedömningsdatum: 2024-11-22" in first
    assert "Regler per 2024-11-22" in first
    assert "Utskriven: 2026-11-22" in first
    assert "Åldersgrupp: 7–11 år." in first
    assert squash(rules.words.age_text(child.draft, child.result)) in first


def test_a_birth_month_is_printed_only_when_the_person_typed_one(child, weeks):
    assert "född" not in child.text  # an age only
    assert "Barnet är 9 år (född maj 2017)." in weeks.pages[0]


def test_page_one_has_blank_lines_to_fill_in_by_hand(child):
    first = child.pages[0]
    for label in ("Namn", "Personnummer", "Närvarande vid mötet"):
        assert label in first
    assert "Fylls i för hand. Sparas inte i Behovsräknaren." in first


def test_page_one_has_the_verdict_with_its_margin(child):
    result = child.result
    first = child.pages[0]
    assert squash(result.verdict) in first
    assert f"{rules.format_hours(result.margin_minutes)} timmar över gränsen" in first
    assert first.index("Resultat") < first.index(squash(result.verdict))


def test_key_figures_per_week_and_per_day(child):
    result = child.result
    first = child.pages[0]
    for label, minutes in (
        ("Grundläggande behov", result.basic_minutes),
        ("Andra personliga behov", result.other_minutes),
        ("Föräldraavdrag, redan avdraget ovan", result.deduction_minutes),
        ("Totalt", result.total_minutes),
    ):
        week = rules.format_hours(minutes)
        day = rules.format_hours(minutes / 7)
        assert f"{label} {week} h {day} h" in first, label
    assert "," in rules.format_hours(result.total_minutes)  # the draft's totals are not whole


def test_the_money_estimate_names_the_amount_and_where_it_comes_from(child):
    first = child.pages[0]
    sek = squash(rules.format_kronor(child.result.estimated_sek_per_year))
    assert f"Uppskattat belopp per år: cirka {sek}" in first
    assert squash(rules.words.amount_text(child.result)) in first
    assert "332,60 kr" in first


def test_an_unknown_hourly_amount_is_said_not_guessed():
    rendered = summary(draft([row(minutes=180)], assessment_date=date(2027, 11, 22), age=40))
    assert rendered.result.meets_threshold
    assert "Uppskattat belopp per år: okänt" in rendered.text
    assert "Timbeloppet för 2027 är inte känt än" in rendered.text
    assert "Ålder: 40 år, vuxen: inget föräldraavdrag." in rendered.text


def test_week_types_are_shown_each_with_its_figures(weeks):
    first = weeks.pages[0]
    assert "Per veckotyp" in first
    for week in weeks.result.week_types:
        figures = week.figures
        expected = (
            f"{week.week_type.name} {rules.format_number(week.week_type.weeks)} "
            f"{rules.format_hours(figures.basic)} h {rules.format_hours(figures.other)} h "
            f"{rules.format_hours(figures.total)} h"
        )
        assert expected in first
    # A row of some weeks only says which, and counts its share of the weeks.
    assert "Hygien morgon och kväll (skolvecka)" in weeks.text


def test_the_parts_of_a_period_are_shown_when_the_rules_change_within_it():
    # Born March 2019: 6 until February 2026, then in the 7–11 bracket (rules.md R7).
    rendered = summary(
        draft(
            [row(minutes=120)],
            birth_month=date(2019, 3, 1),
            period=rules.GrantPeriod(date(2026, 1, 1), date(2026, 6, 30)),
        )
    )
    assert rendered.result.several_segments
    first = rendered.pages[0]
    assert "Period: januari–juni 2026" in first
    assert "Per del av perioden" in first
    assert "januari–februari 2026 59 6 år" in first
    assert "mars–juni 2026 122 7 år" in first


# --- the rows -----------------------------------------------------------------------------------


def test_every_row_is_one_line_with_how_often_kind_and_hours(child):
    for r in child.result.rows:
        line = (
            f"{r.index + 1}. {r.activity.description} {pdf.how_text(r.activity)} "
            f"{pdf.kind_text(r.activity)} {rules.format_hours(r.average_minutes)}"
        )
        assert unbroken(line) in child.flat, line


def test_the_note_is_printed_under_its_row(child):
    for description, note in (
        ("Dusch och hårtvätt", "Lyft"),
        ("Sondmatning på kvällen", "Förberedelse ingår"),
        ("Simning på lördagar", "Öppet bad"),
    ):
        assert re.search(rf"{description} .*? Anteckning: {note}", child.text), note


def test_needs_follow_the_order_of_the_law_with_subtotals(child):
    text = child.text
    positions = []
    for total in child.result.by_need:
        heading = re.search(rf"{re.escape(total.label)} · [a-zä ]+ behov, summa", text)
        assert heading, total.label
        positions.append(heading.start())
        tail = text[heading.end() :]
        assert re.match(
            rf"( \(grundläggande [^)]*\))? {re.escape(rules.format_hours(total.total_minutes))}",
            tail,
        ), total.label
    assert positions == sorted(positions)
    before = child.result.before_deduction_basic + child.result.before_deduction_other
    assert f"Alla behov före föräldraavdrag {rules.format_hours(before)}" in text


def test_the_nights_waiting_time_is_a_line_of_its_need():
    rendered = summary(example(NIGHT_FILE))
    night = rendered.result.night
    assert night.counted_minutes
    assert re.search(
        rf"Nattvilan \d\d:\d\d–\d\d:\d\d minus aktiv hjälp: .*? väntetid i veckan, räknas 1/4 "
        rf"Annat {re.escape(rules.format_hours(night.counted_minutes))}",
        rendered.text,
    )


def test_twenty_rows_print_on_two_pages(twenty):
    assert len(twenty.pages) == 2
    assert "Sida 1 av 2" in twenty.pages[0] and "Sida 2 av 2" in twenty.pages[1]
    for r in twenty.result.rows:
        assert f"{r.index + 1}. {r.activity.description}" in twenty.text


def test_150_rows_print_on_at_most_six_pages_with_the_header_on_each(long_draft):
    pages = long_draft.pages
    assert len(pages) <= 6
    row_pages = [page for page in pages[1:] if re.search(r"\d+ min × ", page)]
    assert len(row_pages) == len(pages) - 1
    for page in row_pages:
        assert "Aktivitet Tid och hur ofta Räknas som Tim/vecka" in page


def test_no_row_is_split_across_pages(long_draft):
    # A row keeps its description, its frequency and its weekly time on one page.
    for r in long_draft.result.rows:
        line = (
            f"{r.index + 1}. {r.activity.description} {pdf.how_text(r.activity)} "
            f"{pdf.kind_text(r.activity)} {rules.format_hours(r.average_minutes)}"
        )
        assert any(unbroken(line) in unbroken(page) for page in long_draft.pages), line


# --- with a decision ----------------------------------------------------------------------------


def test_with_a_decision_both_verdicts_are_printed(decided):
    first = decided.pages[0]
    result = decided.result
    claimed = rules.verdict_sentence(result, according="Enligt beräkningen")
    assert squash(claimed) in first
    assert squash(result.decision.verdict) in first


def test_with_a_decision_each_row_has_claimed_decided_and_difference(decided):
    text = decided.text
    assert "Aktivitet Tid och hur ofta Räknas som Ansökt Beslutat Skillnad" in text
    for c in compare(decided.result).rows:
        figures = [c.claimed_minutes, c.decided_minutes]
        cells = " ".join(rules.format_hours(m) for m in figures)
        difference = rules.format_hours(c.difference_minutes) if c.difference_minutes else "–"
        assert re.search(
            rf"{c.index + 1}\. {re.escape(c.claimed.description)} .*? {cells} {difference}", text
        ), c.claimed.description
    assert "Beslutat: 25 min × 1 gång per dag, 7 dagar/vecka · Beslutets" in text
    assert "Beslutets motivering: Skäligt med 25 minuter" in text
    assert "Beslutat: inte beviljat" in text


def test_with_a_decision_the_totals_and_subtotals_have_the_difference(decided):
    result = decided.result
    first = decided.pages[0]
    basic = [result.basic_minutes, result.decision.basic_minutes]
    week_and_day = " ".join(
        f"{rules.format_hours(m)} h {rules.format_hours(m / 7)} h" for m in basic
    )
    difference = rules.format_hours(basic[0] - basic[1])
    assert f"Grundläggande behov {week_and_day} {difference} h" in first
    for need in compare(result).needs:
        figures = (need.claimed_minutes, need.decided_minutes, need.difference_minutes)
        cells = " ".join(rules.format_hours(m) for m in figures)
        assert re.search(rf"behov, summa {cells}", decided.text), need.need


# --- for FK's eyes ------------------------------------------------------------------------------


def test_only_notices_that_support_the_claim_are_printed(checks):
    warnings = checks.result.warnings
    assert {"day_over_24h", "enter_whole_need"} <= {w.code for w in warnings}
    for notice in warnings:
        printed = unbroken(notice.message) in checks.flat
        assert printed == notice.printed, notice.code


def test_no_internal_ids_and_no_rules_version_by_default(child, decided):
    for rendered in (child, decided):
        assert not RULE_ID.search(rendered.text)
        assert rules.RULES_VERSION not in rendered.flat
        assert "rules.md" not in rendered.text


def test_the_appendix_is_printed_only_on_request(child, child_appendix):
    assert "Så räknade vi" not in child.text
    assert "/Figure" not in child.tags
    text = child_appendix.text
    assert "Bilaga: Så räknade vi" in text
    for step in child_appendix.result.steps:
        assert step.title in text
    assert "Gränsen 20 h" in text  # the chart, drawn as SVG text
    assert "/Figure" in child_appendix.tags
    assert "Bilaga: Källor" in text
    assert rules.RULES_VERSION in child_appendix.flat  # the appendix may carry the version
    assert not RULE_ID.search(text)
    # The appendix starts on a page of its own, after the rows.
    first_appendix_page = next(i for i, p in enumerate(child_appendix.pages) if "Bilaga" in p)
    assert first_appendix_page == len(child.pages)


def test_the_pdf_says_it_is_an_estimate_not_a_decision(child):
    assert "Det här är en egen uppskattning, inte ett beslut." in child.pages[0]
    for number, page in enumerate(child.pages, start=1):
        assert "egen uppskattning, inte ett beslut" in page
        assert f"Sida {number} av {len(child.pages)}" in page


# --- accessibility and metadata -----------------------------------------------------------------


def test_the_pdf_has_a_title_and_the_language(child):
    assert child.reader.metadata.title == "Behovsberäkning: Åsas behov hösten"
    assert child.reader.trailer["/Root"]["/Lang"] == "sv"


def test_the_language_follows_the_active_language():
    # Swedish is the default; a caller with another language active gets that language's
    # document (its translation comes later: until then the words stay Swedish).
    with translation.override("en"):
        data = render_summary(draft([row()]), printed_on=PRINTED_ON)
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "en"


def test_the_pdf_is_tagged_pdf_ua_with_headings_and_table_headers(child):
    catalog = child.reader.trailer["/Root"]
    # pypdf's BooleanObject is truthy even when false: compare its value.
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert b'pdfuaid:part="1"' in catalog["/Metadata"].get_object().get_data()
    tags = child.tags
    assert tags.count("/H1") == 1
    assert "/H2" in tags
    assert tags.count("/Table") >= 2  # the key figures and the rows
    assert "/TH" in tags and "/TD" in tags and "/Caption" in tags


def struct_elements(reader: PdfReader, kind: str) -> list:
    found = []

    def walk(node):
        node = node.get_object()
        if node.get("/S") == kind:
            found.append(node)
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


@pytest.mark.parametrize("name", ["child", "decided", "weeks", "request_pdf"])
def test_every_table_header_is_tied_to_a_cell(name, request):
    # WeasyPrint writes no /Scope: a TH that no TD names in /Headers is a header of nothing
    # for a screen reader (PDF/UA-1 7.5; a checker reports it).
    reader = request.getfixturevalue(name).reader
    named = {str(h) for td in struct_elements(reader, "/TD") for h in td["/A"].get("/Headers", [])}
    headers = [str(th["/ID"]) for th in struct_elements(reader, "/TH")]
    assert headers
    assert set(headers) <= named


def test_all_fonts_are_embedded(child):
    fonts = {}
    for page in child.reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, name


# --- safety -------------------------------------------------------------------------------------


def test_markup_in_a_row_is_printed_as_text_and_fetches_nothing():
    rows = [row(description='<img src="file:///etc/passwd"> & <b>fet</b>', note="1 < 2")]
    rendered = summary(draft(rows, title="<script>x</script>"))
    assert '<imgsrc="file:///etc/passwd">&<b>fet</b>' in rendered.flat
    assert "1<2" in rendered.flat
    assert rendered.reader.metadata.title == "Behovsberäkning: <script>x</script>"


def test_the_url_fetcher_refuses_everything_but_data_urls():
    assert NO_NETWORK_FETCHER("data:text/plain,hej").read() == b"hej"
    for url in ("file:///etc/passwd", "http://example.com/", "https://example.com/"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            NO_NETWORK_FETCHER(url)


def test_the_file_names_are_ascii_and_never_from_the_title():
    assert pdf.filename(PRINTED_ON) == "behovsberakning-2026-11-22.pdf"
    assert pdf.filename(PRINTED_ON, appendix=True) == "behovsberakning-2026-11-22-med-bilaga.pdf"
    assert pdf.reconsideration_filename(PRINTED_ON) == "omprovning-utkast-2026-11-22.pdf"


def test_an_empty_draft_still_renders():
    rendered = summary(draft([]))
    assert "Behovsberäkning" in rendered.text
    assert "Inga rader är ifyllda." in rendered.text
    assert "Sida 1 av 1" in rendered.text


# --- kept between renders (issue 22) ------------------------------------------------------------


def test_the_kept_stylesheet_and_fonts_print_what_the_style_inline_prints():
    """The summary's fixed style is parsed once per process and its fonts are kept between
    renders: the PDF is byte for byte the one of the whole style in the document's <style>,
    laid out with fonts loaded anew (WeasyPrint's default)."""
    shown = draft((row(note="Anteckning"), row(need="meals", description="Äta ሀ 中")), age=9)
    html = pdf.summary_html(shown, printed_on=PRINTED_ON, appendix=True)
    style = render_to_string(pdf.SUMMARY_STYLESHEET, {"font_stack": fonts.css_stack()})
    inline = html.replace("<style>", "<style>" + style, 1)
    anew = weasyprint.HTML(string=inline, base_url=None, url_fetcher=NO_NETWORK_FETCHER)

    expected = anew.write_pdf(pdf_variant=pdf.PDF_VARIANT)
    assert pdf.html_to_pdf(html, pdf.SUMMARY_STYLESHEET) == expected
    assert pdf.html_to_pdf(html, pdf.SUMMARY_STYLESHEET) == expected  # its fonts kept
    # The style is not in the document twice: its <style> holds the page margins' words only.
    assert "font-family" in style and "font-family" not in html.split("</style>")[0]


# --- the request for omprövning -----------------------------------------------------------------


@pytest.fixture(scope="module")
def request_pdf() -> Rendered:
    assessment = example(DECISION_FILE)
    return Rendered(assessment, render_reconsideration(assessment, printed_on=PRINTED_ON))


def test_the_request_is_a_tagged_swedish_pdf_with_a_title(request_pdf):
    catalog = request_pdf.reader.trailer["/Root"]
    assert request_pdf.reader.metadata.title == "Utkast: begäran om omprövning"
    assert catalog["/Lang"] == "sv"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert b'pdfuaid:part="1"' in catalog["/Metadata"].get_object().get_data()
    assert "/H1" in request_pdf.tags and "/TH" in request_pdf.tags


def test_every_page_of_the_request_says_it_is_a_draft_not_legal_advice(request_pdf):
    assert "UTKAST – redigera innan du skickar" in request_pdf.pages[0]
    assert squash(reconsideration.DISCLAIMER) in request_pdf.pages[0]
    for page in request_pdf.pages:
        assert "UTKAST att redigera – inte juridisk rådgivning" in page


def test_the_request_lists_each_changed_row_with_both_figures_and_the_reasons(request_pdf):
    request = reconsideration.build(request_pdf.draft, request_pdf.result)
    text = request_pdf.text
    positions = []
    for section in request.sections:
        for d in section.differences:
            heading = f"Rad {d.number}: {d.description}"
            assert heading in text
            positions.append(text.index(heading))
            for label, value in (("Ansökt", d.claimed), ("Beslutat", d.decided)):
                assert unbroken(f"{label} {value}") in request_pdf.flat
            assert f"Skillnad {d.difference}" in text
            assert unbroken(f"Min motivering {d.own_reason}") in request_pdf.flat
            if d.reason:
                assert unbroken(f"Beslutets motivering {d.reason}") in request_pdf.flat
            for rule in d.rules:
                assert unbroken(rule) in request_pdf.flat
    assert positions == sorted(positions)
    assert squash(request.claimed_verdict) in text and squash(request.decided_verdict) in text
    assert "Simning" not in text  # granted as claimed


def test_a_draft_without_a_decision_has_no_request():
    assert render_reconsideration(draft([row()]), printed_on=PRINTED_ON) is None


# --- the shared explanation partial -------------------------------------------------------------


def explanation_html(activities) -> str:
    result = rules.calculate(rules.Assessment(date(2024, 11, 22), tuple(activities)))
    return render_to_string("assessments/_explanation.html", {"result": result})


def test_the_explanation_shows_each_step_with_hours_parts_and_rules():
    html = explanation_html([row(minutes=90), row(description="Toalett", minutes=60)])
    assert "Grundläggande behov före avdrag" in html
    assert "17,5 h/vecka" in html  # (90 + 60) × 7 / 60
    assert "Rad 1: Dusch: 10,5 h" in html
    assert "Rad 2: Toalett: 7 h" in html
    # The sources a person can look up (LSS, a ruling, FK's guidance), never rules.md's ids.
    assert "Källa: LSS 9 a §; HFD 2009 ref. 57; Försäkringskassans vägledning 2003:6" in html
    assert "R1" not in html and "rules.md" not in html
    assert "2,5 h under gränsen" in html


def test_the_explanation_has_no_inline_style_or_script():
    html = explanation_html([row()])
    assert "style=" not in html and "<style" not in html and "<script" not in html


def test_the_explanation_of_an_exact_threshold_says_so():
    # 20 h exactly is not enough (rules.md R5): 1200 minutes a week.
    assert "Exakt på gränsen" in explanation_html([row(minutes=Fraction(1200, 7))])


def test_at_exactly_20_hours_the_summary_and_the_comparison_say_more_is_needed():
    # rules.md R5: "more than 20 hours", never "reached", and 20 h is not "under" it.
    exactly = row(minutes=Fraction(1200, 7), decided=rules.Decided(minutes=Fraction(1200, 7)))
    bigger = row(minutes=60, description="Toalett", decided=rules.Decided(minutes=Fraction(60)))
    shown = draft((exactly, replace(bigger, decided=rules.Decided(granted=False))))
    shown = replace(shown, decision=rules.Decision("fk", date(2024, 11, 1)))
    html = pdf.summary_html(replace(shown, activities=(exactly,)), printed_on=date(2024, 11, 23))
    assert (
        "Andra personliga behov ger timmar från Försäkringskassan först när de grundläggande "
        "behoven är mer än 20 timmar i veckan."
    ) in html
    assert "nådd" not in html
    result = rules.calculate(shown)
    comparison = compare(result)
    assert comparison.cuts[-1].basic_after == 1200
    html = render_to_string(
        "assessments/_comparison.html", {"result": result, "comparison": comparison}
    )
    assert "20 h (inte över gränsen)" in html and "under gränsen" not in html


# --- the views ---------------------------------------------------------------------------------


def assert_private(response):
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"


@pytest.mark.django_db
def test_the_request_pdf_is_served_privately_for_a_draft_with_a_decision(client):
    stored = Assessment.objects.create_from(example(DECISION_FILE))
    response = client.get(reverse("assessments:reconsideration_pdf", args=[stored.token]))
    assert response.status_code == 200
    assert_private(response)
    assert response["Content-Disposition"].startswith('inline; filename="omprovning-utkast-')
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Begäran om omprövning" in text


@pytest.mark.django_db
def test_the_request_pdf_of_a_draft_without_a_decision_is_not_found(client):
    stored = factories.make_draft([{}])
    response = client.get(reverse("assessments:reconsideration_pdf", args=[stored.token]))
    assert response.status_code == 404
    assert client.get("/b/okand-token/omprovning/pdf/").status_code == 404


@pytest.mark.django_db
def test_the_request_pdf_is_rate_limited_with_the_summary(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "pdf": (0, 3600)}
    stored = Assessment.objects.create_from(example(DECISION_FILE))
    response = client.get(reverse("assessments:reconsideration_pdf", args=[stored.token]))
    assert response.status_code == 429


# --- the command --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_prints_what_the_button_prints(client, tmp_path):
    stored = Assessment.objects.create_from(example(DECISION_FILE))
    with time_machine.travel(date(2026, 11, 22), tick=False):
        button = client.get(reverse("assessments:pdf", args=[stored.token]), {"bilaga": "1"})
        saved = client.get(reverse("assessments:download", args=[stored.token]))
        path = tmp_path / "behovsfil.json"
        path.write_bytes(saved.content)
        call_command("summary", str(path), "--appendix", output=str(tmp_path / "out.pdf"))
    assert (tmp_path / "out.pdf").read_bytes() == button.content


def test_the_command_writes_to_standard_output(capsysbinary):
    call_command("summary", str(NIGHT_FILE), "--printed-on", "2026-11-22", output="-")
    out = capsysbinary.readouterr().out
    assert out.startswith(b"%PDF")
    assert out == render_summary(example(NIGHT_FILE), printed_on=PRINTED_ON)


def test_an_invalid_file_exits_2_with_the_errors_on_standard_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "behovsraknare.assessment", "version": 2, "activities": [{}]}')
    done = run_manage_summary(bad, tmp_path / "out.pdf")
    assert done.returncode == 2
    assert "Behovsfilen är ogiltig" in done.stderr.decode()
    assert not (tmp_path / "out.pdf").exists()


def run_manage_summary(source: Path, output: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "test-secret-key",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "summary", str(source), "--output", str(output)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        timeout=60,
    )


def test_night_time_helper_is_empty_without_a_night():
    assert pdf.night_text(rules.calculate(draft([row()]))) == ""
    night = rules.Night(time(22, 0), time(7, 0), "none")
    text = pdf.night_text(rules.calculate(draft([row()], night=night)))
    assert text == "22:00–07:00, ingen väntetid eller beredskap"
