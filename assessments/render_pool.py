"""PDF rendering within a budget (issue 13): a size limit checked before any work, and the
render in a process of its own, with a time limit, a few at a time on the host.

WeasyPrint's layout is CPU-bound Python: in a web worker's thread it would hold the GIL, and in a
sync worker the whole worker, for seconds (a 500-row draft takes about 8 s here). So the request
builds the HTML (the only part that needs the database) and a forked render process lays it
out at a lower priority, PDF_RENDERS at a time on the host; a render that outlives
PDF_RENDER_TIMEOUT is killed and the person gets a Swedish page (503) instead of gunicorn's
worker timeout. A draft over the limits gets 413.

A request that finds every render slot busy holds one of gunicorn's threads while it waits, and
a worker has only a few (GUNICORN_THREADS): with twelve people asking for PDFs at once, the
waiting requests held every thread and the start page waited 10 s behind them. So at most
PDF_QUEUE_WAITERS requests per web worker wait for a slot, at most PDF_QUEUE_TIMEOUT seconds;
any other is answered at once: "Utskriften är köad, försök om en stund" (503, Retry-After).
"""

import fcntl
import multiprocessing
import os
import threading
import time
from contextlib import contextmanager, nullcontext
from datetime import date
from functools import wraps
from multiprocessing import forkserver
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Sum
from django.db.models.functions import Length
from django.template.response import TemplateResponse
from django.utils import translation

from . import baselines, pdf
from .models import Assessment


class PdfRefused(Exception):
    status = 503


class TooLarge(PdfRefused):
    """More rows or text than a PDF renders within its budget."""

    status = 413


class Unavailable(PdfRefused):
    """All render slots busy, or the render took too long."""

    retry_after = 60


class Queued(Unavailable):
    """Every render slot busy, and this worker's places in line taken or their wait over."""

    retry_after = 5


class WaitingLine:
    """The requests of this web worker (its threads) that wait for a render slot: at most
    `settings.PDF_QUEUE_WAITERS` at a time, so that the others stay free for pages."""

    def __init__(self):
        self.lock = threading.Lock()
        self.waiting = 0

    @contextmanager
    def place(self):
        with self.lock:
            if self.waiting >= settings.PDF_QUEUE_WAITERS:
                raise Queued
            self.waiting += 1
        try:
            yield
        finally:
            with self.lock:
                self.waiting -= 1


waiting_line = WaitingLine()


class RenderSlots:
    """At most `count` renders at a time on this host, whichever web worker (or server) asks:
    a render holds one of `count` lock files (flock), which the kernel frees when its holder
    ends, even by SIGKILL, so a killed worker never keeps a slot."""

    def __init__(self, directory: Path, count: int):
        self.paths = [directory / f"slot-{number}.lock" for number in range(count)]
        self.directory = directory

    def _take(self) -> int | None:
        """A free slot's locked file descriptor, or None when every slot is held."""
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        for path in self.paths:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(descriptor)
                continue
            return descriptor
        return None

    @contextmanager
    def hold(self, timeout: float, line: WaitingLine | None = None):
        """Hold a slot; wait up to `timeout` seconds for one (in `line`, if given, which may
        refuse a place at once), else raise Queued."""
        descriptor = self._take()
        if descriptor is None and timeout > 0:
            with line.place() if line is not None else nullcontext():
                deadline = time.monotonic() + timeout
                while descriptor is None and time.monotonic() < deadline:
                    time.sleep(0.05)
                    descriptor = self._take()
        if descriptor is None:
            raise Queued
        try:
            yield
        finally:
            os.close(descriptor)  # releases the lock


_context_lock = threading.Lock()
_context = None


def _render_context():
    """This web worker's fork server, started at its first PDF (or by `start`)."""
    global _context
    with _context_lock:
        if _context is None:
            _context = multiprocessing.get_context("forkserver")
            # Each forked process runs the web worker's main script again (multiprocessing's
            # "prepare"): under gunicorn that imports gunicorn.app.wsgiapp, 16 ms of CPU per
            # PDF unless the fork server has it already (the round trip of an empty process
            # went from 25-35 ms to 10-19 ms). Left out where gunicorn is not installed.
            _context.set_forkserver_preload(["gunicorn.app.wsgiapp", "assessments.render_process"])
    return _context


def slots() -> RenderSlots:
    return RenderSlots(Path(settings.PDF_RENDER_LOCK_DIR), settings.PDF_RENDERS)


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


def render_slot():
    """One of the host's render slots, for building a PDF's HTML and rendering it; raises
    Queued when there is none (at once, or after a wait in this worker's line)."""
    return slots().hold(timeout=settings.PDF_QUEUE_TIMEOUT, line=waiting_line)


def render_html(html: str, stylesheet_name: str | None = None) -> bytes:
    """The PDF of `html` (with `pdf.html_to_pdf`'s fixed stylesheet `stylesheet_name`), laid
    out in a process of its own (hold a render slot)."""
    context = _render_context()
    receiver, sender = context.Pipe(duplex=False)
    # Pickled by name; the forked process has Django and render_process loaded already.
    process = context.Process(
        target=_render_in_process,
        args=(html, settings.PDF_RENDER_TIMEOUT, sender, stylesheet_name),
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


def _render_in_process(html: str, seconds: float, connection, stylesheet_name=None) -> None:
    from .render_process import render

    render(html, seconds, connection, stylesheet_name)


def render_summary(assessment: Assessment, *, printed_on: date, appendix: bool) -> bytes:
    """pdf.render_summary within the budget; raises TooLarge, Queued or Unavailable. The slot is
    taken before the HTML is built, so that a PDF that must wait or is queued costs nothing."""
    check_size(assessment)
    # In the draft's print language, whatever the page's (issue 21 item 5): the words of a
    # result are written when it is calculated, so the calculation is inside too.
    with render_slot(), translation.override(assessment.print_language):
        draft = assessment.to_rules()
        baseline = baselines.read(assessment)
        html = pdf.summary_html(
            draft,
            printed_on=printed_on,
            appendix=appendix,
            baseline=(baseline, assessment.baseline_decided) if baseline else None,
        )
        return render_html(html, pdf.SUMMARY_STYLESHEET)


def render_reconsideration(assessment: Assessment, *, printed_on: date) -> bytes | None:
    """pdf.render_reconsideration within the budget; None without a decision."""
    check_size(assessment)
    with render_slot(), translation.override(assessment.print_language):
        html = pdf.reconsideration_html(assessment.to_rules(), printed_on=printed_on)
        return None if html is None else render_html(html)


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
                    # The page the PDF belongs to (the edit link's, the read-only link's or the
                    # omprövning's): never the edit link from the read-only link.
                    "back_url": request.path.removesuffix("pdf/"),
                    "too_large": isinstance(refusal, TooLarge),
                    "queued": isinstance(refusal, Queued),
                    "max_rows": settings.PDF_MAX_ROWS,
                },
                status=refusal.status,
            )
            if isinstance(refusal, Unavailable):
                response["Retry-After"] = str(refusal.retry_after)
            return response

    return wrapper
