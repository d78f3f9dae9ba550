"""People editing drafts of their own, each one request at a time, all at once: the requests a
fault of the database meets (scripts/bench_postgres_restart.py, tests/test_transactions.py)."""

import threading
from collections import Counter

from .client import Person, ServerError, row_form
from .files import assessment_file


class Editor:
    """A person on a 5-row draft of their own, opening it and saving its first row in turn."""

    def __init__(self, base_url: str):
        self.person = Person(base_url, timeout=120)
        self.data = assessment_file(5)
        self.person.open_file(self.data)
        self.row_url = self.person.row_urls()[0]
        self.minutes = 1

    def form(self, **changes) -> dict:
        return row_form(self.data["activities"][0], **changes)

    def work(self, count: int, failures: Counter) -> None:
        """`count` requests, every other one a save; each failure is counted by its kind."""
        for number in range(count):
            try:
                if number % 2:
                    self.minutes = self.minutes % 600 + 1
                    self.person.save_row(self.row_url, self.form(minutes=self.minutes))
                else:
                    self.person.get(self.person.draft_path)
            except (ServerError, OSError) as error:
                failures[str(error) or type(error).__name__] += 1


def all_at_once(editors: list[Editor], count: int) -> Counter:
    """Every editor makes `count` requests, in threads of their own; the failures by kind."""
    failures = Counter()
    threads = [threading.Thread(target=e.work, args=(count, failures)) for e in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures
