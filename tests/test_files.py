"""The assessment file (behovsfil): reading, refusing, writing and the draft it becomes."""

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments import files, rules
from assessments.files import AssessmentFileError
from assessments.models import Activity, Assessment
from assessments.rules import Kind, Need, Period, TimeType, is_basic_need

EXAMPLES = Path(__file__).resolve().parent / "examples"
EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*.json") if not p.name.endswith(".expected.json"))
TODAY = date(2026, 11, 22)
DELETE = object()


def make_row(**changes) -> dict:
    row = {
        "need": "personal_hygiene",
        "description": "Dusch",
        "minutes": 20,
        "times": 1,
        "per": "day",
        "kind": "basic",
    }
    return _changed(row, changes)


def make_file(*rows: dict, **changes) -> dict:
    data = {
        "format": files.FORMAT,
        "version": files.VERSION,
        "title": "Mitt behov hösten 2026",
        "assessment_date": "2026-11-22",
        "person": {"age": 5},
        "activities": list(rows) if rows else [make_row()],
    }
    return _changed(data, changes)


def _changed(data: dict, changes: dict) -> dict:
    data = {**data, **changes}
    return {key: value for key, value in data.items() if value is not DELETE}


def read(source) -> rules.Assessment:
    if isinstance(source, dict | list):
        source = json.dumps(source, ensure_ascii=False)
    return files.read(source, today=TODAY)


def errors_of(source) -> list[str]:
    with pytest.raises(AssessmentFileError) as caught:
        read(source)
    return caught.value.errors


# --- Reading valid files ------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_file_reads(path):
    af = files.read(path.read_bytes())

    data = json.loads(path.read_text())
    assert af.title == data["title"]
    assert af.assessment_date == date.fromisoformat(data["assessment_date"])
    assert len(af.activities) == len(data["activities"])


def test_examples_are_found():
    assert len(EXAMPLE_FILES) >= 3


def test_missing_optional_fields_take_their_defaults():
    af = read(
        {
            "format": files.FORMAT,
            "version": 1,
            "activities": [make_row()],
        }
    )

    assert af == rules.Assessment(
        title="",
        assessment_date=TODAY,
        age=None,
        activities=(
            rules.Activity(
                need=Need.PERSONAL_HYGIENE,
                description="Dusch",
                minutes=20.0,
                times=1.0,
                per=Period.DAY,
                days_per_week=7,
                assistants=1,
                kind=Kind.BASIC,
                time_type=TimeType.ACTIVE,
                tube_feeding=False,
                note="",
            ),
        ),
    )


def test_assessment_date_defaults_to_the_local_date(time_machine):
    time_machine.move_to("2026-03-04 23:30 +00:00")  # already 5 March in Stockholm

    af = files.read(json.dumps(make_file(assessment_date=DELETE)))

    assert af.assessment_date == date(2026, 3, 5)


def test_enums_are_the_rules_enums():
    af = read(make_file(make_row(per="week", time_type="waiting", kind="other")))

    activity = af.activities[0]
    assert activity.need is Need.PERSONAL_HYGIENE
    assert activity.per is Period.WEEK
    assert activity.kind is Kind.OTHER
    assert activity.time_type is TimeType.WAITING


@pytest.mark.parametrize("person", [{"age": None}, {}, DELETE])
def test_age_absent_or_null_means_no_age(person):
    assert read(make_file(person=person)).age is None


def test_whole_float_counts_as_an_integer():
    af = read(make_file(make_row(days_per_week=5.0, assistants=2.0), person={"age": 7.0}))

    assert af.age == 7
    assert af.activities[0].days_per_week == 5
    assert af.activities[0].assistants == 2
    assert isinstance(af.activities[0].days_per_week, int)


def test_fractional_minutes_and_times_are_allowed():
    af = read(make_file(make_row(minutes=7.5, times=0.5, per="week")))

    assert (af.activities[0].minutes, af.activities[0].times) == (7.5, 0.5)


@pytest.mark.parametrize("per", ["week", "month", "year"])
def test_days_per_week_is_accepted_with_any_period(per):
    # The spec gives days_per_week "with per: day" but states no rule refusing it elsewhere.
    af = read(make_file(make_row(per=per, days_per_week=3)))

    assert af.activities[0].days_per_week == 3


@pytest.mark.parametrize(
    "row",
    [
        make_row(need="meals", kind="other", tube_feeding=True),
        make_row(need="meals", kind="basic", tube_feeding=True),
        make_row(need="breathing", kind="other", time_type="on_call"),
        make_row(need="household", kind="other", time_type="waiting"),
        make_row(minutes=1440, times=1),
        make_row(minutes=1, times=1440),
        make_row(description="x" * 200, note="y" * 2000),
    ],
)
def test_rows_the_rules_allow_are_read(row):
    assert len(read(make_file(row)).activities) == 1


