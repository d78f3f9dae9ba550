"""A transaction for each request that may write, none for a request that only reads; and a
Swedish 503 when the database cannot be reached or written.

Django's ATOMIC_REQUESTS puts every request in a transaction. On SQLite a transaction begins by
taking the database's write lock (transaction_mode IMMEDIATE, settings.py), so under it a page
that only reads waited for any other writer, and answered 500 after the busy timeout (issue 18:
the start page waited 6 s). Here only a request whose method may change something (not GET, HEAD
or OPTIONS) runs its view in a transaction, as ATOMIC_REQUESTS did: the view alone, rolled back
when it raises; its template renders after the commit. A read runs in autocommit: on SQLite (WAL)
each query sees the last commit and never waits; on PostgreSQL each query of a read-committed
transaction saw the last commit anyway.
"""

import logging
import sqlite3

from django.db import InterfaceError, OperationalError, transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

READ_ONLY_METHODS = {"GET", "HEAD", "OPTIONS"}
RETRY_AFTER_SECONDS = 30
# SQLite's primary result codes for a database that cannot be written now: busy or locked past
# the busy timeout, a full disk, an I/O error, a file it cannot open or write. Its other
# OperationalErrors ("no such table": a deploy without migrate) are faults, not waits.
SQLITE_UNAVAILABLE = {
    sqlite3.SQLITE_BUSY,
    sqlite3.SQLITE_LOCKED,
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_READONLY,
}


def database_unavailable(error: BaseException) -> bool:
    """Whether a database error means "not now" (try again later) rather than a fault: a
    connection that fails or is lost, a pool that lends none in time, PostgreSQL shutting down,
    out of disk or cancelling a statement, SQLite busy past its timeout or out of disk."""
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if isinstance(cause, sqlite3.Error):
        return (cause.sqlite_errorcode & 0xFF) in SQLITE_UNAVAILABLE
    return True  # psycopg's OperationalError: connection, resources, shutdown, cancel, deadlock


def unavailable_response(request) -> HttpResponse:
    """Nothing was saved, and what the person typed is kept: for an htmx save a sentence that
    app.js shows at the row, where the fields keep their values and "Försök igen" sends them
    again; without JavaScript a page with what was sent in a form of its own (a browser's back
    button fetches the page again, without what was typed), to send again with one button."""
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(
            _(
                "Vi kan inte spara just nu, eftersom tjänsten inte når sin databas. Försök igen "
                "om en stund; det du skrivit finns kvar på sidan."
            ),
            content_type="text/plain; charset=utf-8",
            status=503,
        )
    else:
        context = {"saving": request.method not in READ_ONLY_METHODS}
        if context["saving"]:
            context["resend_url"] = request.get_full_path()
            context["resend_fields"] = [
                (name, value)
                for name, values in request.POST.lists()
                if name != "csrfmiddlewaretoken"
                for value in values
            ]
            context["sent_files"] = bool(request.FILES)
        response = render(request, "database_unavailable.html", context, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class RequestTransactionMiddleware:
    """Runs a view that may write in one transaction; answers 503 when the database is
    unavailable. Last in MIDDLEWARE: it calls the view itself (Django calls no other
    middleware's process_view after a response), after CSRF and the others have looked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if request.method in READ_ONLY_METHODS:
            return None
        try:
            with transaction.atomic():
                return view(request, *args, **kwargs)
        except (OperationalError, InterfaceError) as error:
            # Raised here, the error does not reach process_exception: answer it the same way.
            response = self.process_exception(request, error)
            if response is None:
                raise
            return response

    def process_exception(self, request, exception):
        if not database_unavailable(exception):
            return None
        logger.warning("the database is unavailable: %s", exception)
        return unavailable_response(request)
