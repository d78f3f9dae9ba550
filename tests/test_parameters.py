"""The dated rule values (ux-privacy-security.md "Rules module"): each has a source, a rule id
from rules.md and a confidence; dated series are in order and looked up as of a date."""

import inspect
import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from assessments.rules import engine
from assessments.rules import parameters as p

CONFIDENCES = {p.HIGH, p.MEDIUM, p.LOW, p.DERIVED}
DAY = timedelta(days=1)


def param_id(parameter: p.Parameter) -> str:
    return f"{parameter.key}-{parameter.effective.isoformat()}"


def series_id(series: tuple[p.Parameter, ...]) -> str:
    return series[0].key


@pytest.fixture(scope="module")
def rule_ids() -> set[str]:
    # The rule headings of ../shared/domain/rules.md.
    return {f"R{n}" for n in range(1, 15)}


@pytest.mark.parametrize("parameter", p.ALL_PARAMETERS, ids=param_id)
def test_parameter_has_a_source(parameter):
    assert parameter.source.title.strip()
    assert parameter.unit is not None
    assert parameter.key


@pytest.mark.parametrize("parameter", p.ALL_PARAMETERS, ids=param_id)
def test_parameter_has_a_label_and_an_address_for_its_source(parameter):
    assert parameter.label.strip() and parameter.label[0].isupper()
    assert parameter.source.url.startswith("https://")


@pytest.mark.parametrize("parameter", p.ALL_PARAMETERS, ids=param_id)
def test_what_is_not_high_confidence_says_why(parameter):
    assert bool(parameter.caveat) is (parameter.confidence != p.HIGH)


def test_every_parameter_the_module_declares_is_hashed():
    # A Parameter outside ALL_PARAMETERS would change the figures without changing RULES_VERSION.
    declared = [value for value in vars(p).values() if isinstance(value, p.Parameter)]
    declared += [entry for series in p.ALL_DATED for entry in series]
    assert set(declared) <= set(p.ALL_PARAMETERS)


@pytest.mark.parametrize("parameter", p.ALL_PARAMETERS, ids=param_id)
def test_parameter_cites_a_rule_in_rules_md(parameter, rule_ids):
    assert parameter.rule in rule_ids


@pytest.mark.parametrize("parameter", p.ALL_PARAMETERS, ids=param_id)
def test_parameter_has_a_known_confidence(parameter):
    assert parameter.confidence in CONFIDENCES


@pytest.mark.parametrize("parameter", p.ALL_PARAMETERS, ids=param_id)
def test_until_is_not_before_effective(parameter):
    assert parameter.until is None or parameter.until >= parameter.effective


def test_every_dated_entry_is_in_all_parameters():
    # Otherwise a change to it would not change RULES_VERSION.
    for series in p.ALL_DATED:
        for entry in series:
            assert entry in p.ALL_PARAMETERS


@pytest.mark.parametrize("series", p.ALL_DATED, ids=series_id)
def test_dated_series_is_in_strictly_increasing_order(series):
    assert series
    assert len({entry.key for entry in series}) == 1
    dates = [entry.effective for entry in series]
    assert all(a < b for a, b in zip(dates, dates[1:], strict=False)), dates
    for earlier, later in zip(series, series[1:], strict=False):
        assert earlier.until is None or earlier.until < later.effective


@pytest.mark.parametrize("series", p.ALL_DATED, ids=series_id)
def test_in_force_on_both_sides_of_each_change(series):
    assert p.in_force(series, series[0].effective - DAY) is None
    for earlier, later in zip(series, series[1:], strict=False):
        day_before = later.effective - DAY
        expected = earlier if earlier.until is None or day_before <= earlier.until else None
        assert p.in_force(series, day_before) is expected
        assert p.in_force(series, later.effective) is later
    last = series[-1]
    assert p.in_force(series, last.effective) is last
    if last.until is None:
        assert p.in_force(series, date(2100, 1, 1)) is last
    else:
        assert p.in_force(series, last.until) is last
        assert p.in_force(series, last.until + DAY) is None


