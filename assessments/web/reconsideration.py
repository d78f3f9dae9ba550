"""The draft request for omprövning, as a page and as plain text (the PDF is `web.downloads`').

Both the edit link and the read-only link serve them: an ombud prepares the request.
"""

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from assessments import reconsideration, rules
from assessments.web.access import draft_view, shared_view


def _request(assessment):
    draft = assessment.to_rules()
    request = reconsideration.build(draft, rules.calculate(draft))
    if request is None:
        raise Http404  # no decision to compare with
    return request


def _printed_text(assessment) -> str:
    """The text to send, in the draft's print language (issue 21 item 5): the words of the
    request are written as it is built, so it is built inside."""
    with translation.override(assessment.print_language):
        return reconsideration.plain_text(_request(assessment))


def request_page(request, assessment):
    """The page in the reader's language; the text to copy in the print language, and beside
    it, when the two differ, the same text in the reader's language to read."""
    content = _request(assessment)
    printed = _printed_text(assessment)
    same = assessment.print_language == translation.get_language()
    context = {
        "assessment": assessment,
        "request_draft": content,
        "text": printed,
        "text_language": assessment.print_language,
        "text_language_name": print_language_name(assessment.print_language),
        "reader_text": "" if same else reconsideration.plain_text(content),
        "disclaimer": reconsideration.DISCLAIMER,
        # The calendar file beside the request, under the same link (edit or read-only).
        "ics_url": request.path.removesuffix("omprovning/") + "frist.ics",
    }
    return TemplateResponse(request, "assessments/reconsideration.html", context)


def print_language_name(code: str) -> str:
    return {"sv": _("svenska"), "en": _("engelska")}[code]


def request_text(request, assessment):
    response = HttpResponse(_printed_text(assessment), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="begaran-om-omprovning.txt"'
    return response


reconsideration_page = require_GET(draft_view(request_page))
reconsideration_text = require_GET(draft_view(request_text))
shared_reconsideration_page = require_GET(shared_view(request_page))
shared_reconsideration_text = require_GET(shared_view(request_text))
