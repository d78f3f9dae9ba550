"""The process a PDF is rendered in (assessments.render_pool).

Imported once by the multiprocessing fork server, which then forks one process per PDF: Django,
WeasyPrint and fontconfig are loaded and warmed up before the fork, so a render starts in
milliseconds. Django's LOGGING (tokens masked, WeasyPrint's glyph warnings out) applies here too.
"""

import os
import signal

import django

django.setup()

from . import pdf  # noqa: E402 - needs the apps loaded

# Renders yield the processor to the web threads: a page answers while PDFs are printed.
NICENESS = 10

# Fontconfig reads its cache and Pango loads its fonts on the first layout: do it once, here.
pdf.html_to_pdf("<!DOCTYPE html><html lang='sv'><title>-</title><p>Å ا ሀ ก 中</p></html>")


def render(html: str, seconds: float, connection) -> None:
    """Send ("pdf", bytes) or ("error", the exception's name) and end."""
    # Ends this process even if the web worker that waits for it is gone (SIGKILL).
    signal.alarm(int(seconds) + 5)
    os.nice(NICENESS)
    try:
        connection.send(("pdf", pdf.html_to_pdf(html)))
    except Exception as error:  # noqa: BLE001 - reported to the waiting request instead
        connection.send(("error", type(error).__name__))
    finally:
        connection.close()
