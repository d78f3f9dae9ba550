"""The draft request for omprövning (issue: for the ombud): its content and its plain text."""

from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest
from django.urls import reverse

from assessments import files, reconsideration, rules
from assessments.models import Assessment, ShareLink

EXAMPLE = Path(__file__).resolve().parent / "examples" / "adult-compared-with-decision-2026.json"


def example():
    draft = files.read(EXAMPLE.read_bytes())
    return draft, reconsideration.build(draft, rules.calculate(draft))


def test_every_changed_row_is_listed_in_the_laws_order_with_both_figures():
    _, request = example()
    numbers = [d.number for s in request.sections for d in s.differences]
    assert numbers == [1, 3, 4, 5]  # row 2 and the swimming were granted as claimed
    assert [s.number for s in request.sections] == [2, 3, 4, 5]
    shower = request.sections[0].differences[0]
    assert shower.claimed.endswith("4,67 h/vecka") and shower.decided.endswith("2,92 h/vecka")
    assert shower.difference == "−1,75 h/vecka"
    assert shower.reason == "Skäligt med 25 minuter"
    assert shower.own_reason == "Spasticitet, se intyg från arbetsterapeut"
    talking = request.sections[-1].differences[0]
    assert talking.decided.startswith("Inte beviljat")


def test_a_rule_that_bears_on_a_difference_is_named_with_its_source():
    _, request = example()
    dressing = request.sections[2].differences[0]
    assert dressing.rules == (reconsideration.DOUBLE_ASSISTANCE,)
    assert "RÅ 2010 ref. 53" in dressing.rules[0]


def test_a_child_gets_the_whole_need_rule_and_a_night_row_the_night_rule():
    draft, _ = example()
    draft = replace(
        draft,
        birth_month=date(2018, 1, 1),
        night=rules.Night(time(22, 0), time(7, 0)),
        activities=(
            rules.Activity(
                need="personal_hygiene",
                kind="basic",
                description="Vända på natten",
                minutes=10,
                times=2,
                at_night=True,
                decided=rules.Decided(times=1),
            ),
        ),
    )
    request = reconsideration.build(draft, rules.calculate(draft))
    assert reconsideration.WHOLE_NEED in request.general_rules
    assert reconsideration.NIGHT in request.sections[0].differences[0].rules


def test_a_kind_changed_to_other_names_the_integrity_near_rule():
    draft, _ = example()
    draft = replace(
        draft,
        activities=(
            rules.Activity(
                need="meals",
                kind="basic",
                description="Äta",
                minutes=30,
                times=3,
                decided=rules.Decided(kind="other"),
            ),
            rules.Activity(
                need="breathing",
                kind="basic",
                description="Sug",
                minutes=5,
                times=6,
                decided=rules.Decided(kind="other"),
            ),
        ),
    )
    request = reconsideration.build(draft, rules.calculate(draft))
    eating, suction = (s.differences[0] for s in reversed(request.sections))
    assert reconsideration.INTEGRITY_NEAR in eating.rules
    assert reconsideration.IN_FULL in suction.rules


def test_the_plain_text_is_a_marked_draft_with_totals_both_ways_and_no_personal_data():
    draft, request = example()
    text = reconsideration.plain_text(request)
    assert text.startswith("UTKAST – BEGÄRAN OM OMPRÖVNING\n")
    assert "inte juridisk rådgivning" in text
    assert "Till: Försäkringskassan" in text and "Beslut daterat: 2026-08-20" in text
    assert "Grundläggande behov           39,9     22,98     16,92" in text
    assert "Enligt min beräkning 39,9 timmar grundläggande behov i veckan" in text
    assert "Enligt beslutet 22,98 timmar grundläggande behov i veckan" in text
    # Only what the person typed: blanks for name and signature, never filled in.
    assert "[Namn och underskrift]" in text
    assert "personnummer" not in text.lower()
    for row in draft.activities:
        if row.decided is not None:
            assert row.description in text


def test_no_decision_no_request():
    draft, _ = example()
    draft = replace(draft, decision=None, activities=())
    assert reconsideration.build(draft, rules.calculate(draft)) is None


# --- The page and the text, through the edit link and the read-only link ----------------------


@pytest.fixture
def decided_draft(db):
    return Assessment.objects.create_from(files.read(EXAMPLE.read_bytes()))


