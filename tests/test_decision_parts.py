"""More of the decision (spec "More of the decision", rules.md R12, R14): the day it was received,
the night and the weeks it decided, what Försäkringskassan grants at or below the threshold, the
risk of asking for more and the deadline, in the figures, the comparison and `calculate`'s output.
Pure Python."""

import random
from dataclasses import replace
from datetime import date, time
from fractions import Fraction
from pathlib import Path

import pytest

from assessments import files, rules
from assessments.rules import assessment as draft_table
from assessments.rules import draft as decision_parts
from assessments.rules import engine
from assessments.rules.assessment import NOT_GRANTED
from assessments.rules.compare import compare
from assessments.rules.draft import parse_decision

EXAMPLE = Path(__file__).resolve().parent / "examples" / "adult-compared-with-decision-2026.json"
NIGHT = rules.Night(time(22, 0), time(7, 0))
SCHOOL = rules.WeekType("school", "Skolvecka", 40)
HOLIDAY = rules.WeekType("holiday", "Lovvecka", 12)
KEYS = ("school", "holiday")


def row(need="personal_hygiene", minutes=60, **fields):
    kind = fields.pop("kind", "basic" if rules.is_basic_need(need) else "other")
    return rules.Activity(need=need, kind=kind, minutes=minutes, times=1, per="day", **fields)


def fk(**fields):
    return rules.Decision("fk", date(2026, 8, 20), **fields)


def draft(*activities, decision=None, **fields):
    return rules.Assessment(
        date(2026, 9, 1), activities=tuple(activities), decision=decision or fk(), **fields
    )


def codes(result):
    return [w.code for w in result.warnings]


def notice(result, code):
    (found,) = [w for w in result.warnings if w.code == code]
    return found


# --- The decision's new fields, declared once ---------------------------------------------------


def test_a_version_3_decision_reads_and_writes_back_the_same():
    obj = {
        "by": "fk",
        "date": "2026-10-15",
        "received": "2026-10-20",
        "note": "",
        "night": {"start": "22:00", "end": "06:00", "cover": "on_call"},
        "week_types": {"holiday": {"weeks": 10}},
    }
    decision, problems = parse_decision(obj, keys=KEYS)
    assert problems == []
    assert decision.received == date(2026, 10, 20)
    assert decision.night == rules.Night(time(22, 0), time(6, 0), "on_call")
    assert decision.week_types == {"holiday": Fraction(10)}
    assert decision_parts.decision_plain(decision) == obj
    assert parse_decision(decision_parts.decision_plain(decision), keys=KEYS) == (decision, [])


def test_a_night_granted_nothing_and_the_parts_left_out():
    decision, problems = parse_decision({"by": "kommun", "night": {"granted": False}}, keys=KEYS)
    assert problems == []
    assert decision.night is NOT_GRANTED
    assert (decision.received, decision.week_types) == (None, {})
    assert decision_parts.decision_plain(decision) == {
        "by": "kommun",
        "date": None,
        "note": "",
        "night": {"granted": False},
    }
    bare, _ = parse_decision({"by": "fk"}, keys=KEYS)
    assert (bare.night, bare.week_types, bare.received) == (None, {}, None)


@pytest.mark.parametrize(
    ("obj", "field", "words"),
    [
        (
            {"by": "fk", "date": "2026-10-15", "received": "2026-10-14"},
            "received",
            "ligger före beslutsdatumet 2026-10-15",
        ),
        ({"by": "fk", "received": "2026-02-30"}, "received", "ett datum som finns"),
        (
            {"by": "fk", "week_types": {"lov": {"weeks": 10}}},
            "week_types",
            'veckotypen "lov" finns inte. Använd någon av "school", "holiday".',
        ),
        (
            {"by": "fk", "week_types": {"holiday": {"weeks": 0}}},
            "week_types.holiday.weeks",
            "ett tal större än 0 och högst 53",
        ),
        (
            {"by": "fk", "week_types": {"holiday": 10}},
            "week_types.holiday",
            'måste vara ett objekt som {"weeks": 10}',
        ),
        (
            {"by": "fk", "night": {"start": "22:00", "end": "22:30"}},
            "night.end",
            "Nattvilan måste vara från 1 till 16 timmar lång, men är 0,5 timmar.",
        ),
        (
            {"by": "fk", "night": {"start": "06:00", "end": "23:00"}},
            "night.end",
            "men är 17 timmar.",
        ),
        (
            {"by": "fk", "night": {"start": "22:00", "end": "22:00"}},
            "night.end",
            "Nattvilan måste vara från 1 till 16 timmar lång",
        ),
        ({"by": "fk", "night": {"end": "07:00"}}, "night.start", "saknas"),
        (
            {"by": "fk", "night": {"granted": False, "cover": "waiting"}},
            "night.granted",
            "false betyder att beslutet inte gav någon väntetid eller beredskap",
        ),
        (
            {"by": "fk", "night": {"start": "22:00", "end": "07:00", "cover": "x"}},
            "night.cover",
            "",
        ),
    ],
)
def test_a_decision_that_breaks_a_rule_names_the_field(obj, field, words):
    decision, problems = parse_decision(obj, keys=KEYS)
    assert decision is None
    assert field in [name for name, _message in problems], problems
    assert any(words in message for name, message in problems if name == field), problems


