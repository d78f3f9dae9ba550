"""The draft request for omprövning, as a page and as plain text (the PDF is `web.downloads`').

Both the edit link and the read-only link serve them: an ombud prepares the request.
"""

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from assessments import reconsideration, rules
from assessments.web.access import draft_view, shared_view


def _request(assessment):
    draft = assessment.to_rules()
    request = reconsideration.build(draft, rules.calculate(draft))
    if request is None:
        raise Http404  # no decision to compare with
    return request


def request_page(request, assessment):
    content = _request(assessment)
    context = {
        "assessment": assessment,
        "request_draft": content,
        "text": reconsideration.plain_text(content),
        "disclaimer": reconsideration.DISCLAIMER,
        # The calendar file beside the request, under the same link (edit or read-only).
        "ics_url": request.path.removesuffix("omprovning/") + "frist.ics",
    }
    return TemplateResponse(request, "assessments/reconsideration.html", context)


def request_text(request, assessment):
    response = HttpResponse(
        reconsideration.plain_text(_request(assessment)), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="begaran-om-omprovning.txt"'
    return response


reconsideration_page = require_GET(draft_view(request_page))
reconsideration_text = require_GET(draft_view(request_text))
shared_reconsideration_page = require_GET(shared_view(request_page))
shared_reconsideration_text = require_GET(shared_view(request_text))
