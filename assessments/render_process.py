"""The process a PDF is rendered in (assessments.render_pool).

Imported once by the multiprocessing fork server, which then forks one process per PDF: Django,
WeasyPrint and fontconfig are loaded and warmed up before the fork, so a render starts in
milliseconds. Django's LOGGING (tokens masked, WeasyPrint's glyph warnings out) applies here too.
"""

import gc
import os
import signal
from datetime import date

import django

django.setup()

from . import pdf, rules  # noqa: E402 - needs the apps loaded

# Renders yield the processor to the web threads: a page answers while PDFs are printed.
NICENESS = 10

# Fontconfig reads its configuration and Pango loads its fonts on the first layout, and the
# summary's stylesheet is parsed on its first use: do it once, here, on a one-row summary, so
# that each forked render finds the stylesheet parsed and the summary's fonts (every size and
# weight) loaded in pdf.font_configuration().
pdf.render_summary(
    rules.Assessment(
        date(2026, 1, 1),
        (
            rules.Activity(
                need="personal_hygiene",
                kind="basic",
                description="Å ا ሀ ก 中",
                minutes=10,
                times=1,
                per="day",
                days_per_week=7,
                note="-",
            ),
        ),
        age=9,
    ),
    printed_on=date(2026, 1, 1),
)
# Everything loaded so far lives as long as the fork server: out of the collector's sight, so
# that a forked render's collections neither walk it nor copy its memory pages (copy-on-write).
gc.freeze()


def render(html: str, seconds: float, connection, stylesheet_name: str | None = None) -> None:
    """Send ("pdf", bytes) or ("error", the exception's name) and end."""
    # Ends this process even if the web worker that waits for it is gone (SIGKILL).
    signal.alarm(int(seconds) + 5)
    os.nice(NICENESS)
    try:
        connection.send(("pdf", pdf.html_to_pdf(html, stylesheet_name)))
    except Exception as error:  # noqa: BLE001 - reported to the waiting request instead
        connection.send(("error", type(error).__name__))
    finally:
        connection.close()