def test_no_activities_is_a_valid_empty_draft():
    assert read(make_file(activities=[])).activities == ()


def test_utf8_byte_order_mark_is_ignored():
    source = "\ufeff" + json.dumps(make_file(), ensure_ascii=False)

    assert read(source.encode("utf-8")) == read(make_file())


def test_max_rows_from_settings_is_allowed(settings):
    settings.ASSESSMENT_MAX_ROWS = 3

    assert len(read(make_file(*[make_row()] * 3)).activities) == 3


# --- Refusing invalid files ---------------------------------------------------------------------

BAD = {
    # Not a behovsfil at all
    "invalid JSON": ('{"format": "behovsraknare.assessment",', ["inte giltig JSON", "textrad 1"]),
    "not an object": ([make_file()], ["JSON-objekt", "en lista"]),
    "non-UTF-8 bytes": (
        json.dumps(make_file()).encode("utf-8").replace(b"Dusch", b"D\xfcsch"),
        ["UTF-8"],
    ),
    "latin-1 file": (json.dumps(make_file(), ensure_ascii=False).encode("latin-1"), ["UTF-8"]),
    "NaN": (json.dumps(make_file(make_row(minutes=float("nan")))), ["NaN"]),
    "Infinity": (json.dumps(make_file(make_row(times=float("inf")))), ["Infinity"]),
    "huge integer": ('{"format": ' + "9" * 5000 + "}", ["tusentals siffror"]),
    "deep nesting": ("[" * 100_000 + "]" * 100_000, ["nivåer"]),
    "duplicate key": (
        '{"format": "behovsraknare.assessment", "version": 1, "activities": [{"need": "meals",'
        ' "need": "breathing", "description": "a", "minutes": 1, "times": 1, "per": "day",'
        ' "kind": "basic"}]}',
        ['Rad 1, fältet "need" (behov)', "två gånger"],
    ),
    # format and version
    "format missing": (make_file(format=DELETE), ['Fältet "format" (filformat)', "saknas"]),
    "wrong format": (make_file(format="something.else"), ['Fältet "format"', "inte en behovsfil"]),
    "unknown version": (
        make_file(version=4),
        ['Fältet "version" (version)', "version 4", "kan bara läsa version 1, 2 och 3"],
    ),
    "version as text": (make_file(version="1"), ['Fältet "version"', "talet 1, 2 eller 3"]),
    "version missing": (make_file(version=DELETE), ['Fältet "version"', "saknas"]),
    # The top level
    "unknown top field": (make_file(titel="x"), ['Fältet "titel"', "okänt fält", '"title"']),
    "title too long": (make_file(title="x" * 201), ['Fältet "title" (namn', "högst 200"]),
    "title not text": (make_file(title=5), ['Fältet "title"', "en text"]),
    "title null": (make_file(title=None), ['Fältet "title"', "null"]),
    "bad date": (make_file(assessment_date="2026-02-30"), ['Fältet "assessment_date" (bed']),
    "date not ISO": (make_file(assessment_date="22/11/2026"), ['"assessment_date"', "ÅÅÅÅ-MM-DD"]),
    "date compact": (make_file(assessment_date="20261122"), ['"assessment_date"', "ÅÅÅÅ-MM-DD"]),
    "date number": (make_file(assessment_date=20261122), ['"assessment_date"']),
    "person not object": (make_file(person=5), ['Fältet "person"', "objekt"]),
    "unknown person field": (make_file(person={"age": 5, "name": "A"}), ['"person.name"']),
    "age -1": (make_file(person={"age": -1}), ['Fältet "person.age" (ålder)', "0 till 120"]),
    "age 121": (make_file(person={"age": 121}), ['Fältet "person.age" (ålder)', "0 till 120"]),
    "age as text": (make_file(person={"age": "5"}), ['"person.age"', '"5"']),
    "age fractional": (make_file(person={"age": 5.5}), ['"person.age"', "5.5"]),
    "age bool": (make_file(person={"age": True}), ['"person.age"', "sant/falskt"]),
    "activities missing": (make_file(activities=DELETE), ['Fältet "activities"', "saknas"]),
    "activities not a list": (make_file(activities={}), ['Fältet "activities"', "en lista"]),
    "row not an object": (make_file(activities=[make_row(), "Dusch"]), ["Rad 2:", '"Dusch"']),
    # Fields of a row
    "unknown row field": (make_file(make_row(minuter=20)), ['Rad 1, fältet "minuter"', "okänt"]),
    "minutes as text": (
        make_file(make_row(minutes="abc")),
        ['Rad 1, fältet "minutes" (minuter per tillfälle)', "större än 0", "1440", '"abc"'],
    ),
    "minutes bool": (make_file(make_row(minutes=True)), ['Rad 1, fältet "minutes"', "sant/falskt"]),
    "minutes 0": (make_file(make_row(minutes=0)), ['Rad 1, fältet "minutes"', "större än 0"]),
    "minutes negative": (make_file(make_row(minutes=-5)), ['Rad 1, fältet "minutes"']),
    "minutes 1441": (make_file(make_row(minutes=1441)), ['Rad 1, fältet "minutes"', "högst 1440"]),
    "minutes huge": (make_file(make_row(minutes=10**400)), ['Rad 1, fältet "minutes"']),
    "minutes missing": (make_file(make_row(minutes=DELETE)), ['Rad 1, fältet "minutes"', "saknas"]),
    "times 0": (make_file(make_row(times=0)), ['Rad 1, fältet "times" (antal gånger']),
    "times 1441": (make_file(make_row(times=1441)), ['Rad 1, fältet "times"', "högst 1440"]),
    "times null": (make_file(make_row(times=None)), ['Rad 1, fältet "times"', "null"]),
    "days_per_week 0": (
        make_file(make_row(days_per_week=0)),
        ['Rad 1, fältet "days_per_week" (dagar i veckan)', "1 till 7"],
    ),
    "days_per_week 8": (make_file(make_row(days_per_week=8)), ['Rad 1, fältet "days_per_week"']),
    "days_per_week 2.5": (make_file(make_row(days_per_week=2.5)), ['"days_per_week"', "2.5"]),
    "days_per_week text": (make_file(make_row(days_per_week="7")), ['Rad 1, fältet "days_per_']),
    "assistants 3": (
        make_file(make_row(assistants=3)),
        ['Rad 1, fältet "assistants" (antal assistenter)', "1 eller 2"],
    ),
    "assistants 0": (make_file(make_row(assistants=0)), ['Rad 1, fältet "assistants"']),
    "assistants bool": (make_file(make_row(assistants=True)), ['Rad 1, fältet "assistants"']),
    "unknown need": (make_file(make_row(need="hygiene")), ['Rad 1, fältet "need" (behov)']),
    "need missing": (make_file(make_row(need=DELETE)), ['Rad 1, fältet "need"', "saknas"]),
    "unknown per": (make_file(make_row(per="dag")), ['Rad 1, fältet "per" (period)', '"day"']),
    "per missing": (make_file(make_row(per=DELETE)), ['Rad 1, fältet "per"', "saknas"]),
    "unknown kind": (make_file(make_row(kind="basal")), ['Rad 1, fältet "kind" (slag av behov)']),
    "kind missing": (make_file(make_row(kind=DELETE)), ['Rad 1, fältet "kind"', "saknas"]),
    "unknown time_type": (make_file(make_row(time_type="night")), ['Rad 1, fältet "time_type"']),
    "kind basic with household": (
        make_file(make_row(need="household", kind="basic")),
        ['Rad 1, fältet "kind" (slag av behov)', "sju grundläggande"],
    ),
    "waiting with kind basic": (
        make_file(make_row(time_type="waiting", kind="basic")),
        ['Rad 1, fältet "time_type" (typ av tid)', "andra personliga behov"],
    ),
    "on_call with kind basic": (
        make_file(make_row(time_type="on_call", kind="basic")),
        ['Rad 1, fältet "time_type"'],
    ),
    "tube_feeding with dressing": (
        make_file(make_row(need="dressing", tube_feeding=True)),
        ['Rad 1, fältet "tube_feeding" (sondmatning)', "Måltider"],
    ),
    "tube_feeding as text": (
        make_file(make_row(need="meals", tube_feeding="yes")),
        ['Rad 1, fältet "tube_feeding"', "true eller false"],
    ),
    "description empty": (
        make_file(make_row(description="")),
        ['Rad 1, fältet "description" (beskrivning)', "tom"],
    ),
    "description blank": (make_file(make_row(description="  \t")), ['"description"', "tom"]),
    "description missing": (make_file(make_row(description=DELETE)), ['"description"', "saknas"]),
    "description too long": (
        make_file(make_row(description="x" * 201)),
        ['Rad 1, fältet "description"', "201 tecken", "högst 200"],
    ),
    "description not text": (make_file(make_row(description=["a"])), ['"description"', "lista"]),
    "description with NUL": (make_file(make_row(description="a\x00b")), ['"description"']),
    "note too long": (
        make_file(make_row(note="x" * 2001)),
        ['Rad 1, fältet "note" (anteckning)', "högst 2000"],
    ),
    "note lone surrogate": (
        '{"format": "behovsraknare.assessment", "version": 1, "activities": '
        '[{"need": "meals", "description": "a", "minutes": 1, "times": 1, '
        '"per": "day", "kind": "basic", "note": "\\ud800"}]}',
        ['"note"'],
    ),
    "second row": (
        make_file(make_row(), make_row(), make_row(minutes=0)),
        ['Rad 3, fältet "minutes"'],
    ),
}


