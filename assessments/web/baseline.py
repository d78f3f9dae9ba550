"""The draft's baseline (issue 21 item 4) and the language of its printouts (item 5): plain
forms on the draft page, posted without JavaScript (post, redirect, get). A file that cannot be
read is refused whole: the page comes back with its reasons next to the file field, and
nothing else on the page is changed."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.forms import BaselineForm, PrintLanguageForm
from assessments.ratelimit import rate_limited
from assessments.web.access import draft_view
from assessments.web.page import render_draft


@require_POST
@draft_view
@rate_limited("import")
def set_baseline(request, assessment):
    form = BaselineForm(request.POST, request.FILES, auto_id="baseline-%s")
    if not form.is_valid():
        return render_draft(request, assessment, baseline_form=form, status=400)
    assessment.store({"baseline": form.stored, "baseline_decided": form.decided})
    messages.success(request, _("Filen är sparad som jämförelse. Ändringarna visas nedan."))
    return redirect(f"{assessment.get_absolute_url()}#baseline")


@require_POST
@draft_view
def remove_baseline(request, assessment):
    if assessment.baseline:
        assessment.store({"baseline": "", "baseline_decided": False})
        messages.success(request, _("Jämförelsefilen är borttagen."))
    return redirect(f"{assessment.get_absolute_url()}#baseline")


@require_POST
@draft_view
def set_print_language(request, assessment):
    form = PrintLanguageForm(request.POST, instance=assessment, auto_id="print-%s")
    if not form.is_valid():
        return render_draft(request, assessment, print_form=form, status=400)
    assessment.store({"print_language": form.cleaned_data["print_language"]})
    messages.success(request, _("Utskriftens språk är sparat."))
    return redirect(f"{assessment.get_absolute_url()}#actions")
