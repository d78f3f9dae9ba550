"""The day in the one presentation of a result (issue 20 items 2, 5, 6): rows that exceed the
dygn and the double night said in place of the total, the money and the verdict, on the draft
page and the read-only page; the warnings of the "Kontrollera" box; hours per dygn med
assistans; a day plan as drawing data for the printout's 24-hour strip."""

import json
import random
import re
import xml.etree.ElementTree as ET
from datetime import date, time
from fractions import Fraction
from pathlib import Path

import pytest
from django.urls import reverse

from assessments import files, rules
from assessments.day_strip import ITEM, NIGHT, SPAN, strip, strip_svg
from assessments.models import ShareLink
from assessments.presentation import CHECK_CODES, present
from assessments.rules import words
from tests import factories
from tests.test_dayplan import item, load_v3, plan, span

EXAMPLES = Path(__file__).resolve().parent / "examples"
VENTILATOR = EXAMPLES / "ventilator-adult-day-plan-2026.json"
ON = date(2026, 11, 2)
NIGHT_RULES = rules.Night(time(22, 0), time(7, 0))

# Supervision of breathing written as "60 min × 14 ggr per dag" on top of the help given in
# the same hours: 840 + 3 × 240 = 1560 clock minutes, 26 hours a dygn.
OVER_ROWS = (
    {"need": "breathing", "description": "Tillsyn för andning", "minutes": 60, "times": 14},
    {"need": "personal_hygiene", "description": "Dusch och toalett", "minutes": 60, "times": 4},
    {"need": "meals", "description": "Måltider", "minutes": 60, "times": 4},
    {"need": "household", "description": "Hushåll", "kind": "other", "minutes": 60, "times": 4},
)
OVER_SENTENCE = "Raderna ger 26 timmar per dygn men dygnet har 24."
WAY_OUT = "Beskriv dagen som en dagplan."


def over_file() -> bytes:
    """The rows as a version 2 file, as a person would import them."""
    rows = [{"kind": "basic", "per": "day", **r} for r in OVER_ROWS]
    return json.dumps(
        {
            "format": "behovsraknare.assessment",
            "version": 2,
            "title": "Respirator som rader",
            "assessment_date": ON.isoformat(),
            "person": {"birth_month": "1985-04"},
            "activities": rows,
        }
    ).encode()


def over_draft() -> rules.Assessment:
    return files.read(over_file(), today=ON)


def waiting_row(**fields) -> rules.Activity:
    values = {
        "need": "supervision",
        "kind": "other",
        "description": "Väntetid under nattvilan",
        "minutes": 540,
        "times": 1,
        "time_type": "waiting",
    }
    return rules.Activity(**{**values, **fields})


def shown_for(draft: rules.Assessment):
    return present(draft, rules.calculate(draft))


# --- over 24 hours (rules.md R13.8) ---------------------------------------------------------------


def test_calculate_on_rows_over_a_dygn_gives_over_capacity_and_no_money():
    result = rules.calculate(over_draft())
    (week,) = result.over_capacity
    assert week.clock_minutes_per_day == 1560
    assert result.meets_threshold and result.hourly_amount is not None
    assert result.estimated_sek_per_year is None


def test_over_24_hours_is_said_in_place_of_the_total_and_the_verdict():
    shown = shown_for(over_draft())
    assert not shown.total_shown
    assert [n.code for n in shown.in_place_of_total] == ["day_over_24h"]
    for text in (shown.verdict, shown.claimed_verdict):
        assert OVER_SENTENCE in text and WAY_OUT in text
        assert "Det talar för" not in text  # no verdict on figures that count time twice
    assert shown.check[0].code == "day_over_24h"


def test_rows_within_the_dygn_keep_their_total_and_verdict():
    rows = tuple(rules.Activity(**{"kind": "basic", **r, "times": 3}) for r in OVER_ROWS[1:])
    draft = rules.Assessment(assessment_date=ON, activities=rows)
    shown = shown_for(draft)
    assert shown.total_shown
    assert shown.verdict == shown.result.verdict


