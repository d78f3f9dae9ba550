"""How fast the start page answers while long PDFs render (issue 13: within 0.5 s with two
500-row PDFs rendering): the figures of scripts/bench_responsive.py."""

import statistics
import threading
import time
from dataclasses import dataclass

import requests

from .client import Person, ServerError
from .files import assessment_file


@dataclass
class Timings:
    page_seconds: list[float]
    pdfs: int
    pdf_seconds: list[float]
    pdf_errors: int

    @property
    def p95(self) -> float:
        pages = sorted(self.page_seconds)
        return pages[max(0, int(len(pages) * 0.95) - 1)]

    def summary(self) -> str:
        pages = sorted(self.page_seconds)
        p95 = self.p95
        pdf = f", median {statistics.median(self.pdf_seconds):.1f} s" if self.pdf_seconds else ""
        return (
            f"GET / ×{len(pages)}: median {statistics.median(pages) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms, max {pages[-1] * 1000:.0f} ms; "
            f"{self.pdfs} PDFs rendered{pdf}, {self.pdf_errors} refused or failed"
        )


def measure(base_url: str, *, pdfs: int = 2, rows: int = 500, seconds: float = 10) -> Timings:
    renderers = []
    for number in range(pdfs):
        person = Person(base_url, timeout=120)
        person.open_file(assessment_file(rows, title=f"Lång {number}", note="Anteckning."))
        renderers.append(person)
    # Let the renders start before the first page is timed.
    started = threading.Barrier(pdfs + 1)
    stop = threading.Event()
    pdf_seconds, errors = [], []

    def render(person: Person) -> None:
        started.wait()
        while not stop.is_set():
            begun = time.monotonic()
            try:
                person.pdf()
                pdf_seconds.append(time.monotonic() - begun)
            except (ServerError, OSError):
                errors.append(1)

    threads = [threading.Thread(target=render, args=(p,)) for p in renderers]
    for thread in threads:
        thread.start()
    started.wait()
    time.sleep(0.5)
    page_seconds = []
    deadline = time.monotonic() + seconds
    with requests.Session() as browser:
        while time.monotonic() < deadline:
            begun = time.monotonic()
            browser.get(base_url, timeout=30).raise_for_status()
            page_seconds.append(time.monotonic() - begun)
            time.sleep(0.2)
    stop.set()
    for thread in threads:
        thread.join()
    return Timings(page_seconds, len(pdf_seconds), pdf_seconds, len(errors))
