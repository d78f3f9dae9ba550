"""The deadline's calendar file (assessments.ics, rules.md R14): a correct VCALENDAR with one
all-day event, text escaped, lines folded, and nothing in it but the deadline. Read back by an
RFC 5545 reader written here (unfold, split properties, unescape), not by the code under test."""

from datetime import UTC, date, datetime

import pytest

from assessments import ics, rules
from assessments.rules.deadline import deadline
from tests.factories import make_draft

STAMP = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def unfold(body: str) -> list[str]:
    """RFC 5545 3.1: every line ends in CRLF; a line starting with a space continues the last."""
    assert body.endswith("\r\n")
    physical = body[:-2].split("\r\n")
    assert all("\n" not in line and "\r" not in line for line in physical)
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append("\n" if following in "nN" else following)
        else:
            assert char not in ";,", f"unescaped {char!r} in {value!r}"
            out.append(char)
    return "".join(out)


def properties(body: str) -> list[tuple[str, str]]:
    pairs = []
    for line in unfold(body):
        name, _, value = line.partition(":")
        pairs.append((name, value))
    return pairs


def event(body: str) -> dict[str, str]:
    """The event's own properties (the first of each name: the alarm's come after)."""
    values: dict[str, str] = {}
    for name, value in properties(body):
        values.setdefault(name, value)
    return values


def fk_deadline(received=date(2026, 10, 20), by="fk"):
    return deadline(rules.Decision(by, date(2026, 10, 15), received=received))


def test_one_all_day_event_on_the_last_day_inside_a_calendar():
    body = ics.deadline_calendar(fk_deadline(), stamp=STAMP)
    pairs = properties(body)
    names = [name for name, _value in pairs]
    assert names[:2] == ["BEGIN", "VERSION"] and pairs[0] == ("BEGIN", "VCALENDAR")
    assert pairs[-1] == ("END", "VCALENDAR")
    assert ("VERSION", "2.0") in pairs and "PRODID" in names
    begins = [value for name, value in pairs if name == "BEGIN"]
    assert begins == ["VCALENDAR", "VEVENT", "VALARM"]
    values = event(body)
    # 2026-12-20 is a Sunday: the last day is Monday 2026-12-21, all day (DTEND the day after).
    assert values["DTSTART;VALUE=DATE"] == "20261221"
    assert values["DTEND;VALUE=DATE"] == "20261222"
    assert values["DTSTAMP"] == "20261207T120000Z"
    assert values["UID"].endswith("@behovsraknare")
    assert unescape(values["SUMMARY"]) == (
        "Sista dagen för begäran om omprövning till Försäkringskassan"
    )
    description = unescape(values["DESCRIPTION"])
    assert description.startswith("Sista dagen för en begäran om omprövning är 2026-12-21.")
    assert "Du fick beslutet 2026-10-20; två månader senare är 2026-12-20." in description
    assert ("TRIGGER", "-P7D") in pairs


def test_text_is_escaped_and_long_lines_folded_without_splitting_a_character():
    assert ics.escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    line = "DESCRIPTION:" + "åäö" * 40
    folded = ics.fold(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded)
    assert folded[0] + "".join(part[1:] for part in folded[1:]) == line


def test_the_same_decision_gives_the_same_uid_and_another_date_another():
    first = dict(properties(ics.deadline_calendar(fk_deadline(), stamp=STAMP)))["UID"]
    again = dict(properties(ics.deadline_calendar(fk_deadline(), stamp=STAMP)))["UID"]
    other = dict(properties(ics.deadline_calendar(fk_deadline(date(2026, 10, 21)), stamp=STAMP)))[
        "UID"
    ]
    assert first == again != other


def test_a_kommun_decision_is_an_appeal_three_weeks_on():
    body = ics.deadline_calendar(fk_deadline(date(2026, 12, 3), by="kommun"), stamp=STAMP)
    values = dict(properties(body))
    # 2026-12-24 is julafton, then juldagen, annandag jul and a weekend.
    assert values["DTSTART;VALUE=DATE"] == "20261228"
    assert "överklagande" in unescape(values["SUMMARY"])


@pytest.mark.django_db
def test_the_download_holds_no_title_no_rows_and_no_link(client):
    draft = make_draft(
        [{"description": "Dusch efter anfall", "minutes": 90}],
        title="Lisa Andersson epilepsi",
        decision_by="fk",
        decision_date=date(2026, 10, 15),
    )
    response = client.get(f"/b/{draft.token}/frist.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="frist-omprovning-2026-12-15.ics"'
    )
    body = response.content.decode()
    for private in ("Lisa", "epilepsi", "Dusch", draft.token, "timmar"):
        assert private not in body
    assert "Räknat från beslutsdatum" in unescape(event(body)["DESCRIPTION"])


@pytest.mark.django_db
def test_no_calendar_without_a_date_or_a_decision(client):
    without_date = make_draft([{}], decision_by="fk")
    assert client.get(f"/b/{without_date.token}/frist.ics").status_code == 404
    without_decision = make_draft([{}])
    assert client.get(f"/b/{without_decision.token}/frist.ics").status_code == 404