@pytest.mark.django_db
def test_the_draft_page_says_over_24_hours_in_place_of_the_total_and_money(client):
    draft = factories.make_draft(OVER_ROWS, assessment_date=ON)
    page = client.get(draft.get_absolute_url()).content.decode()
    result = rules.calculate(draft.to_rules())
    assert OVER_SENTENCE in page and WAY_OUT in page
    assert 'id="over-day"' in page
    assert words.hours_text(result.basic_minutes) in page  # the basic needs stay
    assert words.hours_text(result.total_minutes) not in page
    assert "Totalt 182" not in page  # nor in the result bar
    assert "Ingen summa: samma tid räknas två gånger." in page
    assert "Inget belopp förrän dagen går ihop." in page
    assert "Det talar för statlig assistansersättning" not in page


@pytest.mark.django_db
def test_the_read_only_page_says_over_24_hours_in_place_of_the_total(client):
    draft = factories.make_draft(OVER_ROWS, assessment_date=ON)
    client.post(reverse("assessments:share", args=[draft.token]))
    link = ShareLink.objects.get(assessment=draft)
    page = client.get(link.get_absolute_url()).content.decode()
    result = rules.calculate(draft.to_rules())
    assert OVER_SENTENCE in page and WAY_OUT in page
    assert words.hours_text(result.total_minutes) not in page
    assert "Inget belopp förrän dagen går ihop." in page


# --- the double night ----------------------------------------------------------------------------


def test_a_waiting_row_beside_a_night_is_said_in_place_of_the_total():
    draft = rules.Assessment(
        assessment_date=ON,
        activities=(
            rules.Activity(need="meals", description="Mat", minutes=60, times=4, kind="basic"),
            waiting_row(),
        ),
        night=NIGHT_RULES,
    )
    shown = shown_for(draft)
    assert not shown.total_shown
    (notice,) = shown.in_place_of_total
    assert notice.code == "double_night"
    assert "Natten räknas två gånger" in notice.message
    assert "rad 2 Väntetid under nattvilan" in notice.message
    # the rules' warning is said once in the box, not again among the others
    assert [n.code for n in shown.check].count("double_night") == 1


@pytest.mark.parametrize(
    "night",
    [None, rules.Night(time(22, 0), time(7, 0), cover="none")],
    ids=["no night", "night without cover"],
)
def test_a_waiting_row_without_a_covered_night_counts_once(night):
    draft = rules.Assessment(assessment_date=ON, activities=(waiting_row(),), night=night)
    assert shown_for(draft).total_shown


def test_a_day_plans_waiting_span_is_not_a_double_night():
    waiting = span("22:00", "07:00", need="supervision", presence="waiting")
    draft = rules.Assessment(assessment_date=ON, night=NIGHT_RULES, day_plans=(plan(waiting),))
    assert shown_for(draft).total_shown


@pytest.mark.django_db
def test_the_draft_page_says_the_double_night_in_place_of_the_total(client):
    draft = factories.make_draft(
        [{"need": "supervision", "kind": "other", "description": "Väntetid under nattvilan",
          "minutes": 540, "time_type": "waiting"}],
        assessment_date=ON, night_start=time(22, 0), night_end=time(7, 0), night_cover="waiting",
    )  # fmt: skip
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Natten räknas två gånger" in page
    assert "Ingen summa: samma tid räknas två gånger." in page


# --- the "Kontrollera" box -----------------------------------------------------------------------


def test_the_check_box_holds_every_warning_that_changes_the_figures_and_nothing_else():
    draft = load_v3(VENTILATOR)
    shown = shown_for(draft)
    codes = [n.code for n in shown.check]
    assert {
        "span_replaces_night_cover",
        "double_presence_needs_evidence",
        "unverified_rule",
    } <= set(codes)
    assert set(codes) <= set(CHECK_CODES)
    assert codes == sorted(codes, key=CHECK_CODES.index)
    # every printed warning is either in the box or in the list after the figures, once
    printed = [n for n in shown.result.warnings if n.printed]
    assert len(printed) == len(shown.check) + len(shown.other_notices)


# --- per dygn med assistans ----------------------------------------------------------------------


def test_hours_per_day_are_per_assistance_day_not_per_day_of_the_week():
    school = rules.WeekType("school", "Skolvecka", Fraction(40), assistance_days=5)
    row = rules.Activity(need="meals", description="Mat", minutes=120, times=1, kind="basic",
                         days_per_week=5)  # fmt: skip
    draft = rules.Assessment(assessment_date=ON, activities=(row,), week_types=(school,))
    shown = shown_for(draft)
    assert shown.result.total_minutes == 600
    assert shown.per_day(shown.result.total_minutes) == 120  # not 600 / 7
    assert shown.days_text == "5"