@pytest.mark.parametrize(("source", "fragments"), BAD.values(), ids=BAD.keys())
def test_invalid_file_is_refused_naming_row_and_field(source, fragments):
    errors = errors_of(source)

    message = "\n".join(errors)
    for fragment in fragments:
        assert fragment in message
    # Every message is a whole Swedish sentence a user can act on.
    assert all(error.rstrip().endswith((".", "?")) for error in errors)


def test_too_many_rows_is_refused(settings):
    settings.ASSESSMENT_MAX_ROWS = 3

    errors = errors_of(make_file(*[make_row()] * 4))

    assert errors == [
        'Fältet "activities" (aktiviteter): har 4 rader, men en beräkning får ha högst 3. '
        "Dela upp den på flera beräkningar."
    ]


def test_default_row_limit_is_500():
    assert len(read(make_file(*[make_row()] * 500)).activities) == 500
    assert "högst 500" in errors_of(make_file(*[make_row()] * 501))[0]


def test_too_large_file_is_refused(settings):
    source = json.dumps(make_file()).encode()
    settings.ASSESSMENT_FILE_MAX_BYTES = len(source) - 1

    assert "för stor" in errors_of(source)[0]


def test_limits_fall_back_when_settings_are_missing(settings):
    del settings.ASSESSMENT_MAX_ROWS
    del settings.ASSESSMENT_FILE_MAX_BYTES

    assert (files.max_rows(), files.max_bytes()) == (500, 1_000_000)


