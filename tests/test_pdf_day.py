"""The printout shows the day (issue 20 items 2, 5, 6): rendered for real by WeasyPrint and read
back with pdftotext (page by page) and pypdf (the tag tree). Page 1 carries every warning
that changes what the figures mean in a "Kontrollera" box and says over 24 hours in place of
the total and the money; hours per day are per dygn med assistans; day plans are drawn as
24-hour strips, tagged as figures with their text beside them."""

import io
import re
import subprocess
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cached_property

import pytest
from pypdf import PdfReader

from assessments import rules
from assessments.pdf import render_summary
from tests.test_dayplan import load_v3, plan, span
from tests.test_pdf import struct_elements
from tests.test_presentation_day import (
    NIGHT_RULES,
    ON,
    OVER_SENTENCE,
    VENTILATOR,
    WAY_OUT,
    over_draft,
    waiting_row,
)

PRINTED_ON = date(2026, 11, 22)


@dataclass
class Printed:
    draft: rules.Assessment
    pdf: bytes

    def page(self, number: int) -> str:
        """Page `number` as pdftotext reads it, white space squashed."""
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), "-", "-"],
            input=self.pdf,
            capture_output=True,
            check=True,
        ).stdout.decode()
        # pdftotext reads "5 h" in a narrow column as "5h": one spelling for the tests.
        return re.sub(r"(\d)h\b", r"\1 h", " ".join(text.split()))

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(io.BytesIO(self.pdf))


def printed(draft: rules.Assessment) -> Printed:
    return Printed(draft, render_summary(draft, printed_on=PRINTED_ON))


@pytest.fixture(scope="module")
def over() -> Printed:
    return printed(over_draft())  # imported from a file of rows over 24 hours


@pytest.fixture(scope="module")
def ventilator() -> Printed:
    return printed(load_v3(VENTILATOR))


def test_page_1_says_over_24_hours_in_place_of_the_total_and_money(over):
    first = over.page(1)
    box = first[first.index("Kontrollera") :]
    assert OVER_SENTENCE in box and WAY_OUT in box
    assert "Ingen summa och ingen bedömning mot gränsen" in first
    assert "Totalt Ingen summa: raderna räknar samma tid två gånger" in first
    assert "beräknas inte, eftersom raderna räknar samma tid två gånger" in first
    assert "182 h" not in first  # the total a week
    assert "26 h" not in first  # the total per dygn
    assert " kr" not in first.split("Schablonbeloppet")[0]
    assert "Det talar för statlig assistansersättning" not in first
    assert "Grundläggande behov 154 h 22 h" in first  # the figures that stand are kept
    # the table of rows is still printed
    assert "Tillsyn för andning" in " ".join(
        over.page(n) for n in range(1, len(over.reader.pages) + 1)
    )


def test_page_1_says_the_double_night_in_place_of_the_total():
    draft = rules.Assessment(
        assessment_date=ON,
        activities=(waiting_row(),),
        night=NIGHT_RULES,
    )
    first = printed(draft).page(1)
    box = first[first.index("Kontrollera") :]
    assert "Natten räknas två gånger" in box
    assert "rad 1 Väntetid under nattvilan" in box
    assert "Ingen summa" in first


def test_page_1_checks_waiting_outside_the_night_and_unverified_rules():
    day_waiting = span("13:00", "15:00", need="supervision", presence="waiting")
    draft = rules.Assessment(assessment_date=ON, night=NIGHT_RULES, day_plans=(plan(day_waiting),))
    first = printed(draft).page(1)
    box = first[first.index("Kontrollera") : first.index("Timmar")]
    assert "Väntetid och beredskap räknas bara under nattvilan" in box
    assert "Osäker regel:" in box
    assert "Totalt" in first[first.index("Timmar") :]  # nothing counted twice: the total stands


def test_a_draft_with_nothing_to_check_has_no_box():
    row = rules.Activity(need="meals", description="Mat", minutes=30, times=3, kind="basic")
    first = printed(rules.Assessment(assessment_date=date(2024, 11, 22), activities=(row,))).page(1)
    assert "Kontrollera" not in first


def test_hours_per_day_are_per_assistance_day():
    school = rules.WeekType("school", "Skolvecka", Fraction(52), assistance_days=5)
    row = rules.Activity(
        need="meals", description="Mat", minutes=300, times=1, kind="basic", days_per_week=5
    )
    draft = rules.Assessment(assessment_date=ON, activities=(row,), week_types=(school,))
    first = printed(draft).page(1)
    assert "Per dygn med assistans" in first
    assert "Grundläggande behov 25 h 5 h" in first  # 1500 min a week over 5 dygn, not 7
    assert "delade med dygnen med assistans i veckan (5)" in first
    assert "delade med 7" not in first


def test_each_day_plan_is_a_24_hour_strip_on_page_2(ventilator):
    second = ventilator.page(2)
    assert "Dagplaner: dygnet klockan 00–24" in second
    assert "Dygnet klockan 00–24 för Varje dag, 7 dagar i veckan" in second
    assert re.search(r"Natt Närvaro Hjälp 00 03 06 09 12 15 18 21 24", second)  # drawn as SVG
    for line in (
        "02:00–02:20 Slemsugning i natt, 20 min",
        "Morgonrutin med andningsstöd 08:00–09:00, två assistenter",
        "15:00–15:30 Förflyttning och byte av kläder, 30 min, två assistenter de första 10 min",
        "Nattvila 22:00–07:00: väntetid",
        "Räknad assistanstid 25,17 timmar per dygn, högst 25,17 timmar",
    ):
        assert line in second, line
    assert "Dagplaner" not in ventilator.page(1)


def test_the_strip_is_a_tagged_figure_with_its_text_as_alternate_text(ventilator):
    (figure,) = struct_elements(ventilator.reader, "/Figure")
    assert str(figure["/Alt"]) == "Dygnet klockan 00–24 för Varje dag, 7 dagar i veckan"


def test_a_draft_without_day_plans_draws_no_strip(over):
    assert not struct_elements(over.reader, "/Figure")
    assert "Dagplaner" not in " ".join(over.page(n) for n in (1, 2) if n <= len(over.reader.pages))


def test_two_day_plans_are_two_strips_in_the_draft_order():
    school = rules.WeekType("school", "Skolvecka", Fraction(40), assistance_days=7)
    first_plan = plan(
        span("15:00", "20:00"), key="skoldag", name="Skoldag", week_type="school", days=5
    )
    second_plan = plan(
        span("08:00", "20:00"), key="helg", name="Helgdag", week_type="school", days=2
    )
    draft = rules.Assessment(
        assessment_date=ON, week_types=(school,), day_plans=(first_plan, second_plan)
    )
    document = printed(draft)
    second = document.page(2)
    assert second.index("Skoldag, 5 dagar i veckan") < second.index("Helgdag, 2 dagar i veckan")
    assert len(struct_elements(document.reader, "/Figure")) == 2