def test_hours_per_day_never_exceed_a_dygn_per_person_without_the_message():
    """Random drafts of one-person rows: the total per dygn med assistans stays within 24
    hours unless the over-24-hours message stands in its place."""
    needs = ["personal_hygiene", "meals", "dressing", "breathing", "household", "supervision"]
    chance = random.Random(20)
    for _ in range(200):
        rows = []
        for number in range(chance.randint(1, 6)):
            need = chance.choice(needs)
            per = chance.choice(["day", "week"])
            rows.append(
                rules.Activity(
                    need=need,
                    description=f"Rad {number}",
                    minutes=chance.choice([10, 30, 60, 120, 240]),
                    times=chance.randint(1, 6),
                    per=per,
                    days_per_week=chance.randint(1, 7) if per == "day" else 7,
                    kind="basic" if rules.is_basic_need(need) else "other",
                )
            )
        days = chance.randint(1, 7)
        week = rules.WeekType("week", "Vanlig vecka", Fraction(52), assistance_days=days)
        draft = rules.Assessment(assessment_date=ON, activities=tuple(rows), week_types=(week,))
        shown = shown_for(draft)
        if shown.total_shown:
            assert shown.per_day(shown.result.total_minutes) <= 24 * 60, rows
        else:
            assert OVER_SENTENCE[:12] in shown.verdict


# --- the 24-hour strip of a day plan -------------------------------------------------------------


def test_a_day_plan_becomes_a_strip_of_the_night_its_spans_and_its_help():
    draft = load_v3(VENTILATOR)
    (dygn,) = draft.day_plans
    drawn = strip(dygn, draft.night)
    assert drawn.title == "Dygnet klockan 00–24 för Varje dag, 7 dagar i veckan"
    night = [s for s in drawn.stretches if s.lane == NIGHT]
    # 22:00–07:00 runs past midnight: two pieces on the 00–24 strip
    assert [(s.start, s.minutes) for s in night] == [(1320, 120), (0, 420)]
    spans = [s for s in drawn.stretches if s.lane == SPAN]
    assert [s.people for s in spans if s.start == 480] == [2]  # 08:00–09:00 two assistants
    items = [s for s in drawn.stretches if s.lane == ITEM]
    # "Förflyttning och byte av kläder" 15:00, 30 min, two for its first 10
    assert [(s.start, s.minutes, s.people) for s in items if 900 <= s.start < 930] == [
        (900, 10, 2),
        (910, 20, 1),
    ]
    assert drawn.lines[0] == "02:00–02:20 Slemsugning i natt, 20 min"
    assert (
        "15:00–15:30 Förflyttning och byte av kläder, 30 min, två assistenter de första 10 min"
        in drawn.lines
    )
    assert "Morgonrutin med andningsstöd 08:00–09:00, två assistenter" in drawn.lines
    assert len(drawn.lines) == 1 + len(dygn.spans) + len(dygn.items)


def test_the_strip_is_svg_with_its_text_equivalent_and_escapes_what_the_person_wrote():
    odd = plan(item("23:50", minutes=20, description='Kvällsmat <b>& "dryck"</b>'))
    drawn = strip(odd, NIGHT_RULES)
    svg = strip_svg(drawn, id_prefix="dygn1")
    root = ET.fromstring(svg)  # well-formed: the person's text is escaped
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == drawn.title
    assert 'Kvällsmat <b>& "dryck"</b>' in root.find(f"{ns}desc").text
    assert (
        root.get("role") == "img" and root.get("aria-labelledby") == "dygn1-titel dygn1-beskrivning"
    )
    # 23:50 + 20 min crosses midnight: the item is drawn at both ends of the strip
    assert [(s.start, s.minutes) for s in drawn.stretches if s.lane == ITEM] == [
        (1430, 10),
        (0, 10),
    ]
    assert "style" not in svg  # presentation attributes only (the page's CSP)


