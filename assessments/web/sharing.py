"""The read-only link for an ombud (issue: set the estimate against the decision).

The owner creates one link per draft and can revoke it; the link shows the figures and rows
and serves the PDF and the file (`web.downloads`), and nothing under it edits or deletes. The
edit link stays private. A revoked or wrong link gives the same 404 as a deleted draft.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from assessments import rules, timeline
from assessments.models import ShareLink
from assessments.presentation import RowView, present
from assessments.web.access import draft_view, shared_view


@require_GET
@shared_view
def shared(request, assessment):
    rows = assessment.rows()
    draft = assessment.to_rules(rows)
    shown = present(draft, rules.calculate(draft), rows=rows, view=RowView)
    context = {
        "assessment": assessment,
        "result": shown.result,
        "shown": shown,
        "day_plans": timeline.summaries(draft, shown.result),
        "link": assessment.share_link,
    }
    return TemplateResponse(request, "assessments/shared.html", context)


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
