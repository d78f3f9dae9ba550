"""Day plans with the draft (issue 20): stored, given to the rules by `Assessment.to_rules()`,
imported from and exported to a version 3 file, and edited on the draft page."""

import json
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from assessments import files, rules
from assessments.models import Assessment, DayPlan, ShareLink
from tests.factories import make_draft, posted

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parent / "examples"
VENTILATOR = EXAMPLES / "ventilator-adult-day-plan-2026.json"
CHILD = EXAMPLES / "child-school-and-holiday-day-plans-2026.json"
ON = date(2026, 11, 2)


def expected(path: Path) -> dict:
    return json.loads(path.with_suffix("").with_suffix(".expected.json").read_text())


# --- Stored, and given to the rules -------------------------------------------------------------


@pytest.mark.parametrize("path", [VENTILATOR, CHILD], ids=lambda p: p.stem)
def test_a_version_3_file_round_trips_through_the_database(path):
    draft = files.read(path.read_bytes(), today=ON)
    assert draft.day_plans

    stored = Assessment.objects.create_from(draft)

    again = Assessment.objects.get(pk=stored.pk).to_rules()
    assert again.day_plans == draft.day_plans
    assert files.write(again) == files.write(draft)
    written = json.loads(files.write(again))
    assert written["version"] == 3
    assert [p["key"] for p in written["day_plans"]] == [p.key for p in draft.day_plans]


@pytest.mark.parametrize("path", [VENTILATOR, CHILD], ids=lambda p: p.stem)
def test_imported_day_plans_give_the_examples_results(client, path):
    with path.open("rb") as upload:
        response = client.post("/oppna/", {"file": upload})

    assert response.status_code == 302
    imported = Assessment.objects.get()
    result = imported.calculate()
    published = expected(path)
    assert abs(float(result.basic_minutes) / 60 - published["basic"]) < 0.01
    assert abs(float(result.other_minutes) / 60 - published["other"]) < 0.01
    page = client.get(response["Location"])
    assert page.status_code == 200


def test_the_download_is_a_version_3_file_with_the_day_plans(client):
    draft = files.read(VENTILATOR.read_bytes(), today=ON)
    stored = Assessment.objects.create_from(draft)

    downloaded = client.get(reverse("assessments:download", args=[stored.token])).content

    data = json.loads(downloaded)
    assert data["version"] == 3
    assert files.read(downloaded, today=ON).day_plans == draft.day_plans
    assert [p["name"] for p in data["day_plans"]] == ["Varje dag"]


def test_a_day_plan_of_a_removed_week_type_stays_stored_but_does_not_count():
    draft = files.read(CHILD.read_bytes(), today=ON)
    stored = Assessment.objects.create_from(draft)
    holiday = stored.week_types.get(key="holiday")

    stored.remove_week_type(holiday)

    stored = Assessment.objects.get(pk=stored.pk)
    assert DayPlan.objects.filter(assessment=stored, week_type="holiday").exists()
    assert [p.week_type for p in stored.to_rules().day_plans] == ["school", "school"]


def test_a_copy_keeps_the_day_plans(client):
    draft = files.read(VENTILATOR.read_bytes(), today=ON)
    stored = Assessment.objects.create_from(draft)

    response = client.post(reverse("assessments:copy", args=[stored.token]))

    copy = Assessment.objects.exclude(pk=stored.pk).get()
    assert response["Location"] == copy.get_absolute_url()
    assert copy.to_rules().day_plans == draft.day_plans


def test_an_invalid_day_plan_is_never_stored():
    draft = make_draft()
    plan = DayPlan(assessment=draft, key="dag", name="Dag", week_type="week", days=7)
    plan.spans = [{"from": "08:00", "to": "08:00", "need": "breathing", "presence": "supervision"}]
    with pytest.raises(ValueError, match="day plan"):
        plan.save()
    assert not DayPlan.objects.exists()


# --- The file's errors name the plan, the span or item and the field ---------------------------


def test_a_file_error_names_the_plan_the_span_and_the_field():
    data = json.loads(VENTILATOR.read_text())
    data["day_plans"][0]["spans"][1]["to"] = "8 på morgonen"
    data["day_plans"][0]["items"][0]["two_minutes"] = 500

    with pytest.raises(files.AssessmentFileError) as caught:
        files.read(json.dumps(data), today=ON)

    name = data["day_plans"][0]["name"]
    errors = caught.value.errors
    assert any(f'Dagplanen "{name}", närvaro 2' in error and '"to"' in error for error in errors), (
        errors
    )
    assert any(
        f'Dagplanen "{name}", hjälp 1' in error and '"two_minutes"' in error for error in errors
    ), errors
    assert not Assessment.objects.exists()