def test_received_on_the_decisions_date_is_fine():
    assert (
        decision_parts.decision_problems(date=date(2026, 10, 15), received=date(2026, 10, 15)) == {}
    )


def test_the_tables_have_swedish_labels_for_the_forms():
    assert draft_table.DECISION_V3_FIELDS["received"].label == "Beslutet kom fram den (frivilligt)"
    assert set(draft_table.DECIDED_NIGHT_FIELDS) == {"granted", "start", "end", "cover"}
    assert draft_table.DECIDED_WEEK_FIELDS["weeks"].high == draft_table.MAX_WEEKS


# --- The decided figures (rules.md R12) ---------------------------------------------------------


def test_the_decided_figures_use_the_decided_night():
    # 8 h of help a night claimed as waiting time 22–07: 9 h × 7 = 63 h, counted a quarter.
    result = rules.calculate(
        draft(
            row(minutes=240),
            night=NIGHT,
            decision=fk(night=rules.Night(time(22), time(6), "on_call")),
        )
    )
    assert result.night.counted_minutes == 63 * 60 / 4
    # Decided: on call 22–06, 8 h × 7 = 56 h counted a seventh = 8 h.
    assert result.decision.night.counted_minutes == 8 * 60
    assert result.decision.night.on_call_minutes == 56 * 60
    assert result.decision.other_minutes == 8 * 60
    assert result.decision.basic_minutes == result.basic_minutes == 28 * 60


def test_a_night_granted_nothing_keeps_the_night_rows_and_counts_no_waiting():
    result = rules.calculate(
        draft(
            row(minutes=240),
            row(minutes=20, at_night=True),
            night=NIGHT,
            decision=fk(night=NOT_GRANTED),
        )
    )
    assert result.decision.night.counted_minutes == 0
    assert result.decision.night.night.cover == rules.NightCover.NONE
    assert result.decision.basic_minutes == result.basic_minutes  # the help at night is granted
    claimed = draft(night=NIGHT, decision=fk(night=NOT_GRANTED))
    assert engine.as_decided(claimed).night == replace(NIGHT, cover="none")
    assert claimed.night == NIGHT


def test_the_decided_weeks_weigh_the_average():
    # School weeks 18 h of basic needs, holiday weeks 30 h; 40 and 12 weeks claimed.
    activities = (
        row(minutes=Fraction(18 * 60, 7), week_types=("school",)),
        row(minutes=Fraction(30 * 60, 7), week_types=("holiday",)),
    )
    result = rules.calculate(
        draft(*activities, week_types=(SCHOOL, HOLIDAY), decision=fk(week_types={"holiday": 6}))
    )
    assert result.basic_minutes == (18 * 40 + 30 * 12) * 60 / Fraction(52)
    assert result.decision.basic_minutes == (18 * 40 + 30 * 6) * 60 / Fraction(46)
    assert [w.week_type.weeks for w in result.decision.week_types] == [40, 6]


# --- Försäkringskassan grants nothing at or below 20 hours (rules.md R5, R12) ---------------------


