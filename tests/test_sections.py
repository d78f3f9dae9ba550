"""The draft's parts on the page: the person and the hourly amount, the week types and the
period, the night, the decision and what it granted row by row (through the test client)."""

import re
from datetime import date, time

import pytest
from django.urls import reverse

from assessments.forms.parts import DecidedForm, WeekTypeFormSet
from assessments.models import Activity, Assessment, WeekType
from tests.factories import make_draft, page_data, part_data, posted

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def details(draft, **changes):
    return part_data(draft, "details", **changes)


def text(response) -> str:
    return response.content.decode()


# --- The person and the hourly amount ----------------------------------------------------------


def test_a_birth_month_is_stored_as_its_first_day_and_decides_the_bracket(client):
    draft = make_draft(rows=[{"minutes": 200}], assessment_date=date(2026, 11, 15))
    client.post(draft.get_absolute_url(), details(draft, birth_month="2014-11"))
    draft.refresh_from_db()
    assert draft.birth_month == date(2014, 11, 1)
    page = text(client.get(draft.get_absolute_url()))
    assert "Barnet räknas som 12 år hela november, månaden då hen fyller 12." in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2014-13", "Födelseår och månad måste skrivas ÅÅÅÅ-MM"),
        ("november 2014", "Födelseår och månad måste skrivas ÅÅÅÅ-MM"),
        ("2027-01", "kan inte ligga efter bedömningsdatumet, 2026-11-15"),
    ],
)
def test_a_bad_birth_month_is_refused_next_to_the_field_and_nothing_is_saved(
    client, typed, message
):
    draft = make_draft(assessment_date=date(2026, 11, 15), title="Före")
    response = client.post(
        draft.get_absolute_url(), details(draft, birth_month=typed, title="Efter")
    )
    assert response.status_code == 400
    assert message in text(response)
    assert f'value="{typed}"' in text(response)  # what was typed stays
    draft.refresh_from_db()
    assert (draft.birth_month, draft.title) == (None, "Före")


def test_the_persons_own_hourly_amount_is_used_and_said(client):
    draft = make_draft(rows=[{"minutes": 200}], assessment_date=date(2026, 6, 1))
    client.post(draft.get_absolute_url(), details(draft, hourly_amount="375,50"))
    draft.refresh_from_db()
    assert draft.hourly_amount == 375.5
    assert "Ditt eget timbelopp 375,50" in text(client.get(draft.get_absolute_url()))


@pytest.mark.parametrize("typed", ["0", "-10", "mycket"])
def test_an_amount_that_is_not_a_positive_number_is_refused(client, typed):
    draft = make_draft()
    response = client.post(draft.get_absolute_url(), details(draft, hourly_amount=typed))
    assert response.status_code == 400
    assert "Timbeloppet måste vara" in text(response)
    draft.refresh_from_db()
    assert draft.hourly_amount is None


# --- The week types and the period -------------------------------------------------------------


def weeks_post(draft, *week_types, **extra):
    """The weeks part as its page posts it, with each week type's changes by field name."""
    stored = list(draft.week_types.all())
    formset = WeekTypeFormSet(week_types=stored)
    data = part_data(draft, "period")
    for form in [formset.management_form, *formset.forms]:
        data |= page_data(form)
    for index, values in enumerate(week_types):
        data |= {f"wt-{index}-{key}": value for key, value in values.items()}
    return data | extra


def test_school_and_holiday_weeks_in_one_click(client):
    draft = make_draft(rows=[{"minutes": 60}])
    response = client.post(
        reverse("assessments:weeks", args=[draft.token]), {"school_and_holiday": "1"}
    )
    assert response.status_code == 302
    assert [(w.key, w.name, w.weeks) for w in draft.week_types.all()] == [
        ("school", "Skolvecka", 40),
        ("holiday", "Lovvecka", 12),
    ]
    assert draft.rows()[0].week_types is None  # every row still happens in every week