def test_a_version_2_file_with_day_plans_is_refused():
    data = json.loads(VENTILATOR.read_text()) | {"version": 2}

    with pytest.raises(files.AssessmentFileError) as caught:
        files.read(json.dumps(data), today=ON)

    assert any('"day_plans"' in e and "version 3" in e for e in caught.value.errors)


def test_the_rules_see_the_stored_plans():
    draft = files.read(VENTILATOR.read_bytes(), today=ON)
    stored = Assessment.objects.create_from(draft)

    assert rules.calculate(stored.to_rules()).basic_minutes == rules.calculate(draft).basic_minutes


# --- The day plan part on the page (plain posts, without JavaScript) ----------------------------


def add_plan(client, draft, name="Vardag", days="7", week_type="week"):
    return client.post(
        reverse("assessments:add_day_plan", args=[draft.token]),
        {"name": name, "week_type": week_type, "days": days},
    )


def act(client, draft, plan, **data):
    plan.refresh_from_db()
    data.setdefault("version", str(plan.version))
    return client.post(reverse("assessments:day_plan", args=[draft.token, plan.pk]), data)


def span_data(plan, **values):
    values = {
        "presence": "supervision",
        "need": "breathing",
        "from": "07:00",
        "to": "22:00",
        "assistants": "1",
        "description": "Tillsyn för andning",
    } | values
    return {"action": "span", **{f"span-{plan.pk}-{k}": v for k, v in values.items()}}


def item_data(plan, **values):
    values = {"item": "breathing-suction", "at": "10:00", "minutes": "", "two_minutes": ""} | values
    return {"action": "item", **{f"item-{plan.pk}-{k}": v for k, v in values.items()}}


def test_a_day_plan_is_built_by_plain_posts_and_counts_each_minute_once(client):
    draft = make_draft(assessment_date=ON, birth_month=date(1985, 4, 1))

    response = add_plan(client, draft, name="Varje dag")
    plan = DayPlan.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#plan-{plan.pk}")
    assert act(client, draft, plan, **span_data(plan)).status_code == 302
    # From the behovslista with its default minutes (5), at 10:00.
    assert act(client, draft, plan, **item_data(plan)).status_code == 302
    assert act(client, draft, plan, **item_data(plan, at="12:00", minutes="20")).status_code == 302

    plan.refresh_from_db()
    assert plan.spans[0]["from"] == "07:00" and plan.spans[0]["to"] == "22:00"
    assert [(i["at"], i["minutes"]) for i in plan.items] == [("10:00", 5), ("12:00", 20)]
    assert plan.version == 4
    # rules.md R13.2: 15 hours of supervision with 25 minutes of help inside: 900 minutes a
    # dygn, not 925; basic in full (R13.3), every day.
    result = Assessment.objects.get(pk=draft.pk).calculate()
    assert result.basic_minutes == 900 * 7
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Tillsyn för andning 07:00–22:00, 15 timmar" in page
    assert "Räknas per dygn: 15 timmar grundläggande behov" in page
    assert "60 min × 15" not in page


def test_help_that_needs_two_for_its_first_minutes(client):
    draft = make_draft(assessment_date=ON)
    add_plan(client, draft)
    plan = DayPlan.objects.get()

    act(client, draft, plan, **item_data(plan, minutes="20", two_minutes="5"))

    plan.refresh_from_db()
    assert plan.items[0]["two_minutes"] == 5
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "två assistenter de första 5 minuterna" in page
    assert "Två assistenter: 10:00–10:05" in page
    # 20 minutes of help, 5 of them by two: 25 people-minutes a dygn (R13.5).
    assert Assessment.objects.get(pk=draft.pk).calculate().basic_minutes == 25 * 7


def test_a_wrong_span_is_refused_at_its_field_and_what_was_typed_is_kept(client):
    draft = make_draft(assessment_date=ON)
    add_plan(client, draft)
    plan = DayPlan.objects.get()
    act(client, draft, plan, **span_data(plan))

    # Overlaps the first span, and a need of help given at times (R13.1, R13.3).
    response = act(client, draft, plan, **span_data(plan, **{"from": "21:00", "to": "23:30"}))
    assert response.status_code == 400
    page = response.content.decode()
    assert "går in i närvaro 1 (07:00–22:00)" in page
    assert 'value="23:30"' in page
    response = act(client, draft, plan, **span_data(plan, need="meals", **{"from": "23:00"}))
    assert response.status_code == 400
    plan.refresh_from_db()
    assert len(plan.spans) == 1