def test_all_errors_are_reported_together():
    source = make_file(
        make_row(minutes="abc", assistants=3),
        make_row(),
        make_row(need="household", kind="basic", days_per_week=8),
        title="x" * 201,
        person={"age": 121},
    )

    errors = errors_of(source)

    assert [error.split(":")[0] for error in errors] == [
        'Fältet "title" (namn på beräkningen)',
        'Fältet "person.age" (ålder)',
        'Rad 1, fältet "minutes" (minuter per tillfälle)',
        'Rad 1, fältet "assistants" (antal assistenter)',
        'Rad 3, fältet "days_per_week" (dagar i veckan)',
        'Rad 3, fältet "kind" (slag av behov)',
    ]


def test_error_text_joins_all_messages():
    error = AssessmentFileError(["Ett.", "Två."])

    assert error.errors == ["Ett.", "Två."]
    assert str(error) == "Ett.\nTvå."


def test_validate_takes_parsed_data():
    data = make_file(assessment_date=DELETE)

    assert files.validate(data, today=TODAY).assessment_date == TODAY
    with pytest.raises(AssessmentFileError):
        files.validate("not a file", today=TODAY)


# --- The cross-field rules, shared with the web form ---------------------------------------------


def test_row_problems_returns_nothing_for_a_valid_row():
    assert (
        rules.row_problems(
            need=Need.MEALS, kind=Kind.BASIC, time_type=TimeType.ACTIVE, tube_feeding=True
        )
        == {}
    )


def test_row_problems_names_each_broken_rule_by_field():
    problems = rules.row_problems(
        need="household", kind="basic", time_type="waiting", tube_feeding=True
    )

    assert set(problems) == {"kind", "time_type", "tube_feeding"}
    assert problems["kind"].startswith(
        "Grundläggande behov kan bara väljas för något av de sju grundläggande behoven."
    )
    assert not any(message.startswith("Rad") for message in problems.values())


def test_row_problems_skips_rules_whose_fields_are_unknown():
    assert rules.row_problems(need=None, kind="basic", time_type=None, tube_feeding=True) == {}
    assert rules.row_problems(need="nonsense", kind="basic", time_type="", tube_feeding=None) == {}


# --- Writing ------------------------------------------------------------------------------------


def test_write_gives_every_field_in_the_spec_order():
    af = read(make_file(make_row(), person=DELETE))

    text = files.write(af)

    data = json.loads(text)
    # Version 2 (spec): the optional period, night and decision only when there is one.
    assert list(data) == [
        "format",
        "version",
        "title",
        "assessment_date",
        "person",
        "hourly_amount",
        "week_types",
        "activities",
    ]
    assert data["version"] == 3
    assert data["person"] == {"birth_month": None, "age": None}
    assert data["week_types"] == [
        {"key": "week", "name": "Vanlig vecka", "weeks": 52, "assistance_days": 7, "away_hours": 0}
    ]
    # Absent week types mean all of them, and absent "decided" means granted as claimed.
    assert list(data["activities"][0]) == [
        name for name in rules.activity.FIELDS if name not in ("week_types", "decided")
    ]
    assert data["activities"][0] == {
        "need": "personal_hygiene",
        "description": "Dusch",
        "minutes": 20,
        "times": 1,
        "per": "day",
        "days_per_week": 7,
        "assistants": 1,
        "kind": "basic",
        "time_type": "active",
        "tube_feeding": False,
        "at_night": False,
        "elsewhere": None,
        "note": "",
        "decision_reason": "",
    }
    assert '"minutes": 20,' in text  # whole numbers as integers, not 20.0
    assert "hösten" in text  # ensure_ascii=False
    assert text.startswith('{\n  "format"')  # indent 2


