"""Row actions at the same moment on one draft: many people add, move and remove rows at once,
then the draft's stored positions are read from the server's own database. Used by
scripts/concurrent_adds.py (figures) and tests/test_serving.py (the limit and one row per
position hold)."""

import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import requests

from .client import Person, ServerError
from .files import assessment_file

POSITIONS = (
    "SELECT a.position FROM assessments_activity a JOIN assessments_assessment d"
    " ON d.id = a.assessment_id WHERE d.token = {} ORDER BY a.position"
)


RETRIES_AFTER_503 = 5


def stored_positions(database_url: str, token: str) -> list[int]:
    """The stored positions of a draft's rows."""
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            return [row[0] for row in db.execute(POSITIONS.format("?"), (token,))]
    import psycopg

    with psycopg.connect(database_url) as db:
        return [row[0] for row in db.execute(POSITIONS.format("%s"), (token,))]


def at_once(people: list[Person], action: Callable[[Person, int], requests.Response]) -> Counter:
    """Run `action(person, number)` for every person at the same moment; count the answers
    ("200", "HTTP 500", …)."""
    ready = threading.Barrier(len(people))
    outcomes = Counter()
    lock = threading.Lock()

    def run(number: int, person: Person) -> None:
        person.get("/")  # the CSRF cookie first, so that the posts leave together
        ready.wait()
        for _attempt in range(RETRIES_AFTER_503 + 1):
            try:
                outcome = str(action(person, number).status_code)
            except ServerError as error:
                outcome = str(error)
            if outcome not in ("503", "HTTP 503"):
                break
            # A busy database is told as "Vi kan inte spara just nu" (503) with nothing
            # stored, and the person tries again, as the page's "Försök igen" does: on a
            # loaded machine one of many writers may wait past SQLite's busy timeout.
            time.sleep(0.5)
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=run, args=item) for item in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def open_draft(base_url: str, rows: int, people: int) -> tuple[Person, list[Person]]:
    """A draft of `rows` rows opened from a file, and `people` more sessions on it."""
    owner = Person(base_url)
    owner.open_file(assessment_file(rows))
    others = [Person(base_url) for _ in range(people)]
    for person in others:
        person.token = owner.token
    return owner, others


@dataclass
class Positions:
    answers: Counter
    rows: int
    shared: int  # rows that share their position with another row

    def summary(self) -> str:
        answers = ", ".join(f"{count}× {answer}" for answer, count in sorted(self.answers.items()))
        return f"{self.rows} rows, {self.shared} sharing a position; answers: {answers}"


def positions_after(database_url: str, token: str, answers: Counter) -> Positions:
    positions = stored_positions(database_url, token)
    shared = sum(count for count in Counter(positions).values() if count > 1)
    return Positions(answers, len(positions), shared)


def adds(base_url: str, database_url: str, *, rows: int, adds: int) -> tuple[Person, Positions]:
    """`adds` people add a row at once to a draft of `rows` rows."""
    owner, people = open_draft(base_url, rows, adds)
    answers = at_once(people, lambda person, _number: person.add_row())
    return owner, positions_after(database_url, owner.token, answers)