def test_the_page_shows_the_request_and_its_text(client, decided_draft):
    response = client.get(reverse("assessments:reconsideration", args=[decided_draft.token]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Utkast till begäran om omprövning" in page
    assert "Rad 4: Av- och påklädning" in page and "RÅ 2010 ref. 53" in page
    assert "UTKAST – BEGÄRAN OM OMPRÖVNING" in page  # the text to copy
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    )


def test_the_text_downloads_as_plain_text(client, decided_draft):
    response = client.get(reverse("assessments:reconsideration_text", args=[decided_draft.token]))
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith("UTKAST – BEGÄRAN OM OMPRÖVNING")


def test_the_read_only_link_serves_it_too(client, decided_draft):
    link = ShareLink.objects.create(assessment=decided_draft)
    url = reverse("assessments:shared_reconsideration", args=[link.public_id, link.secret])
    assert client.get(url).status_code == 200


def test_without_a_decision_there_is_no_request(client, db):
    draft = Assessment.objects.create()
    response = client.get(reverse("assessments:reconsideration", args=[draft.token]))
    assert response.status_code == 404


def test_a_decided_night_is_a_difference_with_its_rules_and_the_deadline_heads_the_text():
    draft, _ = example()
    draft = replace(
        draft,
        night=rules.Night(time(22, 0), time(7, 0)),
        decision=replace(
            draft.decision,
            received=date(2026, 8, 24),
            night=rules.Night(time(22, 0), time(6, 0), "on_call"),
        ),
    )
    request = reconsideration.build(draft, rules.calculate(draft))
    (night,) = request.parts
    assert night.text == (
        "Natten: beslutet gav beredskap i stället för väntetid, och nattvilan 22:00–06:00 i "
        "stället för 22:00–07:00."
    )
    assert night.claimed == "22:00–07:00, väntetid – 15,75 h/vecka"
    assert night.decided == "22:00–06:00, beredskap – 8 h/vecka"
    assert night.difference == "−7,75 h/vecka"
    assert night.rules == (reconsideration.NIGHT_COVER, reconsideration.NIGHT)
    assert request.deadline.last_day == date(2026, 10, 26)
    text = reconsideration.plain_text(request)
    assert text.startswith("UTKAST – BEGÄRAN OM OMPRÖVNING\n")
    assert "\nSista dagen för en begäran om omprövning är 2026-10-26. En begäran" in text
    assert "\nNATTEN OCH VECKORNA\n" in text
    assert "  Beslutat: 22:00–06:00, beredskap – 8 h/vecka\n" in text
    assert "[Skriv här varför beslutet är fel på den här punkten" in text
    assert "Andra personliga behov       17,25       9,5      7,75" in text


def test_only_a_changed_night_still_makes_a_request():
    draft, _ = example()
    draft = replace(
        draft,
        night=rules.Night(time(22, 0), time(7, 0)),
        activities=tuple(replace(a, decided=None) for a in draft.activities),
        decision=replace(draft.decision, night=rules.NOT_GRANTED),
    )
    request = reconsideration.build(draft, rules.calculate(draft))
    assert request.sections == () and not request.empty
    assert request.parts[0].decided == "22:00–07:00, ingen väntetid eller beredskap – 0 h/vecka"
    assert "Beslutet skiljer sig inte" not in reconsideration.plain_text(request)


def test_fewer_decided_weeks_are_a_difference_in_the_total():
    draft, _ = example()
    draft = replace(
        draft,
        week_types=(
            rules.WeekType("school", "Skolvecka", 40),
            rules.WeekType("lov", "Lovvecka", 12),
        ),
        activities=(
            rules.Activity(
                need="personal_hygiene",
                kind="basic",
                description="Dusch",
                minutes=60,
                times=1,
                week_types=("lov",),
            ),
        ),
        decision=replace(draft.decision, week_types={"lov": 6}),
    )
    request = reconsideration.build(draft, rules.calculate(draft))
    (weeks,) = request.parts
    assert weeks.text == "Lovvecka: beslutet räknar med 6 veckor i stället för 12."
    # 7 h a lov week: 7 × 12/52 = 1,62 h a week claimed, 7 × 6/46 = 0,91 h as decided.
    assert weeks.claimed == "12 veckor, totalt 1,62 h/vecka"
    assert weeks.decided == "6 veckor, totalt 0,91 h/vecka"
    assert weeks.rules == ()
