"""The deadline as a calendar file (.ics, RFC 5545), made here: no third party is asked.

One all-day event on the last day to contest the decision (rules.md R14), with a reminder a
week before. It holds only what the date needs: who the request or appeal goes to, the last
day, and how it was counted (the decision's date or the day it came). Never the draft's title,
its rows, its hours or its link: a calendar is often shared or synced elsewhere.
"""

import uuid
from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from assessments.rules.deadline import Deadline, DeadlineKind

# The events' UIDs: the same decision and dates give the same UID, so that opening the file
# again updates the event instead of adding a second one; no token goes into it.
NAMESPACE = uuid.UUID("6f1c3c2e-5d8b-4a57-9a43-3b1e2f0d7c41")
MAX_OCTETS = 75  # RFC 5545 3.1: a line longer than this is folded


def escape(text: str) -> str:
    """RFC 5545 3.3.11: a TEXT value with its backslashes, semicolons, commas and line
    breaks escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> list[str]:
    """RFC 5545 3.1: lines of at most 75 octets, continued with one space; never inside a
    UTF-8 character."""
    lines, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > MAX_OCTETS:
            lines.append(current)
            current, size = " ", 1
        current += char
        size += width
    return [*lines, current]


def summary(last: Deadline) -> str:
    if last.kind == DeadlineKind.OMPROVNING:
        return _("Sista dagen för begäran om omprövning till Försäkringskassan")
    return _("Sista dagen för överklagande (skickas till kommunen)")


def deadline_calendar(last: Deadline, *, stamp: datetime) -> str:
    """The calendar file of the deadline, CRLF line ends, `stamp` (UTC) as its DTSTAMP."""
    day = last.last_day
    uid = uuid.uuid5(NAMESPACE, f"{last.kind}:{last.start.isoformat()}:{day.isoformat()}")
    description = f"{last.headline} {last.explanation}"
    properties = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Behovsraknare//Frist//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}@behovsraknare",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape(summary(last))}",
        f"DESCRIPTION:{escape(description)}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:-P7D",
        f"DESCRIPTION:{escape(summary(last))}",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(part + "\r\n" for line in properties for part in fold(line))


def filename(last: Deadline) -> str:
    return f"frist-{last.kind.value}-{last.last_day.isoformat()}.ics"