def test_write_keeps_fractions():
    af = read(make_file(make_row(minutes=0.1, times=2.5)))

    assert '"minutes": 0.1,' in files.write(af)
    assert '"times": 2.5,' in files.write(af)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_examples_round_trip(path):
    af = files.read(path.read_bytes())

    assert files.read(files.write(af)) == af


NAMES = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=200
)
AMOUNTS = st.one_of(
    st.integers(1, 1440).map(float),
    st.floats(min_value=0, max_value=1440, exclude_min=True, allow_nan=False),
)


KEYS = st.from_regex(r"[a-z0-9_-]{1,30}", fullmatch=True)


def fits(period: Period, *amounts: float) -> bool:
    """Whether minutes × times fit the period (issue 18), read exactly as the file reads them."""
    limit, _holds = rules.activity.PERIOD_MINUTES[period]
    return Fraction(str(amounts[0])) * Fraction(str(amounts[1])) <= limit


@st.composite
def file_activities(draw, keys=("week",), night=False, decision=False) -> rules.Activity:
    need = draw(st.sampled_from(Need))
    kind = draw(st.sampled_from(Kind)) if is_basic_need(need) else Kind.OTHER
    time_type = TimeType.ACTIVE if kind == Kind.BASIC else draw(st.sampled_from(TimeType))
    per = draw(st.sampled_from(Period))
    week_types = None
    if per in (Period.DAY, Period.WEEK) and draw(st.booleans()):
        week_types = tuple(draw(st.lists(st.sampled_from(keys), min_size=1, unique=True)))
    minutes = draw(AMOUNTS)
    times = draw(AMOUNTS.filter(lambda times: fits(per, minutes, times)))
    decided = None
    if decision and draw(st.booleans()):
        decided_minutes = st.none() | AMOUNTS.filter(lambda m: fits(per, m, times))
        decided = draw(
            st.just(rules.Decided(granted=False))
            | st.builds(rules.Decided, minutes=decided_minutes, assistants=st.none() | st.just(1))
        )
    return rules.Activity(
        need=need,
        description=draw(NAMES.filter(str.strip)),
        minutes=minutes,
        times=times,
        per=per,
        days_per_week=draw(st.integers(1, 7)),
        assistants=draw(st.integers(1, 2)),
        kind=kind,
        time_type=time_type,
        tube_feeding=draw(st.booleans()) if need == Need.MEALS else False,
        week_types=week_types,
        at_night=night and time_type == TimeType.ACTIVE and draw(st.booleans()),
        elsewhere=draw(st.none() | st.sampled_from(rules.Elsewhere)),
        note=draw(st.text(max_size=2000).filter(lambda s: "\x00" not in s)),
        decided=decided,
        decision_reason=draw(st.text(max_size=50).filter(lambda s: "\x00" not in s))
        if decision
        else "",
    )


@st.composite
def assessment_files(draw) -> rules.Assessment:
    week_types = (rules.assessment.DEFAULT_WEEK_TYPE,)
    if draw(st.booleans()):
        keys = draw(st.lists(KEYS, min_size=1, max_size=6, unique=True))
        week_types = tuple(
            rules.WeekType(
                key,
                draw(NAMES.filter(str.strip).map(lambda s: s[:60])),
                draw(st.floats(min_value=0, max_value=53, exclude_min=True)),
                draw(st.integers(1, 7)),
                draw(st.floats(min_value=0, max_value=168)),
            )
            for key in keys
        )
    night = None
    if draw(st.booleans()):
        start = draw(st.times().map(lambda t: t.replace(second=0, microsecond=0)))
        hours = draw(st.integers(60, 16 * 60))
        end = (datetime.combine(date(2000, 1, 1), start) + timedelta(minutes=hours)).time()
        night = rules.Night(start, end, draw(st.sampled_from(rules.NightCover)))
    decision = draw(st.none() | st.builds(rules.Decision, st.sampled_from(rules.DecisionMaker)))
    on = draw(st.dates(min_value=date(1900, 1, 1)))
    period = None
    if draw(st.booleans()):
        start = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 1, 1)))
        period = rules.GrantPeriod(start, start + timedelta(days=draw(st.integers(0, 365))))
    last = period.end if period else on
    birth = draw(st.none() | st.dates(max_value=last).map(lambda d: d.replace(day=1)))
    keys = tuple(w.key for w in week_types)
    return rules.Assessment(
        title=draw(NAMES),
        assessment_date=on,
        age=draw(st.none() | st.integers(0, 120)),
        birth_month=birth,
        hourly_amount=draw(st.none() | AMOUNTS),
        period=period,
        week_types=week_types,
        night=night,
        decision=decision,
        activities=tuple(
            draw(
                st.lists(file_activities(keys, night is not None, decision is not None), max_size=5)
            )
        ),
    )