@pytest.mark.parametrize("decided_minutes", [Fraction(20 * 60, 7), Fraction(10 * 60, 7)])
def test_an_fk_decision_at_or_below_the_threshold_grants_nothing(decided_minutes):
    result = rules.calculate(
        draft(
            row(minutes=Fraction(30 * 60, 7), decided=rules.Decided(minutes=decided_minutes)),
            row("household", minutes=60),
        )
    )
    decided = result.decision
    assert decided.grants_nothing
    assert decided.granted_minutes == 0
    # The rows as decided are still calculated, for the comparison.
    assert decided.basic_minutes == decided_minutes * 7
    assert decided.total_minutes == decided_minutes * 7 + 7 * 60
    assert decided.estimated_sek_per_year is None
    assert "Ett beslut från Försäkringskassan ger då ingen assistansersättning alls" in (
        decided.verdict
    )
    assert "0 timmar i veckan beviljas" in decided.verdict
    step = decided.step("granted")
    assert step.minutes == 0 and step.value == "0 h/vecka"
    out = rules.result_data(result)["decision"]
    assert out["granted_hours"] == 0.0 and out["grants_nothing"] is True
    assert out["weekly_hours"]["basic"] == pytest.approx(float(decided_minutes * 7 / 60))


def test_just_above_the_threshold_everything_is_granted():
    result = rules.calculate(draft(row(minutes=Fraction(20 * 60 + 1, 7))))
    assert not result.decision.grants_nothing
    assert result.decision.granted_minutes == result.decision.total_minutes
    assert result.decision.step("granted") is None
    assert rules.result_data(result)["decision"]["granted_hours"] == pytest.approx(20 + 1 / 60)


def test_the_kommun_has_no_floor():
    result = rules.calculate(
        draft(row(minutes=60), decision=rules.Decision("kommun", date(2026, 8, 20)))
    )
    assert not result.decision.grants_nothing
    assert result.decision.granted_minutes == 7 * 60
    assert "ger då ingen assistansersättning" not in result.decision.verdict


# --- The comparison: the night and the weeks ----------------------------------------------------


def test_a_decided_night_is_a_change_of_its_own_that_costs_no_basic_hours():
    result = rules.calculate(
        draft(row(minutes=240), night=NIGHT, decision=fk(night=replace(NIGHT, cover="on_call")))
    )
    comparison = compare(result)
    (night,) = comparison.parts
    assert night.part == "night"
    assert night.text == "Natten: beslutet gav beredskap i stället för väntetid."
    assert (night.claimed, night.decided) == ("22:00–07:00, väntetid", "22:00–07:00, beredskap")
    assert night.claimed_minutes == 63 * 60 / 4 and night.decided_minutes == 9 * 60
    assert night.basic_cost == 0
    assert comparison.cuts == ()  # the night is an other need: it never moves the verdict
    assert not any(r.changed for r in comparison.rows)
    supervision = {n.need: n for n in comparison.needs}[rules.Need.SUPERVISION]
    assert (supervision.claimed_minutes, supervision.decided_minutes) == (945, 540)


@pytest.mark.parametrize(
    ("decided", "text"),
    [
        (
            NOT_GRANTED,
            "Natten: beslutet gav ingen väntetid eller beredskap i stället för väntetid.",
        ),
        (
            rules.Night(time(22), time(6)),
            "Natten: beslutet räknar med nattvilan 22:00–06:00 i stället för 22:00–07:00.",
        ),
        (
            rules.Night(time(23), time(7), "on_call"),
            "Natten: beslutet gav beredskap i stället för väntetid, och nattvilan 23:00–07:00 i "
            "stället för 22:00–07:00.",
        ),
    ],
)
def test_the_night_change_says_what_the_decision_changed(decided, text):
    result = rules.calculate(draft(row(), night=NIGHT, decision=fk(night=decided)))
    assert [p.text for p in compare(result).parts] == [text]


def test_a_night_decided_as_claimed_is_no_change():
    result = rules.calculate(draft(row(), night=NIGHT, decision=fk(night=NIGHT)))
    assert compare(result).parts == ()