def test_two_minutes_above_the_minutes_are_refused(client):
    draft = make_draft(assessment_date=ON)
    add_plan(client, draft)
    plan = DayPlan.objects.get()

    response = act(client, draft, plan, **item_data(plan, minutes="10", two_minutes="15"))

    assert response.status_code == 400
    assert "men hjälpen tar bara 10" in response.content.decode()
    plan.refresh_from_db()
    assert plan.items == []


def test_a_span_and_an_item_are_removed(client):
    draft = make_draft(assessment_date=ON)
    add_plan(client, draft)
    plan = DayPlan.objects.get()
    act(client, draft, plan, **span_data(plan))
    act(client, draft, plan, **item_data(plan))

    assert act(client, draft, plan, remove_item="0").status_code == 302
    assert act(client, draft, plan, remove_span="0").status_code == 302

    plan.refresh_from_db()
    assert (plan.spans, plan.items) == ([], [])
    assert act(client, draft, plan, remove_plan="1").status_code == 302
    assert not DayPlan.objects.exists()


def test_an_edit_from_an_older_page_is_refused_and_nothing_is_stored(client):
    draft = make_draft(assessment_date=ON)
    add_plan(client, draft)
    plan = DayPlan.objects.get()
    old = str(plan.version)
    act(client, draft, plan, **span_data(plan))  # another tab

    response = act(client, draft, plan, version=old, remove_span="0")
    assert response.status_code == 409
    assert "har ändrats i en annan flik" in response.content.decode()
    response = act(client, draft, plan, version=old, **item_data(plan, at="11:11"))
    assert response.status_code == 409
    assert 'value="11:11"' in response.content.decode()  # what was typed is kept
    plan.refresh_from_db()
    assert len(plan.spans) == 1 and plan.items == []


def test_a_plan_is_copied_to_another_week_type_in_one_action(client):
    draft = make_draft(assessment_date=ON)
    draft.add_week_types([("school", "Skolvecka", 40), ("holiday", "Lovvecka", 12)])
    draft.week_types.get(key="week").delete()
    draft = Assessment.objects.get(pk=draft.pk)
    add_plan(client, draft, name="Helgdag", days="2", week_type="school")
    plan = DayPlan.objects.get()
    act(client, draft, plan, **span_data(plan))

    response = act(client, draft, plan, action="copy", **{f"copy-{plan.pk}-week_type": "holiday"})

    assert response.status_code == 302
    copy = DayPlan.objects.exclude(pk=plan.pk).get()
    assert (copy.week_type, copy.name, copy.days) == ("holiday", "Helgdag", 2)
    assert copy.spans == plan.spans and copy.key != plan.key
    # A week type's plans may not hold more days than its assistance days (R13.1).
    add_plan(client, draft, name="Skoldag", days="5", week_type="school")
    response = add_plan(client, draft, name="Extra", days="1", week_type="school")
    assert response.status_code == 400
    assert "gäller tillsammans 8 dagar" in response.content.decode()


# --- The shape of the weeks, asked first ---------------------------------------------------------


def test_a_new_draft_asks_the_shape_of_the_weeks_before_the_rows(client):
    client.post("/ny/")
    draft = Assessment.objects.get()
    page = client.get(draft.get_absolute_url()).content.decode()
    assert page.index('id="shape"') < page.index('id="rows-form"')

    response = client.post(
        reverse("assessments:shape", args=[draft.token]),
        {"weeks": "school", "night": "waiting", "night_start": "21:00", "night_end": "07:00"},
    )

    assert response.status_code == 302
    draft = Assessment.objects.get()
    assert [w.key for w in draft.week_type_list] == ["school", "holiday"]
    night = draft.to_rules().night
    assert (night.start.hour, night.end.hour, night.cover) == (21, 7, "waiting")
    assert 'id="shape"' not in client.get(draft.get_absolute_url()).content.decode()


def test_no_to_both_keeps_one_week_and_no_night_and_is_not_asked_again(client):
    draft = make_draft()
    client.post(
        reverse("assessments:shape", args=[draft.token]),
        {"weeks": "same", "night": "none", "night_start": "22:00", "night_end": "07:00"},
    )
    draft = Assessment.objects.get()
    assert not draft.week_types.exists() and not draft.has_night
    assert 'id="shape"' not in client.get(draft.get_absolute_url()).content.decode()