@given(assessment_files())
@settings(max_examples=200, deadline=None)
def test_any_valid_file_round_trips_exactly(af):
    text = files.write(af)

    assert files.read(text, today=TODAY) == af
    assert files.read(text.encode("utf-8"), today=TODAY) == af
    rules.calculate(af)  # any file the validator accepts can be calculated


# --- The draft in the database ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_round_trips_through_a_draft(path):
    af = files.read(path.read_bytes())

    draft = Assessment.objects.create_from(af)

    assert draft.to_rules() == af
    assert rules.result_data(draft.calculate()) == rules.result_data(rules.calculate(af))


@pytest.mark.django_db
def test_create_draft_stores_rows_in_order():
    rows = [make_row(description=f"Rad {n}", note=f"Intyg {n}") for n in range(4)]
    af = read(make_file(*rows))

    draft = Assessment.objects.create_from(af)

    stored = list(Activity.objects.filter(assessment=draft).order_by("position"))
    assert [row.position for row in stored] == [0, 1, 2, 3]
    assert [row.description for row in stored] == ["Rad 0", "Rad 1", "Rad 2", "Rad 3"]
    assert (draft.title, draft.age) == ("Mitt behov hösten 2026", 5)


@pytest.mark.django_db
@given(af=assessment_files())
@settings(max_examples=30, deadline=None)
def test_any_valid_file_round_trips_through_a_draft(af):
    assert Assessment.objects.create_from(af).to_rules() == af


@pytest.mark.django_db
def test_create_draft_is_all_or_nothing(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Activity.objects, "bulk_create", fail)

    with pytest.raises(RuntimeError):
        Assessment.objects.create_from(read(make_file()))
    assert not Assessment.objects.exists()


def test_a_row_accepts_string_values_and_decimals():
    made = rules.Activity(
        need="meals",
        description="Frukost",
        minutes=Decimal("12.5"),
        times=3,
        per="day",
        kind="basic",
        time_type="active",
    )

    assert (
        made
        == read(
            make_file(make_row(need="meals", description="Frukost", minutes=12.5, times=3))
        ).activities[0]
    )
    assert made.need is Need.MEALS
    assert isinstance(made.minutes, Fraction)


def test_a_file_with_thousands_of_problems_lists_the_first_50_and_counts_the_rest():
    row = make_row(**{f"x{n}": 0 for n in range(60_000)})

    errors = errors_of(make_file(row))

    assert len(errors) == files.MAX_ERRORS + 1
    assert errors[-1].startswith(f"… och {60_000 - files.MAX_ERRORS} fel till.")
    assert all(error.startswith('Rad 1, fältet "x') for error in errors[:-1])


@pytest.mark.parametrize(
    ("source", "named"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "Det här är en PDF, inte en sparad beräkning."),
        (b"PK\x03\x04\x14\x00\x06\x00", "Word-, Excel- eller zip-dokument"),
        (b"\x89PNG\r\n\x1a\n", "en bild"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "en bild"),
        (b"<!DOCTYPE html><html>", "en webbsida"),
    ],
)
def test_a_file_that_is_something_else_is_named_for_what_it_is(source, named):
    (error,) = errors_of(source)
    assert named in error
    assert ".json" in error


# --- Version 2 (spec "Version 2") ---------------------------------------------------------------


def make_v2(*rows: dict, **changes) -> dict:
    return make_file(*rows, **{"version": 2, "person": {"birth_month": "2019-03"}, **changes})


WEEK_TYPES = [
    {"key": "school", "name": "Skolvecka", "weeks": 40},
    {"key": "holiday", "name": "Lov", "weeks": 12},
]
NIGHT = {"start": "22:00", "end": "07:00", "cover": "waiting"}
DECISION = {"by": "fk", "date": "2026-10-15"}


def test_a_version_2_file_with_every_part_reads_and_round_trips():
    af = read(
        make_v2(
            make_row(week_types=["school"], decided={"minutes": 15}, decision_reason="Skäligt"),
            make_row(at_night=True, elsewhere=None, decided={"granted": False}),
            make_row(need="meals", elsewhere="school", per="week"),
            period={"start": "2027-01-01", "end": "2027-06-30"},
            hourly_amount=375.5,
            week_types=WEEK_TYPES,
            night=NIGHT,
            decision=DECISION,
        )
    )
    assert af.birth_month == date(2019, 3, 1)
    assert af.period == rules.GrantPeriod(date(2027, 1, 1), date(2027, 6, 30))
    assert af.hourly_amount == Fraction("375.5")
    assert [w.key for w in af.week_types] == ["school", "holiday"]
    assert af.night.minutes == 9 * 60
    assert af.decision.by == rules.DecisionMaker.FK
    assert af.activities[0].decided == rules.Decided(minutes=15)
    assert af.activities[1].decided == rules.Decided(granted=False)
    assert files.read(files.write(af)) == af


