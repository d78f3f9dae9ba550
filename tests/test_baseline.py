"""The draft against a baseline (issue 21 item 4): last year's file or a decision's rows, the rows
that are new, changed and removed with the hours each moved, and the rules that changed since.
Pure Python, with a version 1 file as the baseline."""

from dataclasses import replace
from datetime import date, time
from decimal import Decimal
from fractions import Fraction

from assessments import files, rules
from assessments.rules.baseline import compare_baseline, match_rows

LAST_YEAR = """{
  "format": "behovsraknare.assessment", "version": 1, "assessment_date": "2024-03-01",
  "person": {"age": 5},
  "activities": [
    {"need": "personal_hygiene", "description": "Dusch", "minutes": 30, "times": 2,
     "per": "day", "kind": "basic"},
    {"need": "meals", "description": "Äta", "minutes": 20, "times": 4, "per": "day",
     "kind": "basic"},
    {"need": "personal_hygiene", "description": "Tvätta händer", "minutes": 5, "times": 6,
     "per": "day", "kind": "basic"},
    {"need": "leisure_and_community", "description": "Lek", "minutes": 60, "times": 3,
     "per": "week", "kind": "other"}
  ]
}"""


def row(need, description, minutes, times, per="day", **fields):
    kind = fields.pop("kind", "basic" if rules.is_basic_need(need) else "other")
    return rules.Activity(
        need=need,
        description=description,
        minutes=minutes,
        times=times,
        per=per,
        kind=kind,
        **fields,
    )


def this_year(**fields):
    return rules.Assessment(
        date(2026, 3, 1),
        activities=(
            row("personal_hygiene", "  dusch ", 40, 2),  # the same row, by its words
            row("meals", "Äta", 20, 4, note="Nytt intyg"),  # a note is not a change
            row("personal_hygiene", "Tandborstning", 3, 2),  # Tvätta händer, by its place
            row("communication", "Tolka", 10, 3),  # new
        ),
        birth_month=date(2019, 1, 1),  # 7 in 2026
        **fields,
    )


def baseline():
    return files.read(LAST_YEAR.encode(), today=date(2024, 3, 1))


def test_a_version_1_file_as_the_baseline_gives_new_changed_and_removed_rows():
    comparison = compare_baseline(this_year(), baseline())
    assert [(c.status, c.fields) for c in comparison.rows] == [
        ("changed", ("minutes",)),
        ("same", ()),
        ("changed", ("description", "minutes", "times")),
        ("new", ()),
        ("removed", ()),
    ]
    shower, eating, teeth, talking, play = comparison.rows
    assert (shower.current.index, shower.baseline.index) == (0, 0)
    assert (teeth.current.index, teeth.baseline.index) == (2, 2)
    assert play.current is None and play.baseline.activity.description == "Lek"
    # The hours a week each change moved, in minutes: (40 − 30) × 2 × 7, and so on.
    assert [c.minutes for c in comparison.rows] == [140, 0, 3 * 2 * 7 - 5 * 6 * 7, 210, -180]
    assert [c.basic_minutes for c in comparison.rows] == [140, 0, -168, 210, 0]
    assert comparison.new == (talking,)
    assert comparison.changed == (shower, teeth)
    assert comparison.removed == (play,)
    assert eating.status == "same"


def test_both_are_calculated_under_todays_rules_and_the_rules_that_changed_are_named():
    comparison = compare_baseline(this_year(), baseline())
    then, now = comparison.baseline_then, comparison.baseline
    assert then.rules_as_of == date(2024, 3, 1) and now.rules_as_of == date(2026, 3, 1)
    # The same rows: 1190 minutes of basic needs a week.
    assert then.before_deduction_basic == now.before_deduction_basic == 1190
    # 5 years in 2024 (the 2023 table: 2,5 h a day); 7 years today (the 2025 table: 0,5 h).
    assert then.deduction_basic.applied_minutes == Fraction(5, 2) * 60 * 7
    assert now.deduction_basic.applied_minutes == Fraction(1, 2) * 60 * 7
    assert now.age == 7 and then.age == 5
    texts = [change.text for change in comparison.rule_changes]
    assert (
        "Tabellen för föräldraavdrag: tabellen från 2023-01-01 då, tabellen från 2025-01-01 nu"
        in (texts)
    )
    assert "Timbelopp: 332,60\u00a0kr då, 347,70\u00a0kr nu" in texts
    amount = next(c for c in comparison.rule_changes if c.key == "hourly_amount")
    assert [x.value for x in amount.before] == [Decimal("332.60")]
    assert [x.value for x in amount.after] == [Decimal("347.70")]
    # What did not change is not named.
    assert not any(c.key == "threshold_hours" for c in comparison.rule_changes)
    # The current draft against the baseline today: only the rows moved the figures.
    moved = sum((c.basic_minutes for c in comparison.rows), Fraction(0))
    assert comparison.current.before_deduction_basic - now.before_deduction_basic == moved


def test_a_rule_that_took_effect_between_the_dates_is_named():
    old = replace(
        baseline(),
        assessment_date=date(2022, 6, 1),
        activities=(row("medical_support", "Tillsyn vid epilepsi", 60, 4),),
    )
    comparison = compare_baseline(this_year(), old)
    texts = [change.text for change in comparison.rule_changes]
    assert "Behov 6 och 7 är två egna grundläggande behov från 2023-01-01" in texts
    # No table before 2023, the 2025 table today.
    assert "Tabellen för föräldraavdrag: inget då, tabellen från 2025-01-01 nu" in texts


def test_with_the_same_draft_nothing_moved():
    draft = this_year()
    comparison = compare_baseline(draft, draft)
    assert {c.status for c in comparison.rows} == {"same"}
    assert all(c.minutes == 0 for c in comparison.rows)
    assert comparison.rule_changes == ()


def test_the_decisions_rows_as_the_baseline():
    decided = replace(
        this_year(),
        night=rules.Night(time(22, 0), time(7, 0)),
        activities=(
            row("personal_hygiene", "Dusch", 40, 2, decided=rules.Decided(minutes=30)),
            row("meals", "Äta", 20, 4, decided=rules.Decided(granted=False)),
        ),
        decision=rules.Decision("fk", date(2026, 2, 1), night=rules.NOT_GRANTED),
    )
    current = replace(
        decided,
        decision=None,
        activities=tuple(replace(a, decided=None) for a in decided.activities),
    )
    comparison = compare_baseline(current, decided, decided=True)
    shower, eating = comparison.rows
    assert (shower.status, shower.fields, shower.minutes) == ("changed", ("minutes",), 140)
    assert (eating.status, eating.minutes) == ("new", 560)  # the decision granted nothing
    assert comparison.baseline.night.counted_minutes == 0  # no waiting time was decided
    # As claimed, the same file is no change at all.
    assert {c.status for c in compare_baseline(current, decided).rows} == {"same"}


def test_rows_match_by_words_in_order_then_by_place_within_the_need():
    a = row("personal_hygiene", "Dusch", 10, 1)
    b = row("personal_hygiene", "DUSCH", 20, 1)
    c = row("personal_hygiene", "Bad", 30, 1)
    d = row("meals", "Bad", 30, 1)
    # Two rows with the same words pair in their order; "Bad" of meals never pairs with hygiene.
    assert match_rows((b, a, d), (a, b, c)) == [(0, 0), (1, 1), (2, None), (None, 2)]
    # A hygiene row left over pairs with the hygiene row left over, by place.
    assert match_rows((a, c), (a, b)) == [(0, 0), (1, 1)]
    assert match_rows((), (a,)) == [(None, 0)]