def test_with_htmx_a_change_of_shape_reloads_the_page(client):
    draft = make_draft()
    response = client.post(
        reverse("assessments:weeks", args=[draft.token]), {"school_and_holiday": "1"}, headers=HTMX
    )
    assert response["HX-Refresh"] == "true"


def test_the_weeks_of_a_week_type_change_and_the_results_with_them(client):
    draft = make_draft(rows=[{"minutes": 60, "week_types": ["holiday"]}])
    client.post(reverse("assessments:weeks", args=[draft.token]), {"school_and_holiday": "1"})
    url = reverse("assessments:weeks", args=[draft.token])
    response = client.post(url, weeks_post(draft, {}, {"weeks": "26"}), headers=HTMX)
    assert response.status_code == 200
    assert [w.weeks for w in draft.week_types.all()] == [40, 26]
    # 7 h a week in holiday weeks, 26 of 66.
    assert "Lovvecka" in text(response) and "2,76" in text(response)


def test_a_removed_week_type_leaves_its_rows_in_the_other_weeks(client):
    draft = make_draft(rows=[{"week_types": ["holiday"]}, {"week_types": ["school", "holiday"]}])
    client.post(reverse("assessments:weeks", args=[draft.token]), {"school_and_holiday": "1"})
    client.post(
        reverse("assessments:weeks", args=[draft.token]),
        weeks_post(draft, {}, {"DELETE": "on"}),
    )
    assert [w.key for w in draft.week_types.all()] == ["school"]
    assert [row.week_types for row in draft.rows()] == [None, ["school"]]


def test_a_week_type_edited_in_another_tab_is_not_written_over(client):
    draft = make_draft()
    client.post(reverse("assessments:weeks", args=[draft.token]), {"school_and_holiday": "1"})
    seen = weeks_post(draft, {}, {"weeks": "10"})
    WeekType.objects.filter(key="school").update(weeks=38)  # the other tab
    response = client.post(reverse("assessments:weeks", args=[draft.token]), seen)
    assert response.status_code == 409
    assert "ändrats i en annan flik" in text(response)
    assert [w.weeks for w in draft.week_types.all()] == [38, 12]


@pytest.mark.parametrize(
    ("weeks", "message"),
    [("0", "större än 0"), ("54", "högst 53"), ("tio", "Antal veckor måste vara ett tal")],
)
def test_a_bad_number_of_weeks_is_refused(client, weeks, message):
    draft = make_draft()
    client.post(reverse("assessments:weeks", args=[draft.token]), {"school_and_holiday": "1"})
    response = client.post(
        reverse("assessments:weeks", args=[draft.token]), weeks_post(draft, {"weeks": weeks}, {})
    )
    assert response.status_code == 400
    summary = re.search(r'<div class="error-summary".*?</div>', text(response), re.S).group()
    link = re.search(r'<a href="#([^"]+)">([^<]*)</a>', summary)
    assert message in link.group(2)  # the summary names the error and leads to its field
    assert f'id="{link.group(1)}"' in text(response)
    assert [w.weeks for w in draft.week_types.all()] == [40, 12]


def test_a_formset_error_of_its_own_is_in_the_summary(client):
    draft = make_draft()
    client.post(reverse("assessments:weeks", args=[draft.token]), {"school_and_holiday": "1"})
    data = weeks_post(draft, {"DELETE": "on"}, {"DELETE": "on"})

    response = client.post(reverse("assessments:weeks", args=[draft.token]), data)

    assert response.status_code == 400
    summary = re.search(r'<div class="error-summary".*?</div>', text(response), re.S).group()
    assert "Det behövs minst en sorts vecka." in summary
    assert draft.week_types.count() == 2


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2027-01-01", "", "Ange både när perioden börjar och när den slutar."),
        ("2027-06-30", "2027-01-01", "Perioden kan inte sluta före den börjar."),
        ("2027-01-01", "2028-01-02", "högst 366 dagar"),
    ],
)
def test_a_bad_period_is_refused_naming_the_field(client, start, end, message):
    draft = make_draft()
    response = client.post(
        reverse("assessments:weeks", args=[draft.token]),
        part_data(draft, "period", period_start=start, period_end=end),
    )
    assert response.status_code == 400
    assert message in text(response)
    draft.refresh_from_db()
    assert (draft.period_start, draft.period_end) == (None, None)