def test_a_version_1_file_means_one_week_type_of_52_weeks():
    af = read(make_file(version=1))
    assert af.week_types == (rules.WeekType("week", "Vanlig vecka", 52),)
    assert (af.period, af.night, af.decision, af.birth_month) == (None, None, None, None)


def test_the_tool_writes_version_3():
    assert json.loads(files.write(read(make_file(version=1))))["version"] == 3


def test_a_period_of_exactly_366_days_is_allowed():
    af = read(make_v2(period={"start": "2027-01-01", "end": "2028-01-01"}))
    assert af.period.days == 366


@pytest.mark.parametrize(
    ("source", "fragments"),
    [
        (
            make_file(hourly_amount=300, version=1),
            ['Fältet "hourly_amount" (timbelopp)', "bara i version 2"],
        ),
        (
            make_file(make_row(at_night=True), version=1),
            ['Rad 1, fältet "at_night"', "bara i version 2"],
        ),
        (
            make_file(person={"birth_month": "2019-03"}, version=1),
            ['"person.birth_month"', "version 2"],
        ),
    ],
)
def test_a_version_1_file_with_version_2_fields_is_refused_with_a_clear_message(source, fragments):
    message = "\n".join(errors_of(source))
    for fragment in fragments:
        assert fragment in message


BAD_V2 = {
    "birth month not a month": (
        make_v2(person={"birth_month": "2019-13"}),
        ['Fältet "person.birth_month" (födelseår och månad)', "ÅÅÅÅ-MM"],
    ),
    "birth month a date": (make_v2(person={"birth_month": "2019-03-01"}), ['"person.birth_month"']),
    "birth month after the date": (
        make_v2(person={"birth_month": "2026-12"}),
        ['"person.birth_month"', "efter bedömningsdatumet"],
    ),
    "birth month after the period": (
        make_v2(
            person={"birth_month": "2027-07"}, period={"start": "2027-01-01", "end": "2027-06-30"}
        ),
        ["efter periodens slut"],
    ),
    "amount zero": (
        make_v2(hourly_amount=0),
        ['Fältet "hourly_amount" (timbelopp)', "större än 0"],
    ),
    "amount negative": (make_v2(hourly_amount=-5), ['"hourly_amount"']),
    "amount text": (make_v2(hourly_amount="347,70"), ['"hourly_amount"', "tal"]),
    "unknown week type": (
        make_v2(make_row(week_types=["summer"]), week_types=WEEK_TYPES),
        ['Rad 1, fältet "week_types" (veckotyper)', '"summer" finns inte', '"school"'],
    ),
    "week types on a month row": (
        make_v2(make_row(per="month", week_types=["school"]), week_types=WEEK_TYPES),
        ['Rad 1, fältet "week_types"', "per dag eller per vecka"],
    ),
    "night row without a night": (
        make_v2(make_row(at_night=True)),
        ['Rad 1, fältet "at_night" (på natten)', "nattvilan"],
    ),
    "night row of waiting": (
        make_v2(
            make_row(need="supervision", kind="other", time_type="waiting", at_night=True),
            night=NIGHT,
        ),
        ['Rad 1, fältet "at_night"', "aktiv hjälp"],
    ),
    "night of 0 hours": (
        make_v2(night={"start": "22:00", "end": "22:00"}),
        ['Fältet "night.end" (nattvilans slut)', "1 till 16 timmar"],
    ),
    "night of 17 hours": (
        make_v2(night={"start": "18:00", "end": "11:00"}),
        ['"night.end"', "1 till 16 timmar", "17 timmar"],
    ),
    "night time not a time": (make_v2(night={"start": "25:00", "end": "07:00"}), ['"night.start"']),
    "night cover unknown": (
        make_v2(night={**NIGHT, "cover": "sleeping"}),
        ['"night.cover"', '"waiting"'],
    ),
    "assistance days 0": (
        make_v2(week_types=[{**WEEK_TYPES[0], "assistance_days": 0}]),
        ['Veckotyp 1, fältet "assistance_days" (dagar med assistans)', "1 till 7"],
    ),
    "assistance days 8": (
        make_v2(week_types=[{**WEEK_TYPES[0], "assistance_days": 8}]),
        ['Veckotyp 1, fältet "assistance_days"'],
    ),
    "weeks 54": (make_v2(week_types=[{**WEEK_TYPES[0], "weeks": 54}]), ['"weeks"', "högst 53"]),
    "away hours 169": (
        make_v2(week_types=[{**WEEK_TYPES[0], "away_hours": 169}]),
        ['"away_hours"', "från 0 till 168"],
    ),
    "week type key twice": (
        make_v2(week_types=[WEEK_TYPES[0], WEEK_TYPES[0]]),
        ['Veckotyp 2, fältet "key"', "används redan"],
    ),
    "week type key with spaces": (
        make_v2(week_types=[{**WEEK_TYPES[0], "key": "skol vecka"}]),
        ['"key"', "a–z"],
    ),
    "no week types": (
        make_v2(week_types=[]),
        ['Fältet "week_types" (veckotyper)', "Det behövs minst en sorts vecka."],
    ),
    "seven week types": (
        make_v2(week_types=[{**WEEK_TYPES[0], "key": f"w{n}"} for n in range(7)]),
        ['"week_types"', "högst 6 sorters veckor"],
    ),
    "period over a year": (
        make_v2(period={"start": "2027-01-01", "end": "2028-01-02"}),  # 367 days
        ['Fältet "period.end" (periodens slut)', "366 dagar"],
    ),
    "period backwards": (
        make_v2(period={"start": "2027-06-30", "end": "2027-01-01"}),
        ['"period.end"', "Perioden kan inte sluta före den börjar."],
    ),
    "decided without a decision": (
        make_v2(make_row(decided={"minutes": 10})),
        ['Rad 1, fältet "decided" (beslutat)', "inget beslut"],
    ),
    "decision reason without a decision": (
        make_v2(make_row(decision_reason="Skäligt")),
        ['Rad 1, fältet "decision_reason"', "inget beslut"],
    ),
    "unknown decision maker": (
        make_v2(decision={"by": "domstol"}),
        ['Fältet "decision.by" (vem som beslutade)', '"fk"', '"kommun"'],
    ),
    "decided minutes out of range": (
        make_v2(make_row(decided={"minutes": 2000}), decision=DECISION),
        ['Rad 1, fältet "decided.minutes" (minuter per tillfälle)', "högst 1440"],
    ),
    "decided kind basic on an other need": (
        make_v2(
            make_row(need="household", kind="other", decided={"kind": "basic"}), decision=DECISION
        ),
        ['Rad 1, fältet "decided.kind"', "sju grundläggande"],
    ),
    "decided field unknown": (
        make_v2(make_row(decided={"note": "x"}), decision=DECISION),
        ['Rad 1, fältet "decided.note"', "okänt fält"],
    ),
    "not granted and changed": (
        make_v2(make_row(decided={"granted": False, "minutes": 5}), decision=DECISION),
        ['Rad 1, fältet "decided.granted"'],
    ),
}


