"""The read-only link for an ombud (issue: set the estimate against the decision).

The owner creates one link per draft and can revoke it; the link shows the figures and rows
and serves the PDF and the file, and nothing under it edits or deletes. The edit link stays
private. A revoked or wrong link gives the same 404 as a deleted draft.
"""

from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .models import ShareLink
from .rows import need_groups
from .rules import explain
from .rules.compare import compare
from .views import draft_view, file_response, pdf_response, private, read_only


def shared_view(view):
    """Find the draft by its read-only link, or answer like a draft that does not exist."""

    @private
    @wraps(view)
    def wrapper(request, public_id, secret, *args, **kwargs):
        link = ShareLink.find(public_id, secret)
        if link is None:
            raise Http404
        return view(request, link.assessment, *args, **kwargs)

    return wrapper


@require_GET
@shared_view
def shared(request, assessment):
    rows = assessment.rows()
    result = assessment.calculate(rows)
    context = {
        "assessment": assessment,
        "result": result,
        "row_groups": need_groups(result, rows),
        "comparison": compare(result),
        "claimed_verdict": explain.verdict_sentence(result, according=_("Enligt din beräkning")),
        "link": assessment.share_link,
    }
    return TemplateResponse(request, "assessments/shared.html", context)


shared_pdf = read_only(shared_view, pdf_response, pdf_budget=True)
shared_download = read_only(shared_view, file_response)


@require_POST
@draft_view
def share(request, assessment):
    """A new read-only link; one that existed stops working."""
    replaced, _count = ShareLink.objects.filter(assessment=assessment).delete()
    ShareLink.objects.create(assessment=assessment)
    if replaced:
        messages.success(request, _("En ny läslänk är skapad. Den gamla fungerar inte längre."))
    else:
        messages.success(request, _("Läslänken är skapad."))
    return redirect(f"{assessment.get_absolute_url()}#share")


@require_POST
@draft_view
def unshare(request, assessment):
    ShareLink.objects.filter(assessment=assessment).delete()
    messages.success(request, _("Läslänken är borttagen. Den fungerar inte längre."))
    return redirect(f"{assessment.get_absolute_url()}#share")