def test_a_period_across_a_birthday_month_shows_its_parts(client):
    draft = make_draft(rows=[{"minutes": 200}], birth_month=date(2020, 3, 1))
    client.post(
        reverse("assessments:weeks", args=[draft.token]),
        part_data(draft, "period", period_start="2027-01-01", period_end="2027-06-30"),
    )
    page = text(client.get(draft.get_absolute_url()))
    assert "Periodens delar" in page
    assert "januari–februari 2027" in page and "1–6 år" in page and "7–11 år" in page


# --- The night ---------------------------------------------------------------------------------


def test_a_night_gives_waiting_time_and_rows_may_be_marked_at_night(client):
    draft = make_draft(rows=[{"minutes": 15, "times": 2}])
    response = client.post(
        reverse("assessments:night", args=[draft.token]),
        part_data(draft, "night", night_start="23:00", night_end="07:00", night_cover="waiting"),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.night_start, draft.night_end) == (time(23), time(7))
    row = draft.rows()[0]
    details_page = text(client.get(f"{draft.get_absolute_url()}?rad={row.pk}"))
    assert f'name="r{row.pk}-at_night"' in details_page
    assert "räknas 1/4" in details_page  # the night's arithmetic in the results


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("22:00", "22:00", "från 1 till 16 timmar"),
        ("18:00", "11:00", "från 1 till 16 timmar"),
        ("22:00", "", "Ange både när nattvilan börjar och när den slutar."),
        ("25:00", "07:00", "Skriv ett klockslag som 22:00."),
    ],
)
def test_a_bad_night_is_refused(client, start, end, message):
    draft = make_draft()
    response = client.post(
        reverse("assessments:night", args=[draft.token]),
        part_data(draft, "night", night_start=start, night_end=end, night_cover="waiting"),
    )
    assert response.status_code == 400
    assert message in text(response)
    draft.refresh_from_db()
    assert draft.night_start is None


def test_without_a_night_no_row_can_be_marked_at_night(client):
    draft = make_draft(rows=[{}])
    row = draft.rows()[0]
    assert f'name="r{row.pk}-at_night"' not in text(
        client.get(f"{draft.get_absolute_url()}?rad={row.pk}")
    )


# --- The decision ------------------------------------------------------------------------------


def decided_data(row, **changes):
    """A row of the decided table as its page posts it, with `changes` by field name."""
    form = DecidedForm(activity=Activity.objects.get(pk=row.pk), auto_id="%s")
    return page_data(form, **{f"d{row.pk}-{name}": value for name, value in changes.items()})


@pytest.fixture
def decided_draft(client):
    draft = make_draft(rows=[{"minutes": 40, "description": "Dusch"}])
    client.post(
        reverse("assessments:decision", args=[draft.token]),
        part_data(draft, "decision", decision_by="fk"),
    )
    draft.refresh_from_db()
    return draft


def test_the_decision_is_entered_and_the_comparison_shows(client, decided_draft):
    row = decided_draft.rows()[0]
    response = client.post(
        reverse("assessments:decided", args=[decided_draft.token]),
        decided_data(row, minutes="25", decision_reason="Skäligt med 25 minuter"),
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.decided, row.decision_reason) == ({"minutes": 25}, "Skäligt med 25 minuter")
    page = text(client.get(decided_draft.get_absolute_url()))
    assert "Jämfört med beslutet" in page
    assert "Enligt beslutet 2,92 timmar grundläggande behov" in page
    assert "Utkast till begäran om omprövning" in page


