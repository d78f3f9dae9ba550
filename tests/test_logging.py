"""No draft token and no row text in any log line (issue 13), through the logging the settings
configure: the main flows run with the configured handlers' output captured."""

import io
import logging
import sys
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from assessments.models import ShareLink
from assessments.pdf import render_summary
from behovsraknare.logfilters import MaskTokens, mask_tokens
from tests.factories import form_data, make_draft

NOTE = "Hemlig anteckning: behöver hjälp vid dusch ต้องการ ንምሕጻብ \ue000"


@pytest.fixture
def log_output():
    """What the handlers of settings.LOGGING write (pytest's own handlers left out)."""
    stream = io.StringIO()
    handlers = {
        handler
        for name in ("", "django.request", "django.server", "django.security.csrf", "weasyprint")
        for handler in logging.getLogger(name).handlers
        if isinstance(handler, logging.StreamHandler)
        and not type(handler).__module__.startswith("_pytest")
    }
    assert handlers, "settings.LOGGING configures a console handler"
    previous = {handler: handler.setStream(stream) for handler in handlers}
    yield stream
    for handler, old in previous.items():
        handler.setStream(old)


def assert_nothing_private(log: str, tokens: list[str]) -> None:
    for token in tokens:
        assert token not in log
    for word in ("Hemlig", "dusch", "ต้องการ", "ንምሕጻብ", "\ue000", "U+E000"):
        assert word not in log


@pytest.mark.django_db
def test_the_main_flows_log_no_token_and_no_note_text(log_output):
    browser = Client(raise_request_exception=False)
    draft = make_draft(rows=[{"note": NOTE}])
    row = draft.activities.get()
    row_url = reverse("assessments:activity", args=[draft.token, row.pk])

    saved = browser.post(
        row_url, form_data(row, note=NOTE + " igen"), headers={"HX-Request": "true"}
    )
    refused = Client(enforce_csrf_checks=True).post(row_url, form_data(row))
    unknown = browser.get(f"/b/{'A' * 43}/")
    link = ShareLink.objects.create(assessment=draft)
    wrong_link = browser.get(f"/l/{link.public_id}/{link.secret[:-1]}x/pdf/")
    render_summary(draft.to_rules(), printed_on=date(2026, 11, 22))  # glyphs missing: U+E000
    with connection.cursor() as cursor:  # the next page fails with a 500 and a traceback
        if connection.vendor == "postgresql":  # the rows' foreign key checks wait till commit
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("DROP TABLE assessments_activity")
    failed = browser.get(draft.get_absolute_url())

    assert (saved.status_code, refused.status_code, unknown.status_code) == (200, 403, 404)
    assert wrong_link.status_code == 404
    assert failed.status_code == 500
    log = log_output.getvalue()
    assert "Forbidden (CSRF cookie not set.): /b/<token>/rader/" in log
    assert "Internal Server Error: /b/<token>/" in log
    assert "Traceback" in log
    assert_nothing_private(log, [draft.token, "A" * 43, link.public_id, link.secret[:-1]])


def test_the_mask_covers_message_arguments_exceptions_and_the_request():
    token = "x" * 20 + "-_" + "Y" * 21
    try:
        raise ValueError(f"no draft at /b/{token}/fil/")
    except ValueError:
        record = logging.LogRecord(
            "gunicorn.error",
            logging.ERROR,
            __file__,
            1,
            "Error handling request %s",
            (f"/b/{token}/",),
            True,
        )
        record.exc_info = sys.exc_info()
    record.request = object()

    MaskTokens().filter(record)

    line = logging.Formatter().format(record)
    assert token not in line
    assert "Error handling request /b/<token>/" in line
    assert "no draft at /b/<token>/fil/" in line
    assert record.request is None
    assert mask_tokens(f"draft {token} opened") == "draft <token> opened"
    assert mask_tokens("GET /l/AbC_12-xyZ/s3cr3t/fil/ 200") == "GET /l/<token>/fil/ 200"