def test_fewer_decided_weeks_of_the_heavier_week_type_is_a_cut():
    activities = (
        row(minutes=Fraction(18 * 60, 7), week_types=("school",)),
        row(minutes=Fraction(30 * 60, 7), week_types=("holiday",)),
    )
    result = rules.calculate(
        draft(*activities, week_types=(SCHOOL, HOLIDAY), decision=fk(week_types={"holiday": 2}))
    )
    comparison = compare(result)
    (weeks,) = comparison.parts
    assert weeks.part == "holiday"
    assert weeks.text == "Lovvecka: beslutet räknar med 2 veckor i stället för 12."
    assert (weeks.claimed, weeks.decided) == ("12 veckor", "2 veckor")
    claimed = (18 * 40 + 30 * 12) * 60 / Fraction(52)
    decided = (18 * 40 + 30 * 2) * 60 / Fraction(42)
    assert weeks.basic_cost == claimed - decided
    (cut,) = comparison.cuts
    assert cut.row is None and cut.part is weeks and cut.basic_cost == weeks.basic_cost
    assert cut.basic_after == decided == result.decision.basic_minutes
    assert cut.meets_threshold_after is False  # 18,57 h: the decision's weeks moved the verdict


@pytest.mark.parametrize("seed", range(25))
def test_the_running_total_with_weeks_and_a_child_matches_a_full_recalculation(seed):
    rng = random.Random(seed)
    activities = []
    for _ in range(rng.randint(1, 8)):
        decided = rng.choice(
            [None, rules.Decided(minutes=rng.randint(1, 50)), rules.Decided(granted=False)]
        )
        activities.append(
            row(
                rng.choice(["personal_hygiene", "breathing", "meals", "household"]),
                minutes=rng.randint(10, 200),
                decided=decided,
                week_types=rng.choice([None, ("school",), ("holiday",)]),
            )
        )
    decided_weeks = rng.choice(
        [{}, {"holiday": rng.randint(1, 20)}, {"school": rng.randint(1, 52)}]
    )
    base = draft(
        *activities,
        birth_month=date(2020, 1, 1),
        week_types=(SCHOOL, HOLIDAY),
        night=NIGHT,
        decision=fk(week_types=decided_weeks, night=rng.choice([None, NOT_GRANTED])),
    )
    result = rules.calculate(base)
    comparison = compare(result)
    rows, weeks = set(), {}
    for cut in comparison.cuts:
        if cut.row is not None:
            rows.add(cut.row.index)
        else:
            weeks[cut.part.part] = decided_weeks[cut.part.part]
        partly = replace(
            base,
            decision=None,
            week_types=tuple(replace(w, weeks=weeks.get(w.key, w.weeks)) for w in base.week_types),
            activities=tuple(
                a
                for i, original in enumerate(base.activities)
                if (a := original.as_decided() if i in rows else replace(original, decided=None))
            ),
        )
        assert cut.basic_after == rules.calculate(partly).basic_minutes
    costs = [c.basic_cost for c in comparison.cuts]
    assert costs == sorted(costs, reverse=True) and all(cost > 0 for cost in costs)


def test_the_example_with_a_decided_night_as_the_page_shows_it():
    example = files.read(EXAMPLE.read_bytes())
    example = replace(
        example,
        night=NIGHT,
        decision=replace(
            example.decision,
            received=date(2026, 8, 24),
            night=rules.Night(time(22), time(6), "on_call"),
        ),
    )
    result = rules.calculate(example)
    # Claimed: 9 h × 7 nights of waiting time a quarter = 15,75 h; decided: 8 h × 7 on call a
    # seventh = 8 h; the rows as in the example (rules.md R12).
    assert result.other_minutes == 90 + 63 * 60 / 4
    assert result.decision.other_minutes == 90 + 8 * 60
    assert result.decision.basic_minutes == 1379  # as in the example without a night
    out = rules.result_data(result)
    assert out["decision"]["weekly_hours"] == pytest.approx(
        {"basic": 22.983333, "other": 9.5, "total": 32.483333}
    )
    assert out["decision"]["deadline"] == {
        "kind": "omprovning",
        "last_day": "2026-10-26",
        "counted_from": "received",
    }
    assert [p.text for p in compare(result).parts] == [
        "Natten: beslutet gav beredskap i stället för väntetid, och nattvilan 22:00–06:00 i "
        "stället för 22:00–07:00."
    ]


# --- The warnings (rules.md R14) ------------------------------------------------------------------


def test_the_deadline_is_a_notice_and_in_the_output():
    result = rules.calculate(draft(row(), decision=fk(received=date(2026, 10, 20))))
    deadline = notice(result, "deadline")
    assert deadline.message.startswith("Sista dagen för en begäran om omprövning är 2026-12-21.")
    assert deadline.printed
    assert rules.result_data(result)["decision"]["deadline"] == {
        "kind": "omprovning",
        "last_day": "2026-12-21",
        "counted_from": "received",
    }
    assert result.deadline.last_day == date(2026, 12, 21)


