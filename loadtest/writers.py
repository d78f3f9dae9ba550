"""Concurrent writers: people saving rows as fast as the server lets them, on drafts of their
own and on one shared draft, while a large PDF renders; then every acknowledged value is read
back. Used by scripts/concurrent_writers.py (figures) and tests/test_serving.py (0 errors)."""

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .client import Person, ServerError, row_form
from .files import assessment_file


@dataclass
class Outcome:
    saves: int = 0
    errors: Counter = field(default_factory=Counter)
    lost: int = 0
    pdfs: int = 0
    pdf_errors: Counter = field(default_factory=Counter)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


@dataclass
class Writer:
    person: Person
    row: dict
    row_index: int
    url: str = ""
    acknowledged: float | None = None
    # Values sent after the last acknowledged one: a save may commit and still fail to answer.
    unacknowledged: list[float] = field(default_factory=list)


def _describe(error: Exception) -> str:
    return str(error) if isinstance(error, ServerError) else type(error).__name__


def run(
    base_url: str,
    *,
    writers: int,
    seconds: float,
    shared: int = 0,
    pdf_rows: int = 0,
    during: Callable[[], None] | None = None,
) -> Outcome:
    """`writers` people, the last `shared` of them on one common draft, each saving one row
    in a loop for `seconds`; with `pdf_rows`, one more person fetches that long a PDF
    meanwhile. `during` (faults, say) runs while they write, and they go on for `seconds`
    after it has returned."""
    rows_each = 5
    people = []
    shared_token = None
    shared_file = assessment_file(max(shared, 1), title="Delad")
    for number in range(writers):
        person = Person(base_url)
        if number >= writers - shared:
            if shared_token is None:
                shared_token = person.open_file(shared_file)
            person.token = shared_token
            index = number - (writers - shared)
            people.append(Writer(person, shared_file["activities"][index], index))
        else:
            own = assessment_file(rows_each, title=f"Egen {number}")
            person.open_file(own)
            people.append(Writer(person, own["activities"][0], 0))
    for writer in people:
        writer.url = writer.person.row_urls()[writer.row_index]

    outcome = Outcome()
    lock = threading.Lock()
    stop = threading.Event()

    def write(writer: Writer) -> None:
        saves = 0
        while not stop.is_set():
            # Every value told apart, and within a day's clock minutes for any row's times.
            saves += 1
            value = round(1 + saves / 100, 2)
            writer.unacknowledged.append(value)
            try:
                writer.person.save_row(writer.url, row_form(writer.row, minutes=value))
            except (ServerError, OSError) as error:
                with lock:
                    outcome.errors[_describe(error)] += 1
                continue
            writer.acknowledged, writer.unacknowledged = value, []
            with lock:
                outcome.saves += 1

    def render() -> None:
        person = Person(base_url, timeout=120)
        person.open_file(assessment_file(pdf_rows, title="Lång", note="Anteckning " * 4))
        while not stop.is_set():
            try:
                person.pdf()
                outcome.pdfs += 1
            except (ServerError, OSError) as error:
                outcome.pdf_errors[_describe(error)] += 1

    threads = [threading.Thread(target=write, args=(w,)) for w in people]
    if pdf_rows:
        threads.append(threading.Thread(target=render))
    for thread in threads:
        thread.start()
    if during is not None:
        during()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()

    for writer in people:
        if writer.acknowledged is None:
            continue
        stored = writer.person.read_back()["activities"][writer.row_index]["minutes"]
        if stored != writer.acknowledged and stored not in writer.unacknowledged:
            outcome.lost += 1
    return outcome
