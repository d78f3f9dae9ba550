"""Personnummer and samordningsnummer found in free text (assessments.personal_numbers).

The same examples are typed in the browser (tests/e2e/test_editor.py), where app.js checks them.
"""

import pytest

from assessments import personal_numbers

FOUND = [
    "811218-9876",  # the ten digits with a hyphen
    "811218+9876",  # "+": the person is 100 or older
    "8112189876",
    "19811218-9876",  # with the century
    "198112189876",
    "20811278 9873",  # a samordningsnummer (day + 60), with a space
    "Intyg från vårdcentralen för 811218-9876, se bilaga.",
]
NOT_FOUND = [
    "811218-9877",  # the check digit is wrong
    "811318-9873",  # no month 13
    "070-123 45 67",  # a phone number
    "0701234567",  # a phone number in one run: its date part is no date
    "12345678901234",  # a longer run of digits
    "Dusch 20 min, 3 gånger",
    "",
]


@pytest.mark.parametrize("text", FOUND)
def test_a_personal_number_with_a_valid_check_digit_is_found(text):
    assert personal_numbers.contains(text)


@pytest.mark.parametrize("text", NOT_FOUND)
def test_other_numbers_and_text_are_not_taken_for_one(text):
    assert not personal_numbers.contains(text)


def test_the_number_is_given_as_written():
    assert personal_numbers.find("Anteckning: 19811218-9876.") == ["19811218-9876"]
