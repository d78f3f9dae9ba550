"""The forms on their own: what a user may type, and what they are told when it is wrong."""

from datetime import date

import pytest

from assessments import rules
from assessments.forms import ActivityForm, AddActivityForm, DetailsForm, ImportFileForm
from assessments.models import Activity, Assessment
from assessments.rules import is_basic_need
from tests.factories import form_data, make_draft

VALID_ROW = {
    "description": "Dusch",
    "minutes": "20",
    "times": "1",
    "per": "day",
    "days_per_week": "7",
    "assistants": "1",
    "kind": "basic",
    "time_type": "active",
    "note": "",
}
VALID_DETAILS = {"title": "", "assessment_date": "2026-11-22", "age": ""}


def row_form(need="personal_hygiene", **typed) -> ActivityForm:
    default_kind = "basic" if is_basic_need(need) else "other"
    data = {**VALID_ROW, "kind": default_kind, **typed}
    activity = Activity(need=need, description="Rad", minutes=10, times=1, kind="other")
    return ActivityForm(data, instance=activity, auto_id="row-1-%s")


def details_form(**typed) -> DetailsForm:
    return DetailsForm({**VALID_DETAILS, **typed}, instance=Assessment(), auto_id="details-%s")


def errors(form, field: str) -> list[str]:
    assert not form.is_valid()
    return form.errors.get(field, [])


# --- ActivityForm -------------------------------------------------------------------------------


def test_a_valid_row_is_valid():
    form = row_form()

    assert form.is_valid(), form.errors


@pytest.mark.parametrize("typed", ["2,5", "2.5", " 2,5 ", "2,50"])
def test_minutes_accept_a_decimal_comma_or_point(typed):
    form = row_form(minutes=typed)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["minutes"] == 2.5


def test_a_whole_day_is_the_most_minutes_per_occasion():
    assert row_form(minutes="1440").is_valid()
    assert row_form(minutes="0,5").is_valid()


def test_a_stored_fraction_is_shown_back_with_a_decimal_comma():
    activity = Activity(need="meals", description="Äta", minutes=2.5, times=3, kind="basic")

    form = ActivityForm(instance=activity, auto_id="row-1-%s")

    assert 'value="2,5"' in str(form["minutes"])
    assert 'value="3"' in str(form["times"])


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("minutes", "", "Ange minuter per tillfälle."),
        ("minutes", "abc", "Minuter per tillfälle måste vara ett tal, till exempel 15 eller 2,5."),
        (
            "minutes",
            "2,5,5",
            "Minuter per tillfälle måste vara ett tal, till exempel 15 eller 2,5.",
        ),
        ("minutes", "0", "Minuter per tillfälle måste vara större än 0 och högst 1440."),
        ("minutes", "1441", "Minuter per tillfälle måste vara större än 0 och högst 1440."),
        ("minutes", "-5", "Minuter per tillfälle måste vara större än 0 och högst 1440."),
        ("times", "", "Ange antal gånger."),
        ("times", "tre", "Antal gånger måste vara ett tal, till exempel 3."),
        ("times", "0", "Antal gånger måste vara större än 0 och högst 1440."),
        ("times", "1441", "Antal gånger måste vara större än 0 och högst 1440."),
        ("description", "", "Ange en beskrivning, till exempel Dusch."),
        ("description", "x" * 201, "Beskrivningen får vara högst 200 tecken."),
        ("note", "x" * 2001, "Anteckningen får vara högst 2000 tecken."),
        ("per", "fortnight", "Välj dag, vecka, månad eller år."),
        ("assistants", "3", "Välj 1 eller 2 assistenter."),
        ("kind", "both", "Välj grundläggande eller annat personligt behov."),
        ("time_type", "sleeping", "Välj aktiv hjälp, väntetid eller beredskap."),
    ],
)
def test_a_bad_row_value_gets_a_swedish_message_that_says_how_to_fix_it(field, typed, message):
    assert errors(row_form(**{field: typed}), field) == [message]


@pytest.mark.parametrize("typed", ["0", "8", "sju"])
def test_days_per_week_outside_one_to_seven_gets_the_forms_own_message(typed):
    assert errors(row_form(days_per_week=typed), "days_per_week") == [
        "Välj mellan 1 och 7 dagar i veckan."
    ]


@pytest.mark.parametrize("typed", ["1e3", "inf", "nan", "1_000"])
def test_numbers_must_be_written_as_plain_decimals(typed):
    assert errors(row_form(minutes=typed), "minutes")