@pytest.mark.parametrize(
    ("on", "years"),
    [
        (date(2022, 12, 31), 65),  # rules.md R9: 65 until 2022
        (date(2023, 1, 1), 66),
        (date(2025, 12, 31), 66),
        (date(2026, 1, 1), 67),
    ],
)
def test_age_limit_as_of(on, years):
    entry = p.in_force(p.AGE_LIMIT, on)
    assert (entry.value if entry else None) == years


@pytest.mark.parametrize(
    ("on", "basic_under_1"),
    [
        (date(2022, 12, 31), None),
        (date(2023, 1, 1), Fraction(12)),
        (date(2024, 12, 31), Fraction(12)),
        (date(2025, 1, 1), Fraction(6)),
    ],
)
def test_parental_deduction_table_as_of(on, basic_under_1):
    entry = p.in_force(p.PARENTAL_DEDUCTION, on)
    assert (entry.value.hours_per_day(0)[0] if entry else None) == basic_under_1


@pytest.mark.parametrize("table", p.PARENTAL_DEDUCTION, ids=param_id)
def test_no_parental_deduction_from_18(table):
    assert table.value.hours_per_day(17) is not None
    assert table.value.hours_per_day(18) is None
    assert table.value.hours_per_day(40) is None


# Typed from rules.md R8, independently of the parameter module.
R8_TABLE = """2012 267 · 2013 275 · 2014 280 · 2015 284 · 2016 288 · 2017 291 · 2018 295.40 ·
2019 299.80 · 2020 304.30 · 2021 315.00 · 2022 319.70 · 2023 324.50 · 2024 332.60 ·
2025 342.60 · 2026 347.70"""


def test_hourly_amounts_match_rules_md():
    listed = {
        int(y): Decimal(a) for y, a in re.findall(r"\b(20\d\d) (\d{3}(?:\.\d+)?)\b", R8_TABLE)
    }
    stored = {entry.effective.year: entry.value for entry in p.HOURLY_AMOUNT}
    assert stored == listed
    for entry in p.HOURLY_AMOUNT:
        assert entry.effective == date(entry.effective.year, 1, 1)
        assert entry.until == date(entry.effective.year, 12, 31)


def test_2022_hourly_amount_is_derived_from_2023():
    by_year = {entry.effective.year: entry for entry in p.HOURLY_AMOUNT}
    assert by_year[2022].confidence == p.DERIVED
    assert by_year[2023].value == (by_year[2022].value * Decimal("1.015")).quantize(Decimal("0.1"))
    assert all(e.confidence == p.HIGH for y, e in by_year.items() if y != 2022)


def test_fixed_values():
    assert p.THRESHOLD_HOURS.value == 20 and p.THRESHOLD_HOURS.rule == "R5"
    assert p.WAITING_FACTOR.value == Fraction(1, 4) and p.WAITING_FACTOR.rule == "R6"
    assert p.ON_CALL_FACTOR.value == Fraction(1, 7) and p.ON_CALL_FACTOR.rule == "R6"
    assert p.WEEKS_PER_YEAR.value == 52
    assert p.WAITING_ALLOWED_FROM.value.isoformat() == "2018-04-01"


def test_rules_version_names_the_edition_and_a_parameter_hash():
    edition, _, digest = engine.RULES_VERSION.partition("+")
    assert edition == engine.RULES_EDITION
    assert re.fullmatch(r"[0-9a-f]{8}", digest)


def test_rules_version_changes_when_a_parameter_changes():
    hash_function = engine._parameters_hash
    if not inspect.signature(hash_function).parameters:
        pytest.skip("the parameter hash cannot be computed on another tuple of parameters")
    current = hash_function(p.ALL_PARAMETERS)
    assert current == engine.RULES_VERSION.partition("+")[2]
    changed = (replace(p.THRESHOLD_HOURS, value=21), *p.ALL_PARAMETERS[1:])
    assert hash_function(changed) != current
    redated = (*p.ALL_PARAMETERS[:-1], replace(p.ALL_PARAMETERS[-1], until=None))
    assert hash_function(redated) != current
