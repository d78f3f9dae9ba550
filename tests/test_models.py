"""The draft and its rows in the database: the one row type, and the row order."""

import dataclasses

import pytest
from django.db import transaction
from django.db.transaction import TransactionManagementError

from assessments import rules
from assessments.forms import ActivityForm
from assessments.models import ROW_FIELDS, Activity, Assessment
from assessments.rules import activity as row_table
from tests.factories import make_draft

pytestmark = pytest.mark.django_db


def row(need="personal_hygiene", description="Rad", **fields) -> rules.Activity:
    kind = "basic" if rules.is_basic_need(need) else "other"
    return rules.Activity(
        need=need, description=description, minutes=10, times=1, kind=kind, **fields
    )


def descriptions(draft: Assessment) -> list[str]:
    return [activity.description for activity in draft.rows()]


# --- One row type, declared once ----------------------------------------------------------------


def test_the_row_type_the_table_and_the_model_have_the_same_fields():
    declared = list(row_table.FIELDS)
    attributes = [f.name for f in dataclasses.fields(rules.Activity)]
    assert [name for name in attributes if name not in row_table.NOT_FIELDS] == declared
    assert list(ROW_FIELDS) == declared
    stored = {f.name for f in Activity._meta.get_fields()}
    assert set(declared) <= stored


def test_the_row_form_takes_its_fields_from_the_table():
    form = ActivityForm(instance=Activity(need="meals"))
    for name, field in form.fields.items():
        declared = row_table.FIELDS[name]
        assert field.label == declared.label
        # The line of the table shows its columns' help once, not beside each row's field.
        assert ActivityForm.base_fields[name].help_text == declared.help


def test_a_row_round_trips_through_the_model():
    original = row(
        "meals",
        description="Äta",
        note="Intyg 3",
        tube_feeding=True,
        per="week",
        days_per_week=3,
        assistants=2,
    )
    draft = make_draft()
    stored = Activity.from_row(original, assessment=draft, position=0)
    stored.save()
    stored.refresh_from_db()
    assert stored.to_row() == original


# --- Row order ----------------------------------------------------------------------------------


def test_a_new_row_goes_after_the_last_row_of_its_need_or_of_a_need_before_it():
    draft = make_draft()
    draft.add_row(row("household", "Städa"))
    draft.add_row(row("breathing", "Sug"))
    draft.add_row(row("personal_hygiene", "Dusch"))
    draft.add_row(row("breathing", "Inhalera"))
    draft.add_row(row("other", "Övrigt"))

    assert descriptions(draft) == ["Sug", "Inhalera", "Dusch", "Städa", "Övrigt"]
    assert [a.position for a in draft.rows()] == [0, 1, 2, 3, 4]


def test_adding_a_row_bumps_the_version():
    draft = make_draft()
    draft.add_row(row())
    draft.refresh_from_db()
    assert draft.version == 2


def test_a_row_moves_past_rows_of_other_needs_to_the_next_of_its_own():
    draft = make_draft(
        rows=[
            {"description": "A"},
            {"description": "Mat", "need": "meals"},
            {"description": "B"},
        ]
    )
    first, _, last = draft.rows()

    assert draft.move_row(last, "up")
    assert descriptions(draft) == ["B", "Mat", "A"]
    assert draft.move_row(last, "down")
    assert descriptions(draft) == ["A", "Mat", "B"]


@pytest.mark.parametrize(("index", "direction"), [(0, "up"), (1, "down")])
def test_a_row_cannot_move_beyond_its_need(index, direction):
    draft = make_draft(rows=[{"description": "A"}, {"description": "B"}])
    version = draft.version

    assert not draft.move_row(draft.rows()[index], direction)
    assert descriptions(draft) == ["A", "B"]
    draft.refresh_from_db()
    assert draft.version == version  # nothing changed, nothing recorded


def test_renumber_saves_only_rows_whose_place_changed(django_assert_num_queries):
    draft = make_draft(rows=[{"description": "A"}, {"description": "B"}, {"description": "C"}])
    a, b, c = draft.rows()
    with django_assert_num_queries(2):
        Assessment.renumber([b, a, c])
    assert descriptions(draft) == ["B", "A", "C"]


def test_removing_a_row_keeps_the_others_and_bumps_the_version():
    draft = make_draft(rows=[{"description": "A"}, {"description": "B"}])
    draft.remove_row(draft.rows()[0])
    assert descriptions(draft) == ["B"]
    draft.refresh_from_db()
    assert draft.version == 2


def test_a_draft_from_a_file_keeps_the_files_order():
    file_draft = rules.Assessment(
        assessment_date=make_draft().assessment_date,
        title="Från fil",
        age=4,
        activities=(row("household", "Städa"), row("breathing", "Sug")),
    )
    draft = Assessment.objects.create_from(file_draft)
    assert descriptions(draft) == ["Städa", "Sug"]
    assert draft.to_rules() == file_draft


@pytest.mark.django_db(transaction=True)
def test_row_actions_refuse_to_run_outside_a_transaction():
    # Outside a transaction the draft's lock would end with the statement that took it, and
    # concurrent adds could pass the row limit: the same error on SQLite and PostgreSQL.
    draft = make_draft(rows=[{}, {}])
    first, second = draft.rows()

    for action in (
        lambda: draft.add_row(first.to_row()),
        lambda: draft.move_row(second, "up"),
        lambda: draft.remove_row(first),
        lambda: draft.restore_row(Activity.from_row(first.to_row()), None),
    ):
        with pytest.raises(TransactionManagementError):
            action()
    with transaction.atomic():
        draft.add_row(first.to_row())
    assert draft.activities.count() == 3
