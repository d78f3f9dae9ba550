"""A re-download of an unchanged draft's PDF, served from the database for a short while.

The PDF holds health data, so where it lives and for how long is bounded (README, "Privacy"):
one row of CachedPdf per draft, appendix choice and language, served for PDF_CACHE_SECONDS
(300) after it was made, deleted with its draft (CASCADE), removed once expired by the next PDF
made on the site or by the daily `purge_drafts`, whichever comes first, and left out of every
backup (assessments.backups). It holds the draft's version and the print date it was made for:
a changed draft or a new day is a miss that replaces it.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import render_pool
from .models import CachedPdf


def summary(assessment, *, printed_on, appendix: bool) -> bytes:
    language = assessment.print_language  # whatever the page's (issue 21 item 5)
    choice = {"assessment": assessment, "appendix": appendix, "language": language}
    kept = CachedPdf.objects.filter(
        **choice, version=assessment.version, printed_on=printed_on, expires__gt=timezone.now()
    )
    body = kept.values_list("body", flat=True).first()
    if body is not None:
        return bytes(body)
    body = render_pool.render_summary(assessment, printed_on=printed_on, appendix=appendix)
    made = {"version": assessment.version, "printed_on": printed_on, "body": body}
    expires = timezone.now() + timedelta(seconds=settings.PDF_CACHE_SECONDS)
    try:
        with transaction.atomic():
            remove_expired()
            CachedPdf.objects.update_or_create(**choice, defaults={**made, "expires": expires})
    except IntegrityError:
        pass  # the draft was deleted while its PDF was made: there is nothing to keep it for
    return body


def remove_expired() -> int:
    """Delete every cached PDF past its time; how many."""
    return CachedPdf.objects.filter(expires__lte=timezone.now()).delete()[0]
