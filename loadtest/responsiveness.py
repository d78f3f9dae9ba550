"""How fast the start page answers while PDFs are asked for (issue 13: within 0.5 s with two
500-row PDFs rendering; issue 18: with 12 people asking at once, a PDF waiting for a render slot
must not hold the page). Used by scripts/bench_responsive.py and tests/test_serving.py.

Every PDF asked for is a real render: before each one the person changes a row of the draft
(the PDF cache serves an unchanged draft's PDF again without rendering), and the row's new
description is printed in that PDF. A PDF refused because every render slot is busy (503) is
asked for again a second later, as a person would press the button again.
"""

import threading
import time
from dataclasses import dataclass, field

import requests

from .client import Person, ServerError, row_form
from .files import assessment_file
from .stats import percentile

RETRY_SECONDS = 1.0


@dataclass
class Printed:
    """A PDF that came back, and the description the draft's first row had when it was asked
    for: found in the PDF, it shows that the PDF was rendered for that change."""

    description: str
    body: bytes


@dataclass
class Timings:
    page_seconds: list[float]
    pdf_seconds: list[float] = field(default_factory=list)
    queued: int = 0  # 503: every render slot busy ("Utskriften är köad")
    pdf_errors: int = 0  # any other failure
    printed: list[Printed] = field(default_factory=list)

    @property
    def pdfs(self) -> int:
        return len(self.pdf_seconds)

    @property
    def p95(self) -> float:
        return percentile(self.page_seconds, 0.95)

    def summary(self) -> str:
        pages = self.page_seconds
        pdf = f", median {percentile(self.pdf_seconds, 0.5):.1f} s" if self.pdf_seconds else ""
        asked = self.pdfs + self.queued + self.pdf_errors
        return (
            f"GET / ×{len(pages)}: p50 {percentile(pages, 0.5) * 1000:.0f} ms, "
            f"p95 {self.p95 * 1000:.0f} ms, max {max(pages) * 1000:.0f} ms; "
            f"{asked} PDFs asked for: {self.pdfs} rendered{pdf}, {self.queued} queued (503), "
            f"{self.pdf_errors} failed"
        )


def measure(
    base_url: str, *, pdfs: int = 2, rows: int = 500, seconds: float = 10, keep: bool = False
) -> Timings:
    """`pdfs` people ask for the PDF of a draft of their own, changed before each one, while
    GET / is timed every 0.2 s for `seconds`; with `keep`, the PDFs are kept in `printed`."""
    renderers = []
    for number in range(pdfs):
        person = Person(base_url, timeout=120)
        data = assessment_file(rows, title=f"Lång {number}", note="Anteckning.")
        person.open_file(data)
        renderers.append((person, person.row_urls()[0], data["activities"][0]))
    # Let the renders start before the first page is timed.
    started = threading.Barrier(pdfs + 1)
    stop = threading.Event()
    timings = Timings([])
    lock = threading.Lock()

    def render(person: Person, url: str, row: dict) -> None:
        started.wait()
        change = 0
        while not stop.is_set():
            change += 1
            description = f"{row['description']} ändrad {change}"
            try:
                person.save_row(url, row_form(row, description=description))
            except (ServerError, OSError):
                with lock:
                    timings.pdf_errors += 1
                continue
            while not stop.is_set():
                begun = time.monotonic()
                response = person.session.get(person.url(f"{person.draft_path}pdf/"), timeout=120)
                with lock:
                    if response.status_code == 200:
                        timings.pdf_seconds.append(time.monotonic() - begun)
                        if keep:
                            timings.printed.append(Printed(description, response.content))
                    elif response.status_code == 503:
                        timings.queued += 1
                    else:
                        timings.pdf_errors += 1
                if response.status_code != 503:
                    break
                stop.wait(RETRY_SECONDS)

    threads = [threading.Thread(target=render, args=r) for r in renderers]
    for thread in threads:
        thread.start()
    started.wait()
    time.sleep(0.5)
    deadline = time.monotonic() + seconds
    with requests.Session() as browser:
        while time.monotonic() < deadline:
            begun = time.monotonic()
            browser.get(base_url, timeout=60).raise_for_status()
            timings.page_seconds.append(time.monotonic() - begun)
            time.sleep(0.2)
    stop.set()
    for thread in threads:
        thread.join()
    return timings
