"""PDF rendering within a budget (issue 13): a size limit checked before any work, and the
render in a process of its own, with a time limit, a few at a time per web worker.

WeasyPrint's layout is CPU-bound Python: in a web worker's thread it would hold the GIL, and in a
sync worker the whole worker, for seconds (a 500-row draft takes about 8 s here). So the request
builds the HTML (the only part that needs the database) and a forked render process lays it
out at a lower priority; a render that outlives PDF_RENDER_TIMEOUT is killed and the person gets
a Swedish page (503) instead of gunicorn's worker timeout. A draft over the limits gets 413.
"""

import multiprocessing
import threading
from datetime import date
from functools import wraps
from multiprocessing import forkserver

from django.conf import settings
from django.db.models import Count, Sum
from django.db.models.functions import Length
from django.template.response import TemplateResponse

from . import pdf
from .models import Assessment


class PdfRefused(Exception):
    status = 503


class TooLarge(PdfRefused):
    """More rows or text than a PDF renders within its budget."""

    status = 413


class Unavailable(PdfRefused):
    """All render slots busy, or the render took too long."""


_context_lock = threading.Lock()
_context = None
_slots: threading.BoundedSemaphore | None = None


def _render_context():
    """The fork server (one per web worker, started at its first PDF) and the slots."""
    global _context, _slots
    with _context_lock:
        if _context is None:
            _context = multiprocessing.get_context("forkserver")
            _context.set_forkserver_preload(["assessments.render_process"])
            _slots = threading.BoundedSemaphore(settings.PDF_RENDERS_PER_WORKER)
    return _context, _slots


def start() -> None:
    """Start this worker's fork server now (about 2 s), not at its first PDF."""
    _render_context()
    forkserver.ensure_running()


def check_size(assessment: Assessment) -> None:
    size = assessment.activities.aggregate(
        rows=Count("id"), text=Sum(Length("description")) + Sum(Length("note"))
    )
    if size["rows"] > settings.PDF_MAX_ROWS or (size["text"] or 0) > settings.PDF_MAX_TEXT:
        raise TooLarge


def render_html(html: str) -> bytes:
    context, slots = _render_context()
    if not slots.acquire(timeout=settings.PDF_QUEUE_TIMEOUT):
        raise Unavailable
    try:
        receiver, sender = context.Pipe(duplex=False)
        # Pickled by name; the forked process has Django and render_process loaded already.
        process = context.Process(
            target=_render_in_process, args=(html, settings.PDF_RENDER_TIMEOUT, sender)
        )
        process.start()
        sender.close()
        try:
            if not receiver.poll(settings.PDF_RENDER_TIMEOUT):
                raise Unavailable
            kind, payload = receiver.recv()
        except EOFError as error:  # the process died without an answer
            raise Unavailable from error
        finally:
            receiver.close()
            if process.is_alive():
                process.kill()
            process.join(5)
        if kind != "pdf":
            raise RuntimeError(f"the PDF render failed: {payload}")
        return payload
    finally:
        slots.release()


def _render_in_process(html: str, seconds: float, connection) -> None:
    from .render_process import render

    render(html, seconds, connection)


def render_summary_pdf(assessment: Assessment, *, printed_on: date) -> bytes:
    """pdf.render_summary_pdf within the budget; raises TooLarge or Unavailable."""
    check_size(assessment)
    return render_html(pdf.summary_html(assessment, printed_on=printed_on))


def within_budget(view):
    """Answer a refused PDF with a Swedish page that says why and what to do."""

    @wraps(view)
    def wrapper(request, assessment, *args, **kwargs):
        try:
            return view(request, assessment, *args, **kwargs)
        except PdfRefused as refusal:
            response = TemplateResponse(
                request,
                "assessments/pdf_refused.html",
                {
                    "assessment": assessment,
                    "too_large": isinstance(refusal, TooLarge),
                    "max_rows": settings.PDF_MAX_ROWS,
                },
                status=refusal.status,
            )
            if isinstance(refusal, Unavailable):
                response["Retry-After"] = "60"
            return response

    return wrapper
