"""Day plans with the draft (issue 20): stored, given to the rules by `Assessment.to_rules()`,
imported from and exported to a version 3 file, and edited on the draft page."""

import json
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from assessments import files, rules
from assessments.models import Assessment, DayPlan
from tests.factories import make_draft

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