def test_the_strip_says_the_counted_time_against_its_limit_when_calculated():
    draft = load_v3(VENTILATOR)
    result = rules.calculate(draft)
    (calculated,) = result.day_plans
    drawn = strip(draft.day_plans[0], draft.night, calculated)
    assert drawn.counted.startswith("Räknad assistanstid ")
    assert rules.format_hours(calculated.limit_minutes) in drawn.counted


# --- the double night made impossible on the page ------------------------------------------------

HTMX = {"HX-Request": "true"}
SECOND_NIGHT = "En rad med väntetid eller beredskap skulle räkna samma natt två gånger."


def add_url(draft) -> str:
    return reverse("assessments:add_activity", args=[draft.token])


def night_of(draft) -> tuple:
    draft.refresh_from_db()
    return (draft.night_start, draft.night_end, draft.night_cover)


@pytest.mark.django_db
def test_the_catalogues_night_waiting_fills_the_night_part_instead_of_a_row(client):
    draft = factories.make_draft(assessment_date=ON)
    response = client.post(add_url(draft), {"item": "supervision-waiting"})
    assert response.status_code == 302
    assert response["Location"].endswith("#night-part")
    assert not draft.activities.exists()
    assert night_of(draft) == (time(22, 0), time(7, 0), "waiting")
    page = client.get(response["Location"]).content.decode()
    assert "Natten är ifylld: nattvila 22:00–07:00 med väntetid." in page
    assert 'id="night-part" open' in page
    shown = present(draft.to_rules(), rules.calculate(draft.to_rules()))
    assert shown.total_shown and shown.result.night is not None


@pytest.mark.django_db
def test_with_javascript_the_night_waiting_item_takes_the_page_to_the_night_part(client):
    draft = factories.make_draft(assessment_date=ON)
    response = client.post(add_url(draft), {"item": "supervision-waiting"}, headers=HTMX)
    assert response.status_code == 204
    assert response["HX-Redirect"].endswith("#night-part")
    assert not draft.activities.exists()
    assert night_of(draft)[2] == "waiting"


@pytest.mark.django_db
def test_a_night_without_cover_gets_waiting_time_and_a_covered_night_is_left_alone(client):
    bare = factories.make_draft(
        assessment_date=ON, night_start=time(21, 0), night_end=time(6, 0), night_cover="none"
    )
    client.post(add_url(bare), {"item": "supervision-waiting"})
    assert night_of(bare) == (time(21, 0), time(6, 0), "waiting")
    covered = factories.make_draft(
        assessment_date=ON, night_start=time(23, 0), night_end=time(7, 0), night_cover="on_call"
    )
    client.post(add_url(covered), {"item": "supervision-waiting"})
    assert night_of(covered) == (time(23, 0), time(7, 0), "on_call")
    assert not covered.activities.exists()


@pytest.mark.django_db
def test_an_on_call_row_is_refused_beside_a_covered_night(client):
    draft = factories.make_draft(
        assessment_date=ON, night_start=time(22, 0), night_end=time(7, 0), night_cover="waiting"
    )
    response = client.post(add_url(draft), {"item": "supervision-on-call"})
    assert response.status_code == 400
    assert SECOND_NIGHT in response.content.decode()
    assert not draft.activities.exists()
    # without a counted night the same item is a row as before
    free = factories.make_draft(assessment_date=ON)
    client.post(add_url(free), {"item": "supervision-on-call"})
    assert free.activities.get().time_type == "on_call"


@pytest.mark.django_db
def test_a_row_cannot_become_waiting_time_beside_a_covered_night(client):
    draft = factories.make_draft(
        [{"need": "supervision", "kind": "other", "description": "Vaka", "minutes": 60}],
        assessment_date=ON, night_start=time(22, 0), night_end=time(7, 0), night_cover="waiting",
    )  # fmt: skip
    row = draft.activities.get()
    url = reverse("assessments:activity", args=[draft.token, row.pk])
    response = client.post(url, factories.form_data(row, time_type="waiting"), headers=HTMX)
    page = response.content.decode()
    assert SECOND_NIGHT in page
    row.refresh_from_db()
    assert row.time_type == "active"
    # the error is next to the field: the time type's own error slot
    assert re.search(rf'id="r{row.pk}-time_type_error"[^>]*>.*?{SECOND_NIGHT[:20]}', page, re.S)
