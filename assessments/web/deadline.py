"""The deadline's calendar file (`assessments.ics`), under the edit link and the read-only
link: an ombud adds the last day to their own calendar."""

from datetime import UTC

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from assessments import ics
from assessments.rules.deadline import deadline
from assessments.web.access import draft_view, shared_view


def calendar_file(request, assessment):
    last = deadline(assessment.to_rules(rows=[]).decision)
    if last is None:
        raise Http404  # no decision, or no date to count from
    body = ics.deadline_calendar(last, stamp=timezone.now().astimezone(UTC))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ics.filename(last)}"'
    return response


deadline_ics = require_GET(draft_view(calendar_file))
shared_deadline_ics = require_GET(shared_view(calendar_file))