@pytest.mark.parametrize(("source", "fragments"), BAD_V2.values(), ids=BAD_V2.keys())
def test_a_bad_version_2_file_is_refused_whole_naming_the_field(source, fragments):
    errors = errors_of(source)
    message = "\n".join(errors)
    for fragment in fragments:
        assert fragment in message
    assert all(error.rstrip().endswith((".", "?")) for error in errors)


# --- A row's own clock time fits its period (issue 18, item 2) ----------------------------------


@pytest.mark.parametrize(
    ("row", "limit"),
    [
        (make_row(minutes=1440, times=100), "ett dygn har 1\u00a0440 minuter"),
        (make_row(minutes=60, times=25), "ett dygn har 1\u00a0440 minuter"),
        (make_row(minutes=1440, times=8, per="week"), "en vecka har 10\u00a0080 minuter"),
        (make_row(minutes=1440, times=32, per="month"), "en månad har högst 44\u00a0640 minuter"),
        (make_row(minutes=1440, times=367, per="year"), "ett år har högst 527\u00a0040 minuter"),
    ],
)
def test_a_row_claiming_more_time_than_its_period_holds_is_refused(row, limit):
    (error,) = errors_of(make_file(row))

    assert error.startswith('Rad 1, fältet "times" (antal gånger per period): ')
    assert limit in error


@pytest.mark.parametrize(
    "row",
    [
        make_row(minutes=1440, times=1),
        make_row(minutes=1, times=1440),
        make_row(minutes=1440, times=7, per="week"),
        make_row(minutes=1440, times=31, per="month"),
        make_row(minutes=1440, times=366, per="year"),
    ],
)
def test_a_row_that_fills_its_period_exactly_is_read(row):
    assert len(read(make_file(row)).activities) == 1


def test_a_decided_row_claiming_more_than_a_day_is_refused_at_its_decided_field():
    source = make_v2(make_row(minutes=60, times=10, decided={"times": 30}), decision=DECISION)

    (error,) = errors_of(source)

    assert error.startswith('Rad 1, fältet "decided.times"')
    assert "ett dygn har 1\u00a0440 minuter" in error