def test_no_dates_no_deadline():
    result = rules.calculate(draft(row(), decision=rules.Decision("fk")))
    assert "deadline" not in codes(result)
    assert rules.result_data(result)["decision"]["deadline"] is None
    kommun = rules.calculate(draft(row(), decision=rules.Decision("kommun", date(2026, 8, 20))))
    assert rules.result_data(kommun)["decision"]["deadline"] == {
        "kind": "overklagande",
        "last_day": "2026-09-10",
        "counted_from": "date",
    }


REASSESSMENT = (
    "En ansökan om fler timmar prövas som en ny ansökan: Försäkringskassan bedömer hela rätten "
    "till assistansersättning med dagens regler och praxis och är inte bunden av tidigare "
    "bedömningar. Om de grundläggande behoven enligt dagens praxis inte är över 20 timmar i "
    "veckan kan ansökan avslås. (Högsta förvaltningsdomstolen, mål 2060-22.) Det tidigare "
    "beslutet ändras inte av det, men tala gärna med ett ombud innan du ansöker."
)


def test_claiming_more_than_fk_decided_warns_of_a_new_assessment_of_the_whole_right():
    result = rules.calculate(draft(row(minutes=240, decided=rules.Decided(minutes=200))))
    warning = notice(result, "reassessment_of_whole_right")
    assert warning.message == REASSESSMENT  # rules.md R14, word for word
    assert not warning.prominent  # 28 h of basic needs
    assert warning.printed


def test_at_or_below_20_hours_the_warning_is_prominent_and_says_the_figure():
    result = rules.calculate(
        draft(row(minutes=Fraction(20 * 60, 7), decided=rules.Decided(minutes=60)))
    )
    warning = notice(result, "reassessment_of_whole_right")
    assert warning.prominent
    assert warning.message.startswith(REASSESSMENT)
    assert warning.message.endswith(
        "Enligt din beräkning är de grundläggande behoven 20 timmar i veckan, alltså inte över "
        "20 timmar."
    )


@pytest.mark.parametrize(
    "decision",
    [
        rules.Decision("kommun", date(2026, 8, 20)),  # HFD 2060-22 concerns Försäkringskassan
        fk(),  # nothing changed: not more than decided
    ],
)
def test_no_reassessment_warning_without_an_fk_decision_below_the_claim(decision):
    result = rules.calculate(draft(row(minutes=240), decision=decision))
    assert "reassessment_of_whole_right" not in codes(result)


def test_a_claim_that_fk_granted_nothing_for_is_more_than_decided():
    result = rules.calculate(draft(row(minutes=120, decided=rules.Decided(minutes=170))))
    # The rows as decided give more, but FK grants nothing at 19,83 h.
    assert result.decision.grants_nothing and result.total_minutes < result.decision.total_minutes
    assert "reassessment_of_whole_right" in codes(result)


def test_past_the_age_limit_both_warnings_are_shown_and_say_no_increase():
    result = rules.calculate(
        draft(
            row(minutes=240, decided=rules.Decided(minutes=200)),
            birth_month=date(1958, 3, 1),  # 68 in 2026: past the limit of 67 (66 kept)
        )
    )
    assert {"reassessment_of_whole_right", "age_limit"} <= set(codes(result))
    assert notice(result, "reassessment_of_whole_right").message.endswith(
        "Personen har också nått åldersgränsen 66 år, och efter den kan antalet timmar aldrig "
        "ökas (socialförsäkringsbalken 51 kap. 8 och 10 §§)."
    )


def test_reaching_the_age_limit_in_the_period_says_no_increase_after_it():
    result = rules.calculate(
        draft(
            row(minutes=240, decided=rules.Decided(minutes=200)),
            birth_month=date(1960, 10, 1),  # 66 in 2026, so the limit is 67: October 2027
            period=rules.GrantPeriod(date(2027, 9, 1), date(2028, 2, 28)),
        )
    )
    assert {"reassessment_of_whole_right", "age_limit"} <= set(codes(result))
    assert notice(result, "reassessment_of_whole_right").message.endswith(
        "Efter åldersgränsen 67 år kan antalet timmar aldrig ökas (socialförsäkringsbalken 51 "
        "kap. 8 och 10 §§)."
    )