def test_not_granted_is_stored_as_such(client, decided_draft):
    row = decided_draft.rows()[0]
    client.post(
        reverse("assessments:decided", args=[decided_draft.token]),
        decided_data(row, not_granted="on"),
    )
    row.refresh_from_db()
    assert row.decided == {"granted": False}


def test_a_decided_value_out_of_range_is_refused_and_nothing_changes(client, decided_draft):
    row = decided_draft.rows()[0]
    response = client.post(
        reverse("assessments:decided", args=[decided_draft.token]),
        decided_data(row, minutes="2000"),
    )
    assert response.status_code == 400
    assert "Minuter per tillfälle måste vara större än 0 och högst 1440." in text(response)
    row.refresh_from_db()
    assert row.decided is None


def test_a_decision_saved_in_another_tab_is_not_written_over(client, decided_draft):
    row = decided_draft.rows()[0]
    seen = decided_data(row, minutes="20")  # this tab's page
    type(row).objects.filter(pk=row.pk).update(decided={"minutes": 30})  # the other tab
    response = client.post(reverse("assessments:decided", args=[decided_draft.token]), seen)
    assert response.status_code == 409
    assert "ändrats i en annan flik" in text(response)
    row.refresh_from_db()
    assert row.decided == {"minutes": 30}


def test_an_unknown_decision_maker_is_refused(client):
    draft = make_draft()
    response = client.post(
        reverse("assessments:decision", args=[draft.token]),
        part_data(draft, "decision", decision_by="domstol"),
    )
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.decision_by == ""


def test_decided_rows_without_a_decision_are_refused(client):
    draft = make_draft(rows=[{}])
    row = draft.rows()[0]
    client.post(reverse("assessments:decided", args=[draft.token]), decided_data(row, minutes="5"))
    row.refresh_from_db()
    assert row.decided is None


def test_removing_the_decision_keeps_what_the_rows_say_for_later(client, decided_draft):
    row = decided_draft.rows()[0]
    client.post(
        reverse("assessments:decided", args=[decided_draft.token]), decided_data(row, minutes="25")
    )
    client.post(
        reverse("assessments:decision", args=[decided_draft.token]),
        part_data(decided_draft, "decision", decision_by=""),
    )
    decided_draft.refresh_from_db()
    row.refresh_from_db()
    assert row.decided == {"minutes": 25}
    assert decided_draft.to_rules().activities[0].decided is None  # but it does not count
    client.post(
        reverse("assessments:decision", args=[decided_draft.token]),
        part_data(Assessment.objects.get(pk=decided_draft.pk), "decision", decision_by="kommun"),
    )
    assert Assessment.objects.get(pk=decided_draft.pk).to_rules().activities[0].decided is not None


# --- The row's own fields for the parts --------------------------------------------------------


def test_a_row_chooses_its_week_types_and_all_of_them_is_every_week(client):
    from tests.factories import form_data

    draft = make_draft(rows=[{}])
    client.post(reverse("assessments:weeks", args=[draft.token]), {"school_and_holiday": "1"})
    row = draft.rows()[0]
    url = reverse("assessments:activity", args=[draft.token, row.pk])
    client.post(url, form_data(row, week_types=["holiday"]), headers=HTMX)
    row.refresh_from_db()
    assert row.week_types == ["holiday"]
    client.post(url, form_data(row, week_types=["school", "holiday"]), headers=HTMX)
    row.refresh_from_db()
    assert row.week_types is None
    response = client.post(url, form_data(row, week_types=[]), headers=HTMX)
    assert "Välj minst en sorts vecka" in text(response)