def test_a_basic_need_row_offers_both_kinds():
    form = row_form(need="dressing")

    assert [value for value, _ in form.fields["kind"].choices] == ["basic", "other"]


@pytest.mark.parametrize("need", ["household", "supervision", "other"])
def test_an_other_need_row_offers_only_the_other_kind(need):
    form = row_form(need=need)

    assert [value for value, _ in form.fields["kind"].choices] == ["other"]
    assert form.is_valid(), form.errors


def test_an_other_need_row_cannot_be_made_basic():
    form = row_form(need="household", kind="basic")

    assert errors(form, "kind") == ["Välj grundläggande eller annat personligt behov."]


def test_tube_feeding_is_offered_only_on_meals_rows():
    assert "tube_feeding" in row_form(need="meals").fields
    for need in ["personal_hygiene", "breathing", "household"]:
        assert "tube_feeding" not in row_form(need=need).fields


def test_tube_feeding_is_saved_on_a_meals_row():
    form = row_form(need="meals", tube_feeding="on")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["tube_feeding"] is True


def test_tube_feeding_posted_to_another_row_is_ignored():
    form = row_form(need="personal_hygiene", tube_feeding="on")

    assert form.is_valid(), form.errors
    assert "tube_feeding" not in form.cleaned_data
    assert form.save(commit=False).tube_feeding is False


@pytest.mark.parametrize("time_type", ["waiting", "on_call"])
def test_waiting_or_on_call_time_cannot_be_basic(time_type):
    form = row_form(need="personal_hygiene", kind="basic", time_type=time_type)

    expected = rules.row_problems(
        need="personal_hygiene", kind="basic", time_type=time_type, tube_feeding=False
    )["time_type"]
    assert errors(form, "time_type") == [expected]
    assert "Väntetid och beredskap" in expected


def test_waiting_time_is_fine_as_an_other_need():
    assert row_form(need="supervision", kind="other", time_type="waiting").is_valid()


# --- DraftDetailsForm ---------------------------------------------------------------------------


def test_valid_details_are_valid():
    form = details_form(age="5", assessment_date="2025-03-01")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["age"] == 5
    assert form.cleaned_data["assessment_date"] == date(2025, 3, 1)


def test_age_is_optional():
    form = details_form(age="")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["age"] is None


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("age", "fem", "Ålder måste vara ett helt antal år, till exempel 7."),
        ("age", "5,5", "Ålder måste vara ett helt antal år, till exempel 7."),
        ("age", "-1", "Ålder kan inte vara lägre än 0."),
        ("age", "121", "Ålder kan inte vara högre än 120."),
        ("assessment_date", "", "Ange bedömningsdatum, till exempel 2026-11-22."),
        (
            "assessment_date",
            "2025-02-30",
            "Bedömningsdatum måste vara ett riktigt datum, till exempel 2026-11-22.",
        ),
        (
            "assessment_date",
            "22/11/2026",
            "Bedömningsdatum måste vara ett riktigt datum, till exempel 2026-11-22.",
        ),
        ("title", "x" * 201, "Namnet får vara högst 200 tecken."),
    ],
)
def test_a_bad_detail_gets_a_swedish_message(field, typed, message):
    assert errors(details_form(**{field: typed}), field) == [message]


# --- AddActivityForm ----------------------------------------------------------------------------


def test_adding_needs_an_item_or_a_need():
    form = AddActivityForm({"item": "", "need": ""})

    assert not form.is_valid()
    assert form.errors["need"] == ["Välj vilket behov raden gäller."]


def test_adding_from_the_catalogue_needs_no_need():
    form = AddActivityForm({"item": "hygiene-shower"})

    assert form.is_valid(), form.errors
    activity = form.new_row()
    assert (activity.need, activity.description, activity.kind) == (
        "personal_hygiene",
        "Dusch",
        "basic",
    )


def test_a_free_row_takes_the_chosen_need_and_the_kind_answered():
    basic = AddActivityForm({"item": "", "need": "dressing", "kind": "basic"})
    other = AddActivityForm({"item": "", "need": "dressing", "kind": "other"})
    household = AddActivityForm({"item": "", "need": "household", "kind": "basic"})

    assert basic.is_valid() and other.is_valid() and household.is_valid()
    assert basic.new_row().kind == "basic"
    assert other.new_row().kind == "other"
    # rules.md R2: an other need is an other need whatever was answered.
    assert household.new_row().kind == "other"
    assert not basic.chose_cautiously and not household.chose_cautiously


