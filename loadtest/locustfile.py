"""The load test's person (Locust): opens a draft of their own from a file and saves one row
edit a second, round the rows; every value sent and acknowledged is kept for the read-back.

Run by `python -m loadtest` (scripts/loadtest.sh), which sets `Applicant.rows` and reads
`Applicant.drafts` when the users have stopped.
"""

import itertools
import random
import time
from dataclasses import dataclass, field

import gevent
from locust import HttpUser, task

from .client import Person, ServerError, row_form
from .files import assessment_file
from .pacing import own_rhythm


@dataclass
class Draft:
    """What one person saved: per row, the last value the server acknowledged, and the values
    sent since (a save that timed out or whose worker was killed may have committed)."""

    token: str
    rows: list[dict]
    acknowledged: dict[int, int] = field(default_factory=dict)
    pending: dict[int, list[int]] = field(default_factory=dict)


def edit(row: dict, value: int) -> dict:
    """The row form with a value that tells every save apart (the note); the minutes stay
    within a day's clock minutes for every row's times (at most 6 a day: 6 × 200 ≤ 1440)."""
    return row_form(row, minutes=value % 200 + 1, note=f"Ändring {value}")


def stored_value(row: dict) -> int | None:
    note = row.get("note", "")
    return int(note.removeprefix("Ändring ")) if note.startswith("Ändring ") else None


class Applicant(HttpUser):
    wait_time = own_rhythm(1)
    rows = 60
    drafts: list[Draft] = []

    def on_start(self):
        self.person = Person(self.host, session=self.client)
        data = assessment_file(self.rows, title="Lasttest")
        token = self.person.open_file(data, name="open file")
        self.urls = self.person.row_urls(name="draft page")
        if len(self.urls) != self.rows:
            raise ServerError(f"the draft page shows {len(self.urls)} rows of {self.rows}")
        self.draft = Draft(token, data["activities"])
        Applicant.drafts.append(self.draft)
        self.turn = itertools.cycle(range(self.rows))
        self.saves = itertools.count(1)
        # People do not type in step: without this, everyone who opened a draft in the same
        # moment would save in the same millisecond of every second.
        gevent.sleep(random.random())
        self.rhythm_start = time.monotonic()

    @task
    def save_a_row(self):
        index, value = next(self.turn), next(self.saves)
        self.draft.pending.setdefault(index, []).append(value)
        try:
            self.person.save_row(self.urls[index], edit(self.draft.rows[index], value), name="save")
        except ServerError:
            return  # Locust counts the failure
        self.draft.acknowledged[index] = value
        self.draft.pending[index] = []