def test_a_row_of_some_weeks_says_which_on_its_line_and_follows_a_new_name(client):
    draft = make_draft(rows=[{"description": "Simning", "week_types": ["holiday"]}, {}])
    client.post(reverse("assessments:weeks", args=[draft.token]), {"school_and_holiday": "1"})
    swim, other = draft.rows()
    hours_cell = r'<td id="r{pk}-h">.*?</td>'

    page = text(client.get(draft.get_absolute_url()))
    assert "(lovvecka)" in re.search(hours_cell.format(pk=swim.pk), page).group()
    assert "(" not in re.search(hours_cell.format(pk=other.pk), page).group()

    url = reverse("assessments:weeks", args=[draft.token])
    response = client.post(url, weeks_post(draft, {}, {"name": "Sommarlov"}), headers=HTMX)
    assert response["HX-Refresh"] == "true"  # every row's line and details name it
    page = text(client.get(draft.get_absolute_url()))
    assert "(sommarlov)" in re.search(hours_cell.format(pk=swim.pk), page).group()


def test_with_htmx_a_refused_part_answers_with_its_errors_to_show(client):
    """htmx swaps only a 200 or a 409 (base.html): a 400 would leave the error unseen."""
    draft = make_draft()
    url = reverse("assessments:weeks", args=[draft.token])
    data = part_data(draft, "period", period_start="2027-06-30", period_end="2027-01-01")

    response = client.post(url, data, headers=HTMX)

    assert response.status_code == 200
    error = re.search(r'id="period-period_end_error"[^>]*>.*?</p>', text(response), re.S).group()
    assert "Perioden kan inte sluta före den börjar." in error
    draft.refresh_from_db()
    assert draft.period_end is None


# --- Every part saves what its own page posts (forms.stale) --------------------------------------

EVERY_PART = [
    ("details", "details", {"title": "Våren"}, lambda d: d.title == "Våren"),
    ("details", "details", {"birth_month": "2019-3"}, lambda d: d.birth_month == date(2019, 3, 1)),
    ("night", "night", {"night_end": "06:30"}, lambda d: d.night_end == time(6, 30)),
    ("night", "night", {"night_cover": "on_call"}, lambda d: d.night_cover == "on_call"),
    ("weeks", "weeks", {"period_end": "2027-06-30"}, lambda d: d.period_end == date(2027, 6, 30)),
    (
        "weeks",
        "weeks",
        {"wt-1-weeks": "10"},
        lambda d: [w.weeks for w in d.week_types.all()] == [40, 10],
    ),
    (
        "decision",
        "decision-form",
        {"decision_note": "Överklagat"},
        lambda d: d.decision_note == "Överklagat",
    ),
    ("decided", "decided", {"minutes": "15"}, lambda d: d.rows()[0].decided == {"minutes": 15}),
]


@pytest.mark.parametrize(("url_name", "form_id", "typed", "stored"), EVERY_PART)
def test_a_part_saves_what_its_page_posts_again_and_again(client, url_name, form_id, typed, stored):
    draft = make_draft(
        rows=[{"description": "Dusch", "minutes": 40}],
        birth_month=date(2018, 5, 1),
        hourly_amount=375.5,
        period_start=date(2027, 1, 1),
        period_end=date(2027, 3, 31),
        night_start=time(22),
        night_end=time(7),
        decision_by="fk",
        decision_date=date(2026, 10, 15),
    )
    WeekType.objects.create(assessment=draft, position=0, key="school", name="Skola", weeks=40)
    WeekType.objects.create(assessment=draft, position=1, key="holiday", name="Lov", weeks=12)
    url = (
        draft.get_absolute_url()
        if url_name == "details"
        else reverse(f"assessments:{url_name}", args=[draft.token])
    )
    if url_name == "decided":
        typed = {f"d{draft.rows()[0].pk}-{name}": value for name, value in typed.items()}

    for _time in range(2):  # twice: what the page shows after a save is what is stored
        page = text(client.get(draft.get_absolute_url()))
        response = client.post(url, posted(page, form_id, **typed))
        assert response.status_code == 302, text(response)[-3000:]
        assert stored(Assessment.objects.get(pk=draft.pk))
