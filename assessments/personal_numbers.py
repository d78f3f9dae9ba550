"""Personnummer and samordningsnummer in free text, so that the page can warn before they are saved.

The draft is meant to hold no one's identity (README, privacy): a title, a description or a note
with a personal number in it is stored on the server and readable by anyone with the link. This
finds numbers that really are personal numbers (a plausible date and a valid check digit), with
or without the century and the separator, so that the person can be told and can take it out.
`static/js/app.js` does the same check in the browser as the person types; both are tested with
the same examples (tests/test_personal_numbers.py, tests/e2e/test_editor.py).

Skatteverket, "Personnummer" (SKV 704) and "Samordningsnummer" (SKV 707): YYMMDD-NNNC, the
separator "+" from the year a person turns 100, C a Luhn check digit over the ten digits, and
for a samordningsnummer 60 added to the day of birth.
"""

import re

# Twelve or ten digits, optionally with "-", "+" or a space before the last four; not part of a
# longer run of digits (an order number or a phone number written without spaces).
CANDIDATE = re.compile(r"(?<!\d)(?:(?:18|19|20)(\d{6})|(\d{6}))[-+ ]?(\d{4})(?!\d)")


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(digits):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _plausible_date(yymmdd: str) -> bool:
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    if day > 60:  # samordningsnummer
        day -= 60
    return 1 <= month <= 12 and 1 <= day <= 31


def find(text: str) -> list[str]:
    """The personal numbers in `text`, as written."""
    found = []
    for match in CANDIDATE.finditer(text or ""):
        date = match.group(1) or match.group(2)
        if _plausible_date(date) and luhn_valid(date + match.group(3)):
            found.append(match.group(0))
    return found


def contains(text: str) -> bool:
    return bool(find(text))