def test_a_wrong_night_is_refused_at_its_field(client):
    draft = make_draft()
    response = client.post(
        reverse("assessments:shape", args=[draft.token]),
        {"weeks": "same", "night": "waiting", "night_start": "22:00", "night_end": "22:30"},
    )
    assert response.status_code == 400
    assert "Nattvilan måste vara från 1 till 16 timmar" in response.content.decode()
    assert not Assessment.objects.get().has_night


def test_a_draft_with_rows_is_not_asked(client):
    draft = make_draft(rows=[{}])
    assert 'id="shape"' not in client.get(draft.get_absolute_url()).content.decode()


def test_fewer_assistance_days_than_the_plans_hold_are_refused(client):
    draft = files.read(CHILD.read_bytes(), today=ON)
    stored = Assessment.objects.create_from(draft)
    page = client.get(stored.get_absolute_url()).content.decode()
    school = stored.week_types.get(key="school")
    index = list(stored.week_types.all()).index(school)

    response = client.post(
        reverse("assessments:weeks", args=[stored.token]),
        posted(page, "weeks", **{f"wt-{index}-assistance_days": "6"}),
    )

    assert response.status_code == 400
    assert "Dagplanerna för den här veckan gäller 7 dagar" in response.content.decode()
    school.refresh_from_db()
    assert school.assistance_days == 7


def test_the_explanation_says_what_the_span_was_and_what_help_took(client):
    draft = files.read(VENTILATOR.read_bytes(), today=ON)
    stored = Assessment.objects.create_from(draft)

    page = client.get(stored.get_absolute_url()).content.decode()

    explanation = page[page.index('id="explanation"') :]
    assert "Varje dag" in explanation
    assert "09:00–22:00" in explanation


def test_help_done_during_the_supervision_is_not_counted_apart(client):
    draft = make_draft(assessment_date=ON, birth_month=date(1985, 4, 1))
    add_plan(client, draft)
    plan = DayPlan.objects.get()
    act(client, draft, plan, **span_data(plan))
    medicine = item_data(plan, item="breathing-suction", at="16:00")
    medicine[f"item-{plan.pk}-during_supervision"] = "on"

    act(client, draft, plan, **medicine)

    plan.refresh_from_db()
    assert plan.items[0]["during_supervision"] is True
    # rules.md R13.2: the span keeps its 900 minutes; the help is not counted on top.
    assert Assessment.objects.get(pk=draft.pk).calculate().basic_minutes == 900 * 7
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "görs samtidigt som tillsynen" in page


def test_a_need_s_subtotal_says_what_the_day_plans_give(client):
    draft = files.read(VENTILATOR.read_bytes(), today=ON)
    stored = Assessment.objects.create_from(draft)

    page = client.get(stored.get_absolute_url()).content.decode()

    head = page[page.index('id="need-breathing-head"') :]
    head = head[: head.index("</tr>")]
    assert "0 rader" in head
    assert "från dagplanerna" in head


def test_own_help_not_in_the_behovslista(client):
    draft = make_draft(assessment_date=ON)
    add_plan(client, draft)
    plan = DayPlan.objects.get()

    response = act(client, draft, plan, **item_data(plan, item="own", minutes="25"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Välj vilket behov hjälpen gäller." in page and "Skriv vad hjälpen är." in page

    own = item_data(plan, item="own", need="communication", minutes="25", description="Tolka")
    assert act(client, draft, plan, **own).status_code == 302
    plan.refresh_from_db()
    assert (plan.items[0]["need"], plan.items[0]["kind"], plan.items[0]["minutes"]) == (
        "communication",
        "basic",
        25,
    )
    assert plan.items[0]["description"] == "Tolka"


def test_the_read_only_link_shows_the_day_plans(client):
    draft = files.read(VENTILATOR.read_bytes(), today=ON)
    stored = Assessment.objects.create_from(draft)
    link = ShareLink.objects.create(assessment=stored)

    page = client.get(link.get_absolute_url()).content.decode()

    assert "Dagplanerna" in page
    assert "Tillsyn av andning 09:00–22:00, 13 timmar" in page
    assert "Nattvila 22:00–07:00 (väntetid), 9 timmar" in page
    assert "från dagplanerna" in page
    assert "780 min" not in page