@pytest.mark.parametrize("answer", [{"kind": "unsure"}, {"kind": ""}, {}])
def test_vet_inte_takes_the_cautious_choice_and_says_so_in_the_note(answer):
    form = AddActivityForm({"item": "", "need": "personal_hygiene", **answer})

    assert form.is_valid(), form.errors
    row = form.new_row()
    assert form.chose_cautiously
    assert row.kind == "other"
    assert row.note.startswith("Osäkert om hjälpen är grundläggande behov")


def test_an_own_row_keeps_the_description_typed():
    form = AddActivityForm(
        {"item": "", "need": "personal_hygiene", "kind": "basic", "description": " Byta kateter "}
    )

    assert form.is_valid(), form.errors
    assert form.new_row().description == "Byta kateter"
    assert form.new_row().note == ""


def test_an_own_row_without_description_is_named_by_its_need():
    form = AddActivityForm({"item": "", "need": "meals", "kind": "basic"})

    assert form.is_valid()
    assert form.new_row().description == "Egen rad: Måltider"


def test_an_own_row_description_too_long_is_refused_in_swedish():
    form = AddActivityForm({"item": "", "need": "meals", "description": "x" * 201})

    assert not form.is_valid()
    assert form.errors["description"] == ["Skriv högst 200 tecken."]


def test_an_unknown_catalogue_item_is_refused():
    assert not AddActivityForm({"item": "no-such-item"}).is_valid()


def test_an_unknown_need_is_refused():
    assert not AddActivityForm({"item": "", "need": "flying"}).is_valid()


# --- Every field points at its error slot -------------------------------------------------------


@pytest.mark.parametrize(
    "form",
    [
        pytest.param(row_form(need="meals"), id="activity-meals"),
        pytest.param(row_form(need="household"), id="activity-household"),
        pytest.param(details_form(), id="details"),
        pytest.param(AddActivityForm(auto_id="add-%s"), id="add"),
        pytest.param(ImportFileForm(auto_id="import-%s"), id="import"),
    ],
)
def test_every_field_is_described_by_its_error_slot_and_hint(form):
    line = getattr(form, "line_fields", ())
    for bound in form:
        if bound.name in line:
            continue  # test_a_row_line_is_named_by_its_column_and_row
        described_by = bound.field.widget.attrs["aria-describedby"].split()
        assert f"{bound.auto_id}_error" in described_by
        if bound.help_text:
            assert f"{bound.auto_id}_helptext" in described_by
        assert f'aria-describedby="{" ".join(described_by)}"' in str(bound)


@pytest.mark.django_db
def test_a_row_line_is_named_by_its_column_and_row():
    activity = make_draft(rows=[{}]).activities.get()
    form = ActivityForm.for_row(activity)

    for column, bound in enumerate(form.line(), start=1):
        html = str(bound)
        assert f'aria-labelledby="c{column} r{activity.pk}-n"' in html
        assert "aria-describedby" not in html  # no slot to point at until there is an error
    assert f'id="r{activity.pk}-description"' in str(form["description"])
    assert "id=" not in str(form["minutes"])


@pytest.mark.django_db
def test_a_line_field_with_an_error_points_at_its_message():
    activity = make_draft(rows=[{}]).activities.get()
    form = ActivityForm.for_row(activity, form_data(activity, minutes="abc"))

    assert not form.is_valid()
    minutes = next(bound for bound in form.line() if bound.name == "minutes")
    html = str(minutes)
    assert f'id="r{activity.pk}-minutes"' in html
    assert f'aria-describedby="r{activity.pk}-minutes_error"' in html
    assert 'aria-invalid="true"' in html


def test_number_fields_leave_judging_to_the_server():
    html = str(row_form()["minutes"])

    assert 'inputmode="decimal"' in html
    for attribute in ["min=", "max=", "step="]:
        assert attribute not in html


def test_no_field_asks_the_browser_to_validate_it():
    # ux-privacy-security.md: validation on the server only, no browser `required`.
    for form in [row_form(need="meals"), details_form(), ImportFileForm(auto_id="import-%s")]:
        for bound in form:
            assert " required" not in str(bound), bound.name


@pytest.mark.parametrize(
    ("minutes", "times", "per", "limit"),
    [
        ("1440", "100", "day", "ett dygn har 1\u00a0440 minuter"),
        ("90", "120", "week", "en vecka har 10\u00a0080 minuter"),
    ],
)
def test_a_row_longer_than_its_period_is_refused_at_the_times_field(minutes, times, per, limit):
    form = row_form(minutes=minutes, times=times, per=per)

    (message,) = errors(form, "times")
    assert limit in message
